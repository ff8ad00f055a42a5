/**
 * The set-up of the tests that kill slapd in the middle of a desk operation: a proxied desk
 * session for the whole file, slapd restarted after any test that left it down, and the
 * kill itself, timed from the moment the proxy holds the watched request (or its answer).
 * Call `useOutageDesk()` at the top of a test file: it registers the file's hooks.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { AppError } from '../../../src/shared/result';
import type { ConsoleHarness } from '../../support/console-harness';
import { startProxiedDeskSession, type ProxiedDeskSession } from './desk-session';
import type { RequestMatcher, Stall } from './stalling-proxy';

export const OUTAGE_OPERATION_TIMEOUT_MS = 3_000;
export const OUTAGE_CONNECT_TIMEOUT_MS = 1_000;
/** One operation and one reconnection: the longest a fault may keep the agent waiting. */
export const ANSWER_WITHIN_MS = OUTAGE_OPERATION_TIMEOUT_MS + OUTAGE_CONNECT_TIMEOUT_MS;

export interface OutageDesk {
  /** The session (available from the file's first test on). */
  readonly desk: ProxiedDeskSession;
  /** Its parts, as each test reads them. */
  readonly fixture: ProxiedDeskSession['fixture'];
  readonly harness: ProxiedDeskSession['harness'];
  readonly smtp: ProxiedDeskSession['smtp'];
  /**
   * Arms the proxy (which request, how many to let through first, what to hold), starts the
   * call, waits until the proxy holds it, kills slapd; returns the call's refusal and how long
   * it took after the kill.
   */
  killedDuring(arm: { stall: Stall; match?: RequestMatcher; skip?: number }, call: () => Promise<AppError>): Promise<{ error: AppError; ms: number }>;
  restart(): Promise<void>;
}

export function useOutageDesk(options: { people: number }): OutageDesk {
  let desk: ProxiedDeskSession | null = null;
  /** slapd was killed and not restarted yet (a failed test must not leave the next one without a directory). */
  let down = false;
  const outage: OutageDesk = {
    get desk() {
      if (!desk) throw new Error('the outage desk starts in beforeAll');
      return desk;
    },
    get fixture() {
      return outage.desk.fixture;
    },
    get harness() {
      return outage.desk.harness;
    },
    get smtp() {
      return outage.desk.smtp;
    },
    async killedDuring(arm, call) {
      const { proxy, fixture } = outage.desk;
      if (arm.match) proxy.match = arm.match;
      proxy.skip = arm.skip ?? 0;
      proxy.next = arm.stall;
      const held = proxy.held();
      const answer = call();
      await held;
      fixture.kill();
      down = true;
      const killedAt = performance.now();
      const error = await answer;
      return { error, ms: performance.now() - killedAt };
    },
    async restart() {
      await outage.desk.fixture.restart();
      down = false;
    },
  };
  beforeAll(async () => {
    desk = await startProxiedDeskSession({
      people: options.people,
      operationTimeoutMs: OUTAGE_OPERATION_TIMEOUT_MS,
      connectTimeoutMs: OUTAGE_CONNECT_TIMEOUT_MS,
    });
  });
  afterEach(async () => {
    if (down) await outage.restart();
  });
  afterAll(async () => {
    await desk?.close();
  });
  return outage;
}

/** The outcome column of an account's rows for one action, intents and outcomes, oldest first (straight from the file). */
export const trailOutcomes = (harness: ConsoleHarness, login: string, action: string): string[] =>
  (harness.services.auditDb.prepare('SELECT outcome FROM events WHERE target_login = ? AND action = ? ORDER BY seq').all(login, action) as Array<{ outcome: string }>).map(
    (r) => r.outcome,
  );

/** Waits (20 s at most) for the late settler to write the outcome that makes `count` rows, once the directory is back. */
export async function settledOutcomes(harness: ConsoleHarness, login: string, action: string, count: number): Promise<string[]> {
  for (let waited = 0; trailOutcomes(harness, login, action).length < count && waited < 20_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
  return trailOutcomes(harness, login, action);
}
