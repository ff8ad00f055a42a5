/**
 * What an account's SUPANN state and ppolicy status mean at the desk: its standing
 * (active, never activated, pre-created, expired, inactive, suspended, unknown) and who can
 * change it when the desk cannot. Pure; main's guards and the screen read the same answer.
 *
 * Pre-created (I:SupannPrecree) is an account made ahead of a registration or a contract
 * that is not finalised: it becomes "created" (I:SupannCree) once the registrar or HR
 * finalises it, and only then can it be activated (the seeds' self-service pages ask for
 * the student number obtained "à la fin de la procédure d'inscription"). So the desk does
 * not activate it, and says who finalises it.
 */
import type { AccountState, AccountSummary } from './account';

export const STANDINGS = ['active', 'never-activated', 'pre-created', 'expired', 'inactive', 'suspended', 'unknown'] as const;
export type Standing = (typeof STANDINGS)[number];

/** Who can change what the desk cannot. */
export const FIXERS = ['registrar', 'hr', 'sponsor', 'security-team', 'directory-team', 'supervisor'] as const;
export type Fixer = (typeof FIXERS)[number];

/** What the desk knows of an account, from a search result, a card, or main's own read. */
export interface AccountFacts {
  state: AccountState;
  primaryAffiliation: string | null;
  hasPassword: boolean;
  locked: boolean;
  lockedByAdministrator: boolean;
  resetPending: boolean;
  redListed: boolean;
  /** The person's second factor; null (or absent) when the desk does not manage second factors or has not read it (a search result). */
  secondFactor?: 'none' | 'totp' | null;
}

export function accountFactsOf(account: AccountSummary & { secondFactor?: { kind: 'none' | 'totp' } | null }): AccountFacts {
  return {
    state: account.state,
    primaryAffiliation: account.primaryAffiliation,
    hasPassword: account.hasPassword,
    locked: account.locked,
    lockedByAdministrator: account.lockedByAdministrator,
    resetPending: account.resetPending,
    redListed: account.redListed,
    secondFactor: account.secondFactor?.kind ?? null,
  };
}

/**
 * The standing. A state the directory does not give at all (`missing`) is read from the
 * password: set means in use, none means never activated (directories without SUPANN
 * states). A value that cannot be read is `unknown`: nothing is inferred from it.
 */
export function standingOf(state: AccountState, hasPassword: boolean): Standing {
  if (state.reading === 'unreadable') return 'unknown';
  if (state.reading === 'missing') return hasPassword ? 'active' : 'never-activated';
  switch (state.status) {
    case 'active':
      return 'active';
    case 'suspended':
      return 'suspended';
    case 'unknown':
      return 'unknown';
    case 'inactive':
      switch (state.subState?.toLowerCase() ?? '') {
        case 'supannprecree':
          return 'pre-created';
        case 'supanncree':
          return 'never-activated';
        case 'supannexpire':
          return 'expired';
        case '':
          return hasPassword ? 'inactive' : 'never-activated';
        default:
          return 'inactive';
      }
  }
}

const REGISTRAR_AFFILIATIONS = new Set(['student', 'alum']);
const HR_AFFILIATIONS = new Set(['staff', 'faculty', 'employee', 'researcher', 'teacher', 'emeritus', 'retired']);

/** Whose records decide this person's account: the registrar for students, HR for staff, the inviting service otherwise. */
export function recordsOwnerOf(affiliation: string | null): Fixer {
  const a = affiliation?.toLowerCase() ?? '';
  if (REGISTRAR_AFFILIATIONS.has(a)) return 'registrar';
  if (HR_AFFILIATIONS.has(a)) return 'hr';
  return 'sponsor';
}

/** Who can change the account's standing when the desk cannot; null when the desk can act. */
export function fixerOf(facts: Pick<AccountFacts, 'state' | 'hasPassword' | 'primaryAffiliation'>): Fixer | null {
  const standing = standingOf(facts.state, facts.hasPassword);
  switch (standing) {
    case 'active':
    case 'never-activated':
      return null;
    case 'unknown':
      return 'directory-team';
    case 'suspended':
      // A technical (security) suspension is lifted by the security team, not by the person's records.
      return facts.state.subState?.toLowerCase() === 'supannverroutechnique' ? 'security-team' : recordsOwnerOf(facts.primaryAffiliation);
    default:
      return recordsOwnerOf(facts.primaryAffiliation);
  }
}

/** Has the account been activated (a password set, or a SUPANN state past creation)? null when it cannot be told. */
export function activatedOf(facts: Pick<AccountFacts, 'state' | 'hasPassword'>): boolean | null {
  const standing = standingOf(facts.state, facts.hasPassword);
  if (standing === 'unknown') return null;
  if (standing === 'active') return true;
  if (standing === 'never-activated' || standing === 'pre-created') return false;
  return facts.hasPassword;
}

/** Can the person sign in now, and if not, what stops them. */
export type SignIn = 'yes' | 'must-change' | 'locked' | 'admin-locked' | 'no';

export function signInOf(facts: AccountFacts): SignIn {
  if (standingOf(facts.state, facts.hasPassword) !== 'active' || !facts.hasPassword) return 'no';
  if (facts.lockedByAdministrator) return 'admin-locked';
  if (facts.locked) return 'locked';
  return facts.resetPending ? 'must-change' : 'yes';
}
