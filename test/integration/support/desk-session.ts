/**
 * The set-up most desk-flow integration files share: a fixture directory, a real SMTP peer,
 * the console's services sending mail there, and an agent signed in. The proxied variant
 * puts a stalling proxy between the console and slapd, for tests that break the directory
 * in the middle of an operation.
 */
import { startDirectory, type DirectoryFixture } from '../../../resources/directory/fixture';
import type { GuichetConfigInput } from '../../../src/main/config/schema';
import { signInAs, startConsole, type ConsoleHarness } from '../../support/console-harness';
import { startSmtpPeer, type SmtpPeer } from './smtp-peer';
import { shapeDirectoryFor } from '../../../resources/directory/institution-shape';
import { profileOverrides, readInstitutionProfile, type InstitutionProfile } from '../../../src/main/config/institution-profiles';
import { startStallingProxy, type StallingProxy } from './stalling-proxy';

export interface DeskSession {
  fixture: DirectoryFixture;
  smtp: SmtpPeer;
  harness: ConsoleHarness;
  close(): Promise<void>;
}

export interface ProxiedDeskSession extends DeskSession {
  /** Every connection of the console goes through it. */
  proxy: StallingProxy;
}

async function open(
  fixture: DirectoryFixture,
  agentKind: 'agent' | 'supervisor',
  directory: Partial<GuichetConfigInput['directory']> | undefined,
  also: () => Promise<void>,
  lateSettleDelaysMs?: readonly number[],
  profile: Partial<GuichetConfigInput> = {},
): Promise<DeskSession> {
  const smtp = await startSmtpPeer();
  const overrides = { ...profile, mail: smtp.mailConfig(), ...(directory ? { directory: directory as GuichetConfigInput['directory'] } : {}) };
  const harness = startConsole({ fixture, overrides, ...(lateSettleDelaysMs ? { lateSettleDelaysMs } : {}) });
  await signInAs(harness, fixture, agentKind);
  return {
    fixture,
    smtp,
    harness,
    async close() {
      await harness.close();
      await smtp.close();
      await also();
      await fixture.stop();
    },
  };
}

/** `institution`: the console on that ready profile (resources/config), the directory shaped for it. */
export async function startDeskSession(options: { people: number; agent?: 'agent' | 'supervisor'; institution?: InstitutionProfile }): Promise<DeskSession> {
  const fixture = await startDirectory({ people: options.people });
  if (!options.institution) return open(fixture, options.agent ?? 'agent', undefined, async () => undefined);
  await shapeDirectoryFor(fixture, options.institution);
  const profile = profileOverrides(readInstitutionProfile(options.institution));
  return open(fixture, options.agent ?? 'agent', profile.directory ?? undefined, async () => undefined, undefined, profile);
}

/** The late settler's tries in the fault tests: quick, so that a restarted slapd is read back within seconds. */
export const FAULT_SETTLE_DELAYS_MS: readonly number[] = [250, 500, 1_000, 2_000, 4_000, 8_000];

/** The desk session with the console's only directory URL a stalling proxy in front of slapd. */
export async function startProxiedDeskSession(options: {
  people: number;
  operationTimeoutMs: number;
  connectTimeoutMs: number;
}): Promise<ProxiedDeskSession> {
  const fixture = await startDirectory({ people: options.people });
  const proxy = await startStallingProxy({ host: '127.0.0.1', port: Number(new URL(fixture.url).port) });
  const directory = { urls: [proxy.url], operationTimeoutMs: options.operationTimeoutMs, connectTimeoutMs: options.connectTimeoutMs };
  return { ...(await open(fixture, 'agent', directory, () => proxy.close(), FAULT_SETTLE_DELAYS_MS)), proxy };
}
