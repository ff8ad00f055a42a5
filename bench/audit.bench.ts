/**
 * Audit store benchmark: `npm run bench:audit [-- --events 1000000 --sample 20000]`.
 *
 * 1. Append rate, one transaction per event, synchronous=FULL, through the store (validation,
 *    chain hash, full-text index, signed checkpoint) next to a bare better-sqlite3 insert into a
 *    table of the same columns and indexes with the same pragmas, in the same run, in
 *    alternating blocks so both see the same disk.
 * 2. N events generated through the same code path (appendMany: big transactions).
 * 3. First page of each filter kind, free text, role-restricted view: p50/p95.
 * 4. Export of all N events (JSONL and CSV): throughput and peak RSS.
 * 5. Full verify, then incremental verify after 1,000 more events.
 *
 * Throughputs are wall-clock; the CPU time of the same work is given next to them, with the
 * load average, because a shared machine can halve the first without touching the second.
 *
 * Report printed and written to bench/results/audit.json.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { createAuditStore, type AuditStore } from '../src/main/audit/audit-store';
import { createFileKeystore } from '../src/main/audit/keystore';
import { openAuditDatabase } from '../src/main/audit/database';
import { verifyExportFile } from '../src/main/audit/export-verify';
import type { AuditEventInput, AuditFilter } from '../src/shared/audit-events';
import { AGENTS, makeEvent, pick, rand, TARGET_COUNT } from './support/generated-events';
import { figureTable, load, percentile, round } from './support/report';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    sample: { type: 'string', default: '20000' },
    'append-seconds': { type: 'string', default: '15' },
    runs: { type: 'string', default: '60' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'verify-export': { type: 'boolean', default: false },
  },
});
const EVENTS = Number(values.events);
const SAMPLE = Number(values.sample);
const APPEND_SECONDS = Number(values['append-seconds']);
const RUNS = Number(values.runs);
const DAY = 86_400_000;

const { figures, figure } = figureTable(58);
/** Wall-clock and CPU seconds of a piece of work. */
async function timed<T>(work: () => T | Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  const value = await work();
  const cpu = process.cpuUsage(cpu0);
  return { value, wall: (performance.now() - wall0) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}

function newStore(path: string, now?: () => Date): AuditStore {
  return createAuditStore({ path, workstation: 'GUICHET-BENCH', keystores: [createFileKeystore(dirname(path))], ...(now ? { now } : {}) });
}

// ---------------------------------------------------------------------------------------

async function appendRate(dir: string): Promise<void> {
  console.log(`\n1. Ajout, une transaction par événement, synchronous=FULL (échantillon ≤ ${SAMPLE}, ≤ ${APPEND_SECONDS} s chacun)`);
  const store = newStore(join(dir, 'append-store.sqlite'));
  const bare = openBare(join(dir, 'append-bare.sqlite'));
  const events = Array.from({ length: SAMPLE }, (_, i) => makeEvent(i));
  // The floor inserts the very same events, their values prepared beforehand.
  const rows = events.map((event, i) => bareRow(i + 1, event));
  let storeDone = 0;
  let bareDone = 0;
  let storeMs = 0;
  let bareMs = 0;
  // Paired blocks: each block of the store runs right after one of the floor, so a burst of
  // load from a neighbour hits one pair; the median of the pairs' ratios ignores it.
  const pairRatios: number[] = [];
  const block = 250;
  while ((storeDone < SAMPLE || bareDone < SAMPLE) && storeMs + bareMs < APPEND_SECONDS * 2000) {
    let t = performance.now();
    const bareFrom = bareDone;
    for (let i = 0; i < block && bareDone < SAMPLE; i += 1) bare.insert(rows[bareDone++]!);
    const bareBlockMs = performance.now() - t;
    bareMs += bareBlockMs;
    t = performance.now();
    const storeFrom = storeDone;
    for (let i = 0; i < block && storeDone < SAMPLE; i += 1) store.append(events[storeDone++]!);
    const storeBlockMs = performance.now() - t;
    storeMs += storeBlockMs;
    if (bareDone - bareFrom === block && storeDone - storeFrom === block) pairRatios.push(bareBlockMs / storeBlockMs);
  }
  const storeRate = (storeDone / storeMs) * 1000;
  const bareRate = (bareDone / bareMs) * 1000;
  const pairMedian = percentile(pairRatios, 50);
  figure({ name: 'append via store (validation, chain, FTS, checkpoint)', value: Math.round(storeRate), unit: 'évén./s', note: `${storeDone} événements` });
  figure({ name: 'append bare better-sqlite3 (same columns, indexes, pragmas)', value: Math.round(bareRate), unit: 'évén./s', note: `${bareDone} lignes` });
  figure({ name: 'append store / bare, whole run', value: round(storeRate / bareRate, 2), unit: '×' });
  figure({
    name: 'append store / bare, median of paired blocks',
    value: round(pairMedian, 2),
    unit: '×',
    target: '≥ 0.7',
    pass: pairMedian >= 0.7,
    note: `${pairRatios.length} paires de ${block}; quartiles ${round(percentile(pairRatios, 25), 2)}–${round(percentile(pairRatios, 75), 2)}`,
  });
  store.close();
  bare.close();
}

function openBare(path: string) {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -65536');
  db.exec(`CREATE TABLE events (
      seq INTEGER PRIMARY KEY, at TEXT NOT NULL, action TEXT NOT NULL, outcome TEXT NOT NULL, intent_seq INTEGER,
      agent_login TEXT, agent_name TEXT, workstation TEXT NOT NULL, target_login TEXT, target_dn TEXT,
      evidence TEXT NOT NULL, directory_code INTEGER, details TEXT NOT NULL, comment TEXT, prev_hash BLOB NOT NULL, hash BLOB NOT NULL
    ) STRICT;
    CREATE INDEX events_by_agent ON events(agent_login, seq);
    CREATE INDEX events_by_target ON events(target_login, seq);
    CREATE INDEX events_by_action ON events(action, seq);
    CREATE INDEX events_by_outcome ON events(outcome, seq);
    CREATE INDEX events_by_time ON events(at);
    CREATE INDEX events_by_intent ON events(intent_seq) WHERE intent_seq IS NOT NULL;`);
  const statement = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insert = db.transaction((row: unknown[]) => statement.run(...row));
  return { insert: (row: unknown[]) => insert.immediate(row), close: () => db.close() };
}

function bareRow(seq: number, event: AuditEventInput): unknown[] {
  return [
    seq,
    new Date().toISOString(),
    event.action,
    event.outcome,
    null,
    event.agent?.login ?? null,
    event.agent?.displayName ?? null,
    'GUICHET-BENCH',
    event.target?.login ?? null,
    event.target?.dn ?? null,
    JSON.stringify(event.evidence ?? []),
    event.directoryCode ?? null,
    JSON.stringify(event.details),
    event.comment ?? null,
    randomBytes(32),
    randomBytes(32),
  ];
}

// ---------------------------------------------------------------------------------------

async function generate(path: string): Promise<AuditStore> {
  console.log(`\n2. Génération de ${EVENTS.toLocaleString('fr-FR')} événements (appendMany, lots de 10 000, même chemin de code)`);
  const start = Date.now() - 365 * DAY;
  let clock = start;
  const step = (365 * DAY) / (EVENTS + 2_000);
  const store = newStore(path, () => new Date((clock += step)));
  const { wall, cpu } = await timed(() => {
    for (let done = 0; done < EVENTS; ) {
      const size = Math.min(10_000, EVENTS - done);
      store.appendMany(Array.from({ length: size }, (_, i) => makeEvent(done + i)));
      done += size;
      if (done % 200_000 === 0) process.stdout.write(`  … ${done.toLocaleString('fr-FR')} (charge ${load()[0]})\n`);
    }
  });
  // Real intents: some settled, some left without outcome (shown unknown).
  for (let i = 0; i < 100; i += 1) {
    const { outcome: _drop, ...intent } = makeEvent(i) as AuditEventInput & { outcome: string };
    const handle = store.beginIntent(intent as never);
    if (i % 2 === 0) store.settle(handle, 'success');
  }
  figure({ name: 'generation through appendMany', value: Math.round(EVENTS / wall), unit: 'évén./s', note: `${round(wall)} s wall, ${round(cpu)} s CPU` });
  figure({ name: 'database size', value: Math.round(statSync(path).size / 1024 / 1024), unit: 'Mio' });
  return store;
}

// ---------------------------------------------------------------------------------------

function queries(store: AuditStore): void {
  console.log(`\n3. Requêtes, première page de 50 (${RUNS} exécutions par type, valeurs variées)`);
  const supervisor = { login: 'chef', role: 'supervisor' as const };
  const year = Date.now() - 365 * DAY;
  const day = (offset: number) => new Date(year + offset * DAY).toISOString().slice(0, 10);
  const kinds: Array<[string, () => AuditFilter, number, { login: string; role: 'agent' | 'supervisor' }?]> = [
    ['no filter', () => ({}), 20],
    ['agent', () => ({ agent: pick(AGENTS).login }), 20],
    ['target (account history)', () => ({ target: `etu${Math.floor(rand() * TARGET_COUNT)}` }), 20],
    ['action', () => ({ action: pick(['password-reset', 'account-unlock', 'notification-failed', 'sign-in-refused', 'consent-change'] as const) }), 20],
    ['outcome success/failure/denied', () => ({ outcome: pick(['success', 'failure', 'denied'] as const) }), 20],
    ['outcome unknown (incl. intents without outcome)', () => ({ outcome: 'unknown' }), 20],
    ['date range (one week, anywhere in the year)', () => {
      const from = Math.floor(rand() * 355);
      return { from: day(from), to: day(from + 7) };
    }, 20],
    ['agent + action + outcome', () => ({ agent: pick(AGENTS).login, action: 'password-reset', outcome: 'success' }), 20],
    ['role rule: agent viewer, no filter', () => ({}), 20, { login: pick(AGENTS).login, role: 'agent' }],
    ['free text, common (e.g. "scolarité")', () => ({ text: pick(['scolarite', 'secrétariat', 'ALERTES', 'bibliothèque', 'g***.com']) }), 100],
    ['free text, rare (e.g. "dossier 41234")', () => ({ text: `dossier ${Math.floor(rand() * 100_000)}` }), 100],
  ];
  for (const [name, make, target, viewer] of kinds) {
    for (let i = 0; i < 3; i += 1) store.query(make(), viewer ?? supervisor);
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const filter = make();
      const t = performance.now();
      store.query(filter, viewer ?? supervisor, { limit: 50 });
      samples.push(performance.now() - t);
    }
    const p95 = percentile(samples, 95);
    figure({ name: `first page p95: ${name}`, value: round(p95, 2), unit: 'ms', target: `< ${target} ms`, pass: p95 < target, note: `p50 ${round(percentile(samples, 50), 2)} ms` });
  }
  // Keyset: page 20 costs what page 1 costs.
  let after: number | null | undefined;
  for (let i = 0; i < 20; i += 1) after = store.query({ agent: 'agent07' }, supervisor, after ? { after } : {}).nextAfter;
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t = performance.now();
    store.query({ agent: 'agent07' }, supervisor, { after: after ?? undefined });
    samples.push(performance.now() - t);
  }
  figure({ name: 'page 21 (keyset) p95: agent', value: round(percentile(samples, 95), 2), unit: 'ms', target: '< 20 ms', pass: percentile(samples, 95) < 20 });
  const t = performance.now();
  store.stats({ from: day(300), to: day(330) }, supervisor);
  figure({ name: 'stats over one month (per day × action, per agent)', value: round(performance.now() - t), unit: 'ms' });
}

