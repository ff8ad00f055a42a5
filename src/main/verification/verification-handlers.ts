/**
 * verification:* channels. Every check runs under the signed-in agent's own bind and
 * answers match / no match only: the date of birth is compared by the directory, the
 * identifiers and the answer hash are compared here, and none of them, nor the code, is
 * returned, logged or recorded. Each attempt is on record (verification-attempt) before
 * its evidence counts.
 */
import { assertRecordableTarget, type VerificationMethod } from '../../shared/audit-events';
import type { CheckAnswer } from '../../shared/contract/verification';
import { GuichetError } from '../../shared/result';
import type { VerificationState } from '../../shared/verification';
import { maskMail } from '../directory/account-masking';
import { assertPeopleDn, compareDateOfBirth, identifierMatches, readSecretAnswerHash, readSubject, type Subject } from '../directory/identity-check';
import { checkSecretAnswer } from '../password/secret-answer-hash';
import type { Router } from '../router';
import type { Services } from '../services';
import type { AgentSession } from '../session/session-store';
import type { DeskAgent, ThrottledMethod, VerificationSubject } from './verification-service';

/** The agent, the person, and the references the audit names them by. */
export interface DeskContext {
  agent: AgentSession;
  deskAgent: DeskAgent;
  subject: Subject;
  verificationSubject: VerificationSubject;
  agentRef: { login: string; displayName: string };
  targetRef: { login: string; dn: string };
}

/** Signed in online, DN in the people branch, the person read under the agent's bind. */
export async function deskContext(services: Services, dn: string): Promise<DeskContext> {
  const agent = services.session.require({ online: true });
  const directory = services.config.directory;
  assertPeopleDn(dn, directory);
  const subject = await services.agentDirectory.read((client) => readSubject(client, dn, directory));
  assertRecordableTarget({ login: subject.login, dn: subject.dn });
  return {
    agent,
    deskAgent: { login: agent.login, role: agent.role, signedInAt: agent.signedInAt },
    subject,
    verificationSubject: {
      dn: subject.dn,
      primaryAffiliation: subject.primaryAffiliation,
      personalMailMasked: maskMail(subject.personalMail),
      secretQuestion: subject.secretQuestion,
    },
    agentRef: { login: agent.login, displayName: agent.displayName },
    targetRef: { login: subject.login, dn: subject.dn },
  };
}

