/**
 * Throw-away OpenLDAP directory for integration tests, e2e tests, the demo and benchmarks.
 *
 * startDirectory() makes a temp folder, writes slapd.conf (mdb + otp + ppolicy + SUPANN subset +
 * guichet-local schema + the helpdesk ACLs), loads the generated people (and the few
 * demo people who hold an authenticator, see second-factor-people.ts) offline with
 * `slapadd -q`, starts Debian's /usr/sbin/slapd in the foreground on free loopback port(s) and
 * waits until it answers a rootDSE search. stop() kills it and removes the folder; a process
 * 'exit' hook SIGKILLs any slapd still running (and removes its folder).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { Client } from 'ldapts';
import { trackThrowaway } from '../throwaway';
import {
  AGENT_PASSWORD,
  generateAgents,
  iteratePeople,
  ldifEntry,
  personToLdif,
  sshaHash,
  type AgentKind,
  type FixturePerson,
  type NamedKey,
} from './people-generator';
import { todayUtc } from './lifecycle-people';

import { loadedCache } from './loaded-cache';
import { runSlapadd } from './slapadd-run';
import { generateTokenHolders, sharedParamsLdif, tokenHolderToLdif, type TokenHolder, type TokenHolderKey } from './second-factor-people';

export type { FixturePerson, NamedKey, AgentKind } from './people-generator';
export { AGENT_PASSWORD, NAMED_PERSON_PASSWORD, NAMED_LOGINS } from './people-generator';
export type { TokenHolder, TokenHolderKey } from './second-factor-people';

export const FIXTURE_BASE_DN = 'dc=univ-demo,dc=fr';
export const FIXTURE_ROOT_PASSWORD = 'Guichet-Root-2026!';
export const FIXTURE_SERVICE_PASSWORD = 'Guichet-Lecture-2026!';

const SLAPD = '/usr/sbin/slapd';
const MODULE_PATH = '/usr/lib/ldap';
const SYSTEM_SCHEMA = '/etc/ldap/schema';
const SCHEMA_DIR = fileURLToPath(new URL('./schema/', import.meta.url));
const READY_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 3_000;

export interface DirectoryFixtureOptions {
  /** Generated people besides the named ones (default 200). */
  people?: number;
  /** Deterministic generation (default 42). */
  seed?: number;
  /** Generate a test CA + server cert, listen ldaps too, StartTLS enabled (default false). */
  tls?: boolean;
  /** Fixed ldap:// port (default: a free one); the demo uses 10389. */
  port?: number;
  /** Keep the temp folder after stop() (debugging). */
  keepDir?: boolean;
  /** The default policy's pwdMaxAge in days (passwords then expire); none by default. */
  passwordMaxAgeDays?: number;
  /** Load Debian's sssvlv overlay (server-side sort, virtual list view; default true). */
  serverSort?: boolean;
  /** slapd access rules placed before the fixture's own (a test narrowing what some agent may read). */
  extraAccess?: string[];
  /** The day the generated lifecycle dates are relative to (YYYY-MM-DD, default today UTC; see lifecycle-people.ts). */
  today?: string;
  /** Name attributes indexed eq,subinitial,subany (default: the four the console searches); the fixture benchmark measures what each costs. */
  nameIndexes?: readonly string[];
  /** Copy the database of an earlier load of the same people instead of loading it (default: from 10,000 people; see loaded-cache.ts). */
  reuseLoaded?: boolean;
}

/** The name attributes the console searches by default (src/main/directory/search-filter.ts). */
export const NAME_INDEXES = ['sn', 'givenName', 'displayName', 'cn'] as const;

export interface FixtureAgent {
  login: string;
  dn: string;
  password: string;
  displayName: string;
  kind: AgentKind;
}

export interface FixtureTimings {
  /** Time spent generating people and their LDIF; it overlaps slapaddSeconds (streamed). */
  generateSeconds: number;
  /** Wall time of the load: LDIF generated and streamed into `slapadd -q` until it exits. */
  slapaddSeconds: number;
  /** slapd spawn until it answers a rootDSE search. */
  startSeconds: number;
  totalSeconds: number;
  /** CPU time (user + sys) of this process during the load, and of slapadd: unlike wall time, not inflated by a busy machine. */
  nodeCpuSeconds: number;
  slapaddCpuSeconds: number;
  /**
   * Time slapadd was ready to run but waited for a CPU (other work on the machine): with its
   * CPU time, most of slapaddSeconds on a shared machine. null when reused, or unknown.
   */
  slapaddCpuWaitSeconds: number | null;
  /** slapadd `tool-threads` chosen from the load average (2 on an idle multi-core machine, else 1). */
  slapaddThreads: number;
  /** The database was copied from an earlier load of the same people (slapaddSeconds is then the copy). */
  reusedLoad: boolean;
}

