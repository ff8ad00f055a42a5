/**
 * Whether the person can change their own password at the desk by typing the current one
 * (UBP's "Personnalisez votre mot de passe"), and why not. No identity check is asked: the
 * current password is the proof, checked by the directory under the person's own bind. So
 * the rule is the account's (a password action: closed states rule it out) and the person's
 * sign-in's (a password, an account not locked, not blocked after failed tries, which it
 * shares with the sign-in evidence). Pure; main refuses what this says is not allowed, and
 * the card's button reads the same verdict.
 */
import type { AccountFacts } from './account-standing';
import { accountRule, type AccountBlockReason } from './desk-actions';

export type SelfChangeProblem =
  /** The institution does not offer it (selfChange.enabled is false). */
  | 'not-offered'
  | AccountBlockReason
  | 'no-password'
  | 'account-locked'
  /** Too many wrong current passwords (or sign-ins) at this desk: wait. */
  | 'blocked';

export interface SelfChangeVerdict {
  /** Drawn on the card at all. */
  offered: boolean;
  enabled: boolean;
  problem: SelfChangeProblem | null;
  /** With `blocked`: when it opens again (ISO). */
  blockedUntil: string | null;
}

export interface SelfChangeFacts {
  configured: boolean;
  /** When the person's sign-in (and so this change) opens again after failures, ISO; null when not blocked. */
  blockedUntil: string | null;
}

const off = (problem: SelfChangeProblem): SelfChangeVerdict => ({ offered: false, enabled: false, problem, blockedUntil: null });

export function selfChangeVerdict(facts: AccountFacts, input: SelfChangeFacts, now: number): SelfChangeVerdict {
  if (!input.configured) return off('not-offered');
  // The same account rule as a reset: an account never activated, closed or unreadable has no password to change.
  const account = accountRule(facts, 'reset-chosen');
  if (account.blocker) return off(account.blocker.reason);
  if (!facts.hasPassword) return off('no-password');
  // Offered but not usable: the directory would refuse the right password too.
  if (facts.locked) return { offered: true, enabled: false, problem: 'account-locked', blockedUntil: null };
  if (input.blockedUntil !== null && Date.parse(input.blockedUntil) > now)
    return { offered: true, enabled: false, problem: 'blocked', blockedUntil: input.blockedUntil };
  return { offered: true, enabled: true, problem: null, blockedUntil: null };
}
