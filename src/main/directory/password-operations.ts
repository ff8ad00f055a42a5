/**
 * The password writes of the desk: resets (RFC 3062 Password Modify extended operation,
 * never a plain modify of userPassword, which would store it in clear), the person's own
 * change on a separate connection, pwdReset, and unlock. The agent's writes are handed a
 * WritableClient by AgentDirectory.write, which sends them once (see write-outcome.ts).
 */
import { Attribute, BerWriter, Change, PasswordPolicyControl, PasswordPolicyError, type Client } from 'ldapts';
import { GuichetError } from '../../shared/result';
import type { GuichetConfig } from '../config/schema';
import { bindWithPolicy, closeQuietly, isUnreachable, openFirstAvailable } from './agent-bind';
import type { WritableClient } from './client-access';
import { classifyLdapError } from './ldap-errors';
import { directoryRefusal, isUncertain, NotApplied, resultCodeOf } from './write-outcome';

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
 * A ppolicy refusal of the person's own change, by the control's error (the server's text
 * when it sent none): `reason` as directoryRefusal says it (history, directory-policy), and
 * which rule in `policy`, for the message next to the field.
 */
type PolicyRefusal = { code: 'POLICY_VIOLATION' | 'FORBIDDEN'; reason: string; policy: string; message: string };
const POLICY_REFUSALS: Readonly<Record<number, PolicyRefusal>> = {
  [PasswordPolicyError.PasswordInHistory]: { code: 'POLICY_VIOLATION', reason: 'history', policy: 'in-history', message: 'the directory refused a password used recently' },
  [PasswordPolicyError.PasswordTooShort]: { code: 'POLICY_VIOLATION', reason: 'directory-policy', policy: 'too-short', message: "the directory's password policy finds the password too short" },
  [PasswordPolicyError.InsufficientPasswordQuality]: { code: 'POLICY_VIOLATION', reason: 'directory-policy', policy: 'quality', message: "the directory's password policy finds the password too weak" },
  [PasswordPolicyError.PasswordTooYoung]: { code: 'POLICY_VIOLATION', reason: 'directory-policy', policy: 'too-young', message: 'the password was changed too recently to be changed again' },
  [PasswordPolicyError.MustSupplyOldPassword]: { code: 'POLICY_VIOLATION', reason: 'directory-policy', policy: 'old-password-required', message: 'the directory asks for the current password' },
  [PasswordPolicyError.PasswordModNotAllowed]: { code: 'FORBIDDEN', reason: 'user-change-not-allowed', policy: 'user-change-not-allowed', message: "the directory's policy does not let people change their own password" },
};
const POLICY_TEXTS: ReadonlyArray<[RegExp, number]> = [
  [/history/i, PasswordPolicyError.PasswordInHistory],
  [/too short/i, PasswordPolicyError.PasswordTooShort],
  [/quality/i, PasswordPolicyError.InsufficientPasswordQuality],
  [/too young/i, PasswordPolicyError.PasswordTooYoung],
  [/alteration of password is not allowed/i, PasswordPolicyError.PasswordModNotAllowed],
];

/** The refusal of an own change as a console code (see POLICY_REFUSALS); anything else as directoryRefusal says it. */
export function ownChangeRefusal(error: unknown, policyError: number | undefined): GuichetError {
  const text = error instanceof Error ? error.message : '';
  const known = policyError !== undefined && POLICY_REFUSALS[policyError] ? policyError : POLICY_TEXTS.find(([pattern]) => pattern.test(text))?.[1];
  if (known === undefined) return directoryRefusal(error);
  const resultCode = resultCodeOf(error);
  const { code, reason, policy, message } = POLICY_REFUSALS[known]!;
  return new GuichetError(code, message, { reason, policy, ...(resultCode !== null ? { resultCode } : {}) });
}

/**
 * The person's own change, on a connection of its own bound as the person (with
 * `bindCredentials`: the current password, and the current code appended when they have an
 * authenticator), so that the server enforces its quality and history rules, with the
 * password policy control so that its refusal can be told. The request's bytes are zeroed
 * once sent. The session is closed whatever happens; an answer that never came is thrown
 * raw (the caller reads back), a refusal as a GuichetError (see ownChangeRefusal).
 */
export async function changeOwnPassword(directory: DirectoryConfig, dn: string, currentPassword: string, newPassword: string, bindCredentials = currentPassword): Promise<void> {
  let client: Client;
  try {
    ({ client } = await openFirstAvailable(directory, (c) => bindWithPolicy(c, dn, bindCredentials)));
  } catch (error) {
    // Nothing was sent: the change certainly did not happen.
    const code = classifyLdapError(error);
    if (isUnreachable(code)) throw new NotApplied(code === 'DIRECTORY_TIMEOUT' ? 'DIRECTORY_TIMEOUT' : 'DIRECTORY_UNAVAILABLE');
    throw error;
  }
  const control = new PasswordPolicyControl();
  const oldBytes = Buffer.from(currentPassword, 'utf8');
  const newBytes = Buffer.from(newPassword, 'utf8');
  let value: Buffer | null = null;
  try {
    value = encodePasswordModifyBytes(dn, newBytes, oldBytes);
    await client.exop(PASSWORD_MODIFY_OID, value, control);
  } catch (error) {
    if (isUncertain(error)) throw error;
    throw ownChangeRefusal(error, control.value?.error);
  } finally {
    value?.fill(0);
    oldBytes.fill(0);
    newBytes.fill(0);
    await closeQuietly(client);
  }
}

/** encodePasswordModify's value, from bytes: the caller zeroes them and the value (a view of the writer's own buffer). */
function encodePasswordModifyBytes(dn: string, newPassword: Buffer, oldPassword: Buffer): Buffer {
  // Sized up front: a writer that grows leaves copies of the passwords in the buffers it dropped.
  const writer = new BerWriter({ size: Buffer.byteLength(dn) + newPassword.length + oldPassword.length + 32 });
  writer.startSequence();
  writer.writeString(dn, 0x80);
  writer.writeBuffer(oldPassword, 0x81);
  writer.writeBuffer(newPassword, 0x82);
  writer.endSequence();
  return writer.buffer;
}
