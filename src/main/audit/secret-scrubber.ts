/** Refuses any audit detail whose key names a secret, at any depth, before anything is written. */
import { GuichetError } from '../../shared/result';

/**
 * Second line of defence behind the strict detail schemas: a key whose name says it holds
 * a secret (password, one-time code, secret answer, date of birth...) is refused, at any
 * depth, before anything reaches the database. Refused, not stripped: a caller that tries
 * is a bug to fix, and the operation must not go ahead unrecorded.
 */
const FORBIDDEN_KEY =
  /pass(word|wd|phrase)?|pwd|mot.?de.?passe|mdp|secret|answer|r[ée]ponse|otp|one.?time|code|^pin$|token|birth|naissance|^dob$|ddn/i;

export function findForbiddenKey(value: unknown, path = 'details', depth = 0): string | null {
  if (depth > 16 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findForbiddenKey(item, `${path}[${index}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    if (FORBIDDEN_KEY.test(key)) return `${path}.${key}`;
    const found = findForbiddenKey(item, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Throws when `details` carries a key for a secret. The message names the key, never its value. */
export function assertNoSecrets(details: unknown): void {
  const found = findForbiddenKey(details);
  if (found) throw new GuichetError('INTERNAL', `audit event refused: forbidden key ${found}`);
}