// ---------------------------------------------------------------------------------------

async function exports(store: AuditStore, dir: string): Promise<void> {
  console.log(`\n4. Export de tous les événements (flux, mémoire constante)`);
  for (const format of ['jsonl', 'csv'] as const) {
    const outPath = join(dir, `export.${format}`);
    // Flat memory: what stays in memory (RSS right after a full garbage collection) once half
    // of the events are written and once all are is the same: nothing grows with the size.
    // Without --expose-gc (the npm script passes it) the raw RSS peaks of each half are compared.
    const gc = (globalThis as { gc?: () => void }).gc;
    const settled = () => {
      gc?.();
      return process.memoryUsage().rss;
    };
    const before = settled();
    let half = before;
    let halfTaken = false;
    let peak = before;
    const { value: result, wall, cpu } = await timed(() => store.export({
      filter: {},
      viewer: null,
      agent: { login: 'bench', displayName: 'Benchmark' },
      via: 'console',
      format,
      separator: ';',
      outPath,
      onProgress: ({ written, total }) => {
        peak = Math.max(peak, process.memoryUsage().rss);
        if (!halfTaken && written >= total / 2) {
          halfTaken = true;
          half = gc ? settled() : peak;
        }
      },
    }));
    const end = gc ? settled() : peak;
    const rate = result.count / wall;
    figure({
      name: `export ${format.toUpperCase()} throughput`,
      value: Math.round(rate),
      unit: 'évén./s',
      target: '> 100 000',
      pass: rate > 100_000,
      note: `${Math.round(result.bytes / 1024 / 1024)} Mio; ${Math.round(result.count / cpu)} évén. par seconde CPU`,
    });
    const mib = (n: number) => Math.round(n / 1024 / 1024);
    const growth = (end - half) / 1024 / 1024;
    figure({
      name: `export ${format.toUpperCase()} memory growth, all events vs half${gc ? ' (after GC)' : ' (raw RSS peaks)'}`,
      value: Math.round(growth),
      unit: 'Mio',
      target: '≤ 16 Mio (flat)',
      pass: growth <= 16,
      note: `RSS ${mib(before)} before, ${mib(half)} at half, ${mib(end)} at the end; peak ${mib(peak)}`,
    });
    if (format === 'jsonl' && values['verify-export']) {
      const tv = performance.now();
      const check = await verifyExportFile(outPath);
      figure({ name: 'verify exported JSONL (CLI code path)', value: Math.round(result.count / ((performance.now() - tv) / 1000)), unit: 'évén./s', note: check.intact ? 'intact' : 'BROKEN' });
    }
    rmSync(outPath, { force: true });
  }
}

