/**
 * Which proofs of identity can be gathered now, and why not: a code needs mail configured
 * and a personal address, the identifier check needs an identifier on record, the secret
 * question needs one set; the code printed on a document exists only where the institution
 * uses one; a method blocked after failures waits; an address on record that is no single
 * mailbox (shared/mail-address.ts) gets no code; the person's own sign-in needs a password
 * and an account the directory has not locked. Pure; main refuses the same sends the
 * screen does not offer.
 */
import { UNUSABLE_MAILBOX } from './mail-address';
import type { EvidenceKind } from './verification';

export type MethodProblem = 'mail-disabled' | 'no-personal-mail' | 'unusable-address' | 'no-identifier' | 'no-question' | 'not-offered' | 'no-password' | 'account-locked' | 'blocked';

export interface MethodFacts {
  /** The console's mail relay is configured (mail.enabled). */
  mailConfigured: boolean;
  /** Where a code would go, masked; null when the person has no personal address, UNUSABLE_MAILBOX when it is no single mailbox. */
  codeDestinationMasked: string | null;
  /** The person has one of the identifiers the institution accepts on record (shared/institution.ts). */
  hasIdentifier: boolean;
  /** The institution checks a code printed on a document the person holds (verification.documentCode). */
  documentCodeOffered: boolean;
  secretQuestionSet: boolean;
  /** Whether the person can sign in (their own sign-in as evidence): no password yet, or the directory has locked the account. */
  signIn?: 'possible' | 'no-password' | 'account-locked';
  /** Methods blocked after too many failures (or the code quota), with the ISO time they open again. */
  blocked: Partial<Record<EvidenceKind, string>>;
}

/** Why `kind` cannot be used now, or null. */
export function methodProblem(kind: EvidenceKind, facts: MethodFacts, now: number): MethodProblem | null {
  const until = facts.blocked[kind];
  const blocked = until !== undefined && Date.parse(until) > now;
  switch (kind) {
    case 'document':
      return null;
    case 'identifier-birthdate':
      if (!facts.hasIdentifier) return 'no-identifier';
      break;
    case 'document-code':
      // Whether the person has a code on record cannot be told: it is compared, never read.
      if (!facts.documentCodeOffered) return 'not-offered';
      break;
    case 'email-code':
      if (!facts.mailConfigured) return 'mail-disabled';
      if (!facts.codeDestinationMasked) return 'no-personal-mail';
      if (facts.codeDestinationMasked === UNUSABLE_MAILBOX) return 'unusable-address';
      break;
    case 'secret-question':
      if (!facts.secretQuestionSet) return 'no-question';
      break;
    case 'person-sign-in':
      if (facts.signIn && facts.signIn !== 'possible') return facts.signIn;
      break;
  }
  return blocked ? 'blocked' : null;
}

/** The methods that cannot be used now. */
export function unavailableMethods(kinds: readonly EvidenceKind[], facts: MethodFacts, now: number): Set<EvidenceKind> {
  return new Set(kinds.filter((kind) => methodProblem(kind, facts, now) !== null));
}
