import { describe, expect, it } from 'vitest';
import {
  birthDateForms,
  checkPassword,
  foldText,
  nameParts,
  PASSWORD_RULE_IDS,
  type PasswordCheck,
  type PasswordContext,
} from '../../../src/shared/password-policy';
import { BUILT_IN_PROFILES, UPHF_SPECIALS } from '../../../src/shared/password-profiles';
import { ruleStatusText, ruleText } from '../../../src/shared/password-rules-text';

const uphf = BUILT_IN_PROFILES.uphf;
const upvd = BUILT_IN_PROFILES.upvd;
const person: PasswordContext = {
  login: 'jdupont',
  givenName: 'Jean-Émile',
  familyName: 'Dupont de la Fontaine',
  studentIds: ['22012345', '1234567890A'],
  dateOfBirth: '2001-03-05',
};
const nobody: PasswordContext = { login: 'xyzlogin' };

const failed = (check: PasswordCheck) => check.failures.map((f) => f.id).sort();
const statusOf = (check: PasswordCheck, id: string) => check.rules.find((r) => r.id === id)?.status;

describe('uphf profile (seed 000)', () => {
  it('accepts a password that meets every rule of the page', () => {
    const check = checkPassword('Kt4!vRn9#qPw', person, uphf, { strengthScore: 4 });
    expect(check.failures).toEqual([]);
    expect(check.ok).toBe(true);
  });

  it('reports every rule, met or not, in a stable order', () => {
    const check = checkPassword('Kt4!vRn9#qPw', person, uphf);
    expect(check.rules.map((r) => r.id)).toEqual([
      'length',
      'lower',
      'upper',
      'digit',
      'special',
      'allowed-characters',
      'no-space',
      'not-login',
      'not-name',
      'not-student-id',
      'not-birth-date',
      'not-common',
      'strength',
      'history',
    ]);
    for (const r of check.rules) expect(PASSWORD_RULE_IDS).toContain(r.id);
  });

  it('counts 12 to 30 characters: 11 and 31 fail, 12 and 30 pass', () => {
    const of = (n: number) => 'Ab1!' + 'x'.repeat(n - 4);
    expect(failed(checkPassword(of(11), nobody, uphf))).toEqual(['length']);
    expect(failed(checkPassword(of(12), nobody, uphf))).toEqual([]);
    expect(failed(checkPassword(of(30), nobody, uphf))).toEqual([]);
    expect(failed(checkPassword(of(31), nobody, uphf))).toEqual(['length']);
    expect(checkPassword(of(12), nobody, uphf).rules[0]).toEqual({ id: 'length', ok: true, status: 'met', params: { min: 12, max: 30 } });
  });

  it('counts characters, not UTF-16 units or decomposed accents', () => {
    // 11 letters + "é" typed as e + combining accent: 12 characters once normalised.
    const decomposed = 'Ab1!xxxxxxxe\u0301';
    expect(failed(checkPassword(decomposed, nobody, uphf))).toEqual([]);
  });

  it.each([
    ['lower', 'AB1!XYZWVUTS'],
    ['upper', 'ab1!xyzwvuts'],
    ['digit', 'Ab!!xyzwvuts'],
    ['special', 'Ab12xyzwvuts'],
  ])('reports the missing %s class', (rule, password) => {
    expect(failed(checkPassword(password, nobody, uphf))).toEqual([rule]);
  });

  it('refuses a space (and not as a refused character too)', () => {
    expect(failed(checkPassword('Ab1! xyzwvuts', nobody, uphf))).toEqual(['no-space']);
    expect(failed(checkPassword('Ab1!\u00a0xyzwvuts', nobody, uphf))).toEqual(['no-space']);
  });

  it('refuses the login in another case, and with accents folded', () => {
    expect(failed(checkPassword('Xy1!JDupont99', person, uphf))).toEqual(['not-login', 'not-name']);
    expect(failed(checkPassword('Xy1!jdUPONT99', { login: 'jdupont' }, uphf))).toEqual(['not-login']);
  });

  it('counts accented letters as letters of their case, never as special characters', () => {
    // é lower, É upper: no ASCII lower or upper, and still no special character.
    expect(failed(checkPassword('ÉÉÉÉ1234éééé', nobody, uphf))).toEqual(['special']);
    expect(failed(checkPassword('ÉÉÉÉ1234éééé!', nobody, uphf))).toEqual([]);
    expect(failed(checkPassword('çàùœ12345!AB', nobody, uphf))).toEqual([]);
  });

  it('refuses emoji and symbols outside the list, and the apostrophe and backslash the page leaves out', () => {
    expect(failed(checkPassword('Ab1!xyzwvuts😀', nobody, uphf))).toEqual(['allowed-characters']);
    expect(failed(checkPassword('Ab1!xyzwvuts€', nobody, uphf))).toEqual(['allowed-characters']);
    expect(failed(checkPassword("Ab1!xyzwvuts'", nobody, uphf))).toEqual(['allowed-characters']);
    expect(failed(checkPassword('Ab1!xyzwvuts\\', nobody, uphf))).toEqual(['allowed-characters']);
    expect(failed(checkPassword('Ab1xyzwvuts§', nobody, uphf))).toEqual(['allowed-characters', 'special']);
    // Digits other than 0-9 are not digits here.
    expect(failed(checkPassword('Ab!xyzwvuts٣', nobody, uphf))).toEqual(['allowed-characters', 'digit']);
  });

  it('accepts each special character of the page', () => {
    expect([...UPHF_SPECIALS]).toHaveLength(30);
    for (const special of UPHF_SPECIALS) expect(failed(checkPassword(`Ab1${special}xyzwvuts`, nobody, uphf))).toEqual([]);
  });

  it('refuses the given or family name, each part, accents and case folded', () => {
    expect(failed(checkPassword('Kt4!EMILEqPw9', person, uphf))).toEqual(['not-name']);
    expect(failed(checkPassword('Kt4!fontaine#9', person, uphf))).toEqual(['not-name']);
    expect(failed(checkPassword('Kt4!Jean#qPw9z', person, uphf))).toEqual(['not-name']);
    // "de" and "la" are too short to count.
    expect(failed(checkPassword('Kt4!delaqPw9z#', person, uphf))).toEqual([]);
    expect(nameParts('Dupont de la Fontaine')).toEqual(['dupont', 'fontaine']);
    expect(nameParts("N'Diaye-Léa Ó")).toEqual(['diaye', 'lea']);
  });

  it('refuses a student number or INE inside', () => {
    expect(failed(checkPassword('Kt4!22012345qP', person, uphf))).toEqual(['not-student-id']);
    expect(failed(checkPassword('Kt4!1234567890aqP', person, uphf))).toEqual(['not-student-id']);
  });

  it.each(['20010305', '05032001', '050301', '2001-03-05', '05/03/2001', '5.3.2001', '05-03-01'])(
    'refuses the date of birth written %s',
    (written) => {
      expect(failed(checkPassword(`Kt!qPw${written}Zz`, person, uphf))).toEqual(['not-birth-date']);
    },
  );

  it('reads a SUPANN date of birth (YYYYMMDD) and ignores an unreadable one', () => {
    expect(birthDateForms('20010305')).toContain('05032001');
    expect(birthDateForms('not a date')).toEqual([]);
    expect(failed(checkPassword('Kt4!qPw05032001', { login: 'x', dateOfBirth: 'n/a' }, uphf))).toEqual([]);
  });

  it('reports every failing rule at once', () => {
    const check = checkPassword('jdupont 201', person, uphf, { strengthScore: 0 });
    expect(failed(check)).toEqual(['length', 'no-space', 'not-login', 'not-name', 'special', 'strength', 'upper'].sort());
  });

  it('keeps the strength rule pending until a score is given, and the history rule for the directory', () => {
    const check = checkPassword('Kt4!vRn9#qPw', person, uphf);
    expect(statusOf(check, 'strength')).toBe('pending');
    expect(check.pending).toBe(true);
    expect(check.ok).toBe(false);
    expect(check.failures).toEqual([]);
    expect(check.rules.find((r) => r.id === 'history')).toEqual({ id: 'history', ok: true, status: 'by-directory', params: { count: 3 } });
    expect(statusOf(checkPassword('Kt4!vRn9#qPw', person, uphf, { strengthScore: 2 }), 'strength')).toBe('unmet');
  });

  it('never puts the password in the rule params', () => {
    const secret = 'Kt4!vRn9#qPw';
    const json = JSON.stringify(checkPassword(secret, person, uphf).rules);
    expect(json).not.toContain('vRn9');
  });
});

