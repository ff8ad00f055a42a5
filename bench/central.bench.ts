/**
 * Central audit store benchmark: `npm run bench:central [-- --events 1000000 --desks 20 --per-desk 25000]`.
 * PostgreSQL 15 with fsync on (as in production), on this machine, next to its floors in the same run:
 *
 * 1. Forwarding a local trail of N events (the real forwarder: SQLite reads after the
 *    watermark, batches, the chain check at the centre, the local watermark), next to a bare
 *    multi-row insert of the same rows into the same table (the same statement, as a desk
 *    role, rows already in memory) and a bare COPY as the owner (COPY is refused to a desk:
 *    row-level security, so it is shown for comparison only), in paired chunks; target ≥ 0.7×
 *    the insert floor (median of the pairs).
 * 2. 20 desks forwarding at once: central ingest events/s from their backlogs, then each desk
 *    appending events one at a time and the lag from a local commit to the central one (p95),
 *    then the same with the charts' count trigger off (do desks wait on shared count rows?).
 * 3. A desk action's audit append (one every 20 ms) while its forwarder runs flat out
 *    (catching up N events), next to the same appends with the forwarder stopped, in
 *    alternating blocks; target ≤ 1.25× (median of the pairs).
 * 4. Review across desks at R central events from 20 desks (loaded by COPY): each filter
 *    kind's first page, free text, export (bench/support/central-review-phase.ts).
 * 5. The journal's charts over the count tables, centrally at R events and locally at L.
 *
 * `--phases 1,2,3` or `--phases 4,5` runs a part (`--phases 4 --only export`: the export alone,
 * printed, not written); the report keeps the other phases' figures
 * of the last run that measured them (each phase with its own load average and date).
 * `--phases 5` alone measures the charts only (part "charts": the review part keeps phase 4).
 * Report printed and written to bench/results/central.json.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { copyEventsStream, escapeCopy } from './support/central-copy';
import { startPostgres, type LoginRole, type PostgresFixture } from '../resources/central/postgres-fixture';
import { createAuditStore, type AuditStore } from '../src/main/audit/audit-store';
import { createFileKeystore } from '../src/main/audit/keystore';
import type { HashedRecord } from '../src/main/audit/audit-chain';
import { CentralForwarder } from '../src/main/central-audit/central-forwarder';
import { CentralSession } from '../src/main/central-audit/central-session';
import { LocalTrail } from '../src/main/central-audit/local-trail';
import { makeEvent } from './support/generated-events';
import { figureTable, load, percentile, round } from './support/report';
import { writePhaseReport } from './support/central-report';
import { reviewAndCharts } from './support/central-review-phase';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    desks: { type: 'string', default: '20' },
    'per-desk': { type: 'string', default: '25000' },
    'lag-seconds': { type: 'string', default: '20' },
    'desk-rate': { type: 'string', default: '10' },
    'append-blocks': { type: 'string', default: '12' },
    batch: { type: 'string', default: '500' },
    chunk: { type: 'string', default: '50000' },
    'review-events': { type: 'string', default: '10000000' },
    'local-events': { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '40' },
    phases: { type: 'string', default: '1,2,3,4,5' },
    only: { type: 'string' },
  },
});
const EVENTS = Number(values.events);
const DESKS = Number(values.desks);
const PER_DESK = Number(values['per-desk']);
const LAG_SECONDS = Number(values['lag-seconds']);
const DESK_RATE = Number(values['desk-rate']);
const APPEND_BLOCKS = Number(values['append-blocks']);
const BATCH = Number(values.batch);
const CHUNK = Number(values.chunk);
const REVIEW_EVENTS = Number(values['review-events']);
const LOCAL_EVENTS = Number(values['local-events']);
const RUNS = Number(values.runs);
const PHASES = new Set(values.phases.split(',').map(Number));
if (values.only !== undefined && values.only !== 'export') throw new Error(`--only: export is the only part that runs alone, not ${values.only}`);
const ONLY = values.only as 'export' | undefined;

const { figures, figure } = figureTable(66, 10);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);

function newStore(path: string, workstation: string): AuditStore {
  return createAuditStore({ path, workstation, keystores: [createFileKeystore(dirname(path))] });
}

/** n generated events, in transactions of 2,000 (the same validation and chain as one by one). */
function fill(store: AuditStore, n: number, offset = 0): void {
  for (let done = 0; done < n; done += 2_000) {
    const size = Math.min(2_000, n - done);
    store.appendMany(Array.from({ length: size }, (_, i) => makeEvent(offset + done + i)));
  }
}

