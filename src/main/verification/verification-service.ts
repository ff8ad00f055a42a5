/**
 * The identity checks at the desk. Every check runs under the signed-in agent's own bind
 * and answers match / no match only: the date of birth is compared by the directory, the
 * identifiers and the answer hash are compared here, and none of them, nor the code, is
 * returned, logged or recorded. Each attempt is on record (verification-attempt) before
 * its evidence counts. The state itself is kept by verification-store.ts.
 */
import type { VerificationMethod } from '../../shared/audit-events';
import type { CheckAnswer } from '../../shared/contract/verification';
import { GuichetError } from '../../shared/result';
import type { DocumentKind, EvidenceKind, IdentifierKind, VerificationState } from '../../shared/verification';
import { methodProblem, type MethodProblem } from '../../shared/desk-methods';
import type { AuditTrail } from '../audit/audit-trail';
import type { GuichetConfig } from '../config/schema';
import type { DeskContext, OpenDesk } from '../desk/desk-context';
import type { DirectoryReader } from '../directory/agent-directory';
import { compareDateOfBirth, compareDocumentCode, identifierMatches, readSecretAnswerHash } from '../directory/identity-check';
import { holdsOfferedIdentifier, type DeskEvidenceOffer } from '../../shared/institution';
import { bindAsPerson } from '../directory/person-bind';
import { readTokenState } from '../second-factor/token-entry';
import type { Notifier } from '../mail/notifications';
import { checkSecretAnswer } from '../password/secret-answer-hash';
import type { ThrottledMethod, VerificationStore } from './verification-store';

const UNAVAILABLE_MESSAGES: Readonly<Record<MethodProblem, string>> = {
  'mail-disabled': 'mail is not configured: no code can be sent',
  'no-personal-mail': 'this account has no personal e-mail address',
  'no-identifier': 'this account has no identifier to check',
  'no-question': 'this account has no secret question',
  'not-offered': 'this institution does not use this proof',
  'unusable-address': 'the personal address on record is not a usable mailbox',
  'no-password': 'this account has no password: the person cannot sign in',
  'account-locked': 'the account is locked: the person cannot sign in',
  blocked: 'too many failed attempts for this account: try again later',
};

const heldKinds = (subject: DeskContext['subject']): IdentifierKind[] =>
  (Object.keys(subject.identifiers) as IdentifierKind[]).filter((kind) => subject.identifiers[kind].length > 0);

function unavailableError(problem: MethodProblem): GuichetError {
  const code = problem === 'mail-disabled' ? 'MAIL_FAILED' : problem === 'blocked' ? 'THROTTLED' : problem === 'account-locked' ? 'ACCOUNT_LOCKED' : 'NOT_FOUND';
  return new GuichetError(code, UNAVAILABLE_MESSAGES[problem], { reason: problem });
}

export interface VerificationDeps {
  openDesk: OpenDesk;
  store: VerificationStore;
  directory: DirectoryReader;
  trail: Pick<AuditTrail, 'record'>;
  notifier: Pick<Notifier, 'enabled' | 'mailboxOf' | 'sendCode'>;
  config: GuichetConfig['directory'];
  /** Which identifiers and document code this institution accepts. */
  evidence: DeskEvidenceOffer;
}

export class VerificationService {
  constructor(private readonly deps: VerificationDeps) {}

  async status(dn: string): Promise<VerificationState> {
    return this.stateOf(await this.deps.openDesk(dn));
  }

  /** The agent confirms an official photo ID was checked in person; only its kind is recorded. */
  async document(dn: string, documentKind: DocumentKind): Promise<VerificationState> {
    const ctx = await this.deps.openDesk(dn);
    this.recordAttempt(ctx, documentKind === 'student-card' ? 'student-card' : 'identity-document', 'success');
    this.deps.store.addEvidence(ctx.verificationSubject, ctx.deskAgent, { kind: 'document', documentKind });
    return this.stateOf(ctx);
  }

