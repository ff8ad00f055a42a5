/**
 * The "too common" rule (issue 15 item 5): hundreds of generated variants of common
 * passwords (case, accents, look-alikes, years, digits and symbols around them, keyboard
 * rows and columns of four layouts) are all refused; hundreds of random strong passwords
 * and passphrases are all accepted, by the whole check (strength included). The shipped
 * list is the one the build script makes from its sources.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../resources/directory/people-generator';
import { BLOCKLIST_FILE, buildEntries, render } from '../../../scripts/build-password-blocklist';
import { readFileSync } from 'node:fs';
import { commonPasswordMatch, commonPasswordSet } from '../../../src/shared/password-blocklist';
import { commonForms, isKeyboardWalk } from '../../../src/shared/password-common';
import { checkPassword } from '../../../src/shared/password-policy';
import { BUILT_IN_PROFILES, UPHF_SPECIALS } from '../../../src/shared/password-profiles';
import { checkPasswordWithStrength } from '../../../src/shared/password-strength';

const uphf = BUILT_IN_PROFILES.uphf;
// A login no generated password can contain: only the rule under test may refuse.
const nobody = { login: 'personne.absente' };

/** Common cores, as people start from them (French and international lists, keyboard rows and columns). */
const WORDS = [
  'soleil', 'marseille', 'bonjour', 'chouchou', 'doudou', 'loulou', 'jetaime', 'motdepasse', 'chocolat', 'nicolas',
  'camille', 'julien', 'princesse', 'papillon', 'maison', 'amour', 'liberte', 'bretagne', 'toulouse', 'password',
  'iloveyou', 'football', 'dragon', 'monkey', 'sunshine', 'princess', 'welcome', 'shadow', 'master', 'superman',
  'élodie', 'hélène', 'sébastien', 'cécile', 'françois', 'stéphanie', 'jérôme', 'amélie',
];
const KEYBOARD = [
  'azerty', 'azertyuiop', 'qsdfgh', 'qsdfghjklm', 'wxcvbn', 'poiuytreza', 'aqwzsx', 'azsxdc', // AZERTY rows, reversed, columns
  'qwerty', 'qwertyuiop', 'asdfgh', 'asdfghjkl', 'zxcvbnm', 'poiuyt', 'qazwsx', 'zaqxsw', // QWERTY
  'qwertz', 'qwertzuiop', 'yxcvbnm', 'ztrewq', // QWERTZ
];
const KEYPAD = ['789456123', '741852963', '147258369', '123456789', '987654321', '78945612'];
const LOOK_ALIKES: Record<string, string[]> = { o: ['0'], a: ['@', '4'], i: ['1', '!'], l: ['1', '|'], e: ['3', '€'], s: ['$', '5'], t: ['7', '+'] };
const SPECIALS = [...UPHF_SPECIALS];

function variants(count: number, seed: number): string[] {
  const rnd = mulberry32(seed);
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => String(Math.floor(rnd() * 10))).join('');
  const out = new Set<string>();
  while (out.size < count) {
    const kind = rnd();
    let core = kind < 0.6 ? pick(WORDS) : kind < 0.9 ? pick(KEYBOARD) : pick(KEYPAD);
    // Case: capitalised, upper case, or random letters in capitals.
    const casing = rnd();
    core = casing < 0.4 ? core[0]!.toUpperCase() + core.slice(1) : casing < 0.6 ? core.toUpperCase() : [...core].map((c) => (rnd() < 0.3 ? c.toUpperCase() : c)).join('');
    // Look-alikes: none, a few, or every one.
    const look = rnd();
    if (look > 0.4) core = [...core].map((c) => (LOOK_ALIKES[c.toLowerCase()] && (look > 0.8 || rnd() < 0.5) ? pick(LOOK_ALIKES[c.toLowerCase()]!) : c)).join('');
    // Decoration: a year or digits, and one to three symbols, after, before or on both sides.
    const year = rnd() < 0.5 ? String(1950 + Math.floor(rnd() * 81)) : digits(1 + Math.floor(rnd() * 4));
    const symbols = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(SPECIALS)).join('');
    const where = rnd();
    out.add(where < 0.5 ? `${core}${year}${symbols}` : where < 0.7 ? `${core}${symbols}${year}` : where < 0.85 ? `${year}${core}${symbols}` : `${symbols}${core}${year}`);
  }
  return [...out];
}