export interface DirectoryFixture {
  url: string;
  ldapsUrl: string | null;
  tlsHostname: 'localhost';
  caFile: string | null;
  baseDn: string;
  peopleBase: string;
  groupsBase: string;
  agentsGroupDn: string;
  supervisorsGroupDn: string;
  /** The default password policy (ppolicy_default; its pwdMaxAge from passwordMaxAgeDays). */
  policyDn: string;
  rootDn: string;
  rootPassword: string;
  serviceDn: string;
  servicePassword: string;
  agents: FixtureAgent[];
  people: FixturePerson[];
  named: Record<NamedKey, FixturePerson>;
  /** The demo people who hold an authenticator (not in `people`), with their raw secrets. */
  tokenHolders: Record<TokenHolderKey, TokenHolder>;
  dir: string;
  /** pid of the current slapd (changes after restart()). */
  readonly pid: number;
  /** Where the time went (extra, for the benchmark). */
  timings: FixtureTimings;
  stop(): Promise<void>;
  kill(): void;
  restart(): Promise<void>;
}

// ------------------------------------------------------------------------ process cleanup

interface Running {
  child: ChildProcess;
  dir: string;
  keepDir: boolean;
}

/** Tracks a running slapd for the exit hook (its child changes on restart). */
function track(entry: Running): () => void {
  return trackThrowaway({
    kill: () => {
      if (entry.child.exitCode === null && entry.child.signalCode === null) entry.child.kill('SIGKILL');
    },
    dir: entry.dir,
    keepDir: entry.keepDir,
  });
}

// ------------------------------------------------------------------------------ utilities

/** A free TCP port on 127.0.0.1 (bind port 0, read it, close). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function tcpAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(500, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-4000);
  } catch {
    return '(no log)';
  }
}

/**
 * Test CA + server certificate made with the openssl CLI in `dir`: ca.pem / ca.key, then
 * server.key + CSR signed by the CA, with SAN DNS:<hostname> and IP:127.0.0.1.
 */
