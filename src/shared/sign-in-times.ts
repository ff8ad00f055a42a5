/**
 * What the card says about the password's expiry and the last successful sign-in, from the
 * facts main read in the directory (pwdChangedTime, the policy's pwdMaxAge, pwdLastSuccess or
 * lastbind's authTimestamp). Pure, on the clock it is given: the card and the desk model read
 * the same answer. The directory's values are not trusted: a time in the future, a max age
 * that is no count, a policy the desk could not read each say so instead of a date.
 */

/** The password policy that applies to the account, as main read it. */
export type PasswordPolicyFacts =
  /** pwdMaxAge in seconds; 0 (or absent from the policy): passwords do not expire. */
  | { reading: 'read'; maxAgeSeconds: number }
  /** No policy is known to the desk (none configured, none named on the entry, or it could not be read). */
  | { reading: 'unknown' }
  /** The policy's pwdMaxAge is there but is not a count of seconds. */
  | { reading: 'unreadable' };

/** The last successful sign-in, where the directory keeps it. */
export type LastSignInFacts =
  /** The directory does not keep it (configuration directory.attributes.lastAuthentication). */
  | { reading: 'not-tracked' }
  /** ISO time; null: none recorded (never signed in since it is kept). */
  | { reading: 'read'; at: string | null }
  | { reading: 'unreadable' };

export type PasswordExpiryView =
  | { kind: 'no-password' }
  | { kind: 'policy-unknown' }
  | { kind: 'never' }
  | { kind: 'unreadable' }
  /** `days`: whole days left (0: less than a day); `soon`: within EXPIRY_WARNING_DAYS. */
  | { kind: 'expires'; at: string; days: number; soon: boolean }
  /** `days`: whole days since it expired. */
  | { kind: 'expired'; at: string; days: number };

export type LastSignInView =
  | { kind: 'not-tracked' }
  | { kind: 'never' }
  | { kind: 'unreadable' }
  /** `days`: whole days ago (0: today). */
  | { kind: 'at'; at: string; days: number };

const DAY_MS = 86_400_000;
/** A time further ahead of the desk's clock than this is the directory's mistake, not a clock a little off. */
const FUTURE_TOLERANCE_MS = 10 * 60_000;
/** From how many days left the expiry is shown as a warning. */
export const EXPIRY_WARNING_DAYS = 14;
/** The largest pwdMaxAge taken as a count (about a century): beyond it the value is not believed. */
export const MAX_AGE_LIMIT_SECONDS = 100 * 366 * 86_400;

/** A pwdMaxAge value from the directory: a count of seconds, or null when it is not one. */
export function parseMaxAge(value: string | null): number | null {
  if (value === null) return 0;
  const text = value.trim();
  if (!/^\d{1,10}$/.test(text)) return null;
  const seconds = Number(text);
  return seconds <= MAX_AGE_LIMIT_SECONDS ? seconds : null;
}

const timeOf = (iso: string | null): number | null => {
  if (iso === null) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
};

/**
 * The expiry: pwdChangedTime + pwdMaxAge. `changedAt` is the ISO time main parsed, null
 * when the directory gave none or an unparsable one (then `hasPassword` tells them apart).
 */
export function passwordExpiry(input: { hasPassword: boolean; changedAt: string | null; policy: PasswordPolicyFacts; now: number }): PasswordExpiryView {
  const { policy, now } = input;
  if (!input.hasPassword) return { kind: 'no-password' };
  if (policy.reading === 'unknown') return { kind: 'policy-unknown' };
  if (policy.reading === 'unreadable') return { kind: 'unreadable' };
  if (policy.maxAgeSeconds === 0) return { kind: 'never' };
  const changed = timeOf(input.changedAt);
  if (changed === null || changed > now + FUTURE_TOLERANCE_MS) return { kind: 'unreadable' };
  const expires = changed + policy.maxAgeSeconds * 1000;
  const at = new Date(expires).toISOString();
  if (expires <= now) return { kind: 'expired', at, days: Math.floor((now - expires) / DAY_MS) };
  const days = Math.floor((expires - now) / DAY_MS);
  return { kind: 'expires', at, days, soon: days < EXPIRY_WARNING_DAYS };
}

export function lastSignIn(facts: LastSignInFacts, now: number): LastSignInView {
  if (facts.reading === 'not-tracked') return { kind: 'not-tracked' };
  if (facts.reading === 'unreadable') return { kind: 'unreadable' };
  if (facts.at === null) return { kind: 'never' };
  const at = timeOf(facts.at);
  if (at === null || at > now + FUTURE_TOLERANCE_MS) return { kind: 'unreadable' };
  return { kind: 'at', at: new Date(at).toISOString(), days: Math.max(0, Math.floor((now - at) / DAY_MS)) };
}
