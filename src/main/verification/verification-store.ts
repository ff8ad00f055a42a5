/**
 * The identity check in progress at the desk, held in main: one account, one agent (and
 * one sign-in of that agent), the evidence gathered, valid `verification.sessionMinutes`
 * from the first evidence. Turning to another account (any verification or action channel
 * naming another DN) drops it, with its pending code. Failure counters and the code quota
 * live in the throttle file of the data folder, so a restart does not lift a block.
 *
 * No directory access here: the desk context reads the person, verification-service.ts
 * makes the comparisons, this module keeps the state and applies the policy.
 */
import { join } from 'node:path';
import type { Role } from '../../shared/domain';
import { GuichetError } from '../../shared/result';
import type { AccountFacts } from '../../shared/account-standing';
import { actionVerdict, POLICY_ACTION, type DeskAction } from '../../shared/desk-actions';
import { VERIFIED_ACTIONS, type EvidenceKind, type GatheredEvidence, type Requirement, type VerificationState, type VerifiedAction } from '../../shared/verification';
import type { VerificationMethod } from '../../shared/audit-events';
import type { GuichetConfig } from '../config/schema';
import { createOneTimeCodes, type CheckResult, type OneTimeCodes } from './one-time-code';
import { deskPolicy, requirementFor } from './policy';
import { openThrottleStore, type ThrottleStore } from './throttle-store';
import { addEvidence, currentEvidence, verificationFor, type EvidenceDetail, type VerificationSession } from './verification-session';

const MINUTE = 60_000;
export const THROTTLE_FILE = 'throttle.sqlite';

/** Methods whose wrong answers are counted and blocked (the code has its own tries and quota). */
export type ThrottledMethod = 'identifier-birthdate' | 'document-code' | 'secret-question' | 'person-sign-in';
const THROTTLED_METHODS: readonly ThrottledMethod[] = ['identifier-birthdate', 'document-code', 'secret-question', 'person-sign-in'];
const CODE_CHANNEL = 'email-code';

export interface DeskAgent {
  login: string;
  role: Role;
  signedInAt: string;
}

/** What the verification needs to know of the person (read by the desk context). */
export interface VerificationSubject {
  dn: string;
  primaryAffiliation: string | null;
  personalMailMasked: string | null;
  secretQuestion: string | null;
  /** The account's facts, for the account's own rules on each action (shared/desk-actions.ts). */
  account: AccountFacts;
}

interface DeskVerification {
  key: string;
  dn: string;
  agentLogin: string;
  agentSignedInAt: string;
  session: VerificationSession | null;
  codePendingUntil: string | null;
}

export interface Verified {
  /** The evidence, as the audit names its methods. */
  methods: VerificationMethod[];
}

export interface VerificationStore {
  /** The state shown for `subject` (drops a verification of another account or agent). */
  state(subject: VerificationSubject, agent: DeskAgent): VerificationState;
  /** Adds evidence (starting the verification when none is running). */
  addEvidence(subject: VerificationSubject, agent: DeskAgent, detail: EvidenceDetail): void;
  /** The time a method opens again, or null; THROTTLED is the caller's to throw. */
  blockedUntil(subject: VerificationSubject, method: ThrottledMethod): Date | null;
  recordFailure(subject: VerificationSubject, method: ThrottledMethod): void;
  clearFailures(subject: VerificationSubject, method: ThrottledMethod): void;
  /** A new code (THROTTLED when the daily quota is used); the clear value is for the mail only. */
  issueCode(subject: VerificationSubject, agent: DeskAgent): { code: string; expiresAt: Date };
  /** Forgets a code whose mail could not be sent. */
  discardCode(subject: VerificationSubject): void;
  checkCode(subject: VerificationSubject, agent: DeskAgent, typed: string): CheckResult;
  /**
   * Throws unless `action` may be done now on `subject`, by the shared verdict the screen
   * shows: ACCOUNT_STATE (the account rules it out), FORBIDDEN (a supervisor is needed),
   * VERIFICATION_REQUIRED (evidence missing or expired).
   */
  require(subject: VerificationSubject, agent: DeskAgent, action: DeskAction): Verified;
  /** The evidence still valid for this person, as the audit names it (empty when none): for actions that need none but record it. */
  validMethods(subject: VerificationSubject, agent: DeskAgent): VerificationMethod[];
  clear(subject: VerificationSubject, agent: DeskAgent): void;
  /** Forgets the verification in progress, whoever it was about (the session locked: who stands at the desk now is not known). */
  forget(): void;
  /** The daily send counters of the throttle file, for the other codes the desk mails (an activation's address confirmation). */
  sendCounter(): Pick<ThrottleStore, 'recordSend' | 'sendsToday' | 'sendsAllowedAgainAt'>;
  close(): void;
}

