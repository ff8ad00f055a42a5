/**
 * bench:central phases 4 and 5: the review across desks and the journal's charts at scale.
 * - The centre holds N events from 20 desks, loaded by COPY (central-seed.ts) or copied from
 *   the cache of an earlier load (central-seed-cache.ts): what is measured is the reading.
 * - Each desk has its own agents (three, with the next desk's as stand-ins), a year of
 *   activity, the mix of actions of generated-events.ts.
 * - Floors in the same run: the bare index read of a newest-first page, a bare COPY TO of
 *   the exported rows and the export's own per-desk binary COPY to nothing, a round trip; the charts also show the GROUP BY they replace.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { to as copyTo } from 'pg-copy-streams';
import type pg from 'pg';
import { centralPage, groupedStats } from '../../src/main/central-audit/central-review-queries';
import { centralStats } from '../../src/main/central-audit/central-stats';
import { deskExportQuery, writeDeskExport } from '../../src/main/central-audit/central-export';
import { exportPlanSettings, withLocalSettings } from '../../src/main/central-audit/central-export-lines';
import { deskSeqRanges } from '../../src/main/central-audit/central-export-seq-bounds';
import type { CentralFilter } from '../../src/main/central-audit/central-filter';
import { createAuditStore } from '../../src/main/audit/audit-store';
import { eventStats, groupedStats as localGrouped } from '../../src/main/audit/audit-query';
import { createFileKeystore } from '../../src/main/audit/keystore';
import { AGENTS, makeEvent, pick } from './generated-events';
import { seededCentre } from './central-seed-cache';
import { YEAR_MS, YEAR_START } from './central-seed';
import { load, percentile, round, type Figure } from './report';

const day = (n: number) => new Date(YEAR_START + n * 86_400_000).toISOString().slice(0, 10);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


/** p95 (and median) of `runs` calls, each with the next of `inputs`. */
async function timedRuns<T>(inputs: T[], runs: number, call: (input: T) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  await call(inputs[0]!); // warm: plans, first pages in cache
  for (let i = 0; i < runs; i += 1) {
    const t = performance.now();
    await call(inputs[i % inputs.length]!);
    times.push(performance.now() - t);
  }
  return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)) };
}

const pinOf = async (client: pg.ClientBase) =>
  (await client.query<{ t: string }>("SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS t")).rows[0]!.t;

/** Phase 4: the review across desks' first pages, free text and export. */
export async function reviewAcrossDesks(client: pg.ClientBase, figure: (f: Figure) => void, runs: number, desks: number): Promise<void> {
  const pinnedAt = await pinOf(client);
  const page = (filter: CentralFilter) => centralPage(client, filter, { pinnedAt, limit: 200 });
  const floor = await timedRuns([0], runs, () => client.query('SELECT * FROM guichet.events ORDER BY at DESC, desk DESC, seq DESC LIMIT 200'));
  figure({ name: 'floor: bare newest-first page (200 rows, index read)', value: floor.p95, unit: 'ms p95', note: `médiane ${floor.p50} ms` });
  const agents = AGENTS.slice(0, desks * 3).map((a) => a.login);
  const targets = Array.from({ length: 40 }, (_, i) => `etu${(i * 1_237) % 50_000}`);
  const kinds: Array<[string, CentralFilter[]]> = [
    ['none', [{}]],
    ['agent', agents.map((agent) => ({ agent }))],
    ['agent prefix (one login)', agents.map((a) => ({ agentPrefix: a.slice(0, 7) }))],
    ['target (an account)', targets.map((target) => ({ target }))],
    ['target prefix (about 11 logins)', targets.map((t) => ({ targetPrefix: t.slice(0, 7) }))],
    ['action', (['password-reset', 'account-unlock', 'activation', 'sign-in-refused', 'consent-change'] as const).map((action) => ({ action }))],
    ['outcome', (['success', 'failure', 'denied', 'unknown'] as const).map((outcome) => ({ outcome }))],
    ['date range (a month)', Array.from({ length: 12 }, (_, m) => ({ from: day(m * 30), to: day(m * 30 + 29) }))],
    ['agent + action + month', agents.map((agent, i) => ({ agent, action: 'password-reset' as const, from: day((i * 30) % 330), to: day(((i * 30) % 330) + 29) }))],
  ];
  for (const [kind, filters] of kinds) {
    const r = await timedRuns(filters, runs, (f) => page(f));
    figure({ name: `first page, filter: ${kind}`, value: r.p95, unit: 'ms p95', target: '< 50', pass: r.p95 < 50, note: `médiane ${r.p50} ms` });
  }
  const words = [['scolarité'], ['bibliothèque'], ['dossier 4217'], ['etu31337'], ['uid=etu2024'], ['personnel biatss'], ['mustchangeatnextlogin'], ['j***@g***.com']];
  const text = await timedRuns(words, runs, ([w]) => page({ text: w! }));
  figure({ name: 'first page, free text (8 phrases, rare to common)', value: text.p95, unit: 'ms p95', target: '< 200', pass: text.p95 < 200, note: `médiane ${text.p50} ms` });
  const textFloor = await timedRuns(words, Math.max(5, Math.floor(runs / 2)), ([w]) =>
    client.query(`SELECT e.desk, e.seq FROM guichet.events e WHERE guichet.search_text(e.agent_login, e.agent_name, e.target_login, e.target_dn, e.comment, e.details) LIKE $1 ORDER BY e.at DESC LIMIT 200`, [`%${w}%`]),
  );
  figure({ name: 'floor: bare trigram LIKE, same phrases, 200 rows', value: textFloor.p95, unit: 'ms p95', note: `médiane ${textFloor.p50} ms` });

  await reviewExport(client, figure, desks);
  await sleep(0);
}

