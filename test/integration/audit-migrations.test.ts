import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditDatabaseError, migrate, openAuditDatabase, schemaVersion } from '../../src/main/audit/database';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/main/audit/migrations';
import { createAuditStore } from '../../src/main/audit/audit-store';
import { createFileKeystore } from '../../src/main/audit/keystore';
import { LocalTrail } from '../../src/main/central-audit/local-trail';
import { accountViewed, signIn } from './support/audit-temp';

let dir: string;
let path: string;
const opened: Database.Database[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'guichet-migrations-'));
  path = join(dir, 'audit.sqlite');
});
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A database migrated up to `version` only. */
function at(version: number): Database.Database {
  const db = new Database(path);
  opened.push(db);
  migrate(db, MIGRATIONS.slice(0, version));
  expect(schemaVersion(db)).toBe(version);
  return db;
}

const insertRow = (db: Database.Database, seq: number, details = '{}', comment: string | null = null) =>
  db
    .prepare(
      `INSERT INTO events (seq, at, action, outcome, workstation, details, comment, prev_hash, hash)
       VALUES (?, '2026-01-01T00:00:00.000Z', 'sign-in', 'success', 'ws', ?, ?, zeroblob(32), zeroblob(32))`,
    )
    .run(seq, details, comment);

const names = (db: Database.Database, type: string) =>
  (db.prepare('SELECT name FROM sqlite_master WHERE type = ? ORDER BY name').pluck().all(type) as string[]).filter(
    (n) => !n.startsWith('sqlite_'),
  );

