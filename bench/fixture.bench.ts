/**
 * npm run bench:fixture [-- --people 100000,500000] [--seed N] [--compare-indexes]
 *
 * Starts the directory fixture with N generated people (default 100000; several sizes one
 * after the other), prints where the time went, proves the data is there with one indexed
 * search per name attribute, stops it and writes bench/results/fixture.json. Targets: the
 * whole load (generation + slapadd -q + start) under 20 s per 100,000 people, first from
 * nothing (into an empty cache of loaded databases, see resources/directory/loaded-cache.ts,
 * which that load fills), then again as every later start of the same people does: by
 * copying that load.
 * --compare-indexes loads each size twice more, without the displayName index the name
 * search added (the index set before it) and with it, and reports what it costs: wall and
 * CPU seconds (CPU seconds are not inflated by other work on a shared machine).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { Client, EqualityFilter, SubstringFilter, type Filter } from 'ldapts';
import { NAME_INDEXES, startDirectory, type DirectoryFixtureOptions } from '../resources/directory/fixture';
import { argValue } from './lib/latency';

const SECONDS_PER_100K = 20;
/** The name indexes before every name attribute was searched (cn, sn, givenName). */
const PREVIOUS_NAME_INDEXES = NAME_INDEXES.filter((a) => a !== 'displayName');