  async identifier(request: { dn: string; identifierKind: IdentifierKind; identifier: string; dateOfBirth: string }): Promise<CheckAnswer> {
    const { directory, config, store } = this.deps;
    const ctx = await this.deps.openDesk(request.dn);
    this.refuseUnavailable(ctx, 'identifier-birthdate');
    if (!this.deps.evidence.identifierKinds.includes(request.identifierKind))
      throw new GuichetError('INVALID_REQUEST', 'identifierKind: not one this institution accepts', { field: 'identifierKind', reason: 'not-offered' });
    this.refuseIfBlocked(ctx, 'identifier-birthdate', 'date-of-birth');
    const identifierOk = identifierMatches(ctx.subject, request.identifierKind, request.identifier);
    // Compared even when the identifier is wrong: the answer must not tell which one was.
    const birthOk = await directory.read((client) => compareDateOfBirth(client, ctx.subject.dn, config, request.dateOfBirth.replaceAll('-', '')));
    return this.settleThrottled(ctx, 'identifier-birthdate', 'date-of-birth', identifierOk && birthOk, () =>
      store.addEvidence(ctx.verificationSubject, ctx.deskAgent, { kind: 'identifier-birthdate', identifier: request.identifierKind }),
    );
  }

  /** The code printed on a document the person holds, compared by the directory (never read), throttled like a date of birth. */
  async documentCode(dn: string, code: string): Promise<CheckAnswer> {
    const { directory, config, store } = this.deps;
    const ctx = await this.deps.openDesk(dn);
    this.refuseUnavailable(ctx, 'document-code');
    this.refuseIfBlocked(ctx, 'document-code', 'document-code');
    const matched = await directory.read((client) => compareDocumentCode(client, ctx.subject.dn, config, code));
    return this.settleThrottled(ctx, 'document-code', 'document-code', matched, () =>
      store.addEvidence(ctx.verificationSubject, ctx.deskAgent, { kind: 'document-code' }),
    );
  }

  async secretAnswer(dn: string, answer: string): Promise<CheckAnswer> {
    const { directory, config, store } = this.deps;
    const ctx = await this.deps.openDesk(dn);
    const stored = await directory.read((client) => readSecretAnswerHash(client, ctx.subject.dn, config));
    if (!stored) throw new GuichetError('NOT_FOUND', 'this account has no secret question', { reason: 'no-secret-answer' });
    this.refuseIfBlocked(ctx, 'secret-question', 'security-question');
    return this.settleThrottled(ctx, 'secret-question', 'security-question', checkSecretAnswer(answer, stored), () =>
      store.addEvidence(ctx.verificationSubject, ctx.deskAgent, { kind: 'secret-question' }),
    );
  }

  async sendCode(dn: string): Promise<VerificationState> {
    const { notifier, store } = this.deps;
    const ctx = await this.deps.openDesk(dn);
    this.refuseUnavailable(ctx, 'email-code');
    // Checked before a code is drawn: an unusable address spends no send of the day's quota (and its refusal is on record).
    const to = notifier.mailboxOf({ field: 'personal-mail', value: ctx.subject.personalMail! }, 'verification', { agent: ctx.agentRef, target: ctx.targetRef });
    const issued = store.issueCode(ctx.verificationSubject, ctx.deskAgent);
    try {
      await notifier.sendCode({ to, code: issued.code, expiresAt: issued.expiresAt, agent: ctx.agentRef, target: ctx.targetRef });
    } catch (error) {
      store.discardCode(ctx.verificationSubject);
      throw error;
    }
    return this.stateOf(ctx);
  }

  async checkCode(dn: string, code: string): Promise<CheckAnswer> {
    const { store } = this.deps;
    const ctx = await this.deps.openDesk(dn);
    const result = store.checkCode(ctx.verificationSubject, ctx.deskAgent, code);
    if (result.status === 'matched') {
      this.recordAttempt(ctx, 'personal-mail-code', 'success');
      store.addEvidence(ctx.verificationSubject, ctx.deskAgent, { kind: 'email-code', channel: 'personal-mail' });
      return { matched: true, state: this.stateOf(ctx) };
    }
    this.recordAttempt(ctx, 'personal-mail-code', 'failure');
    return { matched: false, triesLeft: result.status === 'mismatch' ? result.triesLeft : 0, state: this.stateOf(ctx) };
  }

