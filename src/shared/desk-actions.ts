/**
 * What each desk action needs and why it is or is not allowed: the account's standing, the
 * agent's role, the identity verification. Pure; main refuses exactly what this says is not
 * allowed (desk-guard.ts), and the screen draws its buttons from the same verdicts.
 */
import { fixerOf, standingOf, type AccountFacts, type Fixer, type Standing } from './account-standing';
import type { Role } from './domain';
import type { EvidenceKind, VerifiedAction } from './verification';
import { evaluateRequirement, type Requirement } from './verification-policy';

export const DESK_ACTIONS = [
  'reset-generated',
  'reset-chosen',
  'unlock',
  'reveal-login',
  'activation',
  'consent-change',
  'second-factor-enrol',
  'second-factor-remove',
] as const;
export type DeskAction = (typeof DESK_ACTIONS)[number];

/** The verification policy's name for each action (both resets share one). */
export const POLICY_ACTION: Readonly<Record<DeskAction, VerifiedAction>> = {
  'reset-generated': 'reset-password',
  'reset-chosen': 'reset-password',
  unlock: 'unlock',
  'reveal-login': 'reveal-login',
  activation: 'activation',
  'consent-change': 'consent-change',
  'second-factor-enrol': 'second-factor-enrol',
  'second-factor-remove': 'second-factor-remove',
};

/** Why the account itself rules an action out, whatever the verification. */
export type AccountBlockReason =
  | 'state-unreadable'
  | 'pre-created'
  | 'expired'
  | 'suspended'
  | 'inactive'
  | 'never-activated'
  | 'already-activated'
  | 'not-locked'
  // The lifecycle actions' own (shared/lifecycle-actions.ts).
  | 'already-suspended'
  | 'not-suspended'
  | 'technical-suspension'
  | 'no-end-date'
  /** The desk does not manage second factors (or does not know the person's). */
  | 'second-factor-off'
  /** Nothing to remove. */
  | 'no-second-factor';

export type Blocker =
  | { kind: 'account'; reason: AccountBlockReason; fixer: Fixer | null }
  | { kind: 'role'; role: Role; reason: 'policy' | 'administrative-lock' }
  | { kind: 'verification'; reason: 'none' | 'expired' | 'insufficient' | 'impossible'; missing: EvidenceKind[][] };

export interface ActionVerdict {
  action: DeskAction;
  /** Drawn at all: an action that cannot help this account is not offered (its reason still is). */
  offered: boolean;
  /** Allowed now. */
  enabled: boolean;
  /** The first thing in the way, in the order account, role, verification; null when enabled. */
  blocker: Blocker | null;
}

/** The actions on the account's use (sign-in), ruled out by a closed state; a consent change is not. */
const PASSWORD_ACTIONS: ReadonlySet<DeskAction> = new Set(['reset-generated', 'reset-chosen', 'unlock', 'reveal-login', 'activation', 'second-factor-enrol', 'second-factor-remove']);
const STANDING_BLOCKS: Partial<Record<Standing, AccountBlockReason>> = {
  unknown: 'state-unreadable',
  'pre-created': 'pre-created',
  expired: 'expired',
  suspended: 'suspended',
  inactive: 'inactive',
};

/** The account's own rule for an action: offered or not, and what stands in the way. */
export function accountRule(facts: AccountFacts, action: DeskAction): { offered: boolean; blocker: Extract<Blocker, { kind: 'account' }> | null } {
  const standing = standingOf(facts.state, facts.hasPassword);
  const block = (reason: AccountBlockReason, fixer: Fixer | null = null) => ({ offered: false, blocker: { kind: 'account' as const, reason, fixer } });
  const standingBlock = STANDING_BLOCKS[standing];
  // An unreadable state allows nothing; the other closed states still let the person change their consents.
  if (standingBlock && (standing === 'unknown' || PASSWORD_ACTIONS.has(action))) return block(standingBlock, fixerOf(facts));
  switch (action) {
    case 'reset-generated':
    case 'reset-chosen':
      return standing === 'never-activated' ? block('never-activated') : { offered: true, blocker: null };
    case 'unlock':
      return facts.locked ? { offered: true, blocker: null } : block('not-locked');
    case 'activation':
      return standing === 'never-activated' ? { offered: true, blocker: null } : block('already-activated');
    case 'second-factor-enrol':
    case 'second-factor-remove':
      if (!facts.secondFactor) return block('second-factor-off');
      // An authenticator completes a password: an account never activated has none yet.
      if (standing === 'never-activated') return block('never-activated');
      if (action === 'second-factor-remove' && facts.secondFactor === 'none') return block('no-second-factor');
      return { offered: true, blocker: null };
    default:
      return { offered: true, blocker: null };
  }
}

/** A role the account asks of the agent for this action beyond the policy: lifting an administrator's lock (a reset lifts it too). */
export function roleRule(facts: AccountFacts, action: DeskAction): Role | null {
  if (!facts.lockedByAdministrator) return null;
  return action === 'unlock' || action === 'reset-generated' || action === 'reset-chosen' ? 'supervisor' : null;
}

export interface VerificationFacts {
  /** The requirement of this action for this person; null while the verification is not loaded. */
  requirement: Requirement | null;
  /** Evidence gathered and still valid. */
  evidence: readonly EvidenceKind[];
  /** Evidence was gathered and its time ran out. */
  expired: boolean;
  /** Methods that cannot be used now (see desk-methods.ts). */
  unavailable?: ReadonlySet<EvidenceKind>;
}

/** The verdict on one action: the same for the button and for main's guard. */
export function actionVerdict(facts: AccountFacts, action: DeskAction, agentRole: Role, verification: VerificationFacts): ActionVerdict {
  const account = accountRule(facts, action);
  if (account.blocker) return { action, offered: account.offered, enabled: false, blocker: account.blocker };
  const lockRole = roleRule(facts, action);
  if (lockRole === 'supervisor' && agentRole !== 'supervisor')
    return { action, offered: true, enabled: false, blocker: { kind: 'role', role: 'supervisor', reason: 'administrative-lock' } };
  if (!verification.requirement) return { action, offered: true, enabled: false, blocker: { kind: 'verification', reason: 'none', missing: [] } };
  const evaluation = evaluateRequirement(verification.requirement, agentRole, verification.evidence, verification.unavailable);
  if (evaluation.missingRole)
    return { action, offered: true, enabled: false, blocker: { kind: 'role', role: evaluation.missingRole, reason: 'policy' } };
  if (evaluation.satisfied) return { action, offered: true, enabled: true, blocker: null };
  const reason = verification.expired
    ? 'expired'
    : evaluation.impossible
      ? 'impossible'
      : verification.evidence.length === 0
        ? 'none'
        : 'insufficient';
  return { action, offered: true, enabled: false, blocker: { kind: 'verification', reason, missing: evaluation.missing } };
}