/** Case-insensitive, spaces around separators ignored: the DN the server gave is the key. */
export const dnKey = (dn: string): string =>
  dn
    .split(/(?<!\\),/)
    .map((rdn) => rdn.trim())
    .join(',')
    .toLowerCase();

export function auditMethodOf(evidence: { kind: EvidenceKind; detail: EvidenceDetail }): VerificationMethod {
  switch (evidence.kind) {
    case 'document':
      return evidence.detail.kind === 'document' && evidence.detail.documentKind === 'student-card' ? 'student-card' : 'identity-document';
    case 'identifier-birthdate':
      return 'date-of-birth';
    case 'document-code':
      return 'document-code';
    case 'email-code':
      return 'personal-mail-code';
    case 'secret-question':
      return 'security-question';
    case 'person-sign-in':
      return evidence.detail.kind === 'person-sign-in' && evidence.detail.withCode ? 'person-sign-in-with-code' : 'person-sign-in';
  }
}

/** What the panel may say of an evidence: its kind of document, identifier or sign-in, never a value. */
function detailOf(detail: EvidenceDetail): string | null {
  switch (detail.kind) {
    case 'document':
      return detail.documentKind;
    case 'identifier-birthdate':
      return detail.identifier;
    case 'person-sign-in':
      return detail.withCode ? 'password-and-code' : 'password';
    default:
      return null;
  }
}

