/**
 * Lookup latency at 100,000 people (npm run bench:lookup).
 *
 * For each kind of key, the whole main-process path (router.dispatch -> zod -> recognition ->
 * filter -> ldapts on the agent's bound connection -> summaries, sorted) is timed next to the
 * floor: a bare ldapts search of the very same filter and attributes on an already open
 * connection bound as the same agent. Path and floor alternate query by query so that both
 * see the same server and machine state. Targets: exact keys p50 <= 1.3x the floor and
 * p95 < 30 ms; name searches p95 < 100 ms.
 *
 * Writes bench/results/lookup.json and prints the report.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from 'ldapts';
import { startDirectory, type FixturePerson } from '../resources/directory/fixture';
import { mulberry32 } from '../resources/directory/people-generator';
import { startConsole } from '../test/support/console-harness';
import { peopleSearch } from '../src/main/directory/search-people';
import type { SearchResponse } from '../src/shared/contract/directory';

const PEOPLE = Number(process.env['BENCH_PEOPLE'] ?? 100_000);
const EXACT_ROUNDS = Number(process.env['BENCH_EXACT_ROUNDS'] ?? 400);
const NAME_ROUNDS = Number(process.env['BENCH_NAME_ROUNDS'] ?? 150);
const WARMUP = 40;
const OUT = join(dirname(fileURLToPath(import.meta.url)), 'results', 'lookup.json');

type Kind = 'login' | 'alias' | 'studentId' | 'ine' | 'staffId' | 'uniqueId' | 'mail' | 'namePrefix' | 'fullName';
interface KindSpec {
  kind: Kind;
  /** The key recognition must find (checked, so the bench measures what it says). */
  expect: string;
  exact: boolean;
  pick: (p: FixturePerson, rnd: () => number) => string | undefined;
}

