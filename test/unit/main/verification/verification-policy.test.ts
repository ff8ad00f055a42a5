import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../src/main/config/load';
import { demoConfig } from '../../../../src/main/config/demo-config';
import {
  DEFAULT_VERIFICATION_POLICY,
  deskPolicy,
  evaluate,
  type EvidenceKind,
  type VerificationPolicy,
} from '../../../../src/main/verification/policy';
import { DEFAULT_ENROL_POLICY, DEFAULT_REMOVE_POLICY } from '../../../../src/main/second-factor/second-factor-config';
import { ACCOUNT_ACTIONS } from '../../../../src/shared/verification';
import {
  activeVerification,
  addEvidence,
  currentEvidence,
  openVerification,
  verificationFor,
} from '../../../../src/main/verification/verification-session';
import { GuichetError } from '../../../../src/shared/result';
import { evaluateRequirement } from '../../../../src/shared/verification-policy';

const policy: VerificationPolicy = { ...DEFAULT_VERIFICATION_POLICY, 'second-factor-enrol': DEFAULT_ENROL_POLICY, 'second-factor-remove': DEFAULT_REMOVE_POLICY };
const kinds = (...list: EvidenceKind[]) => list.map((kind) => ({ kind }));

describe('verification policy', () => {
  it('lets a student prove identity with a document, or identifier + birth date + mailed code', () => {
    for (const action of ['reset-password', 'unlock', 'reveal-login', 'activation'] as const) {
      expect(evaluate(policy, action, 'student', 'agent', kinds('document')).satisfied).toBe(true);
      expect(evaluate(policy, action, 'student', 'agent', kinds('identifier-birthdate', 'email-code')).satisfied).toBe(true);
      const partial = evaluate(policy, action, 'student', 'agent', kinds('identifier-birthdate'));
      expect(partial.satisfied).toBe(false);
      expect(partial.missing).toEqual([['document'], ['email-code']]);
    }
  });

  it('asks a document and a supervisor for staff, faculty and unknown affiliations', () => {
    for (const affiliation of ['staff', 'faculty', 'affiliate', null]) {
      const byAgent = evaluate(policy, 'reset-password', affiliation, 'agent', kinds('document'));
      expect(byAgent).toMatchObject({ satisfied: false, missing: [], missingRole: 'supervisor' });
      expect(evaluate(policy, 'reset-password', affiliation, 'supervisor', kinds('document')).satisfied).toBe(true);
      expect(
        evaluate(policy, 'reset-password', affiliation, 'supervisor', kinds('identifier-birthdate', 'email-code')).satisfied,
      ).toBe(false);
    }
  });

  it('accepts a document, identifier + birth date, or the person’s own sign-in for a consent change, for everyone', () => {
    expect(evaluate(policy, 'consent-change', 'staff', 'agent', kinds('identifier-birthdate')).satisfied).toBe(true);
    expect(evaluate(policy, 'consent-change', 'student', 'agent', kinds('document')).satisfied).toBe(true);
    expect(evaluate(policy, 'consent-change', 'faculty', 'agent', kinds('person-sign-in')).satisfied).toBe(true);
    expect(evaluate(policy, 'consent-change', 'student', 'agent', []).missing).toEqual([['document'], ['identifier-birthdate'], ['person-sign-in']]);
  });

  it('never lets a secret question prove identity alone, even in a hand-built policy', () => {
    const weak: VerificationPolicy = { ...policy, unlock: { default: { alternatives: [['secret-question']] } } };
    expect(evaluate(weak, 'unlock', 'student', 'supervisor', kinds('secret-question')).satisfied).toBe(false);
    expect(evaluate(policy, 'unlock', 'student', 'supervisor', kinds('secret-question')).satisfied).toBe(false);
  });

  it('reads per-affiliation requirements from the configuration, with the defaults elsewhere', () => {
    const config = parseConfig(
      {
        ...demoConfig(),
        verification: {
          sessionMinutes: 5,
          actions: { unlock: { default: { alternatives: [['document'], ['identifier-birthdate', 'secret-question']] } } },
        },
      },
      null,
    );
    expect(config.verification.sessionMinutes).toBe(5);
    expect(config.verification.code).toEqual({ digits: 6, ttlMinutes: 10, maxTries: 3, maxSendsPerDay: 3 });
    expect(config.verification.throttle).toEqual({ maxFailures: 3, windowMinutes: 15, blockMinutes: 15 });
    expect(Object.keys(config.verification.actions).sort()).toEqual([...ACCOUNT_ACTIONS].sort());
    expect(config.verification.actions['reset-password']).toEqual(DEFAULT_VERIFICATION_POLICY['reset-password']);
    expect(evaluate(deskPolicy(config), 'unlock', 'staff', 'agent', kinds('identifier-birthdate', 'secret-question')).satisfied).toBe(true);
  });

  it('refuses a configuration where a secret question would be enough, or without a default', () => {
    const withActions = (actions: unknown) => () => parseConfig({ ...demoConfig(), verification: { actions } }, null);
    expect(withActions({ unlock: { default: { alternatives: [['document'], ['secret-question']] } } })).toThrow(/secret question/);
    expect(withActions({ unlock: { student: { alternatives: [['document']] } } })).toThrow(/default/);
    expect(withActions({ unlock: { default: { alternatives: [['fingerprint']] } } })).toThrow(/verification\.actions\.unlock/);
  });
});

