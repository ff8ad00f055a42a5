/** What startDirectory() takes (its options) and hands back (the running directory, its agents, where the time went). */
import type { AgentKind } from './agent-people';
import type { FixturePerson, NamedKey } from './fixture-person';
import type { TokenHolder, TokenHolderKey } from './second-factor-people';

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
