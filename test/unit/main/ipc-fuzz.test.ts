/**
 * Property-based fuzzing of the IPC boundary: every channel of the contract (read from
 * `contract`, so a new channel is covered without editing this file) receives hundreds
 * of generated payloads. The router must answer a typed error for anything its guard or
 * zod schema refuses, never throw, and run the handler exactly when the request is valid.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CHANNELS, contract, type ChannelName } from '../../../src/shared/contract';
import { ERROR_CODES, type Result } from '../../../src/shared/result';
import { createRouter, type Sender } from '../../../src/main/router';
import { inspectPayload, PAYLOAD_LIMITS } from '../../../src/main/payload-guard';
import { silentLogger } from '../../../src/main/logger';
import {
  describePayload,
  hasForbiddenOwnKey,
  hostileValue,
  longStrings,
  nestingDepth,
  payloadFor,
} from '../../support/ipc-payloads';

const CHANNEL_NAMES = Object.keys(contract) as ChannelName[];
// `npm run mutation` runs this file once per mutant of the router: it asks a quarter of the runs (GUICHET_FUZZ_SHARE; same seeds).
const FUZZ_SHARE = Number(process.env.GUICHET_FUZZ_SHARE ?? '1');
const runs = (count: number) => Math.max(10, Math.ceil(count * FUZZ_SHARE));
const RUNS_PER_CHANNEL = runs(300);
const SEED = 20_261_123;
const TRUSTED: Sender = { id: 7, url: 'file:///opt/guichet/resources/app.asar/out/renderer/index.html' };

interface Call {
  channel: ChannelName;
  request: unknown;
}

function spiedRouter() {
  const calls: Call[] = [];
  const router = createRouter({ logger: silentLogger, isTrustedSender: (s) => s.id === TRUSTED.id });
  for (const channel of CHANNEL_NAMES) {
    router.register(channel, (request: unknown) => {
      calls.push({ channel, request });
      return { handled: channel } as never;
    });
  }
  return { router, calls };
}

async function dispatchSafely(router: ReturnType<typeof spiedRouter>['router'], channel: unknown, payload: unknown, sender: Sender) {
  try {
    return await router.dispatch(channel, payload, sender);
  } catch (error) {
    throw new Error(`router.dispatch threw for ${String(channel)} on ${describePayload(payload)}: ${String(error)}`);
  }
}

function expectTypedError(result: Result<unknown>): asserts result is Extract<Result<unknown>, { ok: false }> {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(ERROR_CODES).toContain(result.error.code);
  expect(typeof result.error.message).toBe('string');
}

/** How many generated payloads reached the handler, per channel (the fuzz must not be all-invalid). */
const accepted = new Map<ChannelName, number>();
const started = performance.now();
afterAll(() => {
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const total = CHANNEL_NAMES.length * RUNS_PER_CHANNEL;
  const valid = [...accepted.values()].reduce((a, b) => a + b, 0);
  const fewest = [...accepted.entries()].sort((a, b) => a[1] - b[1])[0];
  process.stdout.write(
    `ipc-fuzz: ${total} payloads over ${CHANNEL_NAMES.length} channels, ${valid} valid` +
      ` (fewest: ${fewest?.[0]} ${fewest?.[1]}), ${seconds} s\n`,
  );
});