/** Phase 4's export: every desk's events of three months, one file per desk, next to a bare COPY TO of the same rows. */
export async function reviewExport(client: pg.ClientBase, figure: (f: Figure) => void, desks: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-bench-export-'));
  const filter: CentralFilter = { from: day(90), to: day(180) };
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const t = performance.now();
    let exported = 0;
    const rssAtQuarter: number[] = [];
    for (let d = 0; d < desks; d += 1) {
      const desk = `BENCH-REVIEW-${String(d + 1).padStart(2, '0')}`;
      exported += (await writeDeskExport(client, desk, join(dir, `${desk}.jsonl`), { format: 'jsonl', separator: ';', filter })).count;
      if (d % Math.max(1, Math.floor(desks / 4)) === 0) rssAtQuarter.push(process.memoryUsage().rss);
      rmSync(join(dir, `${desk}.jsonl`));
    }
    const ms = performance.now() - t;
    clearInterval(sampler);
    await client.query('COMMIT');
    const eps = Math.round((exported / ms) * 1000);
    const mib = (b: number) => round(b / 1024 / 1024);
    figure({
      name: `export JSON Lines, every desk, 3 months (${exported.toLocaleString('fr-FR')} evts)`,
      value: eps,
      unit: 'évén./s',
      target: '> 100000',
      pass: eps > 100_000,
      note: `${round(ms / 1000)} s ; mémoire ${mib(rss0)} → pic ${mib(peak)} Mio, par quart ${rssAtQuarter.map(mib).join(' / ')}`,
    });
    figure({ name: 'export memory: peak above start', value: mib(peak - rss0), unit: 'Mio', target: '< 200 (plat)', pass: peak - rss0 < 200 * 1024 * 1024 });
    const c = performance.now();
    let bytes = 0;
    const copied = client.query(
      copyTo(`COPY (SELECT * FROM guichet.events WHERE at >= '${day(90)}' AND at < '${day(181)}' ORDER BY desk, seq) TO STDOUT`),
    );
    await pipeline(copied, new Writable({ write: (chunk: Buffer, _e, done) => ((bytes += chunk.length), done()) }));
    const copyMs = performance.now() - c;
    figure({ name: 'floor: bare COPY TO of the same rows', value: Math.round((exported / copyMs) * 1000), unit: 'évén./s', note: `${round(copyMs / 1000)} s, ${round(bytes / 1024 / 1024)} Mio` });
    // The export's own queries and plan, its columns in binary, to nothing: what is left is the lines and the files.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const b = performance.now();
    let binaryBytes = 0;
    const seqRange = await deskSeqRanges(client, filter);
    for (let d = 0; d < desks; d += 1) {
      const desk = `BENCH-REVIEW-${String(d + 1).padStart(2, '0')}`;
      const seqs = seqRange(desk);
      if (seqs === 'none') continue;
      const query = deskExportQuery(client, desk, { filter }, seqs);
      await withLocalSettings(client, exportPlanSettings(filter), () =>
        pipeline(
          client.query(copyTo(`COPY (${query}) TO STDOUT (FORMAT binary)`)),
          new Writable({ write: (chunk: Buffer, _e, done) => ((binaryBytes += chunk.length), done()) }),
        ),
      );
    }
    const binaryMs = performance.now() - b;
    await client.query('COMMIT');
    figure({
      name: "floor: the export's per-desk queries, columns in binary, to nothing",
      value: Math.round((exported / binaryMs) * 1000),
      unit: 'évén./s',
      note: `${round(binaryMs / 1000)} s, ${round(binaryBytes / 1024 / 1024)} Mio ; export / ce plancher ${round(binaryMs / ms, 2)}`,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const CHART_RANGES: Array<[string, (i: number) => CentralFilter]> = [
  ['one day', (i) => ({ from: day(i * 7), to: day(i * 7) })],
  ['one week', (i) => ({ from: day(i * 7), to: day(i * 7 + 6) })],
  ['one month', (i) => ({ from: day((i * 30) % 335), to: day(((i * 30) % 335) + 29) })],
  ['the whole year', () => ({})],
  ['a month, to the minute (partial days at both ends)', (i) => ({ from: `${day((i * 30) % 335)}T10:17:00.000Z`, to: `${day(((i * 30) % 335) + 30)}T15:42:00.000Z` })],
  ['a month, one agent', (i) => ({ from: day((i * 30) % 335), to: day(((i * 30) % 335) + 29), agent: AGENTS[i % 60]!.login })],
  ['the whole year, one action', (i) => ({ action: (['password-reset', 'account-viewed', 'activation'] as const)[i % 3] })],
  ['the whole year, outcome unknown', () => ({ outcome: 'unknown' })],
];

/** Phase 5, centre: both charts of the review across desks for each range, next to the GROUP BY they replace. */
export async function centralCharts(client: pg.ClientBase, figure: (f: Figure) => void, runs: number): Promise<void> {
  const pinnedAt = await pinOf(client);
  const trip = await timedRuns([0], runs, () => client.query('SELECT 1'));
  figure({ name: 'floor: a round trip to the centre (SELECT 1)', value: trip.p95, unit: 'ms p95' });
  for (const [name, make] of CHART_RANGES) {
    const r = await timedRuns(Array.from({ length: 12 }, (_, i) => make(i)), runs, (f) => centralStats(client, f, pinnedAt));
    figure({ name: `central charts, ${name}`, value: r.p95, unit: 'ms p95', target: '< 100', pass: r.p95 < 100, note: `médiane ${r.p50} ms` });
  }
  const raw = await timedRuns([{ from: day(120), to: day(149) }], 3, (f) => groupedStats(client, f, pinnedAt));
  figure({ name: 'without counts: GROUP BY of the events, one month', value: raw.p95, unit: 'ms p95', note: 'ce que les compteurs remplacent' });
}

/** Phase 5, desk: a local trail of N events over a year, both charts for each range, next to the GROUP BY. */
export async function localCharts(events: number, figure: (f: Figure) => void, runs: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-bench-charts-'));
  let now = YEAR_START;
  const step = YEAR_MS / events;
  const store = createAuditStore({ path: join(dir, 'charts.sqlite'), workstation: 'BENCH-CHARTS', keystores: [createFileKeystore(dir)], now: () => new Date((now += step)) });
  try {
    const t = performance.now();
    for (let done = 0; done < events; done += 2_000)
      store.appendMany(Array.from({ length: Math.min(2_000, events - done) }, (_, i) => ({ ...makeEvent(done + i), agent: pick(AGENTS) })));
    const fillSeconds = round((performance.now() - t) / 1000);
    const supervisor = { login: 'chef', role: 'supervisor' as const };
    const upToSeq = events;
    for (const [name, make] of CHART_RANGES) {
      const r = await timedRuns(Array.from({ length: 12 }, (_, i) => make(i)), runs, async (f) => eventStats(store.db, { ...f, upToSeq }, supervisor));
      figure({ name: `local charts, ${name}`, value: r.p95, unit: 'ms p95', target: '< 100', pass: r.p95 < 100, note: `médiane ${r.p50} ms` });
    }
    const raw = await timedRuns([{ from: day(120), to: day(149) }], 3, async (f) => localGrouped(store.db, { ...f, upToSeq }, supervisor));
    figure({ name: 'without counts: GROUP BY of the events, one month', value: raw.p95, unit: 'ms p95', note: 'ce que les compteurs remplacent' });
    return fillSeconds;
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Phases 4 and 5: a centre of `reviewEvents` seeded rows (its own cluster), the review's reads (unless `review` is false:
 * phase 5 alone) and charts, then the local charts; `only: 'export'` measures phase 4's export alone (a development loop:
 * its figures are not written to the report).
 */
export async function reviewAndCharts(
  o: { reviewEvents: number; localEvents: number; desks: number; runs: number; settings: string[]; review: boolean; only?: 'export' | undefined },
  figure: (f: Figure) => void,
): Promise<void> {
  console.log(`\n${o.review ? '4. Consultation tous postes' : '5. Graphiques seuls'} : ${o.reviewEvents.toLocaleString('fr-FR')} événements de ${o.desks} postes (chargés par COPY)`);
  const { pgf, how } = await seededCentre(o.reviewEvents, o.desks, { durable: true, settings: o.settings });
  try {
    console.log(`  (centre ${how} ; charge ${load().join(' ')})`);
    const reader = await pgf.createReader();
    const client = await pgf.connect(reader);
    try {
      if (o.only === 'export') {
        await reviewExport(client, figure, o.desks);
        return;
      }
      if (o.review) await reviewAcrossDesks(client, figure, o.runs, o.desks);
      console.log(`\n5. Graphiques du journal (par jour × action, par agent) ; charge ${load().join(' ')}`);
      await centralCharts(client, figure, o.runs);
    } finally {
      await client.end();
    }
  } finally {
    await pgf.stop();
  }
  if (o.only === 'export') return;
  const fill = await localCharts(o.localEvents, figure, o.runs);
  console.log(`  (journal local de ${o.localEvents.toLocaleString('fr-FR')} événements écrit en ${fill} s ; charge ${load().join(' ')})`);
}