  /**
   * The person's own sign-in: a bind as them, with the code appended when they have an
   * authenticator (read here, not taken from the page). Throttled like the identifier check;
   * a locked account is refused before anything is tried (the right password would fail too).
   */
  async personSignIn(request: { dn: string; password: string; code?: string | undefined }): Promise<CheckAnswer> {
    const { directory, config, store } = this.deps;
    const ctx = await this.deps.openDesk(request.dn);
    const token = await directory.read((client) => readTokenState(client, ctx.subject.dn, config.attributes));
    const withCode = token.status.kind === 'totp';
    const method = withCode ? 'person-sign-in-with-code' : 'person-sign-in';
    if (withCode && !request.code)
      throw new GuichetError('INVALID_REQUEST', 'the person has an authenticator: the current code is needed', { reason: 'code-required' });
    this.refuseIfBlocked(ctx, 'person-sign-in', method);
    if (ctx.subject.password.locked)
      throw new GuichetError('ACCOUNT_LOCKED', 'the account is locked: the person cannot sign in', { reason: 'person-locked' });
    try {
      await bindAsPerson(config, ctx.subject.dn, withCode ? `${request.password}${request.code}` : request.password);
    } catch (error) {
      if (!(error instanceof GuichetError) || (error.code !== 'INVALID_CREDENTIALS' && error.code !== 'ACCOUNT_LOCKED')) throw error;
      // This failure was counted by the directory too (ppolicy): this one may just have locked the account.
      const answer = this.settleThrottled(ctx, 'person-sign-in', method, false, () => undefined);
      return error.code === 'ACCOUNT_LOCKED' ? { ...answer, accountLocked: true } : answer;
    }
    return this.settleThrottled(ctx, 'person-sign-in', method, true, () =>
      store.addEvidence(ctx.verificationSubject, ctx.deskAgent, { kind: 'person-sign-in', withCode }),
    );
  }

  async clear(dn: string): Promise<VerificationState> {
    const ctx = await this.deps.openDesk(dn);
    this.deps.store.clear(ctx.verificationSubject, ctx.deskAgent);
    return this.stateOf(ctx);
  }

  // -------------------------------------------------------------------------------------

  private stateOf(ctx: DeskContext): VerificationState {
    return this.deps.store.state(ctx.verificationSubject, ctx.deskAgent);
  }

  /**
   * A method the screen does not offer is refused by the same rule (shared/desk-methods.ts);
   * blocks after failures are checked on their own, with their record.
   */
  private refuseUnavailable(ctx: DeskContext, kind: EvidenceKind): void {
    const { subject } = ctx;
    const problem = methodProblem(
      kind,
      {
        mailConfigured: this.deps.notifier.enabled,
        codeDestinationMasked: ctx.verificationSubject.personalMailMasked,
        hasIdentifier: holdsOfferedIdentifier(heldKinds(subject), this.deps.evidence),
        documentCodeOffered: this.deps.evidence.documentCode,
        secretQuestionSet: subject.secretQuestion !== null,
        blocked: {},
      },
      Date.now(),
    );
    // An unusable address is refused by the notifier, which records the refusal.
    if (problem && problem !== 'unusable-address') throw unavailableError(problem);
  }

  /** On record before the evidence counts: a failure to write refuses the evidence (AUDIT_UNAVAILABLE). */
  private recordAttempt(ctx: DeskContext, method: VerificationMethod, outcome: 'success' | 'failure' | 'denied'): void {
    this.deps.trail.record(
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
  private refuseIfBlocked(ctx: DeskContext, method: ThrottledMethod, auditMethod: VerificationMethod): void {
    const until = this.deps.store.blockedUntil(ctx.verificationSubject, method);
    if (!until) return;
    this.recordAttempt(ctx, auditMethod, 'denied');
    throw new GuichetError('THROTTLED', 'too many failed attempts for this account: try again later', { method, until: until.toISOString() });
  }

  /** Counts a failure or clears the counter, records the attempt, adds the evidence on a match. */
  private settleThrottled(ctx: DeskContext, method: ThrottledMethod, auditMethod: VerificationMethod, matched: boolean, onMatch: () => void): CheckAnswer {
    const { store } = this.deps;
    if (matched) {
      this.recordAttempt(ctx, auditMethod, 'success');
      store.clearFailures(ctx.verificationSubject, method);
      onMatch();
    } else {
      store.recordFailure(ctx.verificationSubject, method);
      this.recordAttempt(ctx, auditMethod, 'failure');
    }
    return { matched, state: this.stateOf(ctx) };
  }
}