const KINDS: KindSpec[] = [
  { kind: 'login', expect: 'loginOrAlias', exact: true, pick: (p) => p.login },
  { kind: 'alias', expect: 'loginOrAlias', exact: true, pick: (p) => p.alias },
  { kind: 'studentId', expect: 'studentId', exact: true, pick: (p) => p.studentIds[0] },
  { kind: 'ine', expect: 'ine', exact: true, pick: (p) => p.ine },
  { kind: 'staffId', expect: 'staffId', exact: true, pick: (p) => p.staffId },
  { kind: 'uniqueId', expect: 'uniqueId', exact: true, pick: (p) => p.uniqueId },
  { kind: 'mail', expect: 'mail', exact: true, pick: (p, rnd) => (rnd() < 0.5 || !p.personalMail ? p.mail : p.personalMail) },
  // What an agent types: the first 3 to 6 letters of a family name, as typed (no accents).
  {
    kind: 'namePrefix',
    expect: 'name',
    exact: false,
    pick: (p, rnd) => {
      const folded = p.familyName.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(/[\s'-]/)[0]!;
      return folded.length >= 3 ? folded.slice(0, 3 + Math.floor(rnd() * 4)) : undefined;
    },
  },
  { kind: 'fullName', expect: 'name', exact: false, pick: (p, rnd) => (rnd() < 0.5 ? `${p.givenName} ${p.familyName}` : `${p.familyName} ${p.givenName}`) },
];

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const round = (n: number) => Math.round(n * 1000) / 1000;
function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: round(percentile(s, 0.5)), p95: round(percentile(s, 0.95)), mean: round(s.reduce((a, b) => a + b, 0) / s.length), n: s.length };
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadAtStart = loadavg()[0]!;
  const t0 = performance.now();
  process.stdout.write(`Starting a directory with ${PEOPLE.toLocaleString('en')} people...\n`);
  const fixture = await startDirectory({ people: PEOPLE, seed: 42 });
  const harness = startConsole({ fixture });
  const floor = new Client({ url: fixture.url, timeout: 10_000, connectTimeout: 2_000 });
  try {
    const agent = fixture.agents.find((a) => a.kind === 'agent')!;
    const signed = await harness.invoke('session:sign-in', { login: agent.login, password: agent.password });
    if (!signed.ok) throw new Error(`sign-in failed: ${signed.error.code}`);
    await floor.bind(agent.dn, agent.password);

    const config = harness.config.directory;
    const planner = peopleSearch(harness.services.agentDirectory, config);
    const rnd = mulberry32(7);
    const people = fixture.people;

    const path = async (query: string) => {
      const t = performance.now();
      const r = await harness.invoke('directory:search', { query });
      const ms = performance.now() - t;
      if (!r.ok) throw new Error(`search failed (${r.error.code}) for ${JSON.stringify(query)}`);
      return { ms, value: r.value as SearchResponse };
    };
    const bare = async (query: string) => {
      const { filter, attributes, sizeLimit } = planner.plan(query, 'auto');
      const t = performance.now();
      await floor.search(config.peopleBase, { scope: 'sub', filter: filter!, attributes, sizeLimit });
      return performance.now() - t;
    };

    const results = [];
    for (const spec of KINDS) {
      const rounds = spec.exact ? EXACT_ROUNDS : NAME_ROUNDS;
      const queries: string[] = [];
      while (queries.length < rounds + WARMUP) {
        const q = spec.pick(people[Math.floor(rnd() * people.length)]!, rnd);
        if (q) queries.push(q);
      }
      const pathMs: number[] = [];
      const floorMs: number[] = [];
      let found = 0;
      let truncated = 0;
      let resultCount = 0;
      for (let i = 0; i < queries.length; i++) {
        const q = queries[i]!;
        // Alternate which goes first, so neither always gets a warm cache from the other.
        let p: Awaited<ReturnType<typeof path>>;
        let f: number;
        if (i % 2 === 0) {
          p = await path(q);
          f = await bare(q);
        } else {
          f = await bare(q);
          p = await path(q);
        }
        if (p.value.key !== spec.expect) throw new Error(`${spec.kind}: ${JSON.stringify(q)} recognised as ${p.value.key}`);
        if (i < WARMUP) continue;
        pathMs.push(p.ms);
        floorMs.push(f);
        if (p.value.results.length > 0) found++;
        if (p.value.truncated) truncated++;
        resultCount += p.value.results.length;
      }
      const pathStats = stats(pathMs);
      const floorStats = stats(floorMs);
      const ratioP50 = round(pathStats.p50 / floorStats.p50);
      const ratioP95 = round(pathStats.p95 / floorStats.p95);
      const pass = spec.exact ? ratioP50 <= 1.3 && pathStats.p95 < 30 : pathStats.p95 < 100;
      results.push({
        kind: spec.kind,
        recognisedAs: spec.expect,
        example: queries[WARMUP],
        path: pathStats,
        floor: floorStats,
        ratioP50,
        ratioP95,
        target: spec.exact ? 'p50 <= 1.3x floor and p95 < 30 ms' : 'p95 < 100 ms',
        pass,
        foundRate: round(found / pathMs.length),
        truncatedRate: round(truncated / pathMs.length),
        meanResults: round(resultCount / pathMs.length),
      });
      process.stdout.write(
        `${spec.kind.padEnd(11)} path p50 ${pathStats.p50.toFixed(2).padStart(6)} ms  p95 ${pathStats.p95.toFixed(2).padStart(6)} ms | ` +
          `floor p50 ${floorStats.p50.toFixed(2).padStart(6)} ms  p95 ${floorStats.p95.toFixed(2).padStart(6)} ms | ` +
          `x${ratioP50.toFixed(2)} (p95 x${ratioP95.toFixed(2)})  ${pass ? 'PASS' : 'FAIL'}  found ${(100 * found / pathMs.length).toFixed(0)}%` +
          `${truncated ? `, truncated ${(100 * truncated / pathMs.length).toFixed(0)}%` : ''}\n`,
      );
    }

    const slapdConf = readFileSync(join(fixture.dir, 'slapd.conf'), 'utf8');
    const indexes = slapdConf.split('\n').filter((l) => l.startsWith('index '));
    const report = {
      benchmark: 'lookup',
      startedAt: startedAt.toISOString(),
      seconds: round((performance.now() - t0) / 1000),
      machine: {
        node: process.version,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? null,
        memoryGiB: round(totalmem() / 2 ** 30),
        // Other work on the machine skews the tails: the 1-minute load average, start and end.
        loadAverage: { start: round(loadAtStart), end: round(loadavg()[0]!) },
      },
      directory: { people: fixture.people.length, fixtureSeconds: fixture.timings, sizeLimit: config.sizeLimit },
      method:
        'Each query runs through router.dispatch (signed in as an agent, one bound connection reused) and as a bare ldapts search ' +
        'with the same filter and attributes on another connection already bound as the same agent; the two alternate query by query. ' +
        `${WARMUP} warm-up queries per kind are not counted.`,
      results,
      indexesNeeded: {
        equality: ['uid', 'supannAliasLogin', 'supannEtuId', 'supannEmpId', 'supannCodeINE', 'eduPersonUniqueId', 'supannRefId', 'mail', 'supannMailPerso', 'eduPersonPrincipalName', 'member (sign-in role)'],
        substring: ['cn (name words: subinitial and subany keys)', 'sn, givenName (one- and two-letter searches: subinitial)'],
        note:
          'index_substr_if_minlen 2 / any_len 4 (defaults): accent variants of 3-letter word starts are asked as "cn=élo*" and "cn=* élo*" (4 characters), both indexed.',
        fixtureConfig: indexes,
      },
      pass: results.every((r) => r.pass),
    };
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, JSON.stringify(report, null, 2) + '\n');
    process.stdout.write(`\n${report.pass ? 'All targets met' : 'Some targets missed'}; ${report.seconds} s. Report: ${OUT}\n`);
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