/** A random password of 12 to 20 characters with the four kinds of the UPHF profile. */
function randomStrong(rnd: () => number): string {
  const sets = ['abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', '0123456789', UPHF_SPECIALS];
  const all = sets.join('');
  const length = 12 + Math.floor(rnd() * 9);
  const chars = sets.map((s) => s[Math.floor(rnd() * s.length)]!);
  while (chars.length < length) chars.push(all[Math.floor(rnd() * all.length)]!);
  for (let i = chars.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rnd() * (i + 1));
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

/** Uncommon words, a number and a symbol, 30 characters at most (the UPHF maximum): "Tournesol-velours-83!Quai". */
function passphrase(rnd: () => number): string {
  for (;;) {
    const phrase = passphraseDraw(rnd);
    if (phrase.length <= 30) return phrase;
  }
}
function passphraseDraw(rnd: () => number): string {
  const words = ['tournesol', 'velours', 'quai', 'girafe', 'boussole', 'marmelade', 'escalier', 'parapluie', 'hibou', 'citadelle', 'lanterne', 'falaise', 'trombone', 'glacier'];
  const w = () => words[Math.floor(rnd() * words.length)]!;
  const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
  return `${cap(w())}-${w()}-${10 + Math.floor(rnd() * 90)}${SPECIALS[Math.floor(rnd() * SPECIALS.length)]}${cap(w())}`;
}

describe('common passwords are refused whatever is done to them', () => {
  const generated = variants(600, 15);

  it('600 generated variants of common words and keyboard walks: every one refused by the rule', () => {
    const passed = generated.filter((p) => commonPasswordMatch(p) === null);
    expect(passed).toEqual([]);
    for (const p of generated) expect(checkPassword(p, nobody, uphf).failures.map((f) => f.id), p).toContain('not-common');
  });

  it.each([
    ['azerty', 'Azerty2024!'],
    ['a look-alike 0', 'Ch0c0lat!!99'],
    ['a look-alike @', 'P@pillon2024!'],
    ['1 for i', 'L1berte2024!'],
    ['1 for l', 'Sole1l2024!'],
    ['3 for e', 'Sol3il2024!'],
    ['$ for s, before the word', '$oleil2024!'],
    ['accents', 'Éléphant2024!'],
    ['a year before', '1998Marseille!'],
    ['symbols on both sides', '!!Bonjour2024??'],
    ['a reversed word', 'Lielos2024!'],
    ['a repeated word', 'SoleilSoleil1!'],
    ['an AZERTY column', 'Aqwzsx2024!'],
    ['a QWERTY zigzag', 'Q1w2e3r4t5y2024!'],
    ['a QWERTZ row', 'Qwertzuiop9!'],
    ['a keypad', '741852963Ab!'],
    ['a sequence', 'Abcdefg2024!'],
    ['a repetition', 'Lololo2024!'],
  ])('%s: %s', (_what, password) => {
    expect(commonPasswordMatch(password)).not.toBeNull();
  });

  it('normalises the way the rule says: case, accents, decoration, look-alikes', () => {
    expect(commonForms('2024$OLÉIL!!')).toContain('soleil');
    expect(commonForms('P@ssw0rd1!')).toContain('password');
    expect(isKeyboardWalk('qsdfghjklm')).toBe(true);
    expect(isKeyboardWalk('1qaz2wsx')).toBe(true);
    expect(isKeyboardWalk('tournesol')).toBe(false);
  });
});

describe('strong passwords are accepted', { timeout: 60_000 }, () => {
  const rnd = mulberry32(2026);
  const strong = Array.from({ length: 400 }, () => randomStrong(rnd));
  const phrases = Array.from({ length: 200 }, () => passphrase(rnd));

  it('400 random passwords and 200 passphrases: none is taken for a common one', () => {
    expect([...strong, ...phrases].filter((p) => commonPasswordMatch(p) !== null)).toEqual([]);
  });

  // zxcvbn takes tens of milliseconds a password: a sample of each kind.
  it('and a hundred of them pass the whole UPHF check, strength included', async () => {
    const refused: string[] = [];
    for (const p of [...strong.slice(0, 60), ...phrases.slice(0, 40)]) if (!(await checkPasswordWithStrength(p, nobody, uphf)).ok) refused.push(p);
    expect(refused).toEqual([]);
  });
});

describe('the shipped list', () => {
  it('is what scripts/build-password-blocklist.ts makes from its sources (npm run build:blocklist)', () => {
    const same = readFileSync(BLOCKLIST_FILE, 'utf8') === render(buildEntries());
    expect(same, 'src/shared/password-blocklist-data.ts is out of date: npm run build:blocklist').toBe(true);
  });

  it('holds the French and the international sources, normalised', () => {
    const set = commonPasswordSet();
    for (const entry of ['soleil', 'marseille', 'motdepasse', 'chocolat', 'password', 'iloveyou', 'elodie', 'papillon']) expect(set.has(entry), entry).toBe(true);
    expect(set.size).toBeGreaterThan(10_000);
    // What the renderer carries: kept under 150 kB (about 40 kB compressed).
    expect(readFileSync(BLOCKLIST_FILE).length).toBeLessThan(150_000);
  });
});
