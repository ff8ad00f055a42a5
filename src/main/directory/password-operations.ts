/**
 * The password writes of the desk: resets (RFC 3062 Password Modify extended operation,
 * never a plain modify of userPassword, which would store it in clear), the person's own
 * change on a separate connection, pwdReset, and unlock. The agent's writes are handed a
 * WritableClient by AgentDirectory.write, which sends them once (see write-outcome.ts).
 */
import { Attribute, BerWriter, Change, type Client } from 'ldapts';
import type { GuichetConfig } from '../config/schema';
import { bindWithPolicy, closeQuietly, isUnreachable, openFirstAvailable } from './agent-bind';
import type { WritableClient } from './client-access';
import { classifyLdapError } from './ldap-errors';
import { NotApplied, resultCodeOf } from './write-outcome';

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

/** Resets (administrator) or changes (with the old one) a password through the extended operation. */
export async function passwordModify(client: Pick<Client, 'exop'>, dn: string, newPassword: string, oldPassword?: string): Promise<void> {
  await client.exop(PASSWORD_MODIFY_OID, encodePasswordModify(dn, newPassword, oldPassword));
}

/** "Must change at next login", for a server that did not set it by itself. */
export async function setMustChange(client: WritableClient, dn: string): Promise<void> {
  await client.modify(dn, new Change({ operation: 'replace', modification: new Attribute({ type: 'pwdReset', values: ['TRUE'] }) }));
}

/** Deletes pwdAccountLockedTime; false when there was none (16: already unlocked). */
export async function deleteLock(client: WritableClient, dn: string): Promise<boolean> {
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
