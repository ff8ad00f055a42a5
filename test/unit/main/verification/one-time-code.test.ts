import { describe, expect, it } from 'vitest';
import { createOneTimeCodes, type OneTimeCodeOptions } from '../../../../src/main/verification/one-time-code';

const MINUTE = 60_000;

/** An in-memory stand-in for the throttle file's send counter. */
function memoryStore(now: () => Date): OneTimeCodeOptions['store'] & { sends: Array<[string, number]> } {
  const sends: Array<[string, number]> = [];
  const recent = (account: string) =>
    sends.filter(([a, at]) => a === account && at > now().getTime() - 24 * 60 * MINUTE).map(([, at]) => at);
  return {
    sends,
    recordSend: (account) => void sends.push([account, now().getTime()]),
    sendsToday: (account) => recent(account).length,
    sendsAllowedAgainAt: (account, _channel, limit) => {
      const r = recent(account);
      return r.length < limit ? null : new Date(r[r.length - limit]! + 24 * 60 * MINUTE);
    },
  };
}

function setup(options: Partial<OneTimeCodeOptions> = {}) {
  let clock = Date.parse('2026-03-02T09:00:00Z');
  const now = () => new Date(clock);
  const store = memoryStore(now);
  const codes = createOneTimeCodes({ store, now, ...options });
  return { codes, store, advance: (ms: number) => void (clock += ms), now };
}

const issued = (result: ReturnType<ReturnType<typeof createOneTimeCodes>['issue']>) => {
  if (!result.ok) throw new Error('throttled');
  return result;
};

describe('one-time codes', () => {
  it('issues 6 digits by default, or 8, valid 10 minutes', () => {
    const { codes, now } = setup();
    const { code, expiresAt } = issued(codes.issue('uid=a'));
    expect(code).toMatch(/^[0-9]{6}$/);
    expect(expiresAt).toEqual(new Date(now().getTime() + 10 * MINUTE));
    expect(issued(setup({ digits: 8 }).codes.issue('uid=a')).code).toMatch(/^[0-9]{8}$/);
  });

  it('draws codes evenly, leading zeros included', () => {
    const { codes } = setup({ maxSendsPerDay: 100_000 });
    const firstDigits = new Array<number>(10).fill(0);
    for (let i = 0; i < 5_000; i += 1) firstDigits[Number(issued(codes.issue(`uid=${i}`)).code[0])]! += 1;
    for (const n of firstDigits) expect(n).toBeGreaterThan(350);
    // 5,000 codes issued: about 1 s on a quiet machine, over the default 5 s on a busy shared one.
  }, 60_000);

  it('matches once, with the spaces people read codes back with', () => {
    const { codes } = setup();
    const { code } = issued(codes.issue('uid=a'));
    expect(codes.check('uid=a', `${code.slice(0, 3)} ${code.slice(3)}`)).toEqual({ status: 'matched' });
    expect(codes.check('uid=a', code)).toEqual({ status: 'none' });
  });

  it('allows 3 tries, then the code is exhausted even if the right one comes', () => {
    const { codes } = setup();
    const { code } = issued(codes.issue('uid=a'));
    const wrong = code === '000000' ? '111111' : '000000';
    expect(codes.check('uid=a', wrong)).toEqual({ status: 'mismatch', triesLeft: 2 });
    expect(codes.check('uid=a', 'abc')).toEqual({ status: 'mismatch', triesLeft: 1 });
    expect(codes.check('uid=a', wrong)).toEqual({ status: 'exhausted' });
    expect(codes.check('uid=a', code)).toEqual({ status: 'exhausted' });
  });

  it('expires after its time', () => {
    const { codes, advance } = setup();
    const { code } = issued(codes.issue('uid=a'));
    advance(10 * MINUTE);
    expect(codes.check('uid=a', code)).toEqual({ status: 'expired' });
  });

  it('is bound to its account, and a new code replaces the previous one', () => {
    const { codes } = setup();
    const first = issued(codes.issue('uid=a')).code;
    issued(codes.issue('uid=b'));
    expect(codes.check('uid=b', first).status).not.toBe('matched');
    const second = issued(codes.issue('uid=a')).code;
    if (first !== second) expect(codes.check('uid=a', first).status).toBe('mismatch');
    expect(codes.check('uid=a', second)).toEqual({ status: 'matched' });
  });

  it('sends at most 3 codes per account in 24 hours', () => {
    const { codes, advance, store } = setup();
    for (let i = 0; i < 3; i += 1) {
      expect(codes.issue('uid=a').ok).toBe(true);
      advance(MINUTE);
    }
    const refused = codes.issue('uid=a');
    expect(refused).toEqual({ ok: false, reason: 'THROTTLED', retryAt: new Date(Date.parse('2026-03-03T09:00:00Z')) });
    expect(store.sends).toHaveLength(3);
    expect(codes.issue('uid=b').ok).toBe(true);
    advance(24 * 60 * MINUTE);
    expect(codes.issue('uid=a').ok).toBe(true);
  });

  it('keeps no code in clear', () => {
    const { codes } = setup();
    const { code } = issued(codes.issue('uid=a'));
    expect(JSON.stringify(codes)).not.toContain(code);
  });
});

describe('one-time codes over the real throttle file', () => {
  it('counts the mail sends under the mail code channel, where the throttle file keeps them across restarts', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { openThrottleStore } = await import('../../../../src/main/verification/throttle-store');
    const store = openThrottleStore(join(mkdtempSync(join(tmpdir(), 'guichet-otc-')), 'throttle.sqlite'));
    try {
      issued(createOneTimeCodes({ store }).issue('uid=a'));
      expect(store.sendsToday('uid=a', 'email-code')).toBe(1);
    } finally {
      store.close();
    }
  });
});

describe('a code that is gone stays gone', () => {
  it('an expired code is reported once, then there is no code at all', () => {
    const { codes, advance } = setup();
    issued(codes.issue('uid=a'));
    advance(10 * MINUTE);
    expect(codes.check('uid=a', '000000').status).toBe('expired');
    expect(codes.check('uid=a', '000000').status).toBe('none');
  });

  it('a discarded code (the person left, the agent closed the card) can no longer be typed', () => {
    const { codes } = setup();
    const { code } = issued(codes.issue('uid=a'));
    issued(codes.issue('uid=b'));
    codes.discard('uid=a');
    expect(codes.check('uid=a', code).status).toBe('none');
    expect(codes.check('uid=b', '000000').status).toBe('mismatch');
  });
});