export function setupVerification(router: Router, services: Services): void {
  const { verification, notifier } = services;
  const directory = services.config.directory;

  const stateOf = (ctx: DeskContext): VerificationState => verification.state(ctx.verificationSubject, ctx.deskAgent);

  /** On record before the evidence counts: a failure to write refuses the evidence (AUDIT_UNAVAILABLE). */
  function recordAttempt(ctx: DeskContext, method: VerificationMethod, outcome: 'success' | 'failure' | 'denied'): void {
    services.agentDirectory.audit.record(
      {
        action: 'verification-attempt',
        outcome,
        agent: ctx.agentRef,
        target: ctx.targetRef,
        details: { method, matched: outcome === 'success' },
      },
      { required: true },
    );
  }

  /** A blocked method is refused before anything is compared (and the refusal is on record). */
  function refuseIfBlocked(ctx: DeskContext, method: ThrottledMethod, auditMethod: VerificationMethod): void {
    const until = verification.blockedUntil(ctx.verificationSubject, method);
    if (!until) return;
    recordAttempt(ctx, auditMethod, 'denied');
    throw new GuichetError('THROTTLED', 'too many failed attempts for this account: try again later', { method, until: until.toISOString() });
  }

  /** Counts a failure or clears the counter, records the attempt, adds the evidence on a match. */
  function settleThrottled(ctx: DeskContext, method: ThrottledMethod, auditMethod: VerificationMethod, matched: boolean, onMatch: () => void): CheckAnswer {
    if (matched) {
      recordAttempt(ctx, auditMethod, 'success');
      verification.clearFailures(ctx.verificationSubject, method);
      onMatch();
    } else {
      verification.recordFailure(ctx.verificationSubject, method);
      recordAttempt(ctx, auditMethod, 'failure');
    }
    return { matched, state: stateOf(ctx) };
  }

  router.register('verification:status', async ({ dn }) => stateOf(await deskContext(services, dn)));

  router.register('verification:document', async ({ dn, documentKind }) => {
    const ctx = await deskContext(services, dn);
    recordAttempt(ctx, documentKind === 'student-card' ? 'student-card' : 'identity-document', 'success');
    verification.addEvidence(ctx.verificationSubject, ctx.deskAgent, { kind: 'document', documentKind });
    return stateOf(ctx);
  });

  router.register('verification:identifier', async ({ dn, identifierKind, identifier, dateOfBirth }) => {
    const ctx = await deskContext(services, dn);
    refuseIfBlocked(ctx, 'identifier-birthdate', 'date-of-birth');
    const identifierOk = identifierMatches(ctx.subject, identifierKind, identifier);
    // Compared even when the identifier is wrong: the answer must not tell which one was.
    const birthOk = await services.agentDirectory.read((client) =>
      compareDateOfBirth(client, ctx.subject.dn, directory, dateOfBirth.replaceAll('-', '')),
    );
    return settleThrottled(ctx, 'identifier-birthdate', 'date-of-birth', identifierOk && birthOk, () =>
      verification.addEvidence(ctx.verificationSubject, ctx.deskAgent, { kind: 'identifier-birthdate', identifier: identifierKind }),
    );
  });

  router.register('verification:secret-answer', async ({ dn, answer }) => {
    const ctx = await deskContext(services, dn);
    const stored = await services.agentDirectory.read((client) => readSecretAnswerHash(client, ctx.subject.dn, directory));
    if (!stored) throw new GuichetError('NOT_FOUND', 'this account has no secret question', { reason: 'no-secret-answer' });
    refuseIfBlocked(ctx, 'secret-question', 'security-question');
    return settleThrottled(ctx, 'secret-question', 'security-question', checkSecretAnswer(answer, stored), () =>
      verification.addEvidence(ctx.verificationSubject, ctx.deskAgent, { kind: 'secret-question' }),
    );
  });

  router.register('verification:send-code', async ({ dn }) => {
    const ctx = await deskContext(services, dn);
    if (!notifier.enabled) throw new GuichetError('MAIL_FAILED', 'mail is not configured: no code can be sent', { reason: 'mail-disabled' });
    const to = ctx.subject.personalMail;
    if (!to) throw new GuichetError('NOT_FOUND', 'this account has no personal e-mail address', { reason: 'no-personal-mail' });
    const issued = verification.issueCode(ctx.verificationSubject, ctx.deskAgent);
    try {
      await notifier.sendCode({ to, code: issued.code, expiresAt: issued.expiresAt, agent: ctx.agentRef, target: ctx.targetRef });
    } catch (error) {
      verification.discardCode(ctx.verificationSubject);
      throw error;
    }
    return stateOf(ctx);
  });

  router.register('verification:check-code', async ({ dn, code }) => {
    const ctx = await deskContext(services, dn);
    const result = verification.checkCode(ctx.verificationSubject, ctx.deskAgent, code);
    if (result.status === 'matched') {
      recordAttempt(ctx, 'personal-mail-code', 'success');
      verification.addEvidence(ctx.verificationSubject, ctx.deskAgent, { kind: 'email-code', channel: 'personal-mail' });
      return { matched: true, state: stateOf(ctx) };
    }
    recordAttempt(ctx, 'personal-mail-code', 'failure');
    return { matched: false, triesLeft: result.status === 'mismatch' ? result.triesLeft : 0, state: stateOf(ctx) };
  });

  router.register('verification:clear', async ({ dn }) => {
    const ctx = await deskContext(services, dn);
    verification.clear(ctx.verificationSubject, ctx.deskAgent);
    return stateOf(ctx);
  });
}
