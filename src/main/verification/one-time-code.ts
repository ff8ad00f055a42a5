/**
 * Codes mailed to the person's personal address, typed back at the desk. The code exists
 * in clear only in `issue`'s answer (for the mail); what is kept is an HMAC-SHA256 under a
 * key drawn when the process starts, with a per-code salt. Pending codes die with the
 * process (they expire in minutes anyway); the send quota lives in the throttle file.
 */
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { ThrottleStore } from './throttle-store';

export interface OneTimeCodeOptions {
  /** Where sends are counted, so that a restart does not refill the daily quota. */
  store: Pick<ThrottleStore, 'recordSend' | 'sendsToday' | 'sendsAllowedAgainAt'>;
  digits?: 6 | 8;
  /** Default 10 minutes. */
  ttlMs?: number;
  /** Wrong entries before the code is dead. Default 3. */
  maxTries?: number;
  /** Codes per account in 24 hours. Default 3. */
  maxSendsPerDay?: number;
  /** The send counter's name in the store. */
  channel?: string;
  now?: () => Date;
}

export type IssueResult =
  | { ok: true; code: string; expiresAt: Date }
  /** The daily quota is used: `retryAt` is when the oldest send of the last 24 hours leaves the window. */
  | { ok: false; reason: 'THROTTLED'; retryAt: Date | null };

export type CheckResult =
  | { status: 'matched' }
  | { status: 'mismatch'; triesLeft: number }
  | { status: 'expired' }
  /** The last allowed try was wrong: a new code is needed. */
  | { status: 'exhausted' }
  /** No code was issued for this account (or it was already used). */
  | { status: 'none' };

export interface OneTimeCodes {
  issue(accountDn: string): IssueResult;
  check(accountDn: string, typed: string): CheckResult;
  /** Forgets the pending code, e.g. when the verification is abandoned. */
  discard(accountDn: string): void;
}

interface Pending {
  salt: Buffer;
  digest: Buffer;
  expiresAt: number;
  triesLeft: number;
}

export function createOneTimeCodes(options: OneTimeCodeOptions): OneTimeCodes {
  const digits = options.digits ?? 6;
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const maxTries = options.maxTries ?? 3;
  const maxSends = options.maxSendsPerDay ?? 3;
  const channel = options.channel ?? 'email-code';
  const now = options.now ?? (() => new Date());
  const key = randomBytes(32);
  const pending = new Map<string, Pending>();

  const digestOf = (accountDn: string, salt: Buffer, code: string): Buffer =>
    createHmac('sha256', key).update(salt).update(accountDn).update('\0').update(code).digest();

  return {
    issue(accountDn) {
      if (options.store.sendsToday(accountDn, channel) >= maxSends)
        return { ok: false, reason: 'THROTTLED', retryAt: options.store.sendsAllowedAgainAt(accountDn, channel, maxSends) };
      // Counted before the mail leaves: a failed or repeated mail still uses the quota.
      options.store.recordSend(accountDn, channel);
      const code = String(randomInt(10 ** digits)).padStart(digits, '0');
      const salt = randomBytes(16);
      const expiresAt = now().getTime() + ttlMs;
      // A new code replaces the previous one.
      pending.set(accountDn, { salt, digest: digestOf(accountDn, salt, code), expiresAt, triesLeft: maxTries });
      return { ok: true, code, expiresAt: new Date(expiresAt) };
    },

    check(accountDn, typed) {
      const entry = pending.get(accountDn);
      if (!entry) return { status: 'none' };
      if (now().getTime() >= entry.expiresAt) {
        pending.delete(accountDn);
        return { status: 'expired' };
      }
      if (entry.triesLeft <= 0) return { status: 'exhausted' };
      // Spaces and dashes are how people read codes back ("123 456"); anything else counts as wrong.
      const candidate = typed.replace(/[\s-]/g, '');
      const matched = timingSafeEqual(digestOf(accountDn, entry.salt, candidate), entry.digest);
      if (matched) {
        pending.delete(accountDn);
        return { status: 'matched' };
      }
      entry.triesLeft -= 1;
      return entry.triesLeft > 0 ? { status: 'mismatch', triesLeft: entry.triesLeft } : { status: 'exhausted' };
    },

    discard(accountDn) {
      pending.delete(accountDn);
    },
  };
}
