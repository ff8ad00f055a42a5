/**
 * npm run bench:fixture [-- --people N]
 *
 * Starts the directory fixture with N generated people (default 100000), prints where the time
 * went, proves the data is there with one indexed search, stops it and writes
 * bench/results/fixture.json. Target: the whole load (generation + slapadd -q + start) < 20 s.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { Client, EqualityFilter } from 'ldapts';
import { startDirectory } from '../resources/directory/fixture';

const TARGET_SECONDS = 20;

function argValue(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

function slapdVersion(): string {
  // `slapd -VV` prints its version on stderr
  const r = spawnSync('/usr/sbin/slapd', ['-VV'], { encoding: 'utf8' });
  const line = `${r.stderr ?? ''}${r.stdout ?? ''}`.split('\n').find((l) => l.includes('slapd'));
  return line?.replace(/^@\(#\)\s*\$?OpenLDAP:\s*/, '').replace(/\s*\$\s*$/, '').trim() ?? 'unknown';
}

async function main(): Promise<void> {
  const people = Number(argValue('--people') ?? 100_000);
  if (!Number.isInteger(people) || people < 0) throw new Error(`--people must be a non-negative integer, got ${argValue('--people')}`);
  const seed = Number(argValue('--seed') ?? 42);

  const loadBefore = os.loadavg();
  console.log(`directory fixture: loading ${people} generated people (seed ${seed})...`);
  const t0 = performance.now();
  const dir = await startDirectory({ people, seed });
  const loadSeconds = (performance.now() - t0) / 1000;
  const { timings } = dir;

  try {
    // one indexed equality search, as the read-only service account would do it for a person
    const probe = dir.people.findLast((p) => p.alias !== undefined)!;
    const client = new Client({ url: dir.url, timeout: 5000, connectTimeout: 2000 });
    let searchMs: number;
    try {
      await client.bind(dir.rootDn, dir.rootPassword);
      const ts = performance.now();
      const { searchEntries } = await client.search(dir.peopleBase, {
        scope: 'sub',
        filter: new EqualityFilter({ attribute: 'supannAliasLogin', value: probe.alias! }),
        attributes: ['uid', 'displayName'],
      });
      searchMs = performance.now() - ts;
      if (searchEntries.length !== 1 || searchEntries[0]!.uid !== probe.login) {
        throw new Error(`indexed search did not find ${probe.login}: ${JSON.stringify(searchEntries)}`);
      }
    } finally {
      await client.unbind().catch(() => undefined);
    }

    const entries = dir.people.length + dir.agents.length;
    console.log(`  entries under ${dir.peopleBase}: ${entries} (${dir.people.length - people} named + ${people} generated + ${dir.agents.length} agents)`);
    console.log(`  generate (overlapped with slapadd): ${timings.generateSeconds.toFixed(2)} s`);
    console.log(`  slapadd -q (streamed LDIF):         ${timings.slapaddSeconds.toFixed(2)} s`);
    console.log(`  slapd start until ready:            ${timings.startSeconds.toFixed(2)} s`);
    console.log(`  load total:                         ${loadSeconds.toFixed(2)} s (target < ${TARGET_SECONDS} s)`);
    console.log(`  CPU time: node ${timings.nodeCpuSeconds.toFixed(2)} s, slapadd ${timings.slapaddCpuSeconds.toFixed(2)} s (tool-threads ${timings.slapaddThreads}); load average before ${loadBefore.map((x) => x.toFixed(1)).join(' ')}`);
    console.log(`  indexed search (supannAliasLogin):  ${searchMs.toFixed(1)} ms`);

    const result = {
      people,
      entries,
      seed,
      load_seconds: round(loadSeconds),
      generate_seconds: round(timings.generateSeconds),
      generate_overlapped_with_slapadd: true,
      slapadd_seconds: round(timings.slapaddSeconds),
      start_seconds: round(timings.startSeconds),
      // CPU seconds are not inflated by other load on the machine, wall seconds are
      cpu_seconds: { node: round(timings.nodeCpuSeconds), slapadd: round(timings.slapaddCpuSeconds) },
      slapadd_tool_threads: timings.slapaddThreads,
      indexed_search_ms: round(searchMs),
      target_seconds: TARGET_SECONDS,
      within_target: loadSeconds < TARGET_SECONDS,
      machine: {
        cpus: os.cpus().length,
        cpu_model: os.cpus()[0]?.model ?? 'unknown',
        memory_gb: round(os.totalmem() / 2 ** 30),
        platform: `${os.platform()} ${os.release()}`,
        node: process.version,
        slapd: slapdVersion(),
        load_average_before: loadBefore.map(round),
        load_average_after: os.loadavg().map(round),
      },
      date: new Date().toISOString(),
    };
    const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', 'fixture.json');
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
    console.log(`  written ${path.relative(process.cwd(), out)}`);
    if (!result.within_target) process.exitCode = 1;
  } finally {
    await dir.stop();
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
