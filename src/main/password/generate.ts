/**
 * One-time passwords the agent reads out or shows on screen, so that the person types it
 * once and changes it. Drawn with crypto.randomInt (uniform, no modulo bias) from an
 * alphabet without look-alikes whose every character is typed without AltGr on a French
 * AZERTY and a US QWERTY keyboard and sits on the first symbols page of the iOS and
 * Android keyboards; redrawn until every rule of the profile is met (the person's words
 * included), which keeps the result uniform over the compliant passwords. Its strength is
 * the base-2 logarithm of how many compliant passwords there are (`generatedPasswordBits`).
 */
import { randomInt } from 'node:crypto';
import { checkPassword, type PasswordContext } from '../../shared/password-policy';
import type { CharacterKind, PasswordProfile } from '../../shared/password-profiles';
import { GuichetError } from '../../shared/result';

/**
 * Left out: 0 O o D Q (round shapes), 1 l I i | (strokes), 5 S s, 8 (B kept), Z z (2 kept), q (g 9),
 * and the letters whose two cases look the same at display size (c k u v w x: k kept, K not).
 * Specials: only ! & ( ) - / ?, each typed without AltGr on AZERTY (! & ( ) - unshifted, / ?
 * with Shift) and on QWERTY, and on the first symbols page of a phone: no # @ [ ] { } | ~ `
 * (AltGr on AZERTY), no ^ (a dead key), no quotes (confused with each other and turned
 * curly by phones), no , . ; : (too small to read aloud or see), no < > $ % * + = _ (a
 * second symbols page on phones).
 */
export const LOOK_ALIKE_FREE = {
  lower: 'abdefghjkmnprty',
  upper: 'ABEFGHJLMNPRTY',
  digit: '234679',
  special: '!&()-/?',
} as const;

/** The specials of the previous alphabet, for a profile that accepts none of the easy ones. */
const FALLBACK_SPECIALS = '!#$%&*+=?@-_<>()/';

export interface PasswordAlphabet {
  lower: string;
  upper: string;
  digit: string;
  special: string;
  all: string;
}

/** The look-alike-free alphabet restricted to what the profile accepts. */
export function passwordAlphabet(profile: PasswordProfile): PasswordAlphabet {
  const accepted = (ch: string) => profile.specials === 'any' || profile.specials.includes(ch);
  const pick = (from: string) => [...from].filter(accepted).join('');
  // A profile without any easy special still needs one: the look-alike-free ones it takes, else its own.
  const special = pick(LOOK_ALIKE_FREE.special) || pick(FALLBACK_SPECIALS) || (profile.specials === 'any' ? '' : profile.specials);
  const { lower, upper, digit } = LOOK_ALIKE_FREE;
  return { lower, upper, digit, special, all: lower + upper + digit + special };
}

/** 15 symbols of 42 hold 80.6 bits (generatedPasswordBits), more than the 14 of the previous 52-symbol alphabet did (79.5). */
export const DEFAULT_GENERATED_LENGTH = 15;
const MAX_DRAWS = 1_000;

export interface GenerateOptions {
  /** 12 to 30, within the profile's bounds; 15 by default. */
  length?: number;
  /** The person, so that the result cannot contain their login, names, numbers or birth date. */
  context?: PasswordContext;
  /** An integer in [0, n): crypto.randomInt unless a test drives the draw. */
  randomBelow?: (n: number) => number;
}

function generatedLength(profile: PasswordProfile, requested: number | undefined): number {
  const length = requested ?? Math.min(Math.max(DEFAULT_GENERATED_LENGTH, profile.minLength), profile.maxLength ?? 30, 30);
  if (!Number.isInteger(length) || length < 12 || length > 30)
    throw new GuichetError('INVALID_REQUEST', 'a generated password has 12 to 30 characters');
  if (length < profile.minLength || (profile.maxLength !== null && length > profile.maxLength))
    throw new GuichetError('INVALID_REQUEST', `the profile accepts ${profile.minLength} to ${profile.maxLength ?? '∞'} characters`);
  return length;
}

/** A random password that meets every rule of `profile` (the strength score is not computed: see generatedPasswordBits). */
export function generatePassword(profile: PasswordProfile, options: GenerateOptions = {}): string {
  const length = generatedLength(profile, options.length);
  const alphabet = [...passwordAlphabet(profile).all];
  const context = options.context ?? { login: '' };
  const below = options.randomBelow ?? randomInt;
  for (let draw = 0; draw < MAX_DRAWS; draw += 1) {
    let candidate = '';
    for (let i = 0; i < length; i += 1) candidate += alphabet[below(alphabet.length)];
    // Far beyond zxcvbn's top score (see generatedPasswordBits): only the profile's rules are checked here.
    if (checkPassword(candidate, context, profile).failures.length === 0) return candidate;
  }
  throw new GuichetError('INTERNAL', 'no compliant password could be generated for this profile');
}

/**
 * log2 of the number of passwords the generator can return for `profile` at `length`:
 * the strings over its alphabet that hold the kinds the profile requires (counted exactly,
 * by inclusion-exclusion over the kinds). The other rules (the person's words, common
 * passwords) take out a share too small to show at this precision.
 */
export function generatedPasswordBits(profile: PasswordProfile, length = generatedLength(profile, undefined)): number {
  const alphabet = passwordAlphabet(profile);
  const sizes = { lower: [...alphabet.lower].length, upper: [...alphabet.upper].length, digit: [...alphabet.digit].length, special: [...alphabet.special].length };
  return alphabetBits(sizes, length, profile);
}

/** log2 of the strings of `length` over kinds of these sizes that hold what `profile` requires. */
export function alphabetBits(sizes: Readonly<Record<CharacterKind, number>>, length: number, profile: Pick<PasswordProfile, 'minKinds' | 'requiredKinds'>): number {
  const kinds: CharacterKind[] = ['lower', 'upper', 'digit', 'special'];
  const size = (set: readonly CharacterKind[]) => BigInt(set.reduce((n, k) => n + sizes[k], 0));
  const subsets = (list: readonly CharacterKind[]): CharacterKind[][] =>
    list.reduce<CharacterKind[][]>((acc, k) => acc.concat(acc.map((s) => [...s, k])), [[]]);
  // Strings using exactly the kinds of `used`: inclusion-exclusion over its subsets (in integers: no cancellation).
  const exactly = (used: readonly CharacterKind[]) =>
    subsets(used).reduce((n, s) => n + ((used.length - s.length) % 2 === 0 ? 1n : -1n) * size(s) ** BigInt(length), 0n);
  let compliant = 0n;
  for (const used of subsets(kinds)) {
    if (used.length < profile.minKinds || !profile.requiredKinds.every((k) => used.includes(k))) continue;
    compliant += exactly(used);
  }
  return Math.log2(Number(compliant));
}

/** "hK7#mPq2!vRt9x" → ["hK7#", "mPq2", "!vRt", "9x"]: the large grouped display. */
export function groupForDisplay(password: string, size = 4): string[] {
  const characters = [...password];
  const groups: string[] = [];
  for (let i = 0; i < characters.length; i += size) groups.push(characters.slice(i, i + size).join(''));
  return groups;
}
