import { describe, expect, it } from 'vitest';
import { alphabetBits, DEFAULT_GENERATED_LENGTH, generatedPasswordBits, generatePassword, groupForDisplay, LOOK_ALIKE_FREE, passwordAlphabet } from '../../../../src/main/password/generate';
import { checkPassword } from '../../../../src/shared/password-policy';
import { BUILT_IN_PROFILES } from '../../../../src/shared/password-profiles';
import { GuichetError } from '../../../../src/shared/result';

const uphf = BUILT_IN_PROFILES.uphf;
const upvd = BUILT_IN_PROFILES.upvd;
const LOOK_ALIKES = '0OoDQ1lIi|5Ss8Zzq';

// `npm run mutation` runs this file once per mutant of the password module: it draws a quarter of
// the sample there (GUICHET_FUZZ_SHARE), still far more than the checks below need.
const SAMPLE_SHARE = Number(process.env.GUICHET_FUZZ_SHARE ?? '1');

describe('generated one-time passwords', () => {
  const count = Math.round(10_000 * SAMPLE_SHARE);
  const passwords = Array.from({ length: count }, () => generatePassword(uphf));

  it('all meet the uphf rules, with 15 characters and no look-alike', () => {
    const wrong = passwords.filter(
      (password) =>
        password.length !== DEFAULT_GENERATED_LENGTH ||
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
    // UPVD accepts ! . @ # + : < > $ %: of the easy ones, only !.
    expect(passwordAlphabet(upvd).special).toBe('!');
    // A profile without any easy special falls back on the look-alike-free ones it takes, then on its own.
    expect(passwordAlphabet({ ...upvd, specials: '#@' }).special).toBe('#@');
    expect(passwordAlphabet({ ...upvd, specials: '§' }).special).toBe('§');
    // Mutation caught: the fallback list emptied (the profile's own specials, § included, drawn instead of the listed ones).
    expect(passwordAlphabet({ ...upvd, specials: '#@§' }).special).toBe('#@');
    const sample = Array.from({ length: 500 }, () => generatePassword(upvd));
    expect(sample.filter((password) => checkPassword(password, { login: '' }, upvd).failures.length > 0)).toEqual([]);
  });

  it('excludes the look-alikes from the alphabet itself', () => {
    const all = Object.values(LOOK_ALIKE_FREE).join('');
    for (const ch of LOOK_ALIKES) expect(all).not.toContain(ch);
  });

  it('takes a length from 12 to 30', () => {
    expect(generatePassword(uphf, { length: 30 })).toHaveLength(30);
    expect(generatePassword(uphf, { length: 12, context: { login: 'abd' } })).toHaveLength(12);
    expect(() => generatePassword(uphf, { length: 11 })).toThrow(GuichetError);
    expect(() => generatePassword(uphf, { length: 31 })).toThrow(GuichetError);
  });

  // Issue 19: "avoids the person's words" was never exercised (a three-letter login is practically
  // never in a random password). Mutation that these two tests catch (checked: both fail with it):
  // in generatePassword, `checkPassword(candidate, { login: '' }, profile)` instead of `context`.
  it('avoids the person’s words: a one-letter login that half of the random candidates contain never appears', () => {
    const context = { login: 'e', givenName: 'Ève', familyName: 'Hy' };
    const sample = Array.from({ length: 60 }, () => generatePassword(uphf, { context }));
    expect(sample.filter((p) => /e/i.test(p))).toEqual([]);
    // Without the person, about half of them hold an e or an E: the draw itself is not what avoids it.
    const stranger = Array.from({ length: 60 }, () => generatePassword(uphf));
    expect(stranger.filter((p) => /e/i.test(p)).length).toBeGreaterThan(10);
  });

  it('avoids the person’s words: a draw that spells the login, the family name or a student number is drawn again', () => {
    const alphabet = [...passwordAlphabet(uphf).all];
    // The first candidates spell the person's words (each also meets every other rule), then a fixed compliant one.
    const forced = ['mbernard7!RtykA', 'hGranet7!RtykA9', 'Ab!27463924hkRt', 'hL7&mPr2!gRt9yA'];
    const script = forced.flatMap((word) => [...word].map((ch) => alphabet.indexOf(ch)));
    expect(script.every((i) => i >= 0)).toBe(true);
    let step = 0;
    const randomBelow = () => script[step++ % script.length]!;
    const context = { login: 'mbernard', familyName: 'Granet', studentIds: ['27463924'] };
    for (const candidate of forced.slice(0, 3)) expect(checkPassword(candidate, { login: '' }, uphf).failures).toEqual([]);
    expect(generatePassword(uphf, { context, randomBelow })).toBe('hL7&mPr2!gRt9yA');
    expect(step).toBe(60);
  });

  it('is as strong as before in bits, with characters easy to type', () => {
    // The ef86844 generator: 14 characters over 15 + 14 + 6 + 17 symbols, 4 kinds required (79.5 bits).
    const before = alphabetBits({ lower: 15, upper: 14, digit: 6, special: 17 }, 14, uphf);
    expect(before).toBeGreaterThan(79);
    expect(generatedPasswordBits(uphf)).toBeGreaterThanOrEqual(80);
    expect(generatedPasswordBits(uphf)).toBeGreaterThanOrEqual(before);
    expect(generatedPasswordBits(upvd)).toBeGreaterThanOrEqual(77);
    // Exact for a case small enough to count: 12 characters over 42 symbols, all four kinds.
    const n = [15, 14, 6, 7];
    const all = 42;
    let expected = 0;
    for (let mask = 0; mask < 16; mask += 1) {
      const left = all - n.reduce((s, k, i) => s + ((mask >> i) & 1 ? k : 0), 0);
      expected += (-1) ** [0, 1, 2, 3].filter((i) => (mask >> i) & 1).length * left ** 12;
    }
    expect(generatedPasswordBits(uphf, 12)).toBeCloseTo(Math.log2(expected), 6);
  });

  it('draws only characters typed without AltGr on AZERTY and QWERTY, on the first symbols page of a phone', () => {
    const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    // French AZERTY (PC): unshifted and Shift; # @ [ ] { } | ~ ` \ need AltGr, ^ and ¨ are dead keys.
    const azerty = `${letters}&é"'(-è_çà)=+°$£%*µ<>,?;.:/!§`;
    // US QWERTY: every printable ASCII character, unshifted or with Shift.
    const qwerty = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
    // The first symbols page of the iOS and of the Android (Gboard) keyboards, French and English.
    const ios = `${letters}-/:;()€$&@"'.,?!`;
    const android = `${letters}@#€$_&-+()/*"':;!?`;
    for (const ch of passwordAlphabet(uphf).all) for (const [name, keys] of Object.entries({ azerty, qwerty, ios, android })) expect(keys.includes(ch), `${ch} on ${name}`).toBe(true);
    // The password of issue 16, in the old alphabet: # and < are not in the new one.
    for (const ch of '#<') expect(passwordAlphabet(uphf).all).not.toContain(ch);
  });

  it('follows the profile’s own length bounds, and says why a length is refused', () => {
    // Mutations caught: the default length not raised to the profile's minimum, not capped by
    // its maximum; the profile's bounds not checked; a fractional length taken; the messages emptied.
    expect(generatePassword({ ...uphf, minLength: 20 })).toHaveLength(20);
    expect(generatePassword({ ...upvd, maxLength: 13 })).toHaveLength(13);
    const refusal = (profile: typeof uphf, length: number) => {
      try {
        generatePassword(profile, { length });
      } catch (error) {
        return { code: (error as GuichetError).code, message: (error as Error).message };
      }
      return null;
    };
    // A profile that accepts shorter or longer ones still gets 12 to 30 (the checks of the profile alone would let 11 and 31 by).
    for (const length of [11, 31]) expect(refusal(upvd, length)).toEqual({ code: 'INVALID_REQUEST', message: 'a generated password has 12 to 30 characters' });
    expect(refusal(upvd, 30)).toBeNull();
    expect(refusal(uphf, 12.5)).toEqual({ code: 'INVALID_REQUEST', message: 'a generated password has 12 to 30 characters' });
    expect(refusal({ ...uphf, minLength: 14 }, 13)).toEqual({ code: 'INVALID_REQUEST', message: 'the profile accepts 14 to 30 characters' });
    expect(refusal({ ...upvd, maxLength: 20 }, 21)).toEqual({ code: 'INVALID_REQUEST', message: 'the profile accepts 8 to 20 characters' });
    expect(refusal({ ...upvd, minLength: 16 }, 15)).toEqual({ code: 'INVALID_REQUEST', message: 'the profile accepts 16 to ∞ characters' });
    expect(refusal({ ...upvd, maxLength: 20 }, 20)).toBeNull();
  });

  it('gives up with an error after 1,000 draws that cannot meet the profile, instead of hanging', () => {
    // Mutations caught: the draw limit off by one or dropped (a broken random source would hang the desk).
    let calls = 0;
    const stuck = () => {
      calls += 1;
      return 0;
    };
    expect(() => generatePassword(uphf, { randomBelow: stuck })).toThrow(
      expect.objectContaining({ code: 'INTERNAL', message: 'no compliant password could be generated for this profile' }),
    );
    expect(calls).toBe(1_000 * DEFAULT_GENERATED_LENGTH);
  });

  it('a profile taking any symbol draws the easy specials', () => {
    // Mutation caught: 'any' not recognised when picking the specials (no special drawn at all).
    expect(passwordAlphabet({ ...uphf, specials: 'any' }).special).toBe(LOOK_ALIKE_FREE.special);
  });

  it('counts the passwords of a "3 kinds of 4" profile exactly', () => {
    // Mutations caught: the minimum number of kinds compared off by one, the kind sizes miscounted.
    const n = [15, 14, 6, 1];
    const length = 12;
    let expected = 0;
    // Inclusion-exclusion over the kinds left out, for every set of at least 3 kinds used.
    for (let used = 0; used < 16; used += 1) {
      const kinds = [0, 1, 2, 3].filter((i) => (used >> i) & 1);
      if (kinds.length < 3) continue;
      for (let sub = 0; sub < 16; sub += 1) {
        if ((sub & used) !== sub) continue;
        const inSub = [0, 1, 2, 3].filter((i) => (sub >> i) & 1);
        expected += (-1) ** (kinds.length - inSub.length) * inSub.reduce((a, i) => a + n[i]!, 0) ** length;
      }
    }
    expect(passwordAlphabet(upvd).special).toBe('!');
    expect(generatedPasswordBits(upvd, length)).toBeCloseTo(Math.log2(expected), 6);
  });

  it('groups by four for the large display', () => {
    expect(groupForDisplay('hK7#mPq2!vRt9x')).toEqual(['hK7#', 'mPq2', '!vRt', '9x']);
    expect(groupForDisplay('abcdefgh')).toEqual(['abcd', 'efgh']);
    expect(groupForDisplay('')).toEqual([]);
  });
});