function forwarderFor(pgf: PostgresFixture, login: LoginRole, store: AuditStore, desk: string, more: Partial<ConstructorParameters<typeof CentralForwarder>[0]> = {}) {
  return new CentralForwarder({
    trail: new LocalTrail(store.db, 'central'),
    desk,
    connect: () =>
      CentralSession.open({ host: '127.0.0.1', port: pgf.port, database: pgf.database, user: login.role, password: login.password, query_timeout: 120_000 }),
    batchSize: BATCH,
    ...more,
  });
}

async function untilUpToDate(forwarder: CentralForwarder, ms = 3_600_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (forwarder.status().state !== 'up-to-date') {
    if (Date.now() > deadline) throw new Error(`forwarder not up to date: ${JSON.stringify(forwarder.status())}`);
    await sleep(5);
  }
}

/** Empties the trail between phases, as the superuser (its triggers refuse it to anyone else). */
async function emptyCentre(pgf: PostgresFixture): Promise<void> {
  await pgf.admin('SET session_replication_role = replica; TRUNCATE guichet.events, guichet.event_forks; RESET session_replication_role');
  await pgf.admin('CHECKPOINT');
  await pgf.admin('VACUUM ANALYZE guichet.events');
}

function copyLine(desk: string, r: HashedRecord): string {
  return (
    [desk, r.seq, r.at, r.action, r.outcome, r.intentSeq, r.agentLogin, r.agentName, r.workstation, r.targetLogin, r.targetDn, r.evidence, r.directoryCode, r.details, r.comment]
      .map(escapeCopy)
      .join('\t') + `\t\\\\x${r.prevHash}\t\\\\x${r.hash}\n`
  );
}

// ---------------------------------------------------------------------------------------

/**
 * Phase 1: the forwarder over N events next to the floors, chunk by chunk: the desk's trail
 * grows by a chunk, its forwarder catches up (timed), then the same rows go in again by the
 * bare insert and by COPY under two other desks (timed), the order alternating. All three
 * see the same table, of the same size, under the same load: the median of the chunks'
 * ratios is what a neighbour's burst on a shared machine cannot move.
 */
