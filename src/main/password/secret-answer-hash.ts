/**
 * The stored form of a person's secret answer (attribute `guichetSecretAnswerHash`, or the
 * one mapped as `secretAnswerHash`), shared with any self-service that sets or checks it:
 *
 *   {SSHA256}base64( sha256( utf8(normalised answer) || salt ) || salt )
 *
 * - salt: random, 8 bytes or more (this module draws 16); it follows the 32-byte digest.
 * - normalised answer: `œ`/`æ` expanded (oe, ae, any case), NFD with the combining accents
 *   U+0300-U+036F removed, lower-cased, the typographic apostrophe ’ made ', runs of white
 *   space collapsed to one space, then trimmed. "  Saint-Étienne " and "saint-etienne"
 *   are the same answer; hyphens and other punctuation are kept.
 *
 * This is the format the demo/test directory is generated with. It is a salted fast hash
 * of a low-entropy answer: it must stay readable only by the desk (ACL), which is also why
 * a secret answer is weak evidence, never enough alone (see verification/policy.ts).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { normalizeSecretAnswer } from '../../shared/secret-question';

export { normalizeSecretAnswer } from '../../shared/secret-question';

export const SECRET_ANSWER_SCHEME = '{SSHA256}';
const DIGEST_BYTES = 32;
const MIN_SALT_BYTES = 8;

function digestOf(answer: string, salt: Buffer): Buffer {
  return createHash('sha256').update(normalizeSecretAnswer(answer), 'utf8').update(salt).digest();
}

/** The value to store for `answer`; a fresh random salt unless one is given (tests, fixtures). */
export function hashSecretAnswer(answer: string, salt: Buffer = randomBytes(16)): string {
  if (salt.length < MIN_SALT_BYTES) throw new Error('secret answer salt: 8 bytes or more');
  if (normalizeSecretAnswer(answer) === '') throw new Error('an empty secret answer cannot be stored');
  return SECRET_ANSWER_SCHEME + Buffer.concat([digestOf(answer, salt), salt]).toString('base64');
}

/** Does `answer` match the stored value? false for any malformed or foreign-scheme value. */
export function checkSecretAnswer(answer: string, stored: string | null | undefined): boolean {
  if (!stored || !stored.startsWith(SECRET_ANSWER_SCHEME)) return false;
  const raw = Buffer.from(stored.slice(SECRET_ANSWER_SCHEME.length).trim(), 'base64');
  if (raw.length < DIGEST_BYTES + MIN_SALT_BYTES) return false;
  if (normalizeSecretAnswer(answer) === '') return false;
  const expected = raw.subarray(0, DIGEST_BYTES);
  return timingSafeEqual(digestOf(answer, raw.subarray(DIGEST_BYTES)), expected);
}
