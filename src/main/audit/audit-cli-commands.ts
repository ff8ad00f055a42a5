/** The guichet-audit commands (verify, export, stats) over a database or an exported file, with their exit codes. */
import { existsSync, openSync, readSync, closeSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';
import { ACTION_LABELS_FR, OUTCOME_LABELS_FR, type AuditAction, type AuditFilter, type StoredOutcome } from '../../shared/audit-events';
import type { IntegrityBreak } from '../../shared/contract/audit';
import { createAuditStore } from './audit-store';
import { keyPathFor, checkpointPathFor } from './audit-writer';
import { verifyDatabase } from './audit-verify';
import { loadSigningKey } from './checkpoint';
import { createFileKeystore } from './keystore';
import { describeKeyRecordFr, keyRecordOf } from './signing-key-vault';
import { openAuditDatabase } from './database';
import { eventStats } from './audit-query';
import { exportEvents } from './audit-export';
import { readExportFile, verifyExportFile } from './export-verify';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export const EXIT_OK = 0;
export const EXIT_BROKEN = 1;
export const EXIT_USAGE = 2;

export const REASONS_FR: Record<IntegrityBreak, string> = {
  altered: 'événement modifié',
  missing: 'événement(s) manquant(s)',
  reordered: 'événements réordonnés',
  truncated: 'derniers événements supprimés (le point de contrôle ou l’en-tête indique une fin plus loin)',
  'checkpoint-signature': 'point de contrôle absent, illisible ou à la signature invalide',
};

const fr = (n: number) => n.toLocaleString('fr-FR');

/** SQLite files start with this header; anything else is treated as an export. */
export function isSqliteFile(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(16);
    readSync(fd, buffer, 0, 16, 0);
    return buffer.toString('latin1') === 'SQLite format 3\0';
  } finally {
    closeSync(fd);
  }
}

/** The checkpoint key, when this machine can open it (file keystore next to the database or in --key-dir). */
function signingKeyFor(dbPath: string, keyDir: string | undefined): Buffer | null {
  const keystore = createFileKeystore(keyDir ?? dirname(dbPath), { create: false });
  try {
    return loadSigningKey(keyPathFor(dbPath), [keystore], false);
  } catch {
    return null;
  }
}

export async function verifyCommand(file: string, options: { keyDir?: string }, io: CliIo): Promise<number> {
  if (!existsSync(file)) {
    io.err(`Fichier introuvable : ${file}`);
    return EXIT_USAGE;
  }
  if (!isSqliteFile(file)) {
    const result = await verifyExportFile(file);
    if (!result.intact) {
      io.out(`ALTÉRÉ : export ${result.format?.toUpperCase() ?? ''} en défaut au n° ${result.firstBadSeq} — ${REASONS_FR[result.reason]}.`);
      return EXIT_BROKEN;
    }
    const range = result.fromSeq === null ? 'aucun événement' : `n° ${result.fromSeq} à ${result.toSeq}`;
    io.out(
      `Intègre : export ${result.format.toUpperCase()} de ${fr(result.events)} événement(s) (${range}), ` +
        (result.contiguous ? 'chaîne continue vérifiée de bout en bout.' : 'export filtré : chaque ligne vérifiée, et la chaîne entre lignes consécutives.'),
    );
    return EXIT_OK;
  }
  const key = signingKeyFor(file, options.keyDir);
  const db = openAuditDatabase(file, { readonly: true, cacheSizeKiB: 4_096 });
  try {
    const { result } = await verifyDatabase(db, { key, checkpointPath: checkpointPathFor(file) });
    if (!result.intact) {
      io.out(`ALTÉRÉ : premier numéro en défaut ${result.firstBadSeq} — ${REASONS_FR[result.reason]}.`);
      return EXIT_BROKEN;
    }
    const checkpoint =
      result.checkpoint === 'signed'
        ? 'point de contrôle signé vérifié'
        : result.checkpoint === 'unsigned'
          ? `point de contrôle présent mais signature NON vérifiée (clé indisponible ici : ${describeKeyRecordFr(keyRecordOf(keyPathFor(file)))})`
          : 'aucun point de contrôle';
    io.out(`Intègre : ${fr(result.events)} événement(s) vérifié(s), n° ${result.fromSeq} à ${result.headSeq} ; ${checkpoint}.`);
    return EXIT_OK;
  } finally {
    db.close();
  }
}

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
    for await (const item of readExportFile(file)) {
      if (item.kind !== 'record') continue;
      const r = item.record;
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