async function forwardingRate(pgf: PostgresFixture, dir: string): Promise<AuditStore> {
  const chunk = Math.min(CHUNK, EVENTS);
  console.log(`\n1. Transfert d'un journal local de ${EVENTS.toLocaleString('fr-FR')} événements (lots de ${BATCH}, fsync activé, par tranches de ${chunk.toLocaleString('fr-FR')})`);
  const store = newStore(join(dir, 'desk-1m.sqlite'), 'BENCH-DESK');
  const trail = new LocalTrail(store.db, 'central');
  await emptyCentre(pgf);
  const deskRole = await pgf.createDesk();
  const floorRole = await pgf.createDesk();
  const session = await CentralSession.open({ host: '127.0.0.1', port: pgf.port, database: pgf.database, user: floorRole.role, password: floorRole.password, query_timeout: 120_000 });
  await session.hello('BENCH-FLOOR', null);
  const owner = await pgf.connect(pgf.owner);
  await owner.query("SELECT * FROM guichet.desk_hello('BENCH-COPY', NULL)");

  /** The very statement the forwarder sends, the rows already in memory. */
  const insertFloor = async (rows: HashedRecord[]) => {
    const t = performance.now();
    for (let i = 0; i < rows.length; i += BATCH) await session.insert('BENCH-FLOOR', rows.slice(i, i + BATCH));
    return performance.now() - t;
  };
  const copyFloor = async (rows: HashedRecord[]) => {
    const t = performance.now();
    const copy = copyEventsStream(owner);
    await pipeline(
      Readable.from(
        (function* () {
          for (let i = 0; i < rows.length; i += 1_000) yield rows.slice(i, i + 1_000).map((r) => copyLine('BENCH-COPY', r)).join('');
        })(),
      ),
      copy,
    );
    return performance.now() - t;
  };
  const forward = async () => {
    const forwarder = forwarderFor(pgf, deskRole, store, 'BENCH-DESK');
    const t = performance.now();
    forwarder.start();
    await untilUpToDate(forwarder);
    const ms = performance.now() - t;
    await forwarder.close();
    return ms;
  };

  const totals = { forward: 0, insert: 0, copy: 0, generate: 0 };
  const insertRatios: number[] = [];
  const copyRatios: number[] = [];
  let forwardCpu = 0;
  for (let from = 0, i = 0; from < EVENTS; from += chunk, i += 1) {
    const n = Math.min(chunk, EVENTS - from);
    const g = performance.now();
    fill(store, n, from);
    totals.generate += performance.now() - g;
    const rows = trail.after(from, n);
    let forwardMs = 0;
    let insertMs = 0;
    let copyMs = 0;
    const measureForward = async () => {
      const c = process.cpuUsage();
      forwardMs = await forward();
      const used = process.cpuUsage(c);
      forwardCpu += used.user + used.system;
    };
    if (i % 2 === 0) {
      await measureForward();
      insertMs = await insertFloor(rows);
      copyMs = await copyFloor(rows);
    } else {
      copyMs = await copyFloor(rows);
      insertMs = await insertFloor(rows);
      await measureForward();
    }
    totals.forward += forwardMs;
    totals.insert += insertMs;
    totals.copy += copyMs;
    insertRatios.push(insertMs / forwardMs);
    copyRatios.push(copyMs / forwardMs);
  }
  session.close();
  await owner.end();
  const forwarded = Number((await pgf.admin<{ n: string }>("SELECT count(*) AS n FROM guichet.events WHERE desk = 'BENCH-DESK'")).rows[0]!.n);
  if (forwarded !== EVENTS) throw new Error(`forwarded ${forwarded} of ${EVENTS}`);
  await emptyCentre(pgf);

  console.log(`  (journal généré en ${round(totals.generate / 1000)} s)`);
  figure({ name: 'forwarder: local trail -> centre (reads, batches, chain check, watermark)', value: rate(EVENTS, totals.forward), unit: 'évén./s', note: `${round(totals.forward / 1000)} s, Node CPU ${round(forwardCpu / 1e6)} s` });
  figure({ name: 'floor: bare multi-row insert, same statement, same table, desk role', value: rate(EVENTS, totals.insert), unit: 'évén./s', note: `${round(totals.insert / 1000)} s` });
  figure({ name: 'floor: bare COPY, same table, owner (refused to desks by RLS)', value: rate(EVENTS, totals.copy), unit: 'évén./s', note: `${round(totals.copy / 1000)} s` });
  const wholeRatio = round(totals.insert / totals.forward, 2);
  figure({ name: 'forwarder / bare multi-row insert, whole run', value: wholeRatio, unit: '×' });
  const ratio = round(percentile(insertRatios, 50), 2);
  figure({ name: 'forwarder / bare multi-row insert, median of paired chunks', value: ratio, unit: '×', target: '≥ 0.7', pass: ratio >= 0.7, note: `quartiles ${round(percentile(insertRatios, 25), 2)}–${round(percentile(insertRatios, 75), 2)}, ${insertRatios.length} tranches` });
  const copyRatio = round(percentile(copyRatios, 50), 2);
  // For comparison only: a desk cannot COPY (PostgreSQL refuses COPY FROM on a table with
  // row-level security), so the floor of what a desk can do is the multi-row insert above.
  figure({ name: 'forwarder / bare COPY (owner only), median of paired chunks', value: copyRatio, unit: '×', note: `entier ${round(totals.copy / totals.forward, 2)} ; pas de cible : COPY est refusé aux postes` });
  return store;
}

