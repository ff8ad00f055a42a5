/**
 * What the account's lifecycle actions need and why each is or is not allowed: suspend and
 * reactivate (the SUPANN state active <-> suspended), extend validity (a new end date). The
 * person need not be at the desk, so no identity verification is asked (the trail records
 * whether they were there and verified); the account's standing and the agent's role decide.
 * Pure: main refuses exactly what this says is not allowed, the screen draws from it.
 */
import { fixerOf, standingOf, type AccountFacts, type Fixer } from './account-standing';
import type { AccountBlockReason, ActionVerdict, Blocker } from './desk-actions';
import type { Role } from './domain';

export const LIFECYCLE_ACTIONS = ['suspend', 'reactivate', 'extend-validity'] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

/** The audit action each is recorded as (and configured by, in audit.requireComment / requireTicket). */
export const LIFECYCLE_AUDIT_ACTION = {
  suspend: 'account-suspend',
  reactivate: 'account-reactivate',
  'extend-validity': 'validity-extend',
} as const satisfies Record<LifecycleAction, string>;

/** Why the account rules a lifecycle action out: the desk model's own reasons (shared/desk-actions.ts). */
export type LifecycleBlockReason = Extract<
  AccountBlockReason,
  'state-unreadable' | 'already-suspended' | 'not-suspended' | 'technical-suspension' | 'no-end-date' | 'pre-created' | 'expired' | 'inactive' | 'suspended'
>;

export type LifecycleBlocker = Extract<Blocker, { kind: 'account' }> | { kind: 'role'; role: Role; reason: 'policy' };

/** The desk model's verdict (shared/desk-actions.ts), on a lifecycle action: no verification, the account and the role decide. */
export interface LifecycleVerdict extends Omit<ActionVerdict, 'action' | 'blocker'> {
  action: LifecycleAction;
  blocker: LifecycleBlocker | null;
}

/** The sub-state a desk suspension writes: an administrative lock, lifted by a reactivation. */
export const DESK_SUSPENSION = 'SupannVerrouAdministratif';
const TECHNICAL = 'supannverroutechnique';

/** The account's own rule for a lifecycle action. */
export function lifecycleRule(facts: AccountFacts, action: LifecycleAction): { offered: boolean; blocker: Extract<LifecycleBlocker, { kind: 'account' }> | null } {
  const standing = standingOf(facts.state, facts.hasPassword);
  const block = (reason: LifecycleBlockReason, fixer: Fixer | null = null) => ({ offered: false, blocker: { kind: 'account' as const, reason, fixer } });
  const open = { offered: true, blocker: null };
  // An unknown or unreadable state allows no change at all: the directory team must look first.
  if (standing === 'unknown') return block('state-unreadable', 'directory-team');
  switch (action) {
    case 'suspend':
      if (standing === 'active' || standing === 'never-activated') return open;
      return standing === 'suspended' ? block('already-suspended') : block(standing === 'pre-created' ? 'pre-created' : standing, fixerOf(facts));
    case 'reactivate':
      if (standing !== 'suspended') return block('not-suspended');
      // A security lock is the security team's to lift.
      return facts.state.subState?.toLowerCase() === TECHNICAL ? block('technical-suspension', 'security-team') : open;
    case 'extend-validity':
      if (standing === 'suspended') return block('suspended');
      if (standing === 'pre-created' || standing === 'inactive') return block(standing, fixerOf(facts));
      // Active or never activated: there must be an end to move; expired: the end has passed, a grace period starts.
      if (standing !== 'expired' && facts.state.end === null) return block('no-end-date');
      return open;
  }
}

const RANK: Readonly<Record<Role, number>> = { agent: 0, supervisor: 1 };

/** The verdict on one lifecycle action: the same for the button and for main's guard. */
export function lifecycleVerdict(facts: AccountFacts, action: LifecycleAction, agentRole: Role, requiredRole: Role): LifecycleVerdict {
  const account = lifecycleRule(facts, action);
  if (account.blocker) return { action, offered: account.offered, enabled: false, blocker: account.blocker };
  if (RANK[agentRole] < RANK[requiredRole]) return { action, offered: true, enabled: false, blocker: { kind: 'role', role: requiredRole, reason: 'policy' } };
  return { action, offered: true, enabled: true, blocker: null };
}

export type LifecycleRoles = Readonly<Record<LifecycleAction, Role>>;
export const SUPERVISOR_ONLY: LifecycleRoles = { suspend: 'supervisor', reactivate: 'supervisor', 'extend-validity': 'supervisor' };

export function lifecycleVerdicts(facts: AccountFacts, agentRole: Role, roles: LifecycleRoles): Record<LifecycleAction, LifecycleVerdict> {
  return Object.fromEntries(LIFECYCLE_ACTIONS.map((a) => [a, lifecycleVerdict(facts, a, agentRole, roles[a])])) as Record<LifecycleAction, LifecycleVerdict>;
}

/** `YYYY-MM-DD` plus `days`, in UTC. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export type ExtensionProblem = 'not-a-date' | 'not-later' | 'past' | 'too-far';

/**
 * Whether `newEnd` (YYYY-MM-DD) is a valid extension of an account ending `currentEnd` (null:
 * none, or passed), seen on `today`: later than both, at most `maxDays` from today.
 */
export function extensionProblem(newEnd: string, currentEnd: string | null, today: string, maxDays: number): ExtensionProblem | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(newEnd) || Number.isNaN(Date.parse(`${newEnd}T00:00:00.000Z`)) || new Date(`${newEnd}T00:00:00.000Z`).toISOString().slice(0, 10) !== newEnd)
    return 'not-a-date';
  if (newEnd <= today) return 'past';
  if (currentEnd !== null && newEnd <= currentEnd) return 'not-later';
  if (newEnd > addDays(today, maxDays)) return 'too-far';
  return null;
}
