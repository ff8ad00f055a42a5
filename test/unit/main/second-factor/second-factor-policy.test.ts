/** The evidence the second-factor actions need by default, and the secondFactor section of the configuration. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../src/main/config/load';
import { demoConfig } from '../../../../src/main/config/demo-config';
import { DEFAULT_ENROL_POLICY, DEFAULT_REMOVE_POLICY } from '../../../../src/main/second-factor/second-factor-config';
import { DEFAULT_VERIFICATION_POLICY, deskPolicy, evaluate, type EvidenceKind, type VerificationPolicy } from '../../../../src/main/verification/policy';

const policy: VerificationPolicy = { ...DEFAULT_VERIFICATION_POLICY, 'second-factor-enrol': DEFAULT_ENROL_POLICY, 'second-factor-remove': DEFAULT_REMOVE_POLICY };
const kinds = (...list: EvidenceKind[]) => list.map((kind) => ({ kind }));
const withSecondFactor = (secondFactor: unknown) => () => parseConfig({ ...demoConfig(), secondFactor } as never, null);

describe('enrolling or replacing an authenticator', () => {
  it('takes the ID document or the person’s own sign-in, for anyone, with no supervisor', () => {
    for (const affiliation of ['student', 'staff', 'faculty', 'affiliate', null]) {
      expect(evaluate(policy, 'second-factor-enrol', affiliation, 'agent', kinds('document')).satisfied).toBe(true);
      expect(evaluate(policy, 'second-factor-enrol', affiliation, 'agent', kinds('person-sign-in')).satisfied).toBe(true);
    }
  });

  it('takes the self-service pair (identifier + date of birth, code by mail) from students only', () => {
    expect(evaluate(policy, 'second-factor-enrol', 'student', 'agent', kinds('identifier-birthdate', 'email-code')).satisfied).toBe(true);
    const staff = evaluate(policy, 'second-factor-enrol', 'staff', 'agent', kinds('identifier-birthdate', 'email-code'));
    expect(staff).toMatchObject({ satisfied: false, missingRole: null, missing: [['document'], ['person-sign-in']] });
  });

  it('never on a secret answer, nor on half of the self-service pair', () => {
    const answer = evaluate(policy, 'second-factor-enrol', 'student', 'agent', kinds('secret-question'));
    expect(answer).toMatchObject({ satisfied: false, missing: [['document'], ['person-sign-in'], ['identifier-birthdate', 'email-code']] });
    expect(evaluate(policy, 'second-factor-enrol', 'student', 'agent', kinds('identifier-birthdate', 'secret-question')).satisfied).toBe(false);
  });
});

describe('removing it (lost device)', () => {
  it('asks for the ID document: the person’s sign-in cannot stand for it (the code is on the lost phone)', () => {
    expect(evaluate(policy, 'second-factor-remove', 'student', 'agent', kinds('document')).satisfied).toBe(true);
    for (const evidence of [kinds('person-sign-in'), kinds('identifier-birthdate', 'email-code'), kinds('person-sign-in', 'email-code', 'secret-question')])
      expect(evaluate(policy, 'second-factor-remove', 'student', 'agent', evidence)).toMatchObject({ satisfied: false, missing: [['document']] });
  });

  it('and a supervisor for staff, faculty and anyone not a student', () => {
    for (const affiliation of ['staff', 'faculty', 'affiliate', null]) {
      expect(evaluate(policy, 'second-factor-remove', affiliation, 'agent', kinds('document'))).toMatchObject({ satisfied: false, missing: [], missingRole: 'supervisor' });
      expect(evaluate(policy, 'second-factor-remove', affiliation, 'supervisor', kinds('document')).satisfied).toBe(true);
      expect(evaluate(policy, 'second-factor-remove', affiliation, 'supervisor', kinds('person-sign-in')).satisfied).toBe(false);
    }
  });
});

describe('the secondFactor section', () => {
  it('is off by default, and offers what every authenticator app reads: 6 digits, 30 s, SHA-1', () => {
    const { secondFactor } = parseConfig({ ...demoConfig(), secondFactor: undefined } as never, null);
    expect(secondFactor).toMatchObject({ enabled: false, digits: 6, periodSeconds: 30, algorithm: 'SHA1', directoryWindow: 1, enrolmentMinutes: 5, maxCodeTries: 5 });
    expect(secondFactor.policy).toEqual({ enrol: DEFAULT_ENROL_POLICY, remove: DEFAULT_REMOVE_POLICY });
  });

  it('sets each action’s policy in its own place, merged with the others for the desk', () => {
    const config = parseConfig(
      { ...demoConfig(), secondFactor: { enabled: true, issuer: 'Université Exemple', policy: { remove: { default: { alternatives: [['document']] } } } } },
      null,
    );
    const desk = deskPolicy(config);
    expect(desk['second-factor-enrol']).toEqual(DEFAULT_ENROL_POLICY);
    expect(evaluate(desk, 'second-factor-remove', 'staff', 'agent', kinds('document')).satisfied).toBe(true);
    expect(desk['reset-password']).toEqual(DEFAULT_VERIFICATION_POLICY['reset-password']);
  });

  it('refuses a secret answer alone, a policy without default, an issuer with a colon, and sets no app reads', () => {
    expect(withSecondFactor({ policy: { enrol: { default: { alternatives: [['secret-question']] } } } })).toThrow(/secret question/);
    expect(withSecondFactor({ policy: { remove: { student: { alternatives: [['document']] } } } })).toThrow(/default/);
    expect(withSecondFactor({ issuer: 'Univ:Exemple' })).toThrow(/secondFactor\.issuer/);
    expect(withSecondFactor({ digits: 7 })).toThrow(/secondFactor\.digits/);
    expect(withSecondFactor({ algorithm: 'MD5' })).toThrow(/secondFactor\.algorithm/);
    expect(withSecondFactor({ periodSeconds: 45 })).toThrow(/secondFactor\.periodSeconds/);
  });
});