async function verification(store: AuditStore): Promise<void> {
  console.log(`\n5. Vérification de la chaîne`);
  const { value: full, wall, cpu } = await timed(() => store.verify({ full: true }));
  const events = full.intact ? full.events : 0;
  figure({ name: 'full verify', value: Math.round(events / wall), unit: 'évén./s', note: `${round(wall)} s, intact=${full.intact}; ${Math.round(events / cpu)} par seconde CPU` });
  store.appendMany(Array.from({ length: 1_000 }, (_, i) => makeEvent(i)));
  const t = performance.now();
  const incremental = await store.verify();
  figure({ name: 'incremental verify after 1,000 appends', value: round(performance.now() - t), unit: 'ms', note: `${incremental.intact ? incremental.events : 0} événements, mode ${incremental.mode}` });
}

// ---------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const dir = values.dir ?? mkdtempSync(join(tmpdir(), 'guichet-audit-bench-'));
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const probe = new Database(':memory:');
  const sqlite = probe.prepare('SELECT sqlite_version()').pluck().get() as string;
  probe.close();
  const loadAtStart = load();
  console.log(
    `Guichet — banc d'essai de l'audit : ${EVENTS.toLocaleString('fr-FR')} événements, ${cpus().length} cœurs, Node ${process.versions.node}, SQLite ${sqlite}, charge ${loadAtStart.join(' ')}`,
  );
  try {
    await appendRate(dir);
    const store = await generate(join(dir, 'audit.sqlite'));
    queries(store);
    await exports(store, dir);
    await verification(store);
    store.close();
    // The file opens read-only as the CLI would (no migration pending).
    openAuditDatabase(join(dir, 'audit.sqlite'), { readonly: true }).close();
  } finally {
    if (!values.keep && !values.dir) rmSync(dir, { recursive: true, force: true });
  }
  const totalSeconds = round((performance.now() - started) / 1000);
  console.log(`\nDurée totale : ${totalSeconds} s`);
  const report = {
    benchmark: 'audit',
    at: new Date().toISOString(),
    events: EVENTS,
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? '', node: process.versions.node, sqlite },
    loadAverage: { start: loadAtStart, end: load() },
    durationSeconds: totalSeconds,
    figures,
  };
  const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'audit.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`Rapport : ${out}`);
}

await main();