export function generateTestCa(dir: string, hostname = 'localhost'): { caFile: string; certFile: string; keyFile: string } {
  const caFile = path.join(dir, 'ca.pem');
  const caKey = path.join(dir, 'ca.key');
  const keyFile = path.join(dir, 'server.key');
  const csr = path.join(dir, 'server.csr');
  const certFile = path.join(dir, 'server.pem');
  const ext = path.join(dir, 'server.ext');
  const run = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run(['req', '-x509', ...ec, '-keyout', caKey, '-out', caFile, '-days', '3650', '-sha256',
    '-subj', `/O=Guichet tests/CN=Guichet Test CA ${randomBytes(4).toString('hex')}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  run(['req', '-new', ...ec, '-keyout', keyFile, '-out', csr, '-subj', `/O=Guichet tests/CN=${hostname}`]);
  writeFileSync(ext, [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
    `subjectAltName=DNS:${hostname},IP:127.0.0.1`,
    '',
  ].join('\n'));
  run(['x509', '-req', '-in', csr, '-CA', caFile, '-CAkey', caKey, '-CAcreateserial', '-out', certFile,
    '-days', '825', '-sha256', '-extfile', ext]);
  return { caFile, certFile, keyFile };
}

// -------------------------------------------------------------------------------- config

function toolThreads(): number {
  const cpus = os.availableParallelism();
  return cpus >= 2 && os.loadavg()[0]! < cpus - 0.5 ? 2 : 1;
}

interface Layout {
  baseDn: string;
  peopleBase: string;
  groupsBase: string;
  servicesBase: string;
  policyDn: string;
  agentsGroupDn: string;
  supervisorsGroupDn: string;
  rootDn: string;
  serviceDn: string;
  /** The token holder whose token the ACL keeps away from the desk. */
  protectedTokenDn: string;
}

function layout(baseDn: string): Layout {
  return {
    baseDn,
    peopleBase: `ou=people,${baseDn}`,
    groupsBase: `ou=groups,${baseDn}`,
    servicesBase: `ou=services,${baseDn}`,
    policyDn: `cn=default,ou=policies,${baseDn}`,
    agentsGroupDn: `cn=helpdesk,ou=groups,${baseDn}`,
    supervisorsGroupDn: `cn=supervisors,ou=groups,${baseDn}`,
    rootDn: `cn=admin,${baseDn}`,
    serviceDn: `cn=guichet-lecture,ou=services,${baseDn}`,
    protectedTokenDn: `uid=${generateTokenHolders(baseDn).find((h) => h.tokenKey === 'protected')!.login},ou=people,${baseDn}`,
  };
}

function slapdConf(
  l: Layout,
  dir: string,
  rootPwHash: string,
  tls: { caFile: string; certFile: string; keyFile: string } | null,
  threads: number,
  options: { serverSort: boolean; nameIndexes: readonly string[]; extraAccess: readonly string[] },
): string {
  const hd = `group.exact="${l.agentsGroupDn}"`;
  const sup = `group.exact="${l.supervisorsGroupDn}"`;
  const svc = `dn.exact="${l.serviceDn}"`;
  const lines = [
    `include ${SYSTEM_SCHEMA}/core.schema`,
    `include ${SYSTEM_SCHEMA}/cosine.schema`,
    `include ${SYSTEM_SCHEMA}/inetorgperson.schema`,
    `include ${SYSTEM_SCHEMA}/namedobject.schema`,
    `include ${path.join(SCHEMA_DIR, 'supann-subset.schema')}`,
    `include ${path.join(SCHEMA_DIR, 'guichet-local.schema')}`,
    `modulepath ${MODULE_PATH}`,
    'moduleload back_mdb',
    'moduleload ppolicy',
    // Worklists: sorted, windowed lists (sssvlv) and the last successful bind (lastbind: authTimestamp).
    ...(options.serverSort ? ['moduleload sssvlv'] : []),
    'moduleload lastbind',
    // TOTP checked by slapd at bind time: password followed by the current code (brings its own schema).
    'moduleload otp',
    `pidfile ${path.join(dir, 'slapd.pid')}`,
    `argsfile ${path.join(dir, 'slapd.args')}`,
    // slapadd: a second indexing thread helps on an idle machine (100k: ~10 s instead of ~13 s)
    // but burns ~50% more CPU in locking, which makes it slower on a busy one.
    `tool-threads ${threads}`,
    ...(tls
      ? [`TLSCACertificateFile ${tls.caFile}`, `TLSCertificateFile ${tls.certFile}`, `TLSCertificateKeyFile ${tls.keyFile}`]
      : []),
    '',
    '# frontend: rootDSE and schema readable by anyone (also appended to the database ACLs)',
    'access to dn.base="" by * read',
    'access to dn.base="cn=Subschema" by * read',
    '',
    'database mdb',
    `suffix "${l.baseDn}"`,
    `rootdn "${l.rootDn}"`,
    `rootpw ${rootPwHash}`,
    `directory ${path.join(dir, 'db')}`,
    'maxsize 8589934592',
    'dbnosync',
    // A throw-away database: writing through the map costs slapadd about 9 % less CPU (100,000 people).
    'envflags writemap',
    'index objectClass,uid,supannAliasLogin,supannEtuId,supannEmpId,supannCodeINE,eduPersonUniqueId,supannRefId,mail,supannMailPerso,member,eduPersonPrincipalName eq',
    // Name lookups filter on every name attribute (src/main/directory/search-filter.ts): word starts are
    // initial and "any" substrings, never final ones (whose keys would cost slapadd ~8 % more CPU).
    ...(options.nameIndexes.length > 0 ? [`index ${options.nameIndexes.join(',')} eq,subinitial,subany`] : []),
    // Worklists filter on the account state and its end date, the lock, the temporary password and its age.
    'index supannRessourceEtat,pwdReset,eduPersonPrimaryAffiliation eq',
    'index supannRessourceEtatDate sub',
    'index pwdAccountLockedTime eq,pres',
    'index pwdChangedTime eq',
    // Worklists count and page through thousands of entries: the desk's paged searches are not capped at the size limit.
    `limits group="${l.agentsGroupDn}" size.soft=500 size.hard=unlimited size.prtotal=unlimited`,
    '',
    '# Order matters: the first "access to" that matches (entry, attribute) decides.',
    ...options.extraAccess,
    '# A password administrator is whoever has manage on userPassword (ppolicy); the desk',
    '# gets manage + write + disclose but not read: it never sees the hashes.',
    'access to attrs=userPassword',
    `  by ${hd} =mwd`,
    '  by self =wx',
    '  by anonymous auth',
    '  by * none',
    '# dates of birth: the desk may only compare a stated date, never read it',
    'access to attrs=schacDateOfBirth,supannOIDCDateDeNaissance',
    `  by ${hd} =c`,
    '  by self read',
    '  by * none',
    'access to attrs=pwdAccountLockedTime,pwdReset',
    `  by ${hd} manage`,
    '  by self read',
    '  by * none',
    'access to attrs=pwdHistory',
    '  by * none',
    'access to attrs=pwdChangedTime,pwdFailureTime,pwdGraceUseTime',
    `  by ${hd} read`,
    '  by self read',
    '  by * none',
    '# the account state: an agent moves it only on a never-activated account (the activation);',
    '# suspending, reactivating and extending an account are a supervisor\'s',
    `access to dn.subtree="${l.peopleBase}" filter=(|(supannRessourceEtat={COMPTE}I:SupannCree)(!(supannRessourceEtat=*))) attrs=supannRessourceEtat,supannRessourceEtatDate`,
    `  by ${sup} write`,
    `  by ${hd} write`,
    '  by self read',
    '  by * none',
    `access to dn.subtree="${l.peopleBase}" attrs=supannRessourceEtat,supannRessourceEtatDate`,
    `  by ${sup} write`,
    `  by ${hd} read`,
    '  by self read',
    '  by * none',
    '# second factor: the desk writes tokens (enrols, replaces, removes) but never reads, compares',
    '# or searches a secret; the overlay reads it itself. One entry keeps its token away from the desk.',
    `access to dn.exact="${l.protectedTokenDn}" attrs=oathSecret`,
    '  by * none',
    'access to attrs=oathSecret',
    `  by ${hd} =w`,
    '# the enrolment-certificate code (UBP): like a date of birth, compared only',
    'access to attrs=guichetCertificateCode',
    `  by ${hd} =c`,
    '  by * none',
    'access to attrs=guichetSecretAnswerHash',
    `  by ${hd} write`,
    '  by * none',
    `access to dn.subtree="${l.peopleBase}" attrs=entry`,
    `  by ${hd} read`,
    `  by ${svc} read`,
    '  by self read',
    '  by anonymous auth',
    '  by * none',
    `access to dn.subtree="${l.peopleBase}" attrs=objectClass,uid,cn,displayName`,
    `  by ${hd} write`,
    `  by ${svc} read`,
    '  by self read',
    '  by * none',
    `access to dn.subtree="${l.peopleBase}"`,
    `  by ${hd} write`,
    '  by self read',
    '  by * none',
    `access to dn.subtree="${l.groupsBase}"`,
    `  by ${hd} read`,
    `  by ${svc} read`,
    '  by * none',
    `access to dn.subtree="${l.servicesBase}"`,
    '  by self read',
    '  by anonymous auth',
    '  by * none',
    'access to *',
    '  by users read',
    '  by * none',
    '',
    // Declared before ppolicy (slapd runs overlays in reverse): a bind on a locked account does not use up the code.
    'overlay otp',
    'overlay ppolicy',
    `ppolicy_default "${l.policyDn}"`,
    'ppolicy_use_lockout',
    // A minute's precision: a bind writes authTimestamp at most once a minute per entry.
    'overlay lastbind',
    'lastbind-precision 60',
    ...(options.serverSort ? ['overlay sssvlv', 'sssvlv-max 32', 'sssvlv-maxperconn 8'] : []),
    '',
  ];
  return lines.join('\n');
}

function skeletonLdif(
  l: Layout,
  servicePwHash: string,
  agents: ReadonlyArray<{ dn: string; kind: AgentKind }>,
  policy: { maxAgeDays?: number | undefined } = {},
): string {
  const helpdesk = agents.filter((a) => a.kind === 'agent' || a.kind === 'supervisor' || a.kind === 'locked-agent').map((a) => a.dn);
  const supervisors = agents.filter((a) => a.kind === 'supervisor').map((a) => a.dn);
  const ou = (name: string, description: string) =>
    ldifEntry(`ou=${name},${l.baseDn}`, [['objectClass', 'organizationalUnit'], ['ou', name], ['description', description]]);
  return [
    ldifEntry(l.baseDn, [
      ['objectClass', ['dcObject', 'organization']],
      ['dc', l.baseDn.split(',')[0]!.slice(3)],
      ['o', 'Université de démonstration'],
    ]),
    ou('people', 'Personnes'),
    ou('groups', 'Groupes'),
    ou('services', 'Comptes de service'),
    ou('policies', 'Politiques de mot de passe'),
    ldifEntry(l.policyDn, [
      ['objectClass', ['namedPolicy', 'pwdPolicy']],
      ['cn', 'default'],
      ['pwdAttribute', 'userPassword'],
      ['pwdMinLength', '12'],
      ['pwdCheckQuality', '2'],
      ['pwdInHistory', '3'],
      ['pwdLockout', 'TRUE'],
      ['pwdMaxFailure', '5'],
      ['pwdLockoutDuration', '0'],
      ['pwdMustChange', 'TRUE'],
      ['pwdAllowUserChange', 'TRUE'],
      ['pwdSafeModify', 'FALSE'],
      ['pwdMaxAge', policy.maxAgeDays !== undefined ? String(policy.maxAgeDays * 86_400) : undefined],
    ]),
    ldifEntry(l.serviceDn, [
      ['objectClass', ['applicationProcess', 'simpleSecurityObject']],
      ['cn', 'guichet-lecture'],
      ['description', 'Compte de service Guichet (lecture des agents et des groupes)'],
      ['userPassword', servicePwHash],
    ]),
    ldifEntry(l.agentsGroupDn, [['objectClass', 'groupOfNames'], ['cn', 'helpdesk'], ['description', 'Agents du guichet'], ['member', helpdesk]]),
    ldifEntry(l.supervisorsGroupDn, [['objectClass', 'groupOfNames'], ['cn', 'supervisors'], ['description', 'Superviseurs du guichet'], ['member', supervisors]]),
  ].join('');
}

// ------------------------------------------------------------------------------ slapadd

/**
 * The LDIF in ~0.5 MB chunks: the tree head, then the people pulled from `source` in batches
 * (each kept in `sink`). Generation happens while slapadd parses the previous chunk; the time
 * spent generating is added to `stats.generateMs`.
 */
function* ldifChunks(
  head: string,
  source: Iterable<FixturePerson>,
  sink: FixturePerson[],
  stats: { generateMs: number },
  batch = 400,
): Generator<string> {
  yield head;
  const it = source[Symbol.iterator]();
  for (;;) {
    const t = performance.now();
    let s = '';
    let n = 0;
    let r = it.next();
    while (!r.done) {
      sink.push(r.value);
      s += personToLdif(r.value);
      if (++n === batch) break;
      r = it.next();
    }
    stats.generateMs += performance.now() - t;
    if (s) yield s;
    if (r.done) return;
  }
}

// ---------------------------------------------------------------------------------- slapd

async function waitReady(child: ChildProcess, url: string, ports: number[], logFile: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last: unknown = null;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`slapd exited during start (${child.exitCode ?? child.signalCode}):\n${readLog(logFile)}`);
    }
    let tcp = true;
    for (const p of ports) if (!(await tcpAccepts(p))) tcp = false;
    if (tcp) {
      const client = new Client({ url, timeout: 1000, connectTimeout: 500 });
      try {
        const { searchEntries } = await client.search('', { scope: 'base', attributes: ['namingContexts'] });
        if (searchEntries.length === 1) return;
      } catch (e) {
        last = e;
      } finally {
        await client.unbind().catch(() => undefined);
      }
    }
    await sleep(20);
  }
  throw new Error(`slapd not ready after ${READY_TIMEOUT_MS} ms (${String(last)}):\n${readLog(logFile)}`);
}

function spawnSlapd(conf: string, listen: string, logFile: string): ChildProcess {
  const fd = openSync(logFile, 'a');
  try {
    // A huge nofile limit makes slapd allocate (and scan) a huge descriptor table.
    return spawn('bash', ['-c', 'ulimit -n 1024 2>/dev/null; exec "$0" "$@"', SLAPD, '-d', '0', '-h', listen, '-f', conf], {
      stdio: ['ignore', fd, fd],
    });
  } finally {
    closeSync(fd);
  }
}

function exitedPromise(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
}

// --------------------------------------------------------------------------------- start

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
      for (const person of iteratePeople(count, seed, l.baseDn, today)) people.push(person);
      stats.generateMs = performance.now() - tg;
    } else {
      const run = await runSlapadd(conf, path.join(dir, 'slapadd.log'), ldifChunks(head, iteratePeople(count, seed, l.baseDn, today), people, stats));
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

    const terminate = async () => {
      const child = entry.child;
      const done = exitedPromise(child);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = sleep(STOP_GRACE_MS).then(() => 'timeout' as const);
        if ((await Promise.race([done.then(() => 'exited' as const), timer])) === 'timeout') {
          child.kill('SIGKILL');
        }
      }
      await done;
    };

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
        await terminate();
        untrack();
        if (!keepDir) await rm(dir, { recursive: true, force: true });
      },
      kill() {
        const child = entry.child;
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      },
      async restart() {
        if (stopped) throw new Error('directory fixture already stopped');
        await terminate();
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
