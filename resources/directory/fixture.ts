/**
 * Throw-away OpenLDAP directory for integration tests, e2e tests, the demo and benchmarks.
 *
 * startDirectory() makes a temp folder, writes slapd.conf (mdb + otp + ppolicy + SUPANN subset +
 * guichet-local schema + the helpdesk ACLs), loads the generated people (and the few
 * demo people who hold an authenticator, see second-factor-people.ts) offline with
 * `slapadd -q`, starts Debian's /usr/sbin/slapd in the foreground on free loopback port(s) and
 * waits until it answers a rootDSE search. stop() kills it and removes the folder; a process
 * 'exit' hook SIGKILLs any slapd still running (and removes its folder).
 *
 * The parts: slapd-conf.ts (the configuration text), fixture-ldif.ts (the tree and the streamed
 * people), slapadd-run.ts and loaded-cache.ts (the load), slapd-process.ts (start, wait, stop),
 * fixture-types.ts (options and what is handed back). Tests import all of it from here.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { AGENT_PASSWORD, generateAgents } from './agent-people';
import { layout } from './directory-layout';
import type { FixturePerson, NamedKey } from './fixture-person';
import { ldifChunks, skeletonLdif } from './fixture-ldif';
import { NAME_INDEXES, type DirectoryFixture, type DirectoryFixtureOptions } from './fixture-types';
import { todayUtc } from './lifecycle-people';
import { loadedCache } from './loaded-cache';
import { freePort } from './loopback-ports';
import { iteratePeople } from './people-generator';
import { personToLdif } from './person-ldif';
import { sshaHash } from './secret-hashes';
import { generateTokenHolders, sharedParamsLdif, tokenHolderToLdif, type TokenHolder, type TokenHolderKey } from './second-factor-people';
import { runSlapadd } from './slapadd-run';
import { slapdConf, toolThreads } from './slapd-conf';
import { exitedPromise, spawnSlapd, terminateSlapd, track, waitReady, type Running } from './slapd-process';
import { generateTestCa } from './test-ca';

export type { FixturePerson, NamedKey, AgentKind } from './people-generator';
export { AGENT_PASSWORD, NAMED_PERSON_PASSWORD, NAMED_LOGINS } from './people-generator';
export type { TokenHolder, TokenHolderKey } from './second-factor-people';
export { NAME_INDEXES, type DirectoryFixture, type DirectoryFixtureOptions, type FixtureAgent, type FixtureTimings } from './fixture-types';
export { freePort, tcpAccepts } from './loopback-ports';
export { generateTestCa } from './test-ca';

export const FIXTURE_BASE_DN = 'dc=univ-demo,dc=fr';
export const FIXTURE_ROOT_PASSWORD = 'Guichet-Root-2026!';
export const FIXTURE_SERVICE_PASSWORD = 'Guichet-Lecture-2026!';

export async function startDirectory(options: DirectoryFixtureOptions = {}): Promise<DirectoryFixture> {
  const t0 = performance.now();
  const count = options.people ?? 200;
  const seed = options.seed ?? 42;
  const keepDir = options.keepDir ?? false;

  const dir = mkdtempSync(path.join(os.tmpdir(), 'guichet-slapd-'));
  const cleanupOnFailure = () => {
    if (!keepDir) rmSync(dir, { recursive: true, force: true });
  };
  let tmpRegistered: Running | null = null;
  let untrack: () => void = () => undefined;
  try {
    const l = layout(FIXTURE_BASE_DN);
    const port = options.port ?? (await freePort());
    const tlsPort = options.tls ? await freePort() : null;
    const certs = options.tls ? generateTestCa(dir, 'localhost') : null;
    const conf = path.join(dir, 'slapd.conf');
    const logFile = path.join(dir, 'slapd.log');
    const threads = toolThreads();
    const nameIndexes = options.nameIndexes ?? NAME_INDEXES;
    writeFileSync(conf, slapdConf(l, dir, sshaHash(FIXTURE_ROOT_PASSWORD, randomBytes(8)), certs, threads, { serverSort: options.serverSort ?? true, nameIndexes, extraAccess: options.extraAccess ?? [] }));
    mkdirSync(path.join(dir, 'db'));

    const t1 = performance.now();
    const today = options.today ?? todayUtc();
    // Under a password lifetime the agents must still be able to sign in: theirs were set this morning.
    const agentPeople = generateAgents(l.baseDn).map((a) =>
      options.passwordMaxAgeDays !== undefined ? { ...a, pwdChangedTime: `${today.replaceAll('-', '')}070000Z` } : a,
    );
    const tokenHolders = generateTokenHolders(l.baseDn);
    const head =
      skeletonLdif(l, sshaHash(FIXTURE_SERVICE_PASSWORD, randomBytes(8)), agentPeople, { maxAgeDays: options.passwordMaxAgeDays }) +
      agentPeople.map(personToLdif).join('') +
      sharedParamsLdif(l.baseDn) +
      tokenHolders.map(tokenHolderToLdif).join('');
    const people: FixturePerson[] = [];
    const stats = { generateMs: 0 };
    const cpu0 = process.cpuUsage();
    const dbDir = path.join(dir, 'db');
    const cache = loadedCache({ people: count, seed, baseDn: l.baseDn, nameIndexes, today, passwordMaxAgeDays: options.passwordMaxAgeDays ?? null }, options.reuseLoaded);
    const reusedLoad = cache?.restore(dbDir) ?? false;
    let slapaddCpuSeconds = 0;
    let slapaddCpuWaitSeconds: number | null = null;
    if (reusedLoad) {
      const tg = performance.now();
      for (const person of iteratePeople(count, seed, l.baseDn, today, options.passwordMaxAgeDays ?? null)) people.push(person);
      stats.generateMs = performance.now() - tg;
    } else {
      const run = await runSlapadd(conf, path.join(dir, 'slapadd.log'), ldifChunks(head, iteratePeople(count, seed, l.baseDn, today, options.passwordMaxAgeDays ?? null), people, stats));
      slapaddCpuSeconds = run.cpuSeconds;
      slapaddCpuWaitSeconds = run.cpuWaitSeconds;
      cache?.store(dbDir);
    }
    const cpu = process.cpuUsage(cpu0);
    const t2 = performance.now();

    const url = `ldap://127.0.0.1:${port}`;
    const listen = tlsPort ? `ldap://127.0.0.1:${port}/ ldaps://127.0.0.1:${tlsPort}/` : `ldap://127.0.0.1:${port}/`;
    const ports = tlsPort ? [port, tlsPort] : [port];

    const entry: Running = { child: spawnSlapd(conf, listen, logFile), dir, keepDir };
    tmpRegistered = entry;
    untrack = track(entry);
    await waitReady(entry.child, url, ports, logFile);
    const t3 = performance.now();

    const named = Object.fromEntries(people.filter((p) => p.key !== null).map((p) => [p.key, p])) as Record<NamedKey, FixturePerson>;
    let stopped = false;

    const fixture: DirectoryFixture = {
      url,
      ldapsUrl: tlsPort ? `ldaps://localhost:${tlsPort}` : null,
      tlsHostname: 'localhost',
      caFile: certs ? certs.caFile : null,
      baseDn: l.baseDn,
      peopleBase: l.peopleBase,
      groupsBase: l.groupsBase,
      agentsGroupDn: l.agentsGroupDn,
      supervisorsGroupDn: l.supervisorsGroupDn,
      policyDn: l.policyDn,
      rootDn: l.rootDn,
      rootPassword: FIXTURE_ROOT_PASSWORD,
      serviceDn: l.serviceDn,
      servicePassword: FIXTURE_SERVICE_PASSWORD,
      agents: agentPeople.map((a) => ({ login: a.login, dn: a.dn, password: AGENT_PASSWORD, displayName: a.displayName, kind: a.kind })),
      people,
      named,
      tokenHolders: Object.fromEntries(tokenHolders.map((h) => [h.tokenKey, h])) as Record<TokenHolderKey, TokenHolder>,
      dir,
      get pid() {
        return entry.child.pid ?? -1;
      },
      timings: {
        generateSeconds: stats.generateMs / 1000,
        slapaddSeconds: (t2 - t1) / 1000,
        startSeconds: (t3 - t2) / 1000,
        totalSeconds: (t3 - t0) / 1000,
        nodeCpuSeconds: (cpu.user + cpu.system) / 1e6,
        slapaddCpuSeconds,
        slapaddCpuWaitSeconds,
        slapaddThreads: threads,
        reusedLoad,
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        await terminateSlapd(entry.child);
        untrack();
        if (!keepDir) await rm(dir, { recursive: true, force: true });
      },
      kill() {
        const child = entry.child;
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      },
      async restart() {
        if (stopped) throw new Error('directory fixture already stopped');
        await terminateSlapd(entry.child);
        // slapd removes its pid file on a clean stop only
        if (existsSync(path.join(dir, 'slapd.pid'))) rmSync(path.join(dir, 'slapd.pid'), { force: true });
        entry.child = spawnSlapd(conf, listen, logFile);
        await waitReady(entry.child, url, ports, logFile);
      },
    };
    return fixture;
  } catch (e) {
    if (tmpRegistered) {
      tmpRegistered.child.kill('SIGKILL');
      await exitedPromise(tmpRegistered.child);
      untrack();
    }
    cleanupOnFailure();
    throw e;
  }
}