function slapdVersion(): string {
  // `slapd -VV` prints its version on stderr
  const r = spawnSync('/usr/sbin/slapd', ['-VV'], { encoding: 'utf8' });
  const line = `${r.stderr ?? ''}${r.stdout ?? ''}`.split('\n').find((l) => l.includes('slapd'));
  return line?.replace(/^@\(#\)\s*\$?OpenLDAP:\s*/, '').replace(/\s*\$\s*$/, '').trim() ?? 'unknown';
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Loads one directory, checks it answers indexed searches, stops it; what the load cost. */
async function load(people: number, seed: number, nameIndexes: readonly string[], reuseLoaded = false) {
  const loadBefore = os.loadavg();
  const t0 = performance.now();
  const dir = await startDirectory({ people, seed, nameIndexes, reuseLoaded } satisfies DirectoryFixtureOptions);
  const loadSeconds = (performance.now() - t0) / 1000;
  const { timings } = dir;
  try {
    // Indexed searches as the console makes them: an alias (equality), a word start in each name attribute (substring).
    const probe = dir.people.findLast((p) => p.alias !== undefined)!;
    const valueOf: Record<string, string> = { sn: probe.familyName, givenName: probe.givenName, cn: probe.commonName, displayName: probe.displayName };
    const checks: Array<[string, Filter]> = [
      ['supannAliasLogin eq', new EqualityFilter({ attribute: 'supannAliasLogin', value: probe.alias! })],
      ...nameIndexes.map((a): [string, Filter] => [`${a} sub`, new SubstringFilter({ attribute: a, initial: (valueOf[a] ?? probe.familyName).slice(0, 3) })]),
    ];
    const client = new Client({ url: dir.url, timeout: 30_000, connectTimeout: 2000 });
    const searchMs: Record<string, number> = {};
    try {
      await client.bind(dir.rootDn, dir.rootPassword);
      for (const [name, filter] of checks) {
        const ts = performance.now();
        const { searchEntries } = await client.search(dir.peopleBase, { scope: 'sub', filter, attributes: ['uid'], sizeLimit: 51 });
        searchMs[name] = round(performance.now() - ts);
        if (searchEntries.length === 0) throw new Error(`${name}: the indexed search found nobody`);
      }
    } finally {
      await client.unbind().catch(() => undefined);
    }
    return {
      people,
      entries: dir.people.length + dir.agents.length,
      nameIndexes,
      load_seconds: round(loadSeconds),
      generate_seconds: round(timings.generateSeconds),
      slapadd_seconds: round(timings.slapaddSeconds),
      start_seconds: round(timings.startSeconds),
      // CPU seconds are not inflated by other load on the machine, wall seconds are
      cpu_seconds: { node: round(timings.nodeCpuSeconds), slapadd: round(timings.slapaddCpuSeconds) },
      // Ready to run but no CPU free (other work on the machine): with slapadd's CPU time, most of its wall time.
      slapadd_waiting_for_cpu_seconds: timings.slapaddCpuWaitSeconds === null ? null : round(timings.slapaddCpuWaitSeconds),
      slapadd_tool_threads: timings.slapaddThreads,
      reused_load: timings.reusedLoad,
      indexed_search_ms: searchMs,
      load_average_before: loadBefore.map(round),
      load_average_after: os.loadavg().map(round),
    };
  } finally {
    await dir.stop();
  }
}

async function main(): Promise<void> {
  const sizes = (argValue('--people') ?? '100000').split(',').map(Number);
  for (const people of sizes) if (!Number.isInteger(people) || people < 0) throw new Error(`--people takes sizes such as 100000,500000 (got ${people})`);
  const seed = Number(argValue('--seed') ?? 42);
  const compare = process.argv.includes('--compare-indexes');
  const runs = [];
  const indexCost = [];
  // A cache of its own, empty: the first load of each size is a load from nothing.
  const cache = mkdtempSync(path.join(os.tmpdir(), 'guichet-fixture-bench-cache-'));
  process.env['GUICHET_FIXTURE_CACHE'] = cache;
  try {
  for (const people of sizes) {
    const target = (SECONDS_PER_100K * Math.max(people, 100_000)) / 100_000;
    console.log(`directory fixture: loading ${people} generated people (seed ${seed})...`);
    const run = await load(people, seed, NAME_INDEXES, true);
    console.log(`  entries: ${run.entries}; slapadd -q ${run.slapadd_seconds} s with the copy kept for later starts (generation overlapped: ${run.generate_seconds} s), start ${run.start_seconds} s`);
    console.log(`  load total: ${run.load_seconds} s (target < ${target} s); CPU node ${run.cpu_seconds.node} s, slapadd ${run.cpu_seconds.slapadd} s (tool-threads ${run.slapadd_tool_threads}); load average before ${run.load_average_before.join(' ')}`);
    console.log(`  slapadd ${run.slapadd_seconds} s = ${run.cpu_seconds.slapadd} s on a CPU + ${run.slapadd_waiting_for_cpu_seconds ?? '?'} s waiting for one + the rest asleep (waiting for the LDIF)`);
    console.log(`  indexed searches (ms): ${JSON.stringify(run.indexed_search_ms)}`);
    const again = await load(people, seed, NAME_INDEXES, true);
    if (!again.reused_load) throw new Error('the second start of the same people did not reuse the first load');
    console.log(`  started again from that load: ${again.load_seconds} s (copy ${again.slapadd_seconds} s, people generated ${again.generate_seconds} s)`);
    runs.push({
      ...run,
      target_seconds: target,
      within_target: run.load_seconds < target,
      reused: { load_seconds: again.load_seconds, copy_seconds: again.slapadd_seconds, generate_seconds: again.generate_seconds, within_target: again.load_seconds < target, indexed_search_ms: again.indexed_search_ms },
    });
    if (compare) {
      // Both loads back to back, the previous index set first: what displayName eq,sub adds.
      const without = await load(people, seed, PREVIOUS_NAME_INDEXES);
      const withIt = await load(people, seed, NAME_INDEXES);
      const cost = {
        people,
        added: 'displayName eq,sub',
        without: { load_seconds: without.load_seconds, slapadd_cpu_seconds: without.cpu_seconds.slapadd },
        with: { load_seconds: withIt.load_seconds, slapadd_cpu_seconds: withIt.cpu_seconds.slapadd },
        extra_load_seconds: round(withIt.load_seconds - without.load_seconds),
        extra_slapadd_cpu_percent: round((100 * (withIt.cpu_seconds.slapadd - without.cpu_seconds.slapadd)) / without.cpu_seconds.slapadd),
      };
      console.log(`  displayName index: load ${without.load_seconds} -> ${withIt.load_seconds} s, slapadd CPU ${without.cpu_seconds.slapadd} -> ${withIt.cpu_seconds.slapadd} s (+${cost.extra_slapadd_cpu_percent} %)`);
      indexCost.push(cost);
    }
  }
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
  const result = {
    seed,
    runs,
    ...(compare ? { index_cost: indexCost } : {}),
    target: `load < ${SECONDS_PER_100K} s per 100,000 people, from nothing and reused`,
    pass: runs.every((r) => r.within_target && r.reused.within_target),
    machine: {
      cpus: os.cpus().length,
      cpu_model: os.cpus()[0]?.model ?? 'unknown',
      memory_gb: round(os.totalmem() / 2 ** 30),
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
      slapd: slapdVersion(),
    },
    date: new Date().toISOString(),
  };
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', 'fixture.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  console.log(`  written ${path.relative(process.cwd(), out)}`);
  if (!result.pass) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