export function createVerificationStore(options: { config: GuichetConfig; dataDir: string; now: () => Date }): VerificationStore {
  const { config } = options;
  const settings = config.verification;
  const policy = deskPolicy(config);
  const now = () => options.now();
  const ttlMs = settings.sessionMinutes * MINUTE;
  // Opened on first use: the clock may be the services' own, not callable while they are built.
  let opened: ThrottleStore | null = null;
  const store = (): ThrottleStore =>
    (opened ??= openThrottleStore(join(options.dataDir, THROTTLE_FILE), {
      maxFailures: settings.throttle.maxFailures,
      windowMs: settings.throttle.windowMinutes * MINUTE,
      blockMs: settings.throttle.blockMinutes * MINUTE,
      now,
    }));
  const throttle: Omit<ThrottleStore, 'close'> = {
    recordFailure: (account, method) => store().recordFailure(account, method),
    isBlocked: (account, method) => store().isBlocked(account, method),
    clear: (account, method) => store().clear(account, method),
    recordSend: (account, channel) => store().recordSend(account, channel),
    sendsToday: (account, channel) => store().sendsToday(account, channel),
    sendsAllowedAgainAt: (account, channel, limit) => store().sendsAllowedAgainAt(account, channel, limit),
  };
  const codes: OneTimeCodes = createOneTimeCodes({
    store: throttle,
    digits: settings.code.digits,
    ttlMs: settings.code.ttlMinutes * MINUTE,
    maxTries: settings.code.maxTries,
    maxSendsPerDay: settings.code.maxSendsPerDay,
    channel: CODE_CHANNEL,
    now,
  });
  let current: DeskVerification | null = null;

  /** The verification of this account by this agent, dropping any other. */
  function focus(subject: VerificationSubject, agent: DeskAgent): DeskVerification {
    const key = dnKey(subject.dn);
    if (current && current.key === key && current.agentLogin === agent.login && current.agentSignedInAt === agent.signedInAt) return current;
    if (current) codes.discard(current.key);
    current = { key, dn: subject.dn, agentLogin: agent.login, agentSignedInAt: agent.signedInAt, session: null, codePendingUntil: null };
    return current;
  }

  const target = (record: DeskVerification) => ({ accountDn: record.key, agentLogin: record.agentLogin });

  function evidenceOf(record: DeskVerification) {
    return currentEvidence(record.session, target(record), now());
  }

  function requirements(subject: VerificationSubject): Record<VerifiedAction, Requirement> {
    return Object.fromEntries(
      VERIFIED_ACTIONS.map((action) => [action, requirementFor(policy, action, subject.primaryAffiliation)]),
    ) as Record<VerifiedAction, Requirement>;
  }

  /** Gathered, and its time ran out (kept until cleared or replaced, so the screen can say so). */
  function expiredSession(record: DeskVerification): boolean {
    return record.session !== null && record.session.evidence.length > 0 && now().getTime() >= Date.parse(record.session.expiresAt);
  }

  function blockedUntil(subject: VerificationSubject, method: ThrottledMethod): Date | null {
    const state = throttle.isBlocked(dnKey(subject.dn), method);
    return state.blocked ? state.until : null;
  }

  function codeBlockedUntil(subject: VerificationSubject): Date | null {
    const key = dnKey(subject.dn);
    if (throttle.sendsToday(key, CODE_CHANNEL) < settings.code.maxSendsPerDay) return null;
    return throttle.sendsAllowedAgainAt(key, CODE_CHANNEL, settings.code.maxSendsPerDay);
  }

  function pendingUntil(record: DeskVerification): string | null {
    if (record.codePendingUntil && Date.parse(record.codePendingUntil) <= now().getTime()) record.codePendingUntil = null;
    return record.codePendingUntil;
  }

  return {
    state(subject, agent) {
      const record = focus(subject, agent);
      const evidence = evidenceOf(record);
      const blocked: Partial<Record<EvidenceKind, string>> = {};
      for (const method of THROTTLED_METHODS) {
        const until = blockedUntil(subject, method);
        if (until) blocked[method] = until.toISOString();
      }
      const codeUntil = codeBlockedUntil(subject);
      if (codeUntil) blocked['email-code'] = codeUntil.toISOString();
      const expired = expiredSession(record);
      const gathered: GatheredEvidence[] = (expired ? record.session!.evidence : evidence).map((e) => ({
        kind: e.kind,
        at: e.at,
        detail: detailOf(e.detail),
      }));
      return {
        dn: subject.dn,
        active: evidence.length > 0,
        expired,
        agentLogin: record.agentLogin,
        startedAt: record.session?.startedAt ?? null,
        expiresAt: record.session?.expiresAt ?? null,
        evidence: gathered,
        requirements: requirements(subject),
        blocked,
        codeDestinationMasked: subject.personalMailMasked,
        codePendingUntil: pendingUntil(record),
        secretQuestion: subject.secretQuestion,
      };
    },

    addEvidence(subject, agent, detail) {
      const record = focus(subject, agent);
      const at = now();
      const session = verificationFor(record.session, target(record), at, ttlMs);
      record.session = addEvidence(session, target(record), detail, at);
    },

    blockedUntil,

    recordFailure(subject, method) {
      throttle.recordFailure(dnKey(subject.dn), method);
    },

    clearFailures(subject, method) {
      throttle.clear(dnKey(subject.dn), method);
    },

    issueCode(subject, agent) {
      const record = focus(subject, agent);
      const issued = codes.issue(record.key);
      if (!issued.ok)
        throw new GuichetError('THROTTLED', 'too many codes sent to this account today', {
          method: 'email-code',
          until: issued.retryAt?.toISOString() ?? null,
        });
      record.codePendingUntil = issued.expiresAt.toISOString();
      return { code: issued.code, expiresAt: issued.expiresAt };
    },

    discardCode(subject) {
      const key = dnKey(subject.dn);
      codes.discard(key);
      if (current?.key === key) current.codePendingUntil = null;
    },

    checkCode(subject, agent, typed) {
      const record = focus(subject, agent);
      const result = codes.check(record.key, typed);
      if (result.status !== 'mismatch') record.codePendingUntil = null;
      return result;
    },

    require(subject, agent, action) {
      const record = focus(subject, agent);
      const evidence = evidenceOf(record);
      const expired = expiredSession(record);
      const verdict = actionVerdict(subject.account, action, agent.role, {
        requirement: requirementFor(policy, POLICY_ACTION[action], subject.primaryAffiliation),
        evidence: evidence.map((e) => e.kind),
        expired,
      });
      const blocker = verdict.blocker;
      if (blocker?.kind === 'account')
        throw new GuichetError('ACCOUNT_STATE', 'the account\'s state does not allow this action', { action, reason: blocker.reason, fixer: blocker.fixer });
      if (blocker?.kind === 'role')
        throw new GuichetError('FORBIDDEN', 'this action on this account needs a supervisor', {
          reason: blocker.reason === 'administrative-lock' ? 'administrative-lock' : 'supervisor-required',
          action,
        });
      if (blocker?.kind === 'verification')
        throw new GuichetError('VERIFICATION_REQUIRED', blocker.reason === 'expired' ? 'the verification has expired: start again' : 'the identity check is not enough for this action', {
          action,
          reason: blocker.reason,
          missing: blocker.missing,
        });
      return { methods: [...new Set(evidence.map(auditMethodOf))] };
    },

    validMethods(subject, agent) {
      const record = focus(subject, agent);
      return expiredSession(record) ? [] : [...new Set(evidenceOf(record).map(auditMethodOf))];
    },

    clear(subject, agent) {
      const record = focus(subject, agent);
      codes.discard(record.key);
      record.session = null;
      record.codePendingUntil = null;
    },

    forget() {
      if (current) codes.discard(current.key);
      current = null;
    },

    sendCounter: () => throttle,

    close() {
      current = null;
      opened?.close();
      opened = null;
    },
  };
}
