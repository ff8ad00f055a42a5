/**
 * How the outcome of a directory write is told. A write is sent once, never retried: when
 * its answer does not come (timeout, dropped connection) nobody knows whether the server
 * applied it, and `settleUncertain` reads the entry back before anything is said. A refusal
 * becomes one of the console's closed codes (`directoryRefusal`); a write certainly not
 * applied is a `NotApplied`.
 */
import { GuichetError } from '../../shared/result';
import { classifyLdapError } from './ldap-errors';

/** The directory's answer to a write, without its text (which may quote values). */
export const resultCodeOf = (error: unknown): number | null => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : null;
};

/** The answer never came: the write may or may not have been applied. */
export function isUncertain(error: unknown): boolean {
  if (error instanceof GuichetError) return false;
  const code = classifyLdapError(error);
  return code === 'DIRECTORY_TIMEOUT' || code === 'DIRECTORY_UNAVAILABLE';
}

/**
 * A directory refusal as one of the console's codes, with a detail code the renderer
 * translates: 50 -> FORBIDDEN insufficient-access, 19 -> POLICY_VIOLATION history or
 * directory-policy, 32 -> NOT_FOUND, 49 -> INVALID_CREDENTIALS, others -> DIRECTORY_REFUSED.
 */
export function directoryRefusal(error: unknown, extra: Record<string, unknown> = {}): GuichetError {
  // Never sent (no session could be opened): said as the outage it is.
  if (error instanceof NotApplied) return new GuichetError(error.reportAs, 'the directory is unreachable: the change was not sent', { ...error.details, ...extra });
  if (error instanceof GuichetError)
    return Object.keys(extra).length > 0 ? new GuichetError(error.code, error.message, { ...error.details, ...extra }) : error;
  const resultCode = resultCodeOf(error);
  const message = error instanceof Error ? error.message : '';
  const withCode = (details: Record<string, unknown>) => ({ ...(resultCode !== null ? { resultCode } : {}), ...details, ...extra });
  switch (resultCode) {
    case 50:
      return new GuichetError('FORBIDDEN', 'the directory refused the agent this operation', withCode({ reason: 'insufficient-access' }));
    case 19:
      return /history/i.test(message)
        ? new GuichetError('POLICY_VIOLATION', 'the directory refused a password used recently', withCode({ reason: 'history' }))
        : new GuichetError('POLICY_VIOLATION', "the directory's password policy refused the password", withCode({ reason: 'directory-policy' }));
    case 32:
      return new GuichetError('NOT_FOUND', 'no such account', withCode({ reason: 'no-such-entry' }));
    case 49:
      return new GuichetError('INVALID_CREDENTIALS', 'the directory refused the credentials', withCode({ reason: 'invalid-credentials' }));
    case 53:
      return new GuichetError('DIRECTORY_REFUSED', 'the directory is unwilling to perform the operation', withCode({ reason: 'unwilling' }));
    default: {
      const code = classifyLdapError(error);
      return new GuichetError(code, 'the directory refused the operation', withCode({ reason: code === 'DIRECTORY_TIMEOUT' ? 'timeout' : 'refused' }));
    }
  }
}

/**
 * The write certainly did not happen: a re-read showed it was not applied after its answer
 * never came, or no session could be opened to send it. Recorded `failure` in the audit
 * (its message and name are chosen so that it does not read as a timeout there).
 */
export class NotApplied extends Error {
  constructor(
    readonly reportAs: 'DIRECTORY_TIMEOUT' | 'DIRECTORY_UNAVAILABLE' = 'DIRECTORY_TIMEOUT',
    /** Secret-free details for the agent (e.g. temporaryLeft). */
    readonly details: Record<string, unknown> = {},
  ) {
    super('the directory did not apply the change');
    this.name = 'NotApplied';
  }

  /** What the agent is told: no answer in time (or no server), and that step changed nothing. */
  toGuichetError(): GuichetError {
    return new GuichetError(
      this.reportAs,
      this.reportAs === 'DIRECTORY_TIMEOUT' ? 'no answer from the directory in time: nothing was changed' : 'the directory is unreachable: nothing was changed',
      { applied: false, ...this.details },
    );
  }
}

/**
 * Runs a write once. If its answer never comes, asks `applied()` (a re-read on a fresh
 * connection): true -> the write went through; false -> NotApplied; the re-read fails too
 * -> OUTCOME_UNKNOWN. A refusal becomes a `directoryRefusal`.
 */
export async function settleUncertain<T>(write: () => Promise<T>, applied: () => Promise<boolean>, onApplied: () => T): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof NotApplied) throw error;
    if (!isUncertain(error)) throw directoryRefusal(error);
    let known: boolean;
    try {
      known = await applied();
    } catch {
      throw new GuichetError('OUTCOME_UNKNOWN', 'no answer from the directory, and the result could not be read back', {
        reason: 'timeout',
      });
    }
    if (!known) throw new NotApplied();
    return onApplied();
  }
}
