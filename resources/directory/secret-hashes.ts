/** The hashes the fixture writes: the secret answer's `{SSHA256}` and the password's `{SSHA}`. */
import { createHash } from 'node:crypto';
import { foldAccents } from './accent-folding';

/** Normalisation applied to a secret answer before hashing: no accents, lower case, single spaces. */
export function normalizeSecretAnswer(answer: string): string {
  return foldAccents(answer).toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, ' ').trim();
}

/** `{SSHA256}` base64(sha256(normalized answer + salt) + salt). */
export function hashSecretAnswer(answer: string, salt: Buffer): string {
  const digest = createHash('sha256').update(normalizeSecretAnswer(answer), 'utf8').update(salt).digest();
  return '{SSHA256}' + Buffer.concat([digest, salt]).toString('base64');
}

export function verifySecretAnswer(answer: string, stored: string): boolean {
  if (!stored.startsWith('{SSHA256}')) return false;
  const raw = Buffer.from(stored.slice('{SSHA256}'.length), 'base64');
  if (raw.length <= 32) return false;
  return hashSecretAnswer(answer, raw.subarray(32)) === stored;
}

/** RFC 2307 `{SSHA}`: base64(sha1(password + salt) + salt). */
export function sshaHash(password: string, salt: Buffer): string {
  const digest = createHash('sha1').update(password, 'utf8').update(salt).digest();
  return '{SSHA}' + Buffer.concat([digest, salt]).toString('base64');
}

export function verifySsha(password: string, stored: string): boolean {
  if (!stored.startsWith('{SSHA}')) return false;
  const raw = Buffer.from(stored.slice(6), 'base64');
  return sshaHash(password, raw.subarray(20)) === stored;
}
