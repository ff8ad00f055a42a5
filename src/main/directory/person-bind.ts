/**
 * The person's own sign-in at the desk, as identity evidence: a bind as them on a
 * connection of its own (never the agent's), closed at once. What they typed (password,
 * and the current code appended when they have an authenticator: slapd's otp overlay
 * reads it so) is passed to the bind and nowhere else.
 */
import type { GuichetConfig } from '../config/schema';
import { bindWithPolicy, closeQuietly, openFirstAvailable } from './agent-bind';

/**
 * Resolves when the directory accepts the credentials (a password to change after a reset
 * still proves them); INVALID_CREDENTIALS, ACCOUNT_LOCKED or an outage code otherwise.
 */
export async function bindAsPerson(directory: GuichetConfig['directory'], dn: string, credentials: string): Promise<void> {
  const { client } = await openFirstAvailable(directory, (c) => bindWithPolicy(c, dn, credentials));
  await closeQuietly(client);
}