describe('every contract channel under fuzzing', () => {
  it('covers every channel the preload exposes', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual(Object.values(CHANNELS).sort());
  });

  it.each(CHANNEL_NAMES.map((channel, index) => [channel, index] as const))(
    '%s: handler runs exactly on valid input, everything else is a typed error',
    async (channel, index) => {
      const { router, calls } = spiedRouter();
      const schema = contract[channel].request;
      let valid = 0;
      await fc.assert(
        fc.asyncProperty(payloadFor(schema), async (payload) => {
          calls.length = 0;
          const result = await dispatchSafely(router, channel, payload, TRUSTED);

          const problem = inspectPayload(payload);
          let parsed: ReturnType<typeof schema.safeParse> | null = null;
          if (problem === null) {
            try {
              parsed = schema.safeParse(payload);
            } catch (error) {
              throw new Error(`${channel}: zod safeParse threw on ${describePayload(payload)}: ${String(error)}`);
            }
          }
          const shouldRun = parsed?.success === true;

          // Handler called <=> guard passed and the schema accepts the payload.
          expect(calls.length, `${channel} on ${describePayload(payload)}`).toBe(shouldRun ? 1 : 0);
          // Independent of the guard's own code: prototype keys and deep nesting never reach a handler.
          if (hasForbiddenOwnKey(payload) || nestingDepth(payload) > PAYLOAD_LIMITS.maxDepth) expect(calls).toHaveLength(0);

          if (shouldRun) {
            valid += 1;
            expect(calls[0]).toEqual({ channel, request: parsed!.data });
            expect(result).toEqual({ ok: true, value: { handled: channel } });
            return;
          }
          expectTypedError(result);
          expect(result.error.code).toBe(problem?.kind === 'too-large' ? 'PAYLOAD_TOO_LARGE' : 'INVALID_REQUEST');
          // The answer names a path and a kind of problem; it never quotes what was sent.
          expect(result.error.message.length).toBeLessThan(200);
          for (const sent of longStrings(payload)) expect(result.error.message).not.toContain(sent);
        }),
        { seed: SEED + index, numRuns: RUNS_PER_CHANNEL, endOnFailure: false },
      );
      accepted.set(channel, valid);
      // Valid-looking shapes must reach the handler now and then, or the fuzz only tests the guard.
      expect(valid, `${channel}: valid payloads among ${RUNS_PER_CHANNEL}`).toBeGreaterThan(RUNS_PER_CHANNEL * 0.05);
    },
  );
});

describe('outside the contract', () => {
  it('answers UNKNOWN_CHANNEL for any other channel name and never runs a handler', async () => {
    const { router, calls } = spiedRouter();
    const lookalikes = fc.constantFrom<unknown>(
      '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', ' ', 'APP:STATUS',
      'app:status ', ' app:status', 'app:status\u0000', 'app:\u200bstatus', 'app:status\u202e', 'appStatus',
      'session:sign-in/../app:status', new String('app:status'), ['app:status'], { toString: () => 'app:status' },
      Symbol('app:status'), 1, null, undefined, Number.NaN,
    );
    const channelNames = fc
      .oneof(lookalikes, fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.anything({ maxDepth: 2 }))
      .filter((c) => !(typeof c === 'string' && Object.prototype.hasOwnProperty.call(contract, c)));
    await fc.assert(
      fc.asyncProperty(channelNames, fc.oneof(hostileValue, fc.constant({})), async (channel, payload) => {
        calls.length = 0;
        const result = await dispatchSafely(router, channel, payload, TRUSTED);
        expectTypedError(result);
        expect(result.error.code).toBe('UNKNOWN_CHANNEL');
        expect(calls).toHaveLength(0);
      }),
      { seed: SEED - 1, numRuns: runs(1_000) },
    );
  });

  it('answers FORBIDDEN_SENDER to any other sender, even with a valid payload', async () => {
    const { router, calls } = spiedRouter();
    const senders = fc.record({
      id: fc.oneof(fc.integer(), fc.constantFrom(0, -1, Number.NaN, 7.5)).filter((id) => id !== TRUSTED.id),
      url: fc.oneof(fc.webUrl(), fc.constantFrom(TRUSTED.url, 'devtools://devtools/bundled/inspector.html', '', 'about:blank')),
    });
    const channelAndPayload = fc
      .constantFrom(...CHANNEL_NAMES)
      .chain((channel) => fc.tuple(fc.constant(channel), payloadFor(contract[channel].request)));
    await fc.assert(
      fc.asyncProperty(senders, channelAndPayload, async (sender, [channel, payload]) => {
        calls.length = 0;
        const result = await dispatchSafely(router, channel, payload, sender);
        expectTypedError(result);
        expect(result.error.code).toBe('FORBIDDEN_SENDER');
        expect(calls).toHaveLength(0);
      }),
      { seed: SEED - 2, numRuns: runs(500) },
    );
    // 500 payloads over every channel's schema: seconds on a busy machine (timed out at 5 s at load 24).
  }, 60_000);
});
