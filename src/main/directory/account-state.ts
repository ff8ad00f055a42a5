/**
 * SUPANN account state and ppolicy status, parsed from attribute values. Pure.
 *
 * supannRessourceEtat      `{COMPTE}A:SupannActif`
 * supannRessourceEtatDate  `{COMPTE}A:SupannActif:20260901:20270831` (sub-state and dates may be empty)
 */
import type { AccountState, AccountStatus, PasswordStatus } from '../../shared/account';

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

/** The SUPANN sub-states of each state letter: a sub-state under another letter contradicts it. */
const SUBSTATES: Readonly<Record<string, AccountStatus>> = {
  supannanticipe: 'active',
  supannactif: 'active',
  supannsursis: 'active',
  supannprecree: 'inactive',
  supanncree: 'inactive',
  supannexpire: 'inactive',
  supanninactif: 'inactive',
  supannsupprdonnees: 'inactive',
  supannsupprcompte: 'inactive',
  supannverrouille: 'suspended',
  supannverrouadministratif: 'suspended',
  supannverroutechnique: 'suspended',
};

type Parsed = Omit<AccountState, 'reading'> | 'unreadable';

/**
 * One `{RESOURCE}STATE[:SubState[:start[:end]]]` value: null when it names another resource,
 * `unreadable` when it cannot be trusted (unknown letter, a sub-state of another letter,
 * more fields than SUPANN has). A malformed date only loses the date.
 */
function parseOne(value: string, resource: string): Parsed | null {
  const m = /^\{([^}]*)\}(.*)$/.exec(value.trim());
  if (!m || m[1]!.toUpperCase() !== resource.toUpperCase()) return null;
  const fields = m[2]!.split(':');
  if (fields.length > 4) return 'unreadable';
  const [letter = '', sub = '', start, end] = fields.map((f) => f.trim());
  const status = STATUS[letter.toUpperCase()];
  if (!status) return 'unreadable';
  const known = SUBSTATES[sub.toLowerCase()];
  if (known && known !== status) return 'unreadable';
  return { status, subState: sub === '' ? null : sub, start: supannDate(start), end: supannDate(end) };
}

const UNREADABLE: AccountState = { status: 'unknown', subState: null, start: null, end: null, reading: 'unreadable' };
const sameState = (a: Omit<AccountState, 'reading'>, b: Omit<AccountState, 'reading'>) =>
  a.status === b.status && (a.subState ?? '').toLowerCase() === (b.subState ?? '').toLowerCase();

/**
 * The state of the account resource ({COMPTE} by default), from both attributes. The dated
 * value gives the dates; any value of the resource that cannot be read, or two that say
 * different states, make the whole state unreadable: the desk then acts on nothing.
 */
export function parseAccountState(states: readonly string[], datedStates: readonly string[], resource = 'COMPTE'): AccountState {
  // Every result of a search is parsed, and a directory holds few distinct state values:
  // parsed once each (bounded), handed out as copies. The key is unambiguous: the count of
  // plain values, then every value NUL-separated (a value holding a NUL is never cached).
  if ([...states, ...datedStates].some((v) => v.includes('\u0000'))) return parseStateValues(states, datedStates, resource);
  const key = [resource, states.length, ...states, ...datedStates].join('\u0000');
  let parsed = stateCache.get(key);
  if (!parsed) {
    parsed = parseStateValues(states, datedStates, resource);
    if (stateCache.size >= STATES_CACHED) stateCache.clear();
    stateCache.set(key, parsed);
  }
  return { ...parsed };
}

const stateCache = new Map<string, AccountState>();
const STATES_CACHED = 5_000;

function parseStateValues(states: readonly string[], datedStates: readonly string[], resource: string): AccountState {
  const dated = datedStates.map((v) => parseOne(v, resource)).filter((p): p is Parsed => p !== null);
  const plain = states.map((v) => parseOne(v, resource)).filter((p): p is Parsed => p !== null);
  const all = [...dated, ...plain];
  if (all.length === 0) return { status: 'unknown', subState: null, start: null, end: null, reading: 'missing' };
  const readable = all.filter((p): p is Omit<AccountState, 'reading'> => p !== 'unreadable');
  if (readable.length < all.length || readable.some((p) => !sameState(p, readable[0]!))) return UNREADABLE;
  const first = readable[0]!;
  return { ...first, ...(dated.length === 0 ? { start: null, end: null } : {}), reading: 'read' };
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
