/** `guichet-audit export` and `guichet-audit stats` (verify and key: audit-cli-verify.ts). */
import { existsSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';
import { ACTION_LABELS_FR, OUTCOME_LABELS_FR, type AuditAction, type AuditFilter, type StoredOutcome } from '../../shared/audit-events';
import { EXIT_OK, EXIT_USAGE, isSqliteFile, type CliIo } from './audit-cli-verify';
import { createAuditStore } from './audit-store';
import { keyPathFor } from './audit-writer';
import { loadSigningKey } from './checkpoint';
import { deskKeyFromCheckpointKey } from './desk-signing-key';
import { createFileKeystore } from './keystore';
import { describeKeyRecordFr, keyRecordOf } from './signing-key-vault';
import { openAuditDatabase } from './database';
import { eventStats } from './audit-query';
import { exportEvents } from './audit-export';
import { exportRecords } from './export-verify';

const fr = (n: number) => n.toLocaleString('fr-FR');

export { EXIT_BROKEN, EXIT_OK, EXIT_UNVOUCHED, EXIT_USAGE, keyCommand, verifyCommand, type CliIo } from './audit-cli-verify';

export async function exportCommand(
  dbPath: string,
  options: { format: 'csv' | 'jsonl'; separator: ',' | ';'; filter: AuditFilter; out: string; record: boolean; keyDir?: string },
  io: CliIo,
): Promise<number> {
  if (!existsSync(dbPath) || !isSqliteFile(dbPath)) {
    io.err(`Base d'audit introuvable ou invalide : ${dbPath}`);
    return EXIT_USAGE;
  }
  const outPath = resolve(options.out);
  const progress = ({ written, total }: { written: number; total: number }) => {
    if (written % 100_000 === 0 && written > 0) io.err(`… ${fr(written)} / ${fr(total)}`);
  };
  let result;
  if (options.record) {
    const store = createAuditStore({
      path: dbPath,
      workstation: hostname(),
      keystores: [createFileKeystore(options.keyDir ?? dirname(dbPath), { create: false })],
      createSigningKey: false,
    });
    try {
      result = await store.export({
        filter: options.filter,
        viewer: null,
        agent: { login: userInfo().username || 'inconnu', displayName: 'guichet-audit (ligne de commande)' },
        via: 'cli',
        format: options.format,
        separator: options.separator,
        outPath,
        onProgress: progress,
      });
    } finally {
      store.close();
    }
  } else {
    io.err("Attention : --no-record, cet export n'est pas inscrit dans le journal d'audit.");
    const signer = deskSignerFor(dbPath, options.keyDir);
    if (!signer) io.err("Attention : la clé du poste ne s'ouvre pas ici, cet export ne sera pas signé.");
    const db = openAuditDatabase(dbPath, { readonly: true, cacheSizeKiB: 4_096 });
    try {
      result = await exportEvents({
        db,
        filter: options.filter,
        viewer: null,
        format: options.format,
        separator: options.separator,
        outPath,
        exportedAt: new Date().toISOString(),
        signer,
        workstation: null,
        onProgress: progress,
      });
    } finally {
      db.close();
    }
  }
  const range = result.fromSeq === null ? 'aucun événement' : `n° ${result.fromSeq} à ${result.toSeq}`;
  io.out(`Export ${options.format.toUpperCase()} : ${fr(result.count)} événement(s) (${range}) → ${result.path}`);
  return EXIT_OK;
}

/** The desk's signing key, when the file keystore next to the trail (or in --key-dir) opens the checkpoint key. */
function deskSignerFor(dbPath: string, keyDir: string | undefined) {
  try {
    const hmacKey = loadSigningKey(keyPathFor(dbPath), [createFileKeystore(keyDir ?? dirname(dbPath), { create: false })], false);
    return hmacKey ? deskKeyFromCheckpointKey(hmacKey) : null;
  } catch {
    return null;
  }
}

export interface Tally {
  total: number;
  byAction: Map<string, number>;
  byOutcome: Map<string, number>;
  byAgent: Map<string, number>;
  first: string | null;
  last: string | null;
}

const bump = (map: Map<string, number>, key: string, by = 1) => map.set(key, (map.get(key) ?? 0) + by);

export function printTally(t: Tally, io: CliIo): void {
  io.out(`Événements : ${fr(t.total)}${t.first ? ` (du ${t.first} au ${t.last})` : ''}`);
  const section = (title: string, map: Map<string, number>, label: (key: string) => string) => {
    io.out(`\n${title}`);
    for (const [key, count] of [...map].sort((a, b) => b[1] - a[1])) io.out(`  ${label(key).padEnd(40)} ${fr(count).padStart(12)}`);
  };
  section('Par action', t.byAction, (k) => ACTION_LABELS_FR[k as AuditAction] ?? k);
  section('Par résultat', t.byOutcome, (k) => OUTCOME_LABELS_FR[k as StoredOutcome] ?? k);
  section('Par agent', t.byAgent, (k) => k || '(système)');
}

/** Counts by action, outcome and agent over a whole database or export (intents counted once, as operations). */
export async function statsCommand(file: string, io: CliIo): Promise<number> {
  if (!existsSync(file)) {
    io.err(`Fichier introuvable : ${file}`);
    return EXIT_USAGE;
  }
  const tally: Tally = { total: 0, byAction: new Map(), byOutcome: new Map(), byAgent: new Map(), first: null, last: null };
  if (isSqliteFile(file)) {
    const db = openAuditDatabase(file, { readonly: true });
    try {
      const stats = eventStats(db, {}, { login: '', role: 'supervisor' });
      tally.total = stats.total;
      for (const row of stats.perDay) {
        bump(tally.byAction, row.action, row.count);
        tally.first ??= row.day;
        tally.last = row.day;
      }
      for (const row of stats.perAgent) bump(tally.byAgent, row.login ?? '', row.count);
      const outcomes = db
        .prepare("SELECT CASE WHEN outcome = 'pending' AND seq IN (SELECT seq FROM open_intents) THEN 'unknown' ELSE outcome END AS o, count(*) AS n FROM events WHERE outcome <> 'pending' OR seq IN (SELECT seq FROM open_intents) GROUP BY o")
        .all() as Array<{ o: string; n: number }>;
      for (const row of outcomes) bump(tally.byOutcome, row.o, row.n);
    } finally {
      db.close();
    }
    printTally(tally, io);
    io.out(`\nClé de signature des points de contrôle : ${describeKeyRecordFr(keyRecordOf(keyPathFor(file)))}`);
    return EXIT_OK;
  } else {
    // An operation is counted once: by its outcome row, or as unknown while its intent has none.
    const open = new Map<number, { action: string; agent: string }>();
    const count = (action: string, outcome: string, agent: string) => {
      tally.total += 1;
      bump(tally.byAction, action);
      bump(tally.byOutcome, outcome);
      bump(tally.byAgent, agent);
    };
    for await (const r of exportRecords(file)) {
      const day = r.at.slice(0, 10);
      tally.first ??= day;
      tally.last = day;
      if (r.outcome === 'pending') open.set(r.seq, { action: r.action, agent: r.agentLogin ?? '' });
      else count(r.action, r.outcome, r.agentLogin ?? '');
      if (r.intentSeq !== null) open.delete(r.intentSeq);
    }
    for (const intent of open.values()) count(intent.action, 'unknown', intent.agent);
  }
  printTally(tally, io);
  return EXIT_OK;
}
