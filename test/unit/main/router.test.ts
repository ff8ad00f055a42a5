import { describe, expect, it, vi } from 'vitest';
import { createRouter } from '../../../src/main/router';
import { GuichetError } from '../../../src/shared/result';
import type { Logger, LogRecord } from '../../../src/main/logger';

const trusted = { id: 7, url: 'http://127.0.0.1:5000/' };

function setup() {
  const records: LogRecord[] = [];
  const logger: Logger = { path: null, log: (r) => records.push(r) };
  const router = createRouter({ logger, isTrustedSender: (s) => s.id === 7 });
  const handler = vi.fn(async (request: { locale: 'fr' | 'en' }) => ({ locale: request.locale }));
  router.register('app:set-locale', handler);
  return { router, handler, records };
}

describe('router', () => {
  it('runs the handler for a valid request and answers ok', async () => {
    const { router, handler } = setup();
    await expect(router.dispatch('app:set-locale', { locale: 'en' }, trusted)).resolves.toEqual({ ok: true, value: { locale: 'en' } });
    expect(handler).toHaveBeenCalledOnce();
  });

  it('refuses an unknown channel', async () => {
    const { router, handler } = setup();
    const result = await router.dispatch('app:delete-everything', {}, trusted);
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses a sender that is not a Guichet window', async () => {
    const { router, handler } = setup();
    const result = await router.dispatch('app:set-locale', { locale: 'en' }, { id: 99, url: 'https://evil.example/' });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ['a wrong-typed field', { locale: 42 }, 'INVALID_REQUEST'],
    ['a value outside the enum', { locale: 'de' }, 'INVALID_REQUEST'],
    ['an extra field', { locale: 'fr', admin: true }, 'INVALID_REQUEST'],
    ['a non-object payload', 'fr', 'INVALID_REQUEST'],
    ['a 10 MB string', { locale: 'x'.repeat(10 * 1024 * 1024) }, 'PAYLOAD_TOO_LARGE'],
    ['a __proto__ key', JSON.parse('{"locale":"fr","__proto__":{"admin":true}}'), 'INVALID_REQUEST'],
    ['a constructor key', { locale: 'fr', constructor: { prototype: {} } }, 'INVALID_REQUEST'],
    ['a lone surrogate', { locale: 'fr\uD800' }, 'INVALID_REQUEST'],
    ['deep nesting', JSON.parse('{"a":'.repeat(100) + '1' + '}'.repeat(100)), 'INVALID_REQUEST'],
  ])('refuses %s with a typed error and never runs the handler', async (_name, payload, code) => {
    const { router, handler } = setup();
    const result = await router.dispatch('app:set-locale', payload, trusted);
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('turns a thrown GuichetError into its code and any other throw into INTERNAL', async () => {
    const { router } = setup();
    router.register('app:set-locale', () => {
      throw new GuichetError('DIRECTORY_TIMEOUT', 'slow');
    });
    await expect(router.dispatch('app:set-locale', { locale: 'fr' }, trusted)).resolves.toMatchObject({
      ok: false,
      error: { code: 'DIRECTORY_TIMEOUT' },
    });
    router.register('app:set-locale', () => {
      throw new TypeError('secret detail in a stack');
    });
    const result = await router.dispatch('app:set-locale', { locale: 'fr' }, trusted);
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'unexpected error' } });
  });

  it('logs channel, duration and error code, never the payload', async () => {
    const { router, records } = setup();
    await router.dispatch('app:set-locale', { locale: 'en' }, trusted);
    await router.dispatch('app:set-locale', { locale: 'Secret-Canary-123' }, trusted);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ event: 'ipc', channel: 'app:set-locale', level: 'info' });
    expect(typeof records[0]!.ms).toBe('number');
    expect(records[1]).toMatchObject({ code: 'INVALID_REQUEST', level: 'warn' });
    expect(JSON.stringify(records)).not.toContain('Secret-Canary-123');
  });

  it('does not echo received values in validation messages', async () => {
    const { router } = setup();
    const result = await router.dispatch('app:set-locale', { locale: 'Secret-Canary-456' }, trusted);
    expect(JSON.stringify(result)).not.toContain('Secret-Canary-456');
  });

  it('says which field is wrong and how, never with what it received', async () => {
    const { router } = setup();
    expect(await router.dispatch('app:set-locale', { locale: 42 }, trusted)).toMatchObject({ error: { message: 'locale: invalid_value' } });
    expect(await router.dispatch('app:set-locale', 'fr', trusted)).toMatchObject({ error: { message: '(request): invalid_type' } });
    router.register('audit:stats', () => ({}) as never);
    expect(await router.dispatch('audit:stats', { filter: { agent: 42 } }, trusted)).toMatchObject({
      error: { message: 'filter.agent: invalid_type' },
    });
  });

  it('says why it refused an unknown channel or a sender', async () => {
    const { router } = setup();
    expect(await router.dispatch('app:nope', {}, trusted)).toEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'unknown channel' } });
    expect(await router.dispatch('app:set-locale', { locale: 'fr' }, { id: 1, url: 'https://evil.example/' })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER', message: 'sender is not a Guichet window' },
    });
  });

  it('logs how long the request took, in milliseconds', async () => {
    const { router, records } = setup();
    router.register('app:set-locale', async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return { locale: request.locale };
    });
    const started = performance.now();
    await router.dispatch('app:set-locale', { locale: 'fr' }, trusted);
    const elapsed = performance.now() - started;
    expect(records[0]!.ms).toBeGreaterThanOrEqual(25);
    expect(records[0]!.ms).toBeLessThanOrEqual(elapsed + 0.1);
  });

  it('answers INTERNAL for a contract channel nobody registered, and lists the registered ones', async () => {
    const { router } = setup();
    expect(router.channels()).toEqual(['app:set-locale']);
    expect(await router.dispatch('app:status', {}, trusted)).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'channel has no handler' },
    });
  });

  it('passes a GuichetError’s details on to the page', async () => {
    const { router } = setup();
    router.register('app:set-locale', () => {
      throw new GuichetError('THROTTLED', 'trop d’essais', { retryAt: '2026-03-02T09:15:00.000Z' });
    });
    expect(await router.dispatch('app:set-locale', { locale: 'fr' }, trusted)).toEqual({
      ok: false,
      error: { code: 'THROTTLED', message: 'trop d’essais', details: { retryAt: '2026-03-02T09:15:00.000Z' } },
    });
  });

  it('a sender check that throws is an INTERNAL answer, logged as an error', async () => {
    const records: LogRecord[] = [];
    const router = createRouter({
      logger: { path: null, log: (r) => records.push(r) },
      isTrustedSender: () => {
        throw new Error('no window');
      },
      handlers: { 'app:set-locale': async (request) => ({ locale: request.locale }) },
    });
    expect(await router.dispatch('app:set-locale', { locale: 'fr' }, trusted)).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'unexpected error' } });
    expect(records).toEqual([expect.objectContaining({ level: 'error', code: 'INTERNAL', channel: 'app:set-locale' })]);
  });

  it('logs a success without a code, an unknown channel under "(unknown)", and its duration in tenths of a millisecond', async () => {
    const { router, records } = setup();
    await router.dispatch('app:set-locale', { locale: 'en' }, trusted);
    await router.dispatch('app:delete-everything', {}, trusted);
    expect(records[0]).not.toHaveProperty('code');
    expect(records[1]).toMatchObject({ level: 'warn', channel: '(unknown)', code: 'UNKNOWN_CHANNEL' });
    for (const record of records) {
      expect(record.ms).toBeGreaterThanOrEqual(0);
      expect(Math.round((record.ms as number) * 10)).toBeCloseTo((record.ms as number) * 10, 6);
    }
  });
});