describe('verification limits and the shared rule', () => {
  it('takes the documented maxima for tries, sends and failures, and refuses one more', () => {
    const withCode = (code: unknown, throttle: unknown = {}) => () => parseConfig({ ...demoConfig(), verification: { code, throttle } }, null);
    const config = withCode({ maxTries: 10, maxSendsPerDay: 20 }, { maxFailures: 20 })();
    expect(config.verification.code).toMatchObject({ maxTries: 10, maxSendsPerDay: 20 });
    expect(config.verification.throttle.maxFailures).toBe(20);
    expect(withCode({ maxTries: 11 })).toThrow(/maxTries/);
    expect(withCode({ maxSendsPerDay: 21 })).toThrow(/maxSendsPerDay/);
    expect(withCode({}, { maxFailures: 21 })).toThrow(/maxFailures/);
    // The failure window and the block go up to a day.
    const day = withCode({}, { windowMinutes: 24 * 60, blockMinutes: 24 * 60 })();
    expect(day.verification.throttle).toMatchObject({ windowMinutes: 1440, blockMinutes: 1440 });
    expect(withCode({}, { windowMinutes: 24 * 60 + 1 })).toThrow(/windowMinutes/);
    expect(withCode({}, { blockMinutes: 24 * 60 + 1 })).toThrow(/blockMinutes/);
  });

  it('names the alternatives of the action when a secret question would be enough', () => {
    expect(() =>
      parseConfig({ ...demoConfig(), verification: { actions: { unlock: { default: { alternatives: [['secret-question']] } } } } }, null),
    ).toThrow(/verification\.actions\.unlock\.default\.alternatives/);
  });

  it('an action that asks the agent role is open to agents and supervisors alike', () => {
    const agentOnly: VerificationPolicy = { ...policy, unlock: { default: { alternatives: [['document']], agentRole: 'agent' } } };
    expect(evaluate(agentOnly, 'unlock', 'staff', 'agent', kinds('document'))).toMatchObject({ satisfied: true, missingRole: null });
    expect(evaluate(agentOnly, 'unlock', 'staff', 'supervisor', kinds('document')).satisfied).toBe(true);
  });

  it('leaves out the ways that need a method not available now, and says when none is left', () => {
    const student = policy['reset-password'].student!;
    const noMail = evaluateRequirement(student, 'agent', ['identifier-birthdate'], new Set(['email-code']));
    expect(noMail).toMatchObject({ satisfied: false, missing: [['document']], impossible: false });
    const partlyBlocked = evaluateRequirement(student, 'agent', [], new Set(['email-code']));
    expect(partlyBlocked).toMatchObject({ missing: [['document']], impossible: false });
    const nothing = evaluateRequirement(student, 'agent', [], new Set(['document', 'email-code']));
    expect(nothing).toMatchObject({ satisfied: false, missing: [], impossible: true });
    // Evidence already met is never impossible, whatever is unavailable.
    const met = evaluateRequirement(student, 'agent', ['document'], new Set(['document', 'email-code']));
    expect(met).toMatchObject({ satisfied: true, impossible: false, missing: [] });
    expect(evaluateRequirement(student, 'agent', [])).toMatchObject({ impossible: false, missing: [['document'], ['identifier-birthdate', 'email-code']] });
  });
});

describe('verification session', () => {
  const t0 = new Date('2026-03-02T09:00:00Z');
  const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
  const target = { accountDn: 'uid=etu1,ou=people', agentLogin: 'agent1' };

  it('gathers evidence for one person, valid 10 minutes from the start', () => {
    let session = openVerification(target, t0);
    expect(session).toEqual({ ...target, evidence: [], startedAt: t0.toISOString(), expiresAt: at(10).toISOString() });
    session = addEvidence(session, target, { kind: 'identifier-birthdate', identifier: 'studentId' }, at(1));
    session = addEvidence(session, target, { kind: 'email-code', channel: 'personal-mail' }, at(4));
    expect(session.evidence.map((e) => e.kind)).toEqual(['identifier-birthdate', 'email-code']);
    expect(session.evidence[1]).toEqual({
      kind: 'email-code',
      at: at(4).toISOString(),
      detail: { kind: 'email-code', channel: 'personal-mail' },
    });
    expect(session.expiresAt).toBe(at(10).toISOString());
    expect(currentEvidence(session, target, at(9.9))).toHaveLength(2);
    expect(currentEvidence(session, target, at(10))).toEqual([]);
    expect(() => addEvidence(session, target, { kind: 'document', documentKind: 'passport' }, at(10))).toThrow(GuichetError);
  });

  it('starts afresh when another account is opened or another agent signs in', () => {
    const session = addEvidence(openVerification(target, t0), target, { kind: 'document', documentKind: 'student-card' }, t0);
    const other = { ...target, accountDn: 'uid=etu2,ou=people' };
    expect(activeVerification(session, other, at(1))).toBeNull();
    expect(verificationFor(session, other, at(1)).evidence).toEqual([]);
    expect(verificationFor(session, { ...target, agentLogin: 'agent2' }, at(1)).evidence).toEqual([]);
    expect(verificationFor(session, target, at(1))).toBe(session);
    expect(verificationFor(session, target, at(11)).startedAt).toBe(at(11).toISOString());
    expect(() => addEvidence(session, other, { kind: 'secret-question' }, at(1))).toThrow(/another account/);
  });

  it('keeps the latest evidence of a kind and refuses unknown document kinds', () => {
    let session = openVerification(target, t0, 5 * 60_000);
    expect(session.expiresAt).toBe(at(5).toISOString());
    session = addEvidence(session, target, { kind: 'document', documentKind: 'passport' }, at(1));
    session = addEvidence(session, target, { kind: 'document', documentKind: 'national-id' }, at(2));
    expect(session.evidence).toHaveLength(1);
    expect(session.evidence[0]?.detail).toEqual({ kind: 'document', documentKind: 'national-id' });
    expect(() =>
      addEvidence(session, target, { kind: 'document', documentKind: 'library-card' as 'passport' }, at(3)),
    ).toThrow(GuichetError);
  });
});
