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
});
