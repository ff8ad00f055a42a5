/**
 * Lookup latency at the size of a large university (npm run bench:lookup [-- --people 100000,500000]).
 *
 * For each directory size (default 100,000 then 500,000 people, one fixture after the other)
 * and each kind of key, the whole main-process path (router.dispatch -> zod -> recognition ->
 * filter -> ldapts on the agent's bound connection -> name narrowing -> summaries, sorted) is
 * timed next to the floor: a bare ldapts search of the very same request (filter, attributes
 * and size limit, from the search's own plan) on an already open connection bound as the
 * same agent. Path and floor alternate query by query so that both see the same server and
 * machine state. Targets for every kind, names included: p50 and p95 within 1.3x the floor,
 * and p95 under 30 ms for an exact key, under 100 ms for a name; and for a name, the person
 * asked for among the results whenever the name matches no more people than the list shows.
 *
 * Writes bench/results/lookup.json (every size) and prints the report.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, type Filter } from 'ldapts';
import { startDirectory, type FixturePerson } from '../resources/directory/fixture';
import { mulberry32 } from '../resources/directory/people-generator';
import { startConsole } from '../test/support/console-harness';
import { peopleSearch } from '../src/main/directory/search-people';
import { searchAttributesOf } from '../src/main/directory/search-filter';
import { foldName, nameMatches, nameTokens } from '../src/main/directory/search-names';
import type { SearchResponse } from '../src/shared/contract/directory';
import { argValue, latencyStats, loadNow, machine, round } from './lib/latency';

const SIZES = (argValue('--people') ?? process.env['BENCH_PEOPLE'] ?? '100000,500000').split(',').map(Number);
const EXACT_ROUNDS = Number(process.env['BENCH_EXACT_ROUNDS'] ?? 1000);
const NAME_ROUNDS = Number(process.env['BENCH_NAME_ROUNDS'] ?? 300);
const WARMUP = 40;
/** `--kinds fullName,login`: only those (while working on one); the report says which ran. */
const ONLY = argValue('--kinds')?.split(',');
const MAX_RATIO = 1.3;
const EXACT_P95_MS = 30;
const NAME_P95_MS = 100;
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

/**
 * Who a name query truly matches among the generated people (the console's own rule,
 * nameMatches, over the four name attributes), found through an index of word starts: the
 * benchmark then knows when the person asked for had to be among the results (as many
 * matches as the list shows, or fewer) and when the agent has to refine.
 */
function nameMatcher(people: readonly FixturePerson[]) {
  const namesOf = (p: FixturePerson) => [p.familyName, p.givenName, p.displayName, p.commonName];
  const byStart = new Map<string, number[]>();
  people.forEach((p, i) => {
    const starts = new Set<string>();
    for (const name of namesOf(p)) {
      const words = foldName(name).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
      words.forEach((_, w) => starts.add(words.slice(w).join('').slice(0, 3)));
    }
    for (const start of starts) {
      let list = byStart.get(start);
      if (!list) byStart.set(start, (list = []));
      list.push(i);
    }
  });
  return (query: string): number => {
    const tokens = nameTokens(query);
    const longest = tokens.reduce((a, b) => (b.letters.length > a.letters.length ? b : a));
    const candidates = longest.letters.length >= 3 ? (byStart.get(longest.letters.slice(0, 3)) ?? []) : people.map((_, i) => i);
    return candidates.filter((i) => nameMatches(tokens, namesOf(people[i]!))).length;
  };
}

