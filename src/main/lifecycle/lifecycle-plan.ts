/**
 * What a lifecycle action writes to the account's SUPANN state, decided before the directory
 * is touched. Pure: the values as stored, the action and the day in; modifications and the
 * trail's before/after out. Other resources' values ({MAIL}, {WIFI}...) are left alone.
 *
 *   suspend      `{COMPTE}S:SupannVerrouAdministratif:<today>:<end kept>`
 *   reactivate   back to `{COMPTE}A:SupannActif` (or `I:SupannCree` when no password was ever set), dates kept
 *   extend       the same state with a new end date; an expired account becomes active (or created) again
 */
import type { FieldChanges } from '../../shared/audit-events';
import { DESK_SUSPENSION, type LifecycleAction } from '../../shared/lifecycle-actions';
import { ACCOUNT_RESOURCE, ACTIVE_STATE } from '../activation/activation-plan';
import type { Modification } from '../directory/entry-write';

const SUSPENDED_STATE = `{${ACCOUNT_RESOURCE}}S:${DESK_SUSPENSION}`;
const CREATED_STATE = `{${ACCOUNT_RESOURCE}}I:SupannCree`;

export const isAccountValue = (value: string): boolean => value.trim().toUpperCase().startsWith(`{${ACCOUNT_RESOURCE}}`);

export interface StoredState {
  /** The account's values of the state attribute and of the dated one, as stored. */
  states: string[];
  dated: string[];
  hasPassword: boolean;
}

export interface LifecyclePlan {
  modifications: Modification[];
  changes: FieldChanges;
  /** The state and dated values the entry holds once applied (to read back). */
  after: { state: string; dated: string };
}

/** `YYYY-MM-DD` -> `YYYYMMDD`. */
const compact = (day: string) => day.replaceAll('-', '');
const datesOf = (value: string | null): string | null => (value ? value.split(':').slice(2, 4).join(':') || null : null);
const field = (value: string | undefined, index: number): string => {
  const part = value?.split(':')[index]?.trim() ?? '';
  return /^\d{8}$/.test(part) ? part : '';
};

/** The values `action` writes; `today` and `newEnd` as YYYY-MM-DD. */
export function planLifecycle(
  stored: StoredState,
  input: { action: LifecycleAction; today: string; newEnd?: string | undefined },
  attributes: { accountState: string; accountStateDate: string },
): LifecyclePlan {
  const before = stored.states[0] ?? null;
  const beforeDated = stored.dated[0] ?? null;
  const start = field(beforeDated ?? undefined, 2);
  const end = field(beforeDated ?? undefined, 3);
  const live = stored.hasPassword ? ACTIVE_STATE : CREATED_STATE;
  let state: string;
  let dated: string;
  switch (input.action) {
    case 'suspend':
      state = SUSPENDED_STATE;
      dated = `${SUSPENDED_STATE}:${compact(input.today)}:${end}`;
      break;
    case 'reactivate':
      state = live;
      dated = `${live}:${start}:${end}`;
      break;
    case 'extend-validity': {
      if (!input.newEnd) throw new Error('extend-validity needs a new end date');
      const expired = (before ?? '').toLowerCase().includes(':supannexpire');
      state = expired || !before ? live : before.trim();
      dated = `${state}:${expired ? compact(input.today) : start}:${compact(input.newEnd)}`;
      break;
    }
  }
  const modifications: Modification[] = [];
  if (stored.states.length > 0) modifications.push({ operation: 'delete', type: attributes.accountState, values: stored.states });
  modifications.push({ operation: 'add', type: attributes.accountState, values: [state] });
  if (stored.dated.length > 0) modifications.push({ operation: 'delete', type: attributes.accountStateDate, values: stored.dated });
  modifications.push({ operation: 'add', type: attributes.accountStateDate, values: [dated] });
  return {
    modifications,
    changes: {
      accountState: { before, after: state },
      accountStateDate: { before: datesOf(beforeDated), after: datesOf(dated) },
    },
    after: { state, dated },
  };
}
