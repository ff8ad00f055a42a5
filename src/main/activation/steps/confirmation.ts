/**
 * The confirmation step: the last write of every activation, made only once everything else
 * succeeded. The account's state values are replaced (other resources' values untouched),
 * the start date today in the institution's time zone, the end date kept.
 */
import type { Entry } from 'ldapts';
import type { FieldChanges } from '../../../shared/audit-events';
import type { GuichetConfig } from '../../config/schema';
import { values } from '../../directory/account-entry';
import type { Modification } from '../../directory/entry-write';

export const ACCOUNT_RESOURCE = 'COMPTE';
export const ACTIVE_STATE = `{${ACCOUNT_RESOURCE}}A:SupannActif`;

/** One formatter per time zone: building an Intl.DateTimeFormat costs more than a worklist page's other steps (measured 0.3 ms). */
const dayFormats = new Map<string, { format: Intl.DateTimeFormat; minute: number; day: string }>();
const MINUTE_MS = 60_000;

/**
 * The calendar day in the institution's time zone, YYYYMMDD. Every zone's offset is a whole
 * number of minutes (15 at least), so a day starts on a minute: the day is worked out once a
 * minute per zone (formatToParts costs a tenth of a millisecond, on every worklist page).
 */
export function localDay(at: Date, timeZone: string): string {
  const minute = Math.floor(at.getTime() / MINUTE_MS);
  let zone = dayFormats.get(timeZone);
  if (zone?.minute === minute) return zone.day;
  if (!zone) {
    const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    if (dayFormats.size >= 16) dayFormats.clear();
    zone = { format, minute: Number.NaN, day: '' };
    dayFormats.set(timeZone, zone);
  }
  const parts = zone.format.formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  zone.minute = minute;
  zone.day = `${get('year')}${get('month')}${get('day')}`;
  return zone.day;
}

const isAccountValue = (value: string) => value.trim().toUpperCase().startsWith(`{${ACCOUNT_RESOURCE}}`);

/** `{COMPTE}I:SupannCree:20260901:20270831` -> `20260901:20270831` (what the trail keeps of a dated state). */
const datesOf = (value: string | null): string | null => (value ? value.split(':').slice(2, 4).join(':') || null : null);

export interface StatePlan {
  modifications: Modification[];
  changes: FieldChanges;
}

/** The state modify: deletes name the values exactly as stored. */
export function planActiveState(entry: Entry, day: string, directory: GuichetConfig['directory']): StatePlan {
  const a = directory.attributes;
  const states = values(entry, a.accountState).filter(isAccountValue);
  const dated = values(entry, a.accountStateDate).filter(isAccountValue);
  const end = dated[0]?.split(':')[3]?.trim() ?? '';
  const newDated = `${ACTIVE_STATE}:${day}:${/^\d{8}$/.test(end) ? end : ''}`;
  const modifications: Modification[] = [];
  if (states.length > 0) modifications.push({ operation: 'delete', type: a.accountState, values: states });
  modifications.push({ operation: 'add', type: a.accountState, values: [ACTIVE_STATE] });
  if (dated.length > 0) modifications.push({ operation: 'delete', type: a.accountStateDate, values: dated });
  modifications.push({ operation: 'add', type: a.accountStateDate, values: [newDated] });
  return {
    modifications,
    changes: {
      accountState: { before: states[0] ?? null, after: ACTIVE_STATE },
      accountStateDate: { before: datesOf(dated[0] ?? null), after: datesOf(newDated) },
    },
  };
}

/** Does the entry now say active? (settles the state modify whose answer never came) */
export const isActive = (entry: Entry, directory: GuichetConfig['directory']): boolean =>
  values(entry, directory.attributes.accountState).some((v) => v.toLowerCase() === ACTIVE_STATE.toLowerCase());