async function benchSize(people: number) {
  const loadAtStart = loadNow();
  const t0 = performance.now();
  process.stdout.write(`\nStarting a directory with ${people.toLocaleString('en')} people (load ${loadAtStart})...\n`);
  const fixture = await startDirectory({ people, seed: 42 });
  process.stdout.write(`  loaded in ${fixture.timings.totalSeconds.toFixed(1)} s\n`);
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

    const path = async (query: string) => {
      const t = performance.now();
      const r = await harness.invoke('directory:search', { query });
      const ms = performance.now() - t;
      if (!r.ok) throw new Error(`search failed (${r.error.code}) for ${JSON.stringify(query)}`);
      return { ms, value: r.value as SearchResponse };
    };
    // The request the path sends, planned before the clock starts: the floor is the directory's answer alone.
    const bare = async (query: string) => {
      const { filter, attributes, sizeLimit } = planner.plan(query, 'auto');
      const t = performance.now();
      await floor.search(config.peopleBase, { scope: 'sub', filter: filter as Filter, attributes, sizeLimit });
      return performance.now() - t;
    };

    const results = [];
    for (const spec of KINDS.filter((k) => !ONLY || ONLY.includes(k.kind))) {
      const rounds = spec.exact ? EXACT_ROUNDS : NAME_ROUNDS;
      const queries: Array<{ text: string; login: string }> = [];
      while (queries.length < rounds + WARMUP) {
        const person = fixture.people[Math.floor(rnd() * fixture.people.length)]!;
        const text = spec.pick(person, rnd);
        if (text) queries.push({ text, login: person.login });
      }
      const pathMs: number[] = [];
      const floorMs: number[] = [];
      let found = 0;
      let truncated = 0;
      let resultCount = 0;
      const answered: Array<{ text: string; shown: boolean }> = [];
      for (let i = 0; i < queries.length; i++) {
        const { text, login } = queries[i]!;
        // Alternate which goes first, so neither always gets a warm cache from the other.
        let p: Awaited<ReturnType<typeof path>>;
        let f: number;
        if (i % 2 === 0) {
          p = await path(text);
          f = await bare(text);
        } else {
          f = await bare(text);
          p = await path(text);
        }
        if (p.value.key !== spec.expect) throw new Error(`${spec.kind}: ${JSON.stringify(text)} recognised as ${p.value.key}`);
        if (i < WARMUP) continue;
        pathMs.push(p.ms);
        floorMs.push(f);
        const shown = p.value.results.some((r) => r.login === login);
        if (shown) found++;
        if (p.value.truncated) truncated++;
        resultCount += p.value.results.length;
        if (!spec.exact) answered.push({ text, shown });
      }
      const pathStats = latencyStats(pathMs);
      const floorStats = latencyStats(floorMs);
      const ratioP50 = round(pathStats.p50 / floorStats.p50);
      const ratioP95 = round(pathStats.p95 / floorStats.p95);
      const p95Limit = spec.exact ? EXACT_P95_MS : NAME_P95_MS;
      const pass = ratioP50 <= MAX_RATIO && ratioP95 <= MAX_RATIO && pathStats.p95 < p95Limit;
      results.push({
        kind: spec.kind,
        recognisedAs: spec.expect,
        example: queries[WARMUP]!.text,
        path: pathStats,
        floor: floorStats,
        ratioP50,
        ratioP95,
        target: `p50 and p95 <= ${MAX_RATIO}x floor, p95 < ${p95Limit} ms`,
        pass,
        // The person the query was drawn from is among the results shown (a name prefix shows 50 of many).
        foundRate: round(found / pathMs.length),
        truncatedRate: round(truncated / pathMs.length),
        meanResults: round(resultCount / pathMs.length),
        ...(spec.exact ? {} : { names: answered }),
      });
      process.stdout.write(
        `  ${spec.kind.padEnd(11)} path p50 ${pathStats.p50.toFixed(2).padStart(6)} ms  p95 ${pathStats.p95.toFixed(2).padStart(6)} ms | ` +
          `floor p50 ${floorStats.p50.toFixed(2).padStart(6)} ms  p95 ${floorStats.p95.toFixed(2).padStart(6)} ms | ` +
          `x${ratioP50.toFixed(2)} (p95 x${ratioP95.toFixed(2)})  ${pass ? 'PASS' : 'FAIL'}  found ${((100 * found) / pathMs.length).toFixed(0)}%` +
          `${truncated ? `, truncated ${((100 * truncated) / pathMs.length).toFixed(0)}%` : ''}\n`,
      );
    }
    // Who each name truly matches, counted once every clock is off (its index would weigh on the timed heap).
    const trueMatches = nameMatcher(fixture.people);
    const report = results.map(({ names, ...result }) => {
      if (!names) return result;
      let showable = 0;
      let foundShowable = 0;
      let matchCount = 0;
      for (const { text, shown } of names) {
        const matches = trueMatches(text);
        matchCount += matches;
        if (matches <= config.sizeLimit) {
          showable++;
          if (shown) foundShowable++;
        }
      }
      process.stdout.write(`  ${result.kind.padEnd(11)} ${showable} of ${names.length} match <= ${config.sizeLimit} people: ${foundShowable} of them shown\n`);
      return {
        ...result,
        // A person whose name matches no more people than the list shows is always among them.
        pass: result.pass && foundShowable === showable,
        meanTrueMatches: round(matchCount / names.length),
        withinLimitRate: round(showable / names.length),
        foundWithinLimitRate: showable > 0 ? round(foundShowable / showable) : null,
      };
    });
    const indexes = readFileSync(join(fixture.dir, 'slapd.conf'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('index '));
    return {
      people: fixture.people.length,
      seconds: round((performance.now() - t0) / 1000),
      fixtureSeconds: fixture.timings,
      sizeLimit: config.sizeLimit,
      nameAttributes: searchAttributesOf(config).names,
      loadAverage: { start: loadAtStart, end: loadNow() },
      fixtureIndexes: indexes,
      results: report,
      pass: report.every((r) => r.pass),
    };
  } finally {
    await floor.unbind().catch(() => undefined);
    await harness.close();
    await fixture.stop();
  }
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadAtStart = loadNow();
  const t0 = performance.now();
  const sizes = [];
  for (const people of SIZES) {
    if (!Number.isInteger(people) || people < 1) throw new Error(`--people takes sizes such as 100000,500000 (got ${people})`);
    sizes.push(await benchSize(people));
  }
  const report = {
    benchmark: 'lookup',
    startedAt: startedAt.toISOString(),
    seconds: round((performance.now() - t0) / 1000),
    machine: machine(loadAtStart),
    method:
      'Each query runs through router.dispatch (signed in as an agent, one bound connection reused) and as a bare ldapts search ' +
      'of the same request (filter, attributes, size limit: the plan of src/main/directory/search-people.ts) on another connection ' +
      `already bound as the same agent; the two alternate query by query. ${WARMUP} warm-up queries per kind are not counted. ` +
      'A full name asks once for 4x the size limit (the narrowing needs more than it shows); a single word for the limit + 1. ' +
      'For a name, the people it truly matches are counted with the console\'s own rule (nameMatches) over every generated person: ' +
      'when they are no more than the size limit, the person the query was drawn from must be among the results (foundWithinLimitRate 1, part of the target).',
    indexesNeeded: {
      equality: ['uid', 'supannAliasLogin', 'supannEtuId', 'supannEmpId', 'supannCodeINE', 'eduPersonUniqueId', 'supannRefId', 'mail', 'supannMailPerso', 'eduPersonPrincipalName', 'member (sign-in role)'],
      substring: ['every name attribute searched (directory.nameAttributes; default sn, givenName, displayName, cn): subinitial and subany keys'],
      note:
        'index_substr_if_minlen 2 / any_len 4 (defaults): a plain word start is asked as "sn=elo*", "sn=* elo*", "sn=*-elo*", "sn=*\'elo*"; ' +
        'an accented one (4 bytes or more in UTF-8) once as "sn=*élo*": all indexed.',
    },
    sizes,
    pass: sizes.every((s) => s.pass),
  };
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(`\n${report.pass ? 'All targets met' : 'Some targets missed'}; ${report.seconds} s in all. Report: ${OUT}\n`);
  if (!report.pass) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
