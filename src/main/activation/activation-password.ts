/**
 * Step 2 of an activation: the person's chosen password, set so that the DIRECTORY checks
 * it as the person's own change (quality, length, history):
 *   a. the agent, password administrator, sets a random temporary password (RFC 3062
 *      Password Modify: never a plain modify, which would store it in clear);
 *   b. the person changes it, on a connection of its own bound with the temporary one.
 * Built from the operations of directory/password-operations.ts (shared with the desk
 * reset), sent through the directory's write path. The temporary password lives in this
 * call's memory only.
 *
 * If (b) is refused or certainly not applied, an account that had no password before gets
 * none again (userPassword and pwdReset deleted): a never-activated account keeps no
 * password nobody knows, and stays offered for activation. The rule check of the console
 * (profile + strength + date of birth compared on the directory side) is the password
 * service's `checkChosenPassword`, run before anything is written.
 */
import { Attribute, Change } from 'ldapts';
import { resolvePasswordProfile } from '../../shared/password-profiles';
import { GuichetError } from '../../shared/result';
import type { GuichetConfig } from '../config/schema';
import { bindWithPolicy, closeQuietly, openFirstAvailable } from '../directory/agent-bind';
import type { DirectoryDoor } from '../directory/agent-directory';
import { changedSince, readPasswordState, type PasswordState, type Subject } from '../directory/identity-check';
import { changeOwnPassword, passwordModify } from '../directory/password-operations';
import { directoryRefusal, NotApplied, settleUncertain } from '../directory/write-outcome';
import type { Logger } from '../logger';
import { generatePassword } from '../password/generate';
import { passwordContextOf } from '../password/password-service';

export interface ActivationPasswordDeps {
  directory: DirectoryDoor;
  config: Pick<GuichetConfig, 'directory' | 'passwordPolicy'>;
  logger: Logger;
}

/** Can `dn` bind with `password`? (settles a change whose answer never came) */
async function canBind(directory: GuichetConfig['directory'], dn: string, password: string): Promise<boolean> {
  try {
    const { client } = await openFirstAvailable(directory, (c) => bindWithPolicy(c, dn, password));
    await closeQuietly(client);
    return true;
  } catch (error) {
    if (error instanceof GuichetError && error.code === 'INVALID_CREDENTIALS') return false;
    throw error;
  }
}

/** Sets the person's chosen (already checked) password. Directory refusals come back with `step: 'password'`. */
export async function setChosenPassword(deps: ActivationPasswordDeps, dn: string, chosen: string, subject: Subject): Promise<void> {
  const { directory, config } = deps;
  const reread = (): Promise<PasswordState> => directory.read((client) => readPasswordState(client, dn));
  const before = await reread();
  // A retry after step 3 failed: the person's password is already the chosen one (a new
  // change would be refused by the history rule, and leave a temporary one nobody knows).
  if (before.pwdChangedTime !== null && !before.pwdReset && (await canBind(config.directory, dn, chosen).catch(() => false))) return;
  const temporary = generatePassword(resolvePasswordProfile(config.passwordPolicy), { context: passwordContextOf(subject) });

  await directory.write((client) => passwordModify(client, dn, temporary), {
    applied: async () => changedSince(before, await reread()),
    onApplied: () => undefined,
  });
  try {
    await settleUncertain(
      () => changeOwnPassword(config.directory, dn, temporary, chosen),
      () => canBind(config.directory, dn, chosen),
      () => undefined,
    );
  } catch (error) {
    if (error instanceof GuichetError && error.code === 'OUTCOME_UNKNOWN') throw error;
    const withdrawn = before.pwdChangedTime === null ? await withdrawTemporary(deps, dn) : false;
    // NotApplied goes on as it is: the trail records a failure, the caller tells "nothing changed".
    if (error instanceof NotApplied) throw error;
    throw directoryRefusal(error, { temporaryLeft: !withdrawn });
  }
}

/** Back to "no password": deletes the temporary one and its pwdReset. false when that fails (it is logged). */
async function withdrawTemporary(deps: ActivationPasswordDeps, dn: string): Promise<boolean> {
  const { directory } = deps;
  try {
    const drop = (type: string) => new Change({ operation: 'delete', modification: new Attribute({ type, values: [] }) });
    await directory.write((client) => client.modify(dn, drop('userPassword')));
    // ppolicy sets pwdReset again on an administrator's change of userPassword, deletion included: a second modify.
    if ((await directory.read((client) => readPasswordState(client, dn))).pwdReset) await directory.write((client) => client.modify(dn, drop('pwdReset')));
    return true;
  } catch {
    deps.logger.log({ level: 'warn', event: 'activation', code: 'DIRECTORY_REFUSED', note: 'temporary password left' });
    return false;
  }
}
