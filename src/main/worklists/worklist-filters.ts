/**
 * Each worklist as a directory search: its filter (built from filter objects, values sent
 * raw), the attributes it reads (the directory hides a list from an agent who may not search
 * one of them), and the date each row is about. Pure: the day and the policy are given.
 */
import { AndFilter, EqualityFilter, GreaterThanEqualsFilter, LessThanEqualsFilter, NotFilter, OrFilter, PresenceFilter, SubstringFilter, type Filter } from 'ldapts';
import type { AttributeMap } from '../config/schema';
import type { WorklistId } from '../../shared/contract/worklists';
import type { WorklistsConfig } from './worklists-config';

const DAY_MS = 86_400_000;

/** What a list's search depends on besides the configuration. */
export interface WorklistClock {
  /** Now (the password lists compare times). */
  now: Date;
  /** Today at the desk, YYYYMMDD (the validity lists compare days). */
  today: string;
  /** The policy's pwdMaxAge in seconds; null when the policy sets none. */
  maxAgeSeconds: number | null;
}

export interface WorklistQuery {
  filter: Filter;
  /** Attributes the filter reads: without search access to one, the directory matches nothing. */
  reads: string[];
  /** The N days of the list, when it has one. */
  days: number | null;
}

/** An LDAP GeneralizedTime (UTC, seconds). */
export function generalizedTime(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace(/[-:T]/g, '')}Z`;
}

/** YYYYMMDD `offset` days after `day` (YYYYMMDD). */
export function dayAfter(day: string, offset: number): string {
  const start = Date.UTC(+day.slice(0, 4), +day.slice(4, 6) - 1, +day.slice(6, 8));
  return new Date(start + offset * DAY_MS).toISOString().slice(0, 10).replaceAll('-', '');
}

const eq = (attribute: string, value: string) => new EqualityFilter({ attribute, value });

/**
 * A time before `at` / after `at`, written as the negation of the other inequality. slapd
 * (2.5, mdb) answers `pwdChangedTime<=X` (`>=X`) on an eq-indexed pwdChangedTime by walking
 * the index from its first key up to X (from X to its last), one key per second of time,
 * merging each key's entries into the list so far: quadratic in the keys walked (measured at
 * 100,000 people: 2,400 keys 0.12 s, 4,700 keys 0.5 s, 14,700 keys 7 s, 80,000 keys 70 s),
 * against about 0.4 s to read every entry. Both ends are walked whole even in a range
 * `(&(>=A)(<=B))`. A NOT is never looked up in an index, so the same test runs entry by
 * entry on the candidates the other terms give.
 */
const before = (attribute: string, at: Date) => new NotFilter({ filter: new GreaterThanEqualsFilter({ attribute, value: generalizedTime(at) }) });
const after = (attribute: string, at: Date) => new NotFilter({ filter: new LessThanEqualsFilter({ attribute, value: generalizedTime(at) }) });
const has = (attribute: string) => new PresenceFilter({ attribute });
const compte = (attrs: AttributeMap, state: string) => eq(attrs.accountState, `{COMPTE}${state}`);

/** The search of `list`; null for the password expiry list when the policy sets no maximum age. */
export function worklistQuery(
  list: WorklistId,
  attrs: AttributeMap,
  config: WorklistsConfig,
  clock: WorklistClock,
  affiliation: string | null = null,
): WorklistQuery | null {
  const now = clock.now.getTime();
  switch (list) {
    case 'locked':
      return { filter: has('pwdAccountLockedTime'), reads: ['pwdAccountLockedTime'], days: null };
    case 'temporary-password': {
      const days = config.temporaryPasswordDays;
      // Changed at or before now - N days, i.e. not after it (+1 s: GeneralizedTime counts in seconds).
      const filter = new AndFilter({ filters: [eq('pwdReset', 'TRUE'), has('pwdChangedTime'), before('pwdChangedTime', new Date(now - days * DAY_MS + 1_000))] });
      return { filter, reads: ['pwdReset', 'pwdChangedTime'], days };
    }
    case 'never-activated': {
      // SupannCree, or an inactive account without a sub-state that never had a password (shared/account-standing.ts).
      const never = new OrFilter({
        filters: [compte(attrs, 'I:SupannCree'), new AndFilter({ filters: [compte(attrs, 'I'), new NotFilter({ filter: has('pwdChangedTime') })] })],
      });
      const filter = affiliation ? new AndFilter({ filters: [never, eq(attrs.primaryAffiliation, affiliation)] }) : never;
      return { filter, reads: [attrs.accountState, ...(affiliation ? [attrs.primaryAffiliation] : [])], days: null };
    }
    case 'validity-ending': {
      // The end date is the last field of `{COMPTE}A:SubState:start:end`: one final-substring term per day (indexed).
      const days = config.validityEndingDays;
      const filters = Array.from({ length: days + 1 }, (_, i) =>
        new SubstringFilter({ attribute: attrs.accountStateDate, initial: '{COMPTE}A:', final: `:${dayAfter(clock.today, i)}` }),
      );
      return { filter: new OrFilter({ filters }), reads: [attrs.accountStateDate], days };
    }
    case 'expired':
      return { filter: compte(attrs, 'I:SupannExpire'), reads: [attrs.accountState], days: null };
    case 'suspended':
      return {
        filter: new OrFilter({ filters: ['S', 'S:SupannVerrouille', 'S:SupannVerrouAdministratif', 'S:SupannVerrouTechnique'].map((s) => compte(attrs, s)) }),
        reads: [attrs.accountState],
        days: null,
      };
    case 'password-expiring': {
      if (clock.maxAgeSeconds === null) return null;
      const days = config.passwordExpiringDays;
      const expiredBefore = now - clock.maxAgeSeconds * 1000;
      // Changed between now - maxAge and now - maxAge + N days (both included). No index narrows this one
      // (see `before`: a range of two inequalities walks the whole index, 70 s at 100,000 people), so slapd
      // reads every entry: the term most entries fail comes first (changed after the window: most passwords
      // are younger), one comparison for them instead of three (a full scan about a fifth shorter).
      const filter = new AndFilter({
        filters: [before('pwdChangedTime', new Date(expiredBefore + days * DAY_MS + 1_000)), after('pwdChangedTime', new Date(expiredBefore - 1_000)), has('pwdChangedTime')],
      });
      return { filter, reads: ['pwdChangedTime'], days };
    }
  }
}

/** The attribute whose value is each row's date, and how it reads. */
export function dateAttributeOf(list: WorklistId, attrs: AttributeMap): { attribute: string; kind: 'time' | 'state-start' | 'state-end' | 'expiry' } {
  switch (list) {
    case 'locked':
      return { attribute: 'pwdAccountLockedTime', kind: 'time' };
    case 'temporary-password':
      return { attribute: 'pwdChangedTime', kind: 'time' };
    case 'password-expiring':
      return { attribute: 'pwdChangedTime', kind: 'expiry' };
    case 'never-activated':
    case 'suspended':
      return { attribute: attrs.accountStateDate, kind: 'state-start' };
    case 'validity-ending':
    case 'expired':
      return { attribute: attrs.accountStateDate, kind: 'state-end' };
  }
}

/**
 * Reads `attribute` for every person whatever its value: with search access it matches
 * someone; without it both halves are undefined and nothing matches (slapd's ACL).
 */
export const readableProbe = (attribute: string): Filter =>
  new OrFilter({ filters: [has(attribute), new NotFilter({ filter: has(attribute) })] });

/** The next start of term (YYYY-MM-DD) on or after `today` (YYYYMMDD), from the configuration's MM-DD. */
export function nextTermStart(today: string, termStart: string): string {
  const year = +today.slice(0, 4);
  const thisYear = `${year}${termStart.replace('-', '')}`;
  const next = thisYear >= today ? thisYear : `${year + 1}${termStart.replace('-', '')}`;
  return `${next.slice(0, 4)}-${next.slice(4, 6)}-${next.slice(6, 8)}`;
}
