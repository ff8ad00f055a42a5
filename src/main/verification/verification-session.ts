/**
 * The identity check in progress at the desk: one person, one agent, the evidence gathered,
 * valid for a fixed time from its start (evidence does not extend it). Opening another
 * person's account, or another agent signing in, starts afresh. Pure: the clock comes in.
 */
import { GuichetError } from '../../shared/result';
import { DOCUMENT_KINDS, type DocumentKind, type EvidenceKind } from './policy';
import type { IdentifierKind } from '../../shared/verification';

/** What was checked, never the values themselves (no document or student number, no date). */
export type EvidenceDetail =
  | { kind: 'document'; documentKind: DocumentKind }
  | { kind: 'identifier-birthdate'; identifier: IdentifierKind }
  | { kind: 'document-code' }
  | { kind: 'email-code'; channel: 'personal-mail' }
  | { kind: 'secret-question' }
  /** The person's own sign-in on the privacy screen; with the current code when they have an authenticator. */
  | { kind: 'person-sign-in'; withCode: boolean };

export interface Evidence {
  kind: EvidenceKind;
  /** ISO time. */
  at: string;
  detail: EvidenceDetail;
}

export interface VerificationSession {
  accountDn: string;
  agentLogin: string;
  evidence: Evidence[];
  startedAt: string;
  expiresAt: string;
}

export interface VerificationTarget {
  accountDn: string;
  agentLogin: string;
}

export const DEFAULT_SESSION_MS = 10 * 60_000;

export function openVerification(target: VerificationTarget, now: Date, ttlMs = DEFAULT_SESSION_MS): VerificationSession {
  return {
    accountDn: target.accountDn,
    agentLogin: target.agentLogin,
    evidence: [],
    startedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
  };
}

export const isExpired = (session: VerificationSession, now: Date): boolean => now.getTime() >= Date.parse(session.expiresAt);

/** The session if it is still valid for this person and this agent, otherwise null. */
export function activeVerification(
  session: VerificationSession | null,
  target: VerificationTarget,
  now: Date,
): VerificationSession | null {
  if (!session || isExpired(session, now)) return null;
  if (session.accountDn !== target.accountDn || session.agentLogin !== target.agentLogin) return null;
  return session;
}

/** What the desk holds once `target` is on screen: the running session, or a fresh one. */
export function verificationFor(
  session: VerificationSession | null,
  target: VerificationTarget,
  now: Date,
  ttlMs = DEFAULT_SESSION_MS,
): VerificationSession {
  return activeVerification(session, target, now) ?? openVerification(target, now, ttlMs);
}

/** A copy with the evidence added (replacing an earlier one of the same kind). */
export function addEvidence(
  session: VerificationSession,
  target: VerificationTarget,
  detail: EvidenceDetail,
  now: Date,
): VerificationSession {
  if (!activeVerification(session, target, now))
    throw new GuichetError('VERIFICATION_REQUIRED', 'the verification has expired or concerns another account: start again');
  if (detail.kind === 'document' && !(DOCUMENT_KINDS as readonly string[]).includes(detail.documentKind))
    throw new GuichetError('INVALID_REQUEST', 'unknown document kind');
  const evidence: Evidence = { kind: detail.kind, at: now.toISOString(), detail };
  return { ...session, evidence: [...session.evidence.filter((e) => e.kind !== detail.kind), evidence] };
}

/** The evidence still valid now (none once the session has expired). */
export function currentEvidence(session: VerificationSession | null, target: VerificationTarget, now: Date): Evidence[] {
  return activeVerification(session, target, now)?.evidence ?? [];
}
