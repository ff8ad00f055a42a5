import { describe, expect, it } from 'vitest';
import {
  birthDateForms,
  checkPassword,
  foldText,
  nameParts,
  PASSWORD_RULE_IDS,
  personalWords,
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

// Found by mutation testing (npm run mutation -- --module password): rules whose edges or
// options no test reached. Each comment names the mutations the test catches.
describe('edges of the person’s words', () => {
  it('refuses every way of writing the date of birth, and no other', () => {
    // Mutations caught: any form or separator left out (yymmdd, mmddyyyy, "_" and " ", the short day and month).
    const forms = ['20010305', '05032001', '050301', '010305', '03052001'];
    for (const sep of ['-', '/', '.', '_', ' '])
      for (const [d, m] of [['05', '03'], ['5', '3']]) forms.push(`2001${sep}${m}${sep}${d}`, `${d}${sep}${m}${sep}2001`, `${d}${sep}${m}${sep}01`);
    expect(birthDateForms('2001-03-05').sort()).toEqual([...new Set(forms)].sort());
    const profile = { ...uphf, allowSpace: true };
    for (const form of forms) expect(failed(checkPassword(`Kt!qPw${form}Zz`, person, profile)), form).toEqual(['not-birth-date']);
  });

  it('reads the first and last day and month of a year, and only real months and days', () => {
    // Mutations caught: the month or day bounds off by one (January, December, the 1st, the 31st refused; 0, 13, 32 read).
    for (const date of ['20010101', '20011231', '2001-12-31']) expect(birthDateForms(date), date).not.toEqual([]);
    for (const date of ['20010001', '20011301', '20010100', '20010132']) expect(birthDateForms(date), date).toEqual([]);
    // A value read from the directory with spaces around it (mutation caught: the trim dropped).
    expect(birthDateForms(' 20010305 ')).toContain('05032001');
  });

  it('name particles (de, van, von, des...) are not the person’s words, the other parts are', () => {
    // Mutations caught: any particle dropped from the list, or the list emptied.
    const particles = ['des', 'del', 'della', 'der', 'den', 'van', 'von', 'les', 'dos', 'das', 'ter', 'ten', 'bin', 'mac'];
    expect(nameParts(`Granet ${particles.join(' ')} Ruiz`)).toEqual(['granet', 'ruiz']);
    expect(failed(checkPassword('Kt4!vanDer#9qP', { login: 'x', familyName: 'van der Berg' }, uphf))).toEqual([]);
    expect(failed(checkPassword('Kt4!berg#9qPw', { login: 'x', familyName: 'van der Berg' }, uphf))).toEqual(['not-name']);
  });

  it('a student number of 4 characters or more is refused, trimmed; a shorter one forbids nothing', () => {
    // Mutations caught: the 4-character threshold off by one or dropped, the trim dropped.
    const withIds = (studentIds: string[]) => ({ login: 'x', studentIds });
    expect(failed(checkPassword('Kt4!9326#qPwz', withIds(['9326']), uphf))).toEqual(['not-student-id']);
    expect(failed(checkPassword('Kt4!9326#qPwz', withIds([' 9326 ']), uphf))).toEqual(['not-student-id']);
    expect(failed(checkPassword('Kt4!932#qPwzB', withIds(['932']), uphf))).toEqual([]);
  });

  it('the login is compared trimmed, and an empty one forbids nothing', () => {
    // Mutations caught: the login's trim dropped, the empty-login exception dropped (every password would contain "").
    expect(failed(checkPassword('Xy1!jdupont99', { login: ' jdupont ' }, uphf))).toEqual(['not-login']);
    expect(failed(checkPassword('Xy1!jdupont99', { login: '' }, uphf))).toEqual([]);
  });

  it('the person’s words given to the strength estimate: login, name parts, numbers and date forms, trimmed, each once', () => {
    // Mutations caught: a source of words left out, the trim or the blank filter dropped, duplicates kept.
    const words = personalWords({ login: ' jdupont ', givenName: 'Jean', familyName: 'Dupont', studentIds: ['22012345', ' ', 'jdupont'], dateOfBirth: '20010305' });
    expect(words.slice(0, 4)).toEqual(['jdupont', 'jean', 'dupont', '22012345']);
    expect(words).toContain('05/03/2001');
    expect(words).toHaveLength(4 + birthDateForms('20010305').length);
    // Mutations caught: a word made up for a missing name or missing numbers.
    expect(personalWords({ login: 'jdupont', givenName: null })).toEqual(['jdupont']);
  });

  it('reads a date only at the start of the value: free text around digits is not guessed at', () => {
    // Mutation caught: the start anchor of the date pattern dropped ("né le 20010305" read as a date).
    expect(birthDateForms('né le 20010305')).toEqual([]);
  });
});

describe('options of a profile', () => {
  it('a profile that allows spaces has no space rule; one that allows the login has no login rule', () => {
    // Mutations caught: the allowSpace and forbidLogin options ignored.
    const passphrase = checkPassword('Jdupont a 4 chats !', { login: 'jdupont' }, { ...uphf, allowSpace: true, forbidLogin: false, maxLength: null });
    expect(passphrase.rules.map((r) => r.id)).not.toContain('no-space');
    expect(passphrase.rules.map((r) => r.id)).not.toContain('not-login');
    expect(passphrase.failures).toEqual([]);
  });

  it('a strength score of 0 turns the strength rule off; a null score keeps it pending', () => {
    // Mutations caught: the rule kept for a minimum of 0, a null score compared as a number (unmet instead of pending).
    const off = checkPassword('Kt4!vRn9#qPw', person, { ...uphf, minStrengthScore: 0 });
    expect(off.rules.map((r) => r.id)).not.toContain('strength');
    expect(off.ok).toBe(true);
    const unknown = checkPassword('Kt4!vRn9#qPw', person, uphf, { strengthScore: null });
    // Mutations caught: a pending rule said to be met, or without its minimum score.
    expect(unknown.rules.find((r) => r.id === 'strength')).toEqual({ id: 'strength', ok: false, status: 'pending', params: { minScore: 3 } });
    expect(unknown.pending).toBe(true);
    // Mutations caught: the minimum score itself refused, the scored rule without its minimum.
    const scored = checkPassword('Kt4!vRn9#qPw', person, uphf, { strengthScore: 3 });
    expect(scored).toMatchObject({ ok: true, pending: false });
    expect(scored.rules.find((r) => r.id === 'strength')).toEqual({ id: 'strength', ok: true, status: 'met', params: { minScore: 3 } });
    // Mutation caught: "ok" read from the pending flag alone (a failing password with a score given passed).
    expect(checkPassword('Kt4!vRn9#qP', person, uphf, { strengthScore: 4 })).toMatchObject({ ok: false, pending: false });
  });

  it('refuses a common password unless the profile leaves that to the strength estimate', () => {
    // Mutations caught: the common-password verdict ignored, the rejectCommon option ignored.
    expect(failed(checkPassword('Motdepasse1!', nobody, uphf))).toEqual(['not-common']);
    const lenient = checkPassword('Motdepasse1!', nobody, { ...uphf, rejectCommon: false });
    expect(lenient.rules.map((r) => r.id)).not.toContain('not-common');
    expect(lenient.failures).toEqual([]);
  });

  it('the checklist is told the profile’s special characters and figures (what its texts print)', () => {
    // Mutations caught: the params of the special, kinds, allowed-characters, strength and history rules emptied.
    const params = (check: PasswordCheck, id: string) => check.rules.find((r) => r.id === id)?.params;
    const strict = checkPassword('Kt4!vRn9#qPw', person, uphf);
    expect(params(strict, 'special')).toEqual({ specials: UPHF_SPECIALS });
    for (const kind of ['lower', 'upper', 'digit']) expect(params(strict, kind), kind).toEqual({});
    expect(params(strict, 'allowed-characters')).toEqual({ specials: UPHF_SPECIALS });
    expect(params(strict, 'strength')).toEqual({ minScore: 3 });
    expect(params(strict, 'history')).toEqual({ count: 3 });
    const loose = checkPassword('kbmrEF12', nobody, upvd);
    expect(params(loose, 'length')).toEqual({ min: 8 });
    expect(params(loose, 'kinds')).toEqual({ min: 3, of: 4, specials: upvd.specials });
  });

  it('a profile taking any symbol counts punctuation and symbols as special, and refuses letters outside ASCII when told to', () => {
    // Mutations caught: 'any' not recognised, punctuation or symbols left out of it, nonAsciiLetters ignored.
    const any = { ...uphf, specials: 'any' as const };
    for (const special of ['!', '«', '€', '+', '§']) expect(failed(checkPassword(`Ab1${special}xyzwvuts`, nobody, any)), special).toEqual([]);
    expect(failed(checkPassword('Ab1xyzwvuts\u00a0', nobody, { ...any, allowSpace: true }))).toEqual(['special']);
    expect(failed(checkPassword('Ab1!xyzwvutsé', nobody, { ...uphf, nonAsciiLetters: false }))).toEqual(['allowed-characters']);
    // A titlecase letter (ǅ) is an upper-case letter; a caseless one (あ, ب) is a letter of neither case.
    expect(failed(checkPassword('ǅb1!xyzwvuts', nobody, uphf))).toEqual([]);
    expect(failed(checkPassword('ab1!xyzwvutsあب', nobody, uphf))).toEqual(['upper']);
  });
});
