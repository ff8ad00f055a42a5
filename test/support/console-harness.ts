/**
 * Builds the console's real services on a fixture directory and a temp data folder,
 * exactly as the Electron shell does, for integration tests, e2e tests and the demo.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DirectoryFixture } from '../../resources/directory/fixture';
import { parseConfig } from '../../src/main/config/load';
import type { GuichetConfig, GuichetConfigInput } from '../../src/main/config/schema';
import { createServices, type Services } from '../../src/main/services';
import type { Sender } from '../../src/main/router';
import { silentLogger, createLogger } from '../../src/main/logger';
import type { ChannelName, RequestOf, ResponseOf } from '../../src/shared/contract';
import type { AppError, Result } from '../../src/shared/result';

/** The payload argument of a channel: optional only when its request has no required field. */
export type PayloadArg<C extends ChannelName> = Partial<RequestOf<C>> extends RequestOf<C> ? [payload?: RequestOf<C>] : [payload: RequestOf<C>];

export function fixtureConfigInput(fixture: DirectoryFixture, overrides: Partial<GuichetConfigInput> = {}): GuichetConfigInput {
  const { directory: directoryOverrides, ...rest } = overrides;
  return {
    institution: { name: 'Université de démonstration' },
    workstation: 'GUICHET-TEST-01',
    // The fixture directory has slapd's otp overlay: the desk manages second factors there.
    secondFactor: { enabled: true },
    ...rest,
    directory: {
      urls: [fixture.url],
      tls: { mode: 'none' },
      baseDn: fixture.baseDn,
      peopleBase: fixture.peopleBase,
      groupsBase: fixture.groupsBase,
      groups: { agents: fixture.agentsGroupDn, supervisors: fixture.supervisorsGroupDn },
      agentSearch: { bindDn: fixture.serviceDn, bindPasswordEnv: 'GUICHET_SERVICE_PASSWORD' },
      connectTimeoutMs: 1_500,
      operationTimeoutMs: 3_000,
      ...directoryOverrides,
    },
  };
}

export interface ConsoleHarness {
  services: Services;
  config: GuichetConfig;
  dataDir: string;
  /** The sender every call of the test is made from. */
  sender: Sender;
  /** The clock the services read at each use: a test moves it by replacing `now`. */
  clock: { now: () => Date };
  /** A call as the renderer makes it: the request typed by the contract, the answer by the channel. */
  invoke<C extends ChannelName>(channel: C, ...payload: PayloadArg<C>): Promise<Result<ResponseOf<C>>>;
  /** Any name and any payload, unchecked: what a hostile or broken page could send. */
  invokeRaw(channel: unknown, payload?: unknown): Promise<Result<unknown>>;
  close(): Promise<void>;
}

export function startConsole(options: {
  fixture: DirectoryFixture;
  overrides?: Partial<GuichetConfigInput>;
  isTrustedSender?: (sender: Sender) => boolean;
  logToFile?: boolean;
  dataDir?: string;
  /** The late settler's tries after a lost answer (shortened by the fault tests). */
  lateSettleDelaysMs?: readonly number[];
}): ConsoleHarness {
  process.env['GUICHET_SERVICE_PASSWORD'] = options.fixture.servicePassword;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'guichet-data-'));
  const config = parseConfig(fixtureConfigInput(options.fixture, options.overrides), null);
  const sender: Sender = { id: 1, url: 'http://127.0.0.1/' };
  const clock = { now: () => new Date() };
  const services = createServices({
    config,
    configSource: { source: 'file', path: join(dataDir, 'guichet.yaml') },
    dataDir,
    version: '0.1.0-test',
    isTrustedSender: options.isTrustedSender ?? ((s) => s.id === sender.id),
    logger: options.logToFile ? createLogger({ file: join(dataDir, 'logs', 'guichet.log') }) : silentLogger,
    now: () => clock.now(),
    ...(options.lateSettleDelaysMs ? { lateSettleDelaysMs: options.lateSettleDelaysMs } : {}),
  });
  const invokeRaw = (channel: unknown, payload: unknown = {}) => services.router.dispatch(channel, payload, sender);
  return {
    services,
    config,
    dataDir,
    sender,
    clock,
    invoke: <C extends ChannelName>(channel: C, ...[payload]: PayloadArg<C>) => invokeRaw(channel, payload) as Promise<Result<ResponseOf<C>>>,
    invokeRaw,
    async close() {
      await services.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs the console in as the fixture's agent of that kind. */
export async function signInAs(on: Pick<ConsoleHarness, 'invoke'>, fixture: DirectoryFixture, kind: 'agent' | 'supervisor'): Promise<void> {
  const agent = fixture.agents.find((a) => a.kind === kind)!;
  await expectOk(on, 'session:sign-in', { login: agent.login, password: agent.password });
}

/** The value of a call that must succeed; otherwise an error naming the channel and code. */
export async function expectOk<C extends ChannelName>(on: Pick<ConsoleHarness, 'invoke'>, channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = await on.invoke(channel, ...([payload] as PayloadArg<C>));
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${JSON.stringify(result.error.details ?? {})}`);
  return result.value;
}

/** The typed error of a call that must be refused. */
export async function expectRefusal<C extends ChannelName>(on: Pick<ConsoleHarness, 'invoke'>, channel: C, payload: RequestOf<C>): Promise<AppError> {
  const result = await on.invoke(channel, ...([payload] as PayloadArg<C>));
  if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return result.error;
}
