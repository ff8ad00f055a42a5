/** Identity verification at the desk: plain data shared by main and renderer. */
import type { Role } from './domain';

/**
 * `document-code`: a code printed on a document the person holds (UBP's enrolment-certificate
 * code, UPVD's INE), compared by the directory on the configured attribute, never read.
 */
/** `person-sign-in`: the person signed in on the privacy screen (password, plus the current code when they have an authenticator). */
export const EVIDENCE_KINDS = ['document', 'identifier-birthdate', 'document-code', 'email-code', 'secret-question', 'person-sign-in'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const DOCUMENT_KINDS = ['student-card', 'national-id', 'passport', 'residence-permit', 'driving-licence'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** What a person may state with their date of birth; each institution picks its own (`verification.identifiers`). */
export const IDENTIFIER_KINDS = ['studentId', 'ine', 'staffId', 'uniqueId', 'dossierNumber', 'login'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** The actions whose evidence the `verification.actions` section of the configuration sets. */
export const ACCOUNT_ACTIONS = ['reset-password', 'unlock', 'reveal-login', 'activation', 'consent-change'] as const;
/** The second-factor actions, set in the `secondFactor.policy` section. */
export const SECOND_FACTOR_ACTIONS = ['second-factor-enrol', 'second-factor-remove'] as const;
export const VERIFIED_ACTIONS = [...ACCOUNT_ACTIONS, ...SECOND_FACTOR_ACTIONS] as const;
export type VerifiedAction = (typeof VERIFIED_ACTIONS)[number];
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

export interface GatheredEvidence {
  kind: EvidenceKind;
  at: string;
  /**
   * The document kind for `document`, the identifier kind for `identifier-birthdate`,
   * `password` or `password-and-code` for `person-sign-in`; never a value typed.
   */
  detail: string | null;
}

/** What one action needs for one person (the configuration's entry for their affiliation). */
export interface Requirement {
  /** Any one of these sets of evidence is enough. */
  alternatives: EvidenceKind[][];
  /** The agent must also hold this role ('supervisor' implies 'agent'). */
  agentRole?: Role | undefined;
}

/** What the verification panel shows for the open account. */
export interface VerificationState {
  dn: string;
  /** At least one evidence gathered and not expired. */
  active: boolean;
  /** Evidence was gathered and its time ran out (the evidence is listed, and counts for nothing). */
  expired: boolean;
  agentLogin: string | null;
  startedAt: string | null;
  expiresAt: string | null;
  evidence: GatheredEvidence[];
  /** Per action, what the policy asks for this person (see desk-actions.ts for the verdict). */
  requirements: Record<VerifiedAction, Requirement>;
  /** Methods blocked after too many failures, with the ISO time they open again. */
  blocked: Partial<Record<EvidenceKind, string>>;
  /** Where a code would be sent, masked; null when the person has no personal e-mail. */
  codeDestinationMasked: string | null;
  /** A code was sent and is still valid until then. */
  codePendingUntil: string | null;
  /** The person's secret question, when one is set (the answer hash never leaves main). */
  secretQuestion: string | null;
}