/** Phase 2: 20 desks at once, backlog then live appends. */
async function manyDesks(pgf: PostgresFixture, dir: string): Promise<void> {
  console.log(`\n2. ${DESKS} postes en même temps (${PER_DESK.toLocaleString('fr-FR')} événements en attente chacun, puis ${DESK_RATE} événements/s chacun pendant ${LAG_SECONDS} s)`);
  const desks: Array<{ name: string; store: AuditStore; login: LoginRole; lags: number[]; appendedAt: Map<number, number> }> = [];
  for (let d = 0; d < DESKS; d += 1) {
    const name = `BENCH-DESK-${String(d + 1).padStart(2, '0')}`;
    const store = newStore(join(dir, `desk-${d}.sqlite`), name);
    fill(store, PER_DESK, d * PER_DESK);
    desks.push({ name, store, login: await pgf.createDesk(), lags: [], appendedAt: new Map() });
  }
  const forwarders = desks.map((d) =>
    forwarderFor(pgf, d.login, d.store, d.name, {
      pollMs: 1_000,
      onDelivered: ({ firstSeq, lastSeq }) => {
        const now = performance.now();
        for (let seq = firstSeq; seq <= lastSeq; seq += 1) {
          const at = d.appendedAt.get(seq);
          if (at !== undefined) {
            d.lags.push(now - at);
            d.appendedAt.delete(seq);
          }
        }
      },
    }),
  );
  const t0 = performance.now();
  for (const f of forwarders) f.start();
  await Promise.all(forwarders.map((f) => untilUpToDate(f)));
  const backlogMs = performance.now() - t0;
  figure({ name: `central ingest, ${DESKS} desks catching up at once`, value: rate(DESKS * PER_DESK, backlogMs), unit: 'évén./s', note: `${(DESKS * PER_DESK).toLocaleString('fr-FR')} événements en ${round(backlogMs / 1000)} s` });

  // Live: each desk appends one event at a time, spread evenly; the forwarders poll every second.
  const interval = 1_000 / (DESK_RATE * DESKS);
  let i = 0;
  const live = async () => {
    for (const d of desks) d.lags.length = 0;
    const end = performance.now() + LAG_SECONDS * 1_000;
    while (performance.now() < end) {
      const desk = desks[i % DESKS]!;
      const written = desk.store.append(makeEvent(10_000_000 + i));
      desk.appendedAt.set(written.seq, performance.now());
      i += 1;
      await sleep(interval);
    }
    await Promise.all(forwarders.map((f) => untilUpToDate(f)));
    return { all: desks.flatMap((d) => d.lags), worst: Math.max(...desks.map((d) => percentile(d.lags, 95))) };
  };
  const measured = await live();
  // The same again with the charts' count trigger off: whether desks wait on each other's
  // count rows (today's rows are shared by every desk) shows as the difference.
  await pgf.admin('ALTER TABLE guichet.events DISABLE TRIGGER events_count');
  const floor = await live();
  await pgf.admin('ALTER TABLE guichet.events ENABLE TRIGGER events_count');
  await Promise.all(forwarders.map((f) => f.close()));
  const { all, worst } = measured;
  figure({ name: `live: ${DESKS} desks × ${DESK_RATE} events/s, lag local -> central commit, p50`, value: round(percentile(all, 50)), unit: 'ms', note: `${all.length} événements, poll 1 s` });
  figure({ name: 'live: lag p95 (all desks)', value: round(percentile(all, 95)), unit: 'ms', target: '< 2000', pass: percentile(all, 95) < 2_000 });
  figure({ name: 'live: per-desk lag p95, worst desk', value: round(worst), unit: 'ms', target: '< 2000', pass: worst < 2_000 });
  figure({ name: 'floor: the same without the count trigger, lag p95 / worst desk', value: round(percentile(floor.all, 95)), unit: 'ms', note: `pire poste ${round(floor.worst)} ms ; ${floor.all.length} événements` });
  for (const d of desks) d.store.close();
}

