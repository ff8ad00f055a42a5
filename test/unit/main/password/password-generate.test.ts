import { describe, expect, it } from 'vitest';
import { generatePassword, groupForDisplay, LOOK_ALIKE_FREE, passwordAlphabet } from '../../../../src/main/password/generate';
import { checkPassword } from '../../../../src/shared/password-policy';
import { BUILT_IN_PROFILES } from '../../../../src/shared/password-profiles';
import { GuichetError } from '../../../../src/shared/result';

const uphf = BUILT_IN_PROFILES.uphf;
const upvd = BUILT_IN_PROFILES.upvd;
const LOOK_ALIKES = '0OoDQ1lIi|5Ss8Zzq';

describe('generated one-time passwords', () => {
  const count = 10_000;
  const passwords = Array.from({ length: count }, () => generatePassword(uphf));

  it('all meet the uphf rules, with 14 characters and no look-alike', () => {
    const wrong = passwords.filter(
      (password) =>
        password.length !== 14 ||
        checkPassword(password, { login: '' }, uphf).failures.length > 0 ||
        [...LOOK_ALIKES].some((ch) => password.includes(ch)),
    );
    expect(wrong).toEqual([]);
    expect(new Set(passwords).size).toBe(count);
  }, 30_000);

  it('uses every symbol of the alphabet, evenly within each kind (loose chi-square)', () => {
    const alphabet = passwordAlphabet(uphf);
    const counts = new Map<string, number>();
    for (const password of passwords) for (const ch of password) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    for (const ch of alphabet.all) expect(counts.get(ch) ?? 0, ch).toBeGreaterThan(0);
    expect([...counts.keys()].every((ch) => alphabet.all.includes(ch))).toBe(true);
    // Redrawing non-compliant passwords favours rarer kinds a little, but not one symbol over another of its kind.
    for (const kind of ['lower', 'upper', 'digit', 'special'] as const) {
      const symbols = [...alphabet[kind]];
      const observed = symbols.map((ch) => counts.get(ch) ?? 0);
      const total = observed.reduce((a, b) => a + b, 0);
      const expected = total / symbols.length;
      const chiSquare = observed.reduce((sum, o) => sum + (o - expected) ** 2 / expected, 0);
      const dof = symbols.length - 1;
      // Mean dof, sd sqrt(2 dof): far beyond 6 sd would mean a biased draw.
      expect(chiSquare, kind).toBeLessThan(dof + 6 * Math.sqrt(2 * dof) + 10);
    }
  });

  it('keeps to the profile’s own special characters', () => {
    expect(passwordAlphabet(upvd).special).toBe('!#$%+@<>');
    const sample = Array.from({ length: 500 }, () => generatePassword(upvd));
    expect(sample.filter((password) => checkPassword(password, { login: '' }, upvd).failures.length > 0)).toEqual([]);
  });

  it('excludes the look-alikes from the alphabet itself', () => {
    const all = Object.values(LOOK_ALIKE_FREE).join('');
    for (const ch of LOOK_ALIKES) expect(all).not.toContain(ch);
  });

  it('avoids the person’s words and takes a length from 12 to 30', () => {
    expect(generatePassword(uphf, { length: 30 })).toHaveLength(30);
    expect(generatePassword(uphf, { length: 12, context: { login: 'abd' } })).toHaveLength(12);
    expect(() => generatePassword(uphf, { length: 11 })).toThrow(GuichetError);
    expect(() => generatePassword(uphf, { length: 31 })).toThrow(GuichetError);
  });

  it('groups by four for the large display', () => {
    expect(groupForDisplay('hK7#mPq2!vRt9x')).toEqual(['hK7#', 'mPq2', '!vRt', '9x']);
    expect(groupForDisplay('abcdefgh')).toEqual(['abcd', 'efgh']);
    expect(groupForDisplay('')).toEqual([]);
  });
});