describe('upvd profile (seed 003)', () => {
  it('needs 8 characters and 3 kinds out of 4', () => {
    expect(failed(checkPassword('kbmrEF12', nobody, upvd))).toEqual([]);
    expect(failed(checkPassword('kbmrtw1!', nobody, upvd))).toEqual([]);
    expect(failed(checkPassword('KBMRTW1%', nobody, upvd))).toEqual([]);
    expect(failed(checkPassword('kbmrtwqh12', nobody, upvd))).toEqual(['kinds']);
    expect(failed(checkPassword('abC1!', nobody, upvd))).toEqual(['length']);
    expect(checkPassword('kbmrEF12', nobody, upvd).rules.map((r) => r.id)).toEqual([
      'length',
      'kinds',
      'allowed-characters',
      'no-space',
      'not-login',
      'not-name',
      'not-student-id',
      'not-birth-date',
      'not-common',
      'strength',
    ]);
  });

  it('accepts only its own special characters, % included', () => {
    for (const special of '!.@#+:<>$%') expect(failed(checkPassword(`kbmrEF1${special}`, nobody, upvd))).toEqual([]);
    expect(failed(checkPassword('kbmrEF1&', nobody, upvd))).toEqual(['allowed-characters']);
    expect(failed(checkPassword('kbmrEF1_', nobody, upvd))).toEqual(['allowed-characters']);
  });

  it('has no upper bound on length', () => {
    expect(failed(checkPassword('aB3' + 'x'.repeat(60), nobody, upvd))).toEqual([]);
  });
});

describe('folding and texts', () => {
  it('folds case, accents and ligatures', () => {
    expect(foldText('ÉLÉONORE Œuvre Straße')).toBe('eleonore oeuvre strasse');
  });

  it('has a French and an English text for every rule', () => {
    const params = { min: 12, max: 30, of: 4, specials: '!#', count: 3, minScore: 3 };
    for (const id of PASSWORD_RULE_IDS) {
      expect(ruleText(id, 'fr', params)).not.toBe('');
      expect(ruleText(id, 'en', params)).not.toBe('');
      expect(ruleText(id, 'fr', params)).not.toBe(ruleText(id, 'en', params));
    }
    expect(ruleText('length', 'fr', { min: 12, max: 30 })).toBe('Entre 12 et 30 caractères');
    expect(ruleText('length', 'en', { min: 8 })).toBe('At least 8 characters');
    expect(ruleText('special', 'fr', { specials: '!.@' })).toBe('Au moins un caractère spécial : ! . @');
    expect(ruleText('history', 'fr', { count: 3 })).toContain('vérifié par l’annuaire');
    expect(ruleStatusText('by-directory', 'en')).toBe('checked by the directory');
  });
});