/** Phase 3: the desk's append with and without its forwarder running flat out. */
async function appendUnderForwarding(pgf: PostgresFixture, store: AuditStore): Promise<void> {
  console.log(`\n3. Ajout d'un événement au poste pendant que son transfert rattrape ${EVENTS.toLocaleString('fr-FR')} événements`);
  await emptyCentre(pgf);
  const login = await pgf.createDesk();
  const BLOCK = 100;
  /** A busy desk: an action every 20 ms (a real counter writes a few a minute). */
  const PACE_MS = 20;
  const off: number[] = [];
  const on: number[] = [];
  const lateOff: number[] = [];
  const lateOn: number[] = [];
  const pairs: number[] = [];
  let n = 0;
  /** Appends paced as actions arriving at a desk: each append's own time, and how late it started. */
  const block = async (times: number[], late: number[]) => {
    let sum = 0;
    for (let i = 0; i < BLOCK; i += 1) {
      const due = performance.now() + PACE_MS;
      await sleep(PACE_MS);
      const t = performance.now();
      late.push(t - due);
      store.append(makeEvent(20_000_000 + n++));
      const ms = performance.now() - t;
      times.push(ms);
      sum += ms;
    }
    return sum / BLOCK;
  };
  let forwarder: CentralForwarder | null = null;
  let forwardedDuring = 0;
  let forwardingMs = 0;
  for (let b = 0; b < APPEND_BLOCKS; b += 1) {
    const baseline = await block(off, lateOff);
    let counting = false;
    forwarder = forwarderFor(pgf, login, store, 'BENCH-DESK-APPEND', {
      pollMs: 100,
      onDelivered: ({ firstSeq, lastSeq }) => {
        if (counting) forwardedDuring += lastSeq - firstSeq + 1;
      },
    });
    forwarder.start();
    await sleep(300); // connected and sending
    counting = true;
    const t = performance.now();
    const during = await block(on, lateOn);
    forwardingMs += performance.now() - t;
    counting = false;
    if (forwarder.status().state === 'up-to-date') console.log('  (attention : transfert terminé pendant le bloc)');
    await forwarder.close();
    pairs.push(during / baseline);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  figure({ name: 'append, forwarder stopped: mean', value: round(mean(off) * 1000), unit: 'µs', note: `p95 ${round(percentile(off, 95) * 1000)} µs` });
  figure({ name: 'append, forwarder flat out: mean', value: round(mean(on) * 1000), unit: 'µs', note: `p95 ${round(percentile(on, 95) * 1000)} µs` });
  const ratio = round(percentile(pairs, 50), 2);
  figure({ name: 'append with / without forwarding (median of paired blocks)', value: ratio, unit: '×', target: '≤ 1.25', pass: ratio <= 1.25, note: `quartiles ${round(percentile(pairs, 25), 2)}–${round(percentile(pairs, 75), 2)}, ${pairs.length} paires ; moyennes ${round(mean(on) / mean(off), 2)}` });
  figure({ name: 'forwarding meanwhile (a third of its pace while the desk writes)', value: rate(forwardedDuring, forwardingMs), unit: 'évén./s' });
  figure({ name: 'append start delay (event loop), forwarder stopped / flat out, p95', value: round(percentile(lateOn, 95), 2), unit: 'ms', note: `sans transfert ${round(percentile(lateOff, 95), 2)} ms` });
  store.close();
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadStart = load();
  const dir = mkdtempSync(join(tmpdir(), 'guichet-bench-central-'));
  console.log(`Banc d'essai du centre d'audit (PostgreSQL 15, fsync activé) — ${cpus().length} cœurs, charge ${loadStart.join(' ')}`);
  const settings = ['max_wal_size=4GB', 'checkpoint_timeout=15min', 'shared_buffers=1GB'];
  const forwarding = PHASES.has(1) || PHASES.has(2) || PHASES.has(3);
  const review = PHASES.has(4) || PHASES.has(5);
  try {
    if (forwarding) {
      const pgf = await startPostgres({ durable: true, settings });
      try {
        const store = await forwardingRate(pgf, dir);
        await manyDesks(pgf, dir);
        await appendUnderForwarding(pgf, store);
      } finally {
        await pgf.stop();
      }
    }
    // Its own cluster: the bulk load writes no WAL (wal_level=minimal), and it may come from the cache.
    if (review)
      await reviewAndCharts(
        {
          reviewEvents: REVIEW_EVENTS,
          localEvents: LOCAL_EVENTS,
          desks: DESKS,
          runs: RUNS,
          settings: [...settings, 'wal_level=minimal', 'max_wal_senders=0', 'maintenance_work_mem=1GB'],
          review: PHASES.has(4),
          only: ONLY,
        },
        figure,
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'central.json');
  const part = {
    at: new Date().toISOString(),
    loadAverage: { start: loadStart, end: load() },
    durationSeconds: round((performance.now() - started) / 1000),
    settings: {
      ...(forwarding ? { events: EVENTS, perDesk: PER_DESK, batch: BATCH } : {}),
      desks: DESKS,
      ...(review ? { reviewEvents: REVIEW_EVENTS, localEvents: LOCAL_EVENTS, runs: RUNS } : {}),
    },
    figures,
  };
  if (ONLY) {
    console.log(`\nDurée totale : ${part.durationSeconds} s (--only ${ONLY} : rapport non écrit)`);
    return;
  }
  writePhaseReport(out, forwarding && review ? 'all' : forwarding ? 'forwarding' : PHASES.has(4) ? 'review' : 'charts', part);
  console.log(`\nDurée totale : ${part.durationSeconds} s\nRapport : ${out}`);
  if (figures.some((f) => f.pass === false)) process.exitCode = 1;
}

await main();
