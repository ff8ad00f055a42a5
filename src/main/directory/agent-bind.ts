/**
 * Opening a directory session on the first URL that answers (failover), and binding on it
 * with the password policy control, which alone tells a locked account from a wrong password.
 */
import { PasswordPolicyControl, PasswordPolicyError, type Client } from 'ldapts';
import type { GuichetConfig } from '../config/schema';
import { GuichetError, type ErrorCode } from '../../shared/result';
import { openSession } from './client-factory';
import { classifyLdapError } from './ldap-errors';

type DirectoryConfig = GuichetConfig['directory'];

export interface OpenedSession {
  client: Client;
  url: string;
}

/** Codes meaning "nobody answered": the next URL is tried, and offline sign-in may follow. */
export const isUnreachable = (code: ErrorCode): boolean => code === 'DIRECTORY_UNAVAILABLE' || code === 'DIRECTORY_TIMEOUT';

/**
 * Connects (with TLS / StartTLS as configured) to the first URL that answers, tried in order.
 * A server that answers with a certificate we refuse is skipped too, but that refusal wins
 * over "unavailable" in the final error: it is a configuration or security problem, not an outage.
 */
export async function openFirstAvailable(directory: DirectoryConfig): Promise<OpenedSession> {
  let worst: ErrorCode | null = null;
  let message = 'no directory server answered';
  for (const url of directory.urls) {
    try {
      return { client: await openSession(url, directory), url };
    } catch (error) {
      const code = classifyLdapError(error);
      // The transport guard refuses before any connection: the same answer for every URL.
      if (error instanceof GuichetError && error.code === 'DIRECTORY_REFUSED') throw error;
      if (worst === null || (isUnreachable(worst) && !isUnreachable(code)) || (worst === 'DIRECTORY_UNAVAILABLE' && code === 'DIRECTORY_TIMEOUT'))
        worst = code;
      if (!isUnreachable(code)) message = 'the directory server was refused (certificate or protocol)';
    }
  }
  throw new GuichetError(worst ?? 'DIRECTORY_UNAVAILABLE', message);
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
    const code = classifyLdapError(error);
    if (code === 'INVALID_CREDENTIALS') {
      if (control.value?.error === PasswordPolicyError.AccountLocked) throw new GuichetError('ACCOUNT_LOCKED', 'the account is locked');
      throw new GuichetError('INVALID_CREDENTIALS', 'invalid credentials');
    }
    throw new GuichetError(code, 'the directory refused the sign-in');
  }
  const policyError = control.value?.error;
  if (policyError === PasswordPolicyError.ChangeAfterReset || policyError === PasswordPolicyError.PasswordExpired) return 'must-change';
  return 'ok';
}

export async function closeQuietly(client: Client | null | undefined): Promise<void> {
  if (!client) return;
  await client.unbind().catch(() => undefined);
}
