/**
 * SUPANN account state and ppolicy status, parsed from attribute values. Pure.
 *
 * supannRessourceEtat      `{COMPTE}A:SupannActif`
 * supannRessourceEtatDate  `{COMPTE}A:SupannActif:20260901:20270831` (sub-state and dates may be empty)
 */
import type { AccountCard, AccountState, AccountStatus, PasswordStatus } from '../../shared/account';

const STATUS: Readonly<Record<string, AccountStatus>> = { A: 'active', I: 'inactive', S: 'suspended' };

/** `20260901` -> `2026-09-01`; anything else (empty, malformed) -> null. */
export function supannDate(value: string | undefined): string | null {
  if (!value || !/^\d{8}$/.test(value)) return null;
  const year = +value.slice(0, 4);
  const month = +value.slice(4, 6);
  const day = +value.slice(6, 8);
  // Arithmetic, not Date objects: this runs for every search result.
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (days === undefined || day < 1 || day > days) return null;
  return `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
}

/** One `{RESOURCE}STATE[:SubState[:start[:end]]]` value of the given resource, or null. */
function parseOne(value: string, resource: string): AccountState | null {
  const m = /^\{([^}]*)\}(.*)$/.exec(value.trim());
  if (!m || m[1]!.toUpperCase() !== resource.toUpperCase()) return null;
  const [letter = '', sub = '', start, end] = m[2]!.split(':');
  return {
    status: STATUS[letter.trim().toUpperCase()] ?? 'unknown',
    subState: sub.trim() === '' ? null : sub.trim(),
    start: supannDate(start?.trim()),
    end: supannDate(end?.trim()),
  };
}

/**
 * The state of the account resource ({COMPTE} by default). The dated attribute wins when it
 * has the resource (it is the richer one); without either, the state is unknown.
 */
export function parseAccountState(states: readonly string[], datedStates: readonly string[], resource = 'COMPTE'): AccountState {
  for (const v of datedStates) {
    const parsed = parseOne(v, resource);
    if (parsed) return parsed;
  }
  for (const v of states) {
    const parsed = parseOne(v, resource);
    if (parsed) return { ...parsed, start: null, end: null };
  }
  return { status: 'unknown', subState: null, start: null, end: null };
}

/** ppolicy's "locked by an administrator, forever" marker in pwdAccountLockedTime. */
export const ADMIN_LOCK = '000001010000Z';

/** LDAP GeneralizedTime (`20261120083404Z`, optional fraction) -> ISO 8601, or null. */
export function generalizedTimeToIso(value: string | undefined): string | null {
  if (!value) return null;
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:[.,](\d+))?Z$/.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '00', frac = '0'] = m;
  const date = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s, Math.round(Number(`0.${frac}`) * 1000)));
  return Number.isNaN(date.getTime()) || date.getUTCFullYear() !== +y! ? null : date.toISOString();
}

export interface PpolicyValues {
  pwdChangedTime?: string;
  pwdAccountLockedTime?: string;
  pwdFailureTime: readonly string[];
  pwdReset?: string;
}

/**
 * The password as the desk sees it, from ppolicy's operational attributes only: the agent
 * never reads userPassword, so "has a password" means "pwdChangedTime is set" (ppolicy
 * stamps it on every password set; a directory loaded without it reads as no password).
 */
export function passwordStatus(p: PpolicyValues): PasswordStatus {
  const lockedRaw = p.pwdAccountLockedTime?.trim();
  const byAdmin = lockedRaw === ADMIN_LOCK;
  return {
    lastChange: generalizedTimeToIso(p.pwdChangedTime),
    hasPassword: !!p.pwdChangedTime,
    mustChange: p.pwdReset?.toUpperCase() === 'TRUE',
    lockedSince: byAdmin ? null : generalizedTimeToIso(lockedRaw),
    lockedByAdministrator: byAdmin,
    recentFailures: p.pwdFailureTime
      .map(generalizedTimeToIso)
      .filter((t): t is string => t !== null)
      .sort()
      .reverse()
      .slice(0, 10),
  };
}

export function isLocked(p: Pick<PpolicyValues, 'pwdAccountLockedTime'>): boolean {
  return !!p.pwdAccountLockedTime && p.pwdAccountLockedTime.trim() !== '';
}

const NEVER_ACTIVATED_SUBSTATES = new Set(['supanncree', 'supannprecree']);

/**
 * Never activated: created or pre-created and not yet claimed (I:SupannCree / I:SupannPrecree),
 * or no password while the SUPANN state says nothing (missing or unknown). An account the
 * SUPANN state calls active is activated even without pwdChangedTime (old imports).
 */
export function isNeverActivated(state: AccountState, hasPassword: boolean): boolean {
  const sub = state.subState?.toLowerCase() ?? '';
  if (state.status === 'inactive' && NEVER_ACTIVATED_SUBSTATES.has(sub)) return true;
  if (hasPassword) return false;
  return state.status === 'unknown' || (state.status === 'inactive' && sub === '');
}

/** Whether the desk may offer activation, and why (not). */
export function activationOffer(state: AccountState, hasPassword: boolean): AccountCard['activation'] {
  if (state.status === 'suspended') return { offered: false, reason: 'suspended' };
  if (isNeverActivated(state, hasPassword)) return { offered: true, reason: 'never-activated' };
  if (state.status === 'active') return { offered: false, reason: 'already-active' };
  if (state.status === 'inactive' && state.subState?.toLowerCase() === 'supannexpire') return { offered: false, reason: 'expired' };
  if (state.status === 'unknown' && hasPassword) return { offered: false, reason: 'already-active' };
  return { offered: false, reason: 'inactive' };
}
