/**
 * One-time passwords the agent reads out or shows on screen, so that the person types it
 * once and changes it. Drawn with crypto.randomInt (uniform, no modulo bias) from an
 * alphabet without look-alikes, and redrawn until every rule of the profile is met, which
 * keeps the result uniform over the compliant passwords.
 */
import { randomInt } from 'node:crypto';
import { checkPassword, type PasswordContext } from '../../shared/password-policy';
import type { PasswordProfile } from '../../shared/password-profiles';
import { GuichetError } from '../../shared/result';

/**
 * Left out: 0 O o D Q (round shapes), 1 l I i | (strokes), 5 S s, 8 (B kept), Z z (2 kept), q (g 9),
 * and the letters whose two cases look the same at display size (c k u v w x: k kept, K not).
 * Specials: no quotes or backtick (confused with each other), no ^ ~ ` (dead keys on a
 * French keyboard), no , . ; : (too small to read aloud or see), no [ ] { } | \.
 */
export const LOOK_ALIKE_FREE = {
  lower: 'abdefghjkmnprty',
  upper: 'ABEFGHJLMNPRTY',
  digit: '234679',
  special: '!#$%&*+=?@-_<>()/',
} as const;

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
  let special = [...LOOK_ALIKE_FREE.special].filter(accepted).join('');
  // A profile whose specials are all look-alikes still needs one to be met.
  if (special.length === 0 && profile.specials !== 'any') special = profile.specials;
  const { lower, upper, digit } = LOOK_ALIKE_FREE;
  return { lower, upper, digit, special, all: lower + upper + digit + special };
}

export const DEFAULT_GENERATED_LENGTH = 14;
const MAX_DRAWS = 1_000;

export interface GenerateOptions {
  /** 12 to 30, within the profile's bounds; 14 by default. */
  length?: number;
  /** The person, so that the result cannot contain their login, names, numbers or birth date. */
  context?: PasswordContext;
}

/** A random password that meets every rule of `profile` (the strength score is not computed: see below). */
export function generatePassword(profile: PasswordProfile, options: GenerateOptions = {}): string {
  const length = options.length ?? Math.max(DEFAULT_GENERATED_LENGTH, profile.minLength);
  if (!Number.isInteger(length) || length < 12 || length > 30)
    throw new GuichetError('INVALID_REQUEST', 'a generated password has 12 to 30 characters');
  if (length < profile.minLength || (profile.maxLength !== null && length > profile.maxLength))
    throw new GuichetError('INVALID_REQUEST', `the profile accepts ${profile.minLength} to ${profile.maxLength ?? '∞'} characters`);
  const alphabet = [...passwordAlphabet(profile).all];
  const context = options.context ?? { login: '' };
  for (let draw = 0; draw < MAX_DRAWS; draw += 1) {
    let candidate = '';
    for (let i = 0; i < length; i += 1) candidate += alphabet[randomInt(alphabet.length)];
    // 14 symbols from ~50 is about 79 bits: far beyond zxcvbn's top score, so only the
    // profile's rules are checked here (the strength rule stays pending, not failed).
    if (checkPassword(candidate, context, profile).failures.length === 0) return candidate;
  }
  throw new GuichetError('INTERNAL', 'no compliant password could be generated for this profile');
}

/** "hK7#mPq2!vRt9x" → ["hK7#", "mPq2", "!vRt", "9x"]: the large grouped display. */
export function groupForDisplay(password: string, size = 4): string[] {
  const characters = [...password];
  const groups: string[] = [];
  for (let i = 0; i < characters.length; i += size) groups.push(characters.slice(i, i + size).join(''));
  return groups;
}
