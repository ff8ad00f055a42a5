/**
 * The directory writes of the desk: password resets (RFC 3062 Password Modify extended
 * operation, never a plain modify of userPassword, which would store it in clear), the
 * person's own change on a separate connection, pwdReset, and unlock.
 *
 * A write is sent once, never retried. When its answer does not come (timeout, dropped
 * connection) nobody knows whether the server applied it: `settleUncertain` re-reads the
 * ppolicy state on a fresh connection before anything is said.
 */
import { Attribute, BerWriter, Change, type Client } from 'ldapts';
import type { GuichetConfig } from '../config/schema';
import { GuichetError } from '../../shared/result';
import { bindWithPolicy, closeQuietly, isUnreachable, openFirstAvailable } from './agent-bind';
import { classifyLdapError } from './ldap-errors';

type DirectoryConfig = GuichetConfig['directory'];

export const PASSWORD_MODIFY_OID = '1.3.6.1.4.1.4203.1.11.1';

/** PasswdModifyRequestValue ::= SEQUENCE { userIdentity [0], oldPasswd [1], newPasswd [2] } (all optional). */
export function encodePasswordModify(dn: string, newPassword: string, oldPassword?: string): Buffer {
  const writer = new BerWriter();
  writer.startSequence();
  writer.writeString(dn, 0x80);
  if (oldPassword !== undefined) writer.writeString(oldPassword, 0x81);
  writer.writeString(newPassword, 0x82);
  writer.endSequence();
  return writer.buffer;
}

/** The directory's answer to a write, without its text (which may quote values). */
const resultCodeOf = (error: unknown): number | null => {
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

/** Resets (administrator) or changes (with the old one) a password through the extended operation. */
export async function passwordModify(client: Client, dn: string, newPassword: string, oldPassword?: string): Promise<void> {
  await client.exop(PASSWORD_MODIFY_OID, encodePasswordModify(dn, newPassword, oldPassword));
}

/** "Must change at next login", for a server that did not set it by itself. */
export async function setMustChange(client: Client, dn: string): Promise<void> {
  await client.modify(dn, new Change({ operation: 'replace', modification: new Attribute({ type: 'pwdReset', values: ['TRUE'] }) }));
}

/** Deletes pwdAccountLockedTime; false when there was none (16: already unlocked). */
export async function deleteLock(client: Client, dn: string): Promise<boolean> {
  try {
    await client.modify(dn, new Change({ operation: 'delete', modification: new Attribute({ type: 'pwdAccountLockedTime', values: [] }) }));
    return true;
  } catch (error) {
    if (resultCodeOf(error) === 16) return false;
    throw error;
  }
}

/**
 * The person's own change, on a connection of its own bound as the person with the
 * current (temporary) password: the server then enforces its quality and history rules.
 * The session is closed whatever happens.
 */
export async function changeOwnPassword(directory: DirectoryConfig, dn: string, currentPassword: string, newPassword: string): Promise<void> {
  let client: Client;
  try {
    ({ client } = await openFirstAvailable(directory, (c) => bindWithPolicy(c, dn, currentPassword)));
  } catch (error) {
    // Nothing was sent: the change certainly did not happen.
    const code = classifyLdapError(error);
    if (isUnreachable(code)) throw new NotApplied(code === 'DIRECTORY_TIMEOUT' ? 'DIRECTORY_TIMEOUT' : 'DIRECTORY_UNAVAILABLE');
    throw error;
  }
  try {
    await passwordModify(client, dn, newPassword, currentPassword);
  } finally {
    await closeQuietly(client);
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
