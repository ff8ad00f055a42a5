/** Real audit stores on real SQLite files in temporary folders, and a raw connection to tamper with them. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AuditEventInput } from '../../../src/shared/audit-events';
import { createAuditStore, type AuditStore } from '../../../src/main/audit/audit-store';
import type { AuditStoreOptions } from '../../../src/main/audit/audit-writer';
import { createFileKeystore } from '../../../src/main/audit/keystore';

import { AGENT, TARGET, type Person } from '../../support/audit-inputs';

export { AGENT, OTHER_AGENT, SUPERVISOR, TARGET, type Person } from '../../support/audit-inputs';

export interface TempAudit {
  dir: string;
  path: string;
  store: AuditStore;
  open(options?: Partial<AuditStoreOptions>): AuditStore;
  cleanup(): void;
}

export function tempAudit(options: Partial<AuditStoreOptions> = {}): TempAudit {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-audit-'));
  const path = join(dir, 'audit.sqlite');
  const opened: AuditStore[] = [];
  const open = (more: Partial<AuditStoreOptions> = {}) => {
    const store = createAuditStore({
      path,
      workstation: 'GUICHET-TEST-01',
      keystores: [createFileKeystore(dir)],
      ...options,
      ...more,
    });
    opened.push(store);
    return store;
  };
  const store = open();
  return {
    dir,
    path,
    store,
    open,
    cleanup() {
      for (const s of opened) s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function signIn(agent: Person = AGENT): AuditEventInput {
  return { action: 'sign-in', outcome: 'success', agent, details: { mode: 'online', role: 'agent' } };
}

export function accountViewed(agent: Person = AGENT, target: { login: string; dn: string | null } = TARGET): AuditEventInput {
  return { action: 'account-viewed', outcome: 'success', agent, target, details: { source: 'search' } };
}

/** A raw connection that bypasses the store, triggers dropped: what an attacker with file access can do. */
export function tamper(path: string, sql: (db: Database.Database) => void): void {
  const db = new Database(path);
  try {
    db.exec('DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete;');
    sql(db);
  } finally {
    db.close();
  }
}

/** Swaps everything but the sequence number between two rows (reordering). */
export function swapRows(path: string, a: number, b: number): void {
  tamper(path, (db) => {
    const columns = (db.prepare('SELECT * FROM events LIMIT 1').columns() as Array<{ name: string }>)
      .map((c) => c.name)
      .filter((n) => n !== 'seq');
    const read = (seq: number) => db.prepare('SELECT * FROM events WHERE seq = ?').get(seq) as Record<string, unknown>;
    const ra = read(a);
    const rb = read(b);
    const update = db.prepare(`UPDATE events SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE seq = @seq`);
    db.transaction(() => {
      update.run({ ...rb, seq: a });
      update.run({ ...ra, seq: b });
    })();
  });
}
