/**
 * Worklists at 100,000 people (npm run bench:worklists; BENCH_PEOPLE, BENCH_ROUNDS to change).
 *
 * For each list, its count (worklists:counts for that list) and its first page (worklists:page,
 * the opening on record included) through the whole main path (router.dispatch -> zod ->
 * service -> ldapts on the agent's bound connection -> rows; the opening's record, written while
 * the directory searches, its outcome just after the answer), next to the
 * floor: bare ldapts searches with the same filters, attributes and controls (paged results
 * for counts, on another connection bound as the same agent; never activated: the count asks
 * each entry's affiliation; a page: the sort and virtual list view controls on a connection
 * of its own, bound before the clock starts as the path's spare is, and closed after, as the
 * path must, since slapd's sssvlv keeps a view until its connection closes). Path and floor
 * alternate round by round. Targets: p95 < 300 ms, and p50 <= 1.3x the floor's.
 *
 * Writes bench/results/worklists.json and prints the report.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from 'ldapts';
import { startDirectory } from '../resources/directory/fixture';
import { latencyStats, loadNow, machine, round } from './lib/latency';
import { startConsole } from '../test/support/console-harness';
import { localDay } from '../src/main/activation/activation-plan';
import { WORKLISTS, type WorklistId } from '../src/shared/contract/worklists';
import { worklistQuery } from '../src/main/worklists/worklist-filters';
import { rowAttributes } from '../src/main/worklists/worklist-rows';
import { COUNT_PAGE_SIZE, sortControl } from '../src/main/worklists/worklist-search';
import { VirtualListViewControl } from '../src/main/worklists/vlv-control';

const PEOPLE = Number(process.env['BENCH_PEOPLE'] ?? 100_000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 20);
const WARMUP = 3;
const MAX_AGE_DAYS = 365;
const P95_TARGET_MS = 300;
const RATIO_TARGET = 1.3;
const PAUSE_MS = 20;
const OUT = join(dirname(fileURLToPath(import.meta.url)), 'results', 'worklists.json');


async function main(): Promise<void> {
  const startedAt = new Date();
  const loadAtStart = loadNow();
  const t0 = performance.now();
  process.stdout.write(`Starting a directory with ${PEOPLE.toLocaleString('en')} people...\n`);
  const fixture = await startDirectory({ people: PEOPLE, seed: 42, passwordMaxAgeDays: MAX_AGE_DAYS });
  // The configuration's default operation timeout, not the tests' short one: a full scan on a busy machine takes seconds.
  const harness = startConsole({ fixture, overrides: { directory: { passwordPolicyDn: `cn=default,ou=policies,${fixture.baseDn}`, operationTimeoutMs: 15_000 } as never } });
  const floor = new Client({ url: fixture.url, timeout: 30_000, connectTimeout: 2_000 });
  try {
    const agent = fixture.agents.find((a) => a.kind === 'agent')!;
    const signed = await harness.invoke('session:sign-in', { login: agent.login, password: agent.password });
    if (!signed.ok) throw new Error(`sign-in failed: ${signed.error.code}`);
    await floor.bind(agent.dn, agent.password);
    const config = harness.config;
    const attrs = config.directory.attributes;
    const base = config.directory.peopleBase;
    const pageSize = config.worklists.pageSize;

    // The floor's searches, written out with ldapts alone.
    const queriesOf = (list: WorklistId) => {
      const now = new Date();
      const clock = { now, today: localDay(now, config.mail.timeZone), maxAgeSeconds: MAX_AGE_DAYS * 86_400 };
      return { filter: worklistQuery(list, attrs, config.worklists, clock)!.filter };
    };
    const floorCount = async (list: WorklistId) => {
      const { filter } = queriesOf(list);
      const t = performance.now();
      // Never activated: the primary affiliation comes with each entry (the split by affiliation).
      const attributes = list === 'never-activated' ? [attrs.primaryAffiliation] : ['1.1'];
      const count = (await floor.search(base, { scope: 'sub', filter, attributes, paged: { pageSize: COUNT_PAGE_SIZE } })).searchEntries.length;
      return { ms: performance.now() - t, count };
    };
    // A page's floor: a connection of its own (sssvlv keeps a view until its connection closes), bound as
    // the agent before the clock starts, as the path's spare is bound before the agent asks; closed after.
    const floorPage = async (list: WorklistId) => {
      const { filter } = queriesOf(list);
      const alone = new Client({ url: fixture.url, timeout: 30_000, connectTimeout: 2_000 });
      await alone.bind(agent.dn, agent.password);
      const t = performance.now();
      try {
        const vlv = new VirtualListViewControl(1, pageSize);
        const window = await alone.search(base, { scope: 'sub', filter, attributes: rowAttributes(list, attrs) }, [sortControl(attrs), vlv]);
        return { ms: performance.now() - t, count: vlv.response?.contentCount ?? -1, rows: window.searchEntries.length };
      } finally {
        await alone.unbind();
      }
    };
    const pathCount = async (list: WorklistId) => {
      const t = performance.now();
      const r = await harness.invoke('worklists:counts', { lists: [list] });
      const ms = performance.now() - t;
      if (!r.ok || r.value.counts[0]?.count === null) throw new Error(`${list}: count failed ${JSON.stringify(r)}`);
      return { ms, count: r.value.counts[0]!.count! };
    };
    const pathPage = async (list: WorklistId) => {
      const t = performance.now();
      const r = await harness.invoke('worklists:page', { list, page: 1 });
      const ms = performance.now() - t;
      if (!r.ok || r.value.count === null) throw new Error(`${list}: page failed ${JSON.stringify(r.ok ? r.value.problem : r.error)}`);
      return { ms, count: r.value.count, rows: r.value.rows.length, sortedBy: r.value.sortedBy };
    };

    const results = [];
    for (const list of WORKLISTS) {
      for (const what of ['count', 'first-page'] as const) {
        const pathMs: number[] = [];
        const floorMs: number[] = [];
        let size = 0;
        for (let i = 0; i < ROUNDS + WARMUP; i++) {
          const runPath = () => (what === 'count' ? pathCount(list) : pathPage(list));
          const runFloor = () => (what === 'count' ? floorCount(list) : floorPage(list));
          // Alternate which goes first, so neither always gets a warm cache from the other; a pause after each
          // lets what runs after an answer (the path's next spare bind, the floor's unbind) end before the other starts.
          const pause = () => new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
          let p: Awaited<ReturnType<typeof runPath>>;
          let f: Awaited<ReturnType<typeof runFloor>>;
          if (i % 2 === 0) {
            p = await runPath();
            await pause();
            f = await runFloor();
          } else {
            f = await runFloor();
            await pause();
            p = await runPath();
          }
          await pause();
          if (p.count !== f.count) throw new Error(`${list} ${what}: path counted ${p.count}, floor ${f.count}`);
          if (what === 'first-page' && 'sortedBy' in p && p.sortedBy !== 'directory') throw new Error(`${list}: not sorted by the directory`);
          size = p.count;
          if (i < WARMUP) continue;
          pathMs.push(p.ms);
          floorMs.push(f.ms);
        }
        const path = latencyStats(pathMs);
        const bare = latencyStats(floorMs);
        const ratioP50 = round(path.p50 / bare.p50);
        const ratioP95 = round(path.p95 / bare.p95);
        const targets = [
          { target: `p95 < ${P95_TARGET_MS} ms`, value: path.p95, passed: path.p95 < P95_TARGET_MS },
          { target: `p50 <= ${RATIO_TARGET}x the floor`, value: ratioP50, passed: ratioP50 <= RATIO_TARGET },
        ];
        results.push({ list, what, listSize: size, path, floor: bare, ratioP50, ratioP95, targets, passed: targets.every((t) => t.passed) });
        process.stdout.write(
          `${list.padEnd(19)} ${what.padEnd(10)} n=${String(size).padStart(6)} | path p50 ${path.p50.toFixed(1).padStart(6)} p95 ${path.p95.toFixed(1).padStart(6)} ms | ` +
            `floor p50 ${bare.p50.toFixed(1).padStart(6)} p95 ${bare.p95.toFixed(1).padStart(6)} ms | x${ratioP50.toFixed(2)} (p95 x${ratioP95.toFixed(2)}) ${targets.every((t) => t.passed) ? 'PASS' : 'FAIL'}\n`,
        );
      }
    }

    // What one audit record costs alone (a synchronous SQLite commit, WAL, synchronous=FULL): the same event as
    // a first page's, written to this run's own trail; what a page would wait for if its opening were not
    // written while the directory searches. Context for the pages' ratios, not a target.
    const recordMs: number[] = [];
    for (let i = 0; i < ROUNDS + WARMUP; i++) {
      const t = performance.now();
      harness.services.trail.record(
        { action: 'worklist-viewed', outcome: 'success', agent: { login: agent.login, displayName: agent.displayName }, directoryCode: null, details: { list: 'locked', page: 1, count: 1 } },
        { required: true },
      );
      if (i >= WARMUP) recordMs.push(performance.now() - t);
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    }
    const auditRecord = latencyStats(recordMs);
    process.stdout.write(`audit record alone: p50 ${auditRecord.p50.toFixed(1)} p95 ${auditRecord.p95.toFixed(1)} ms\n`);

    const shares = Object.fromEntries(
      ['active', 'neverActivated', 'preCreated', 'expired', 'suspended', 'locked', 'resetPending'].map((s) => [s, fixture.people.filter((p) => p.state === s).length]),
    );
    const report = {
      benchmark: 'worklists',
      startedAt: startedAt.toISOString(),
      seconds: round((performance.now() - t0) / 1000),
      // Other work on the machine skews the tails: the 1-minute load average, start and end.
      machine: machine(loadAtStart),
      directory: { people: fixture.people.length, states: shares, passwordMaxAgeDays: MAX_AGE_DAYS, fixtureSeconds: fixture.timings, pageSize },
      method:
        'Each round runs the count (worklists:counts for one list) or the first page (worklists:page, its audit record included) through router.dispatch, signed in as an agent, ' +
        'and the same searches as bare ldapts calls (same filters, attributes and controls). Counts: the paged results control on one connection bound as the same agent ' +
        "(the path: the agent's own bound connection; the never-activated list's count asking each entry's primary affiliation for its split). " +
        'First pages: the sort and virtual list view controls on a connection of its own, closed after (sssvlv keeps a view until its connection closes); ' +
        "the path writes the opening's audit record (a synchronous commit) once the search has left, so the disk's wait overlaps the directory's, and its outcome with the count just after the answer. " +
        "The path takes the spare connection it bound as the agent in the background after the previous page (or at sign-in), so no bind is on the agent's wait; " +
        'the floor likewise binds its connection before its clock starts and closes it after its clock stops: both time the search on an already bound connection. ' +
        `Path and floor alternate which goes first, with a ${PAUSE_MS} ms pause after each (the path's next spare bind, the floor's unbind). ${WARMUP} warm-up rounds per measure are not counted. ` +
        "auditRecordAlone: one audit record written alone (the same event, a synchronous SQLite commit), as many rounds: what a page would wait for if its opening were not written during the search.",
      results,
      auditRecordAlone: auditRecord,
      passed: results.every((r) => r.passed),
    };
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, JSON.stringify(report, null, 2) + '\n');
    process.stdout.write(`\n${report.passed ? 'All targets met' : 'Some targets missed'}; load ${report.machine.loadAverage.start} -> ${report.machine.loadAverage.end}; ${report.seconds} s. Report: ${OUT}\n`);
  } finally {
    await floor.unbind().catch(() => undefined);
    await harness.close();
    await fixture.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
