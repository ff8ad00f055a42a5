/**
 * Opening a directory session on the first URL that answers (failover), and binding on it
 * with the password policy control, which alone tells a locked account from a wrong password.
 */
import { PasswordPolicyControl, PasswordPolicyError, type Client } from 'ldapts';
import type { GuichetConfig } from '../config/schema';
import { GuichetError, type ErrorCode } from '../../shared/result';
import { isConnectionOpen, openSession } from './client-factory';
import { classifyLdapError } from './ldap-errors';

type DirectoryConfig = GuichetConfig['directory'];

export interface OpenedSession<T> {
  client: Client;
  url: string;
  /** What the first operation answered. */
  value: T;
}

/** Codes meaning "nobody answered": the next URL is tried, and offline sign-in may follow. */
export const isUnreachable = (code: ErrorCode): boolean => code === 'DIRECTORY_UNAVAILABLE' || code === 'DIRECTORY_TIMEOUT';

const RANK: Partial<Record<ErrorCode, number>> = { DIRECTORY_UNAVAILABLE: 1, DIRECTORY_TIMEOUT: 2, DIRECTORY_REFUSED: 3 };

/**
 * Opens a session on the first URL that answers, tried in order (failover): connect, TLS or
 * StartTLS as configured, then `firstOperation` (a bind, or the first search): ldapts only
 * connects on the first operation, so that is where an unreachable server shows.
 * A server that answers with a certificate we refuse is skipped too, but that refusal wins
 * over "unavailable" in the final error: it is a configuration or security problem, not an
 * outage. Any other failure of the first operation (e.g. a wrong password) ends the attempt.
 */
export async function openFirstAvailable<T>(
  directory: DirectoryConfig,
  firstOperation: (client: Client) => Promise<T>,
): Promise<OpenedSession<T>> {
  let worst: ErrorCode | null = null;
  for (const url of directory.urls) {
    let client: Client | null = null;
    try {
      client = await openSession(url, directory);
      const value = await firstOperation(client);
      return { client, url, value };
    } catch (error) {
      await closeQuietly(client);
      // Decided answers (wrong password, locked, refused configuration) end the attempt.
      if (error instanceof GuichetError && !isUnreachable(error.code)) throw error;
      const code = classifyLdapError(error);
      if (!isUnreachable(code) && code !== 'DIRECTORY_REFUSED') throw new GuichetError(code, 'the directory refused the operation');
      if (worst === null || RANK[code]! > RANK[worst]!) worst = code;
    }
  }
  throw new GuichetError(
    worst ?? 'DIRECTORY_UNAVAILABLE',
    worst === 'DIRECTORY_REFUSED' ? 'the directory server was refused (certificate or protocol)' : 'no directory server answered',
  );
}

export type BindOutcome = 'ok' | 'must-change';

/**
 * Binds as `dn`. A refused bind says INVALID_CREDENTIALS whatever the cause, except a locked
 * account: the server answers 49 for the right password too, and only the ppolicy control's
 * accountLocked(1) tells.
 */
export async function bindWithPolicy(client: Client, dn: string, password: string): Promise<BindOutcome> {
  const control = new PasswordPolicyControl();
  try {
    await client.bind(dn, password, control);
  } catch (error) {
    if (classifyLdapError(error) === 'INVALID_CREDENTIALS') {
      if (control.value?.error === PasswordPolicyError.AccountLocked) throw new GuichetError('ACCOUNT_LOCKED', 'the account is locked');
      throw new GuichetError('INVALID_CREDENTIALS', 'invalid credentials');
    }
    // Transport failures stay raw: openFirstAvailable tells an outage from a refusal.
    throw error;
  }
  const policyError = control.value?.error;
  if (policyError === PasswordPolicyError.ChangeAfterReset || policyError === PasswordPolicyError.PasswordExpired) return 'must-change';
  return 'ok';
}

/**
 * Unbinds and closes. On a connection already gone the unbind is not awaited: ldapts would
 * wait for the operation timeout before giving up on it.
 */
export async function closeQuietly(client: Client | null | undefined): Promise<void> {
  if (!client) return;
  const closing = client.unbind().catch(() => undefined);
  if (isConnectionOpen(client)) await closing;
}