describe('audit migrations, one step at a time', () => {
  it('are numbered 1..n in order, with NNNN-what names', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    for (const m of MIGRATIONS) expect(m.name).toMatch(new RegExp(`^${String(m.version).padStart(4, '0')}-[a-z-]+$`));
  });

  it('0001 creates the chained event table, open intents and the anchor', () => {
    const db = at(1);
    expect(names(db, 'table')).toEqual(['chain_anchor', 'events', 'open_intents']);
    insertRow(db, 1);
    expect(() => db.prepare("INSERT INTO events (seq, at, action, outcome, workstation, prev_hash, hash) VALUES (2, 'x', 'a', 'maybe', 'w', zeroblob(32), zeroblob(32))").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO events (seq, at, action, outcome, workstation, prev_hash, hash) VALUES (2, 'x', 'a', 'success', 'w', zeroblob(3), zeroblob(32))").run()).toThrow(/CHECK/);
  });

  it('0002 adds one index per filter, used by the first-page query', () => {
    const db = at(2);
    expect(names(db, 'index')).toEqual(expect.arrayContaining(['events_by_agent', 'events_by_target', 'events_by_action', 'events_by_outcome', 'events_by_time']));
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT * FROM events WHERE agent_login = 'a' AND seq < 100 ORDER BY seq DESC LIMIT 50")
      .all()
      .map((r) => (r as { detail: string }).detail)
      .join(' ');
    expect(plan).toContain('events_by_agent');
    expect(plan).not.toContain('TEMP B-TREE');
  });

  it('0003 makes events append-only, with deletes only through the purge gate', () => {
    const db = at(3);
    insertRow(db, 1);
    insertRow(db, 2);
    expect(() => db.prepare("UPDATE events SET action = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events WHERE seq = 1').run()).toThrow(/append-only/);
    expect(() => db.prepare("INSERT INTO chain_anchor VALUES (1, 1, zeroblob(32), 'x')").run()).toThrow(/retention purge/);
    db.transaction(() => {
      db.prepare('UPDATE purge_gate SET open = 1').run();
      db.prepare('DELETE FROM events WHERE seq = 1').run();
      db.prepare("INSERT INTO chain_anchor VALUES (1, 1, zeroblob(32), 'x')").run();
      db.prepare('UPDATE purge_gate SET open = 0').run();
    })();
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);
    expect(() => db.prepare('DELETE FROM events WHERE seq = 2').run()).toThrow(/append-only/);
  });

  it('0004 adds the trigram index; rows already there are indexed by the store, JSON keys and enumerated values left out', () => {
    const db = at(3);
    insertRow(db, 1, '{"note":"Sécurité renforcée","source":"search"}');
    insertRow(db, 2, '{}', 'appel du secrétariat');
    insertRow(db, 3, '{"source":"search"}');
    migrate(db, MIGRATIONS.slice(0, 4));
    expect(db.prepare('SELECT seq FROM fts_watermark').pluck().get()).toBe(0);
    db.close();
    const store = createAuditStore({ path, workstation: 'w', keystores: [createFileKeystore(dir)] });
    // Rows written without a checkpoint: the store records that at start (the 4th event).
    expect(store.db.prepare('SELECT action FROM events WHERE seq = 4').pluck().get()).toBe('integrity-alarm');
    expect(store.indexPending()).toBe(4);
    const match = (q: string) => store.db.prepare('SELECT rowid FROM events_fts WHERE events_fts MATCH ? ORDER BY rowid').pluck().all(q);
    expect(match('"securite"')).toEqual([1]);
    expect(match('"secr"')).toEqual([2]);
    expect(match('"note"')).toEqual([]);
    expect(match('"search"')).toEqual([]);
    store.db.transaction(() => {
      store.db.prepare('UPDATE purge_gate SET open = 1').run();
      store.db.prepare('DELETE FROM events WHERE seq = 1').run();
      store.db.prepare('UPDATE purge_gate SET open = 0').run();
    })();
    expect(match('"securite"')).toEqual([]);
    store.close();
  });

  it('0005 adds the verify runs (integrity badge)', () => {
    const db = at(5);
    expect(names(db, 'table')).toContain('verify_runs');
  });

  it('0006 empties the text index and its watermark: the store indexes every event again, agents and accounts included', () => {
    const db = at(5);
    db.prepare(
      `INSERT INTO events (seq, at, action, outcome, workstation, details, comment, agent_login, agent_name, target_login, target_dn, prev_hash, hash)
       VALUES (1, '2026-01-01T00:00:00.000Z', 'account-viewed', 'success', 'ws', '{}', 'appel du secrétariat', 'mdurand', 'Marie Durand', 'jdupont', 'uid=jdupont,ou=people,dc=x', zeroblob(32), zeroblob(32))`,
    ).run();
    // As the version before indexed it: the comment only, the watermark past it.
    db.prepare("INSERT INTO events_fts (rowid, body) VALUES (1, 'appel du secrétariat')").run();
    db.prepare('UPDATE fts_watermark SET seq = 1').run();
    const match = (d: Database.Database, q: string) => d.prepare('SELECT rowid FROM events_fts WHERE events_fts MATCH ? ORDER BY rowid').pluck().all(q);
    expect(match(db, '"jdupont"')).toEqual([]);
    db.close();
    const store = createAuditStore({ path, workstation: 'w', keystores: [createFileKeystore(dir)] });
    expect(store.db.prepare('SELECT seq FROM fts_watermark').pluck().get()).toBe(0);
    // Every event again (the store may have recorded what it found at start, too).
    expect(store.indexPending()).toBe(store.db.prepare('SELECT count(*) FROM events').pluck().get());
    expect(match(store.db, '"jdupont"')).toEqual([1]);
    expect(match(store.db, '"Durand"')).toEqual([1]);
    expect(match(store.db, '"secr"')).toEqual([1]);
    store.close();
  });

  it('0007 adds one forwarding watermark per target (central, syslog), never negative, outside the append-only events', () => {
    const db = at(7);
    insertRow(db, 1);
    const set = db.prepare("INSERT INTO forward_watermarks (target, seq, updated_at) VALUES (?, ?, 'x') ON CONFLICT (target) DO UPDATE SET seq = excluded.seq");
    set.run('central', 1);
    set.run('central', 0);
    set.run('syslog', 1);
    expect(db.prepare('SELECT target, seq FROM forward_watermarks ORDER BY target').all()).toEqual([{ target: 'central', seq: 0 }, { target: 'syslog', seq: 1 }]);
    expect(() => set.run('elsewhere', 1)).toThrow(/CHECK/);
    expect(() => set.run('syslog', -1)).toThrow(/CHECK/);
  });

  it('each step is applied once, in its own transaction, up to the latest', () => {
    const db = at(2);
    expect(migrate(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(migrate(db)).toBe(LATEST_SCHEMA_VERSION);
  });

  it('a failing step leaves the database at the previous version', () => {
    const db = at(1);
    const broken = [...MIGRATIONS.slice(0, 1), { version: 2, name: '0002-broken', up: (d: Database.Database) => d.exec('CREATE TABLE x (a); SELECT nope FROM nowhere;') }];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(names(db, 'table')).not.toContain('x');
  });
});

/** Main's steps as released before forwarding (schema 6): a desk upgrading holds exactly these. */
const MAIN_RELEASED = ['0001-create-events', '0002-query-indexes', '0003-append-only', '0004-full-text', '0005-verify-runs', '0006-index-people'];

describe('a desk upgrading from the release at schema 6', () => {
  it('runs the same first six steps, so its database is what that release left', () => {
    expect(MIGRATIONS.slice(0, MAIN_RELEASED.length).map((m) => m.name)).toEqual(MAIN_RELEASED);
  });

  it('migrates to the head: events and chain kept, the forwarding watermarks start at zero', async () => {
    // A fixed clock: the two appends must fall in one hour (and one day) for the counts' checks below.
    const open = () => createAuditStore({ path, workstation: 'w', keystores: [createFileKeystore(dir)], now: () => new Date('2026-03-10T10:15:00.000Z') });
    let store = open();
    store.append(signIn());
    store.append(accountViewed());
    store.close();
    // Back to what schema 6 leaves on disk: no watermark table, no count tables, user_version 6.
    const raw = new Database(path);
    raw.exec('DROP TABLE forward_watermarks');
    raw.exec('DROP TRIGGER events_count; DROP TRIGGER open_intents_count; DROP TRIGGER open_intents_uncount');
    raw.exec('DROP TABLE counts_day_action; DROP TABLE counts_day_agent; DROP TABLE counts_day_agent_action');
    raw.exec('DROP TRIGGER events_count_hour_month; DROP TRIGGER open_intents_count_hour_month; DROP TRIGGER open_intents_uncount_hour_month');
    raw.exec('DROP TABLE counts_hour_action; DROP TABLE counts_hour_agent; DROP TABLE counts_month_agent; DROP TABLE counts_month_agent_action');
    raw.pragma('user_version = 6');
    expect(names(raw, 'table')).not.toContain('forward_watermarks');
    raw.close();
    store = open();
    try {
      expect(schemaVersion(store.db)).toBe(LATEST_SCHEMA_VERSION);
      expect(LATEST_SCHEMA_VERSION).toBe(9);
      // The charts' counts start from the events already there (steps 8 and 9).
      const day = store.db.prepare('SELECT substr(at, 1, 10) FROM events ORDER BY seq LIMIT 1').pluck().get() as string;
      expect(store.db.prepare('SELECT day, action, success FROM counts_day_action ORDER BY action').all()).toEqual([
        { day, action: 'account-viewed', success: 1 },
        { day, action: 'sign-in', success: 1 },
      ]);
      const hour = store.db.prepare('SELECT substr(at, 1, 13) FROM events ORDER BY seq LIMIT 1').pluck().get() as string;
      expect(hour).toBe('2026-03-10T10');
      expect(store.db.prepare('SELECT hour, action, success FROM counts_hour_action ORDER BY action').all()).toEqual([
        { hour, action: 'account-viewed', success: 1 },
        { hour, action: 'sign-in', success: 1 },
      ]);
      expect(store.db.prepare('SELECT month, sum(success) AS success FROM counts_month_agent GROUP BY month').all()).toEqual([{ month: day.slice(0, 7), success: 2 }]);
      expect(store.db.prepare("SELECT action FROM events WHERE action IN ('sign-in', 'account-viewed') ORDER BY seq").pluck().all()).toEqual(['sign-in', 'account-viewed']);
      expect(await store.verify({ full: true })).toMatchObject({ intact: true });
      const central = new LocalTrail(store.db, 'central');
      expect(central.watermark()).toBe(0);
      central.setWatermark(2);
      expect(new LocalTrail(store.db, 'central').watermark()).toBe(2);
      expect(new LocalTrail(store.db, 'syslog').watermark()).toBe(0);
    } finally {
      store.close();
    }
  });
});

describe('a database newer than the app', () => {
  it('is refused with a clear French message, read-write or read-only, and left untouched', () => {
    const db = new Database(path);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openAuditDatabase(path)).toThrow(AuditDatabaseError);
    expect(() => openAuditDatabase(path)).toThrow(/plus récent que celui de cette version de Guichet.*mettez Guichet à jour/);
    expect(() => openAuditDatabase(path, { readonly: true })).toThrow(/plus récent/);
    expect(() => createAuditStore({ path, workstation: 'w', keystores: [createFileKeystore(dir)] })).toThrow(/plus récent/);
    const check = new Database(path);
    expect(schemaVersion(check)).toBe(LATEST_SCHEMA_VERSION + 1);
    check.close();
  });

  it('an older one is brought up to date on open, and read-only opening asks for that first', () => {
    at(2).close();
    expect(() => openAuditDatabase(path, { readonly: true })).toThrow(/plus ancien/);
    const db = openAuditDatabase(path);
    opened.push(db);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('temp_store', { simple: true })).toBe(2); // MEMORY: nothing spills to temp files
  });
});
