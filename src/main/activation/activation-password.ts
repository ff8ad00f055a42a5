/**
 * Step 2 of an activation: the person's chosen password, set so that the DIRECTORY checks
 * it as the person's own change (quality, length, history):
 *   a. the agent, password administrator, sets a random temporary password (RFC 3062
 *      Password Modify: never a plain modify, which would store it in clear);
 *   b. the person changes it, on a connection of its own bound with the temporary one.
 * Built from the operations of directory/password-operations.ts (shared with the desk
 * reset). The temporary password lives in this call's memory only.
 *
 * If (b) is refused or certainly not applied, an account that had no password before gets
 * none again (userPassword and pwdReset deleted): a never-activated account keeps no
 * password nobody knows, and stays offered for activation. The rule check of the console
 * (profile + strength + date of birth compared on the directory side) is `checkChosen`,
 * run before anything is written.
 */
import { Attribute, Change, type Client } from 'ldapts';
import { normalizePassword, PASSWORD_RULE_IDS, type PasswordRuleId } from '../../shared/password-policy';
import { resolvePasswordProfile } from '../../shared/password-profiles';
import { checkPasswordWithStrength } from '../../shared/password-strength';
import { GuichetError } from '../../shared/result';
import { bindWithPolicy, closeQuietly, openFirstAvailable } from '../directory/agent-bind';
import { anyIsDateOfBirth, readPasswordState, type PasswordState, type Subject } from '../directory/identity-check';
import { changeOwnPassword, directoryRefusal, NotApplied, passwordModify, settleUncertain } from '../directory/password-operations';
import { birthDateCandidates } from '../password/birth-date-candidates';
import { generatePassword } from '../password/generate';
import { passwordContextOf } from '../password/password-handlers';
import type { Services } from '../services';

/**
 * The console's rules with the person's context, before anything is written. Throws
 * POLICY_VIOLATION {step: 'password', reason: 'rules', rules: [rule ids]}.
 */
export async function checkChosen(services: Services, subject: Subject, password: string): Promise<string> {
  const chosen = normalizePassword(password);
  const profile = resolvePasswordProfile(services.config.passwordPolicy);
  const check = await checkPasswordWithStrength(chosen, passwordContextOf(subject), profile);
  const failing = new Set<PasswordRuleId>(check.failures.map((r) => r.id));
  if (check.pending) failing.add('strength');
  const candidates = birthDateCandidates(chosen);
  if (
    candidates.length > 0 &&
    (await services.agentDirectory.read((client) => anyIsDateOfBirth(client, subject.dn, services.config.directory, candidates)))
  )
    failing.add('not-birth-date');
  if (failing.size > 0)
    throw new GuichetError('POLICY_VIOLATION', 'the password does not follow the rules', {
      step: 'password',
      reason: 'rules',
      rules: PASSWORD_RULE_IDS.filter((id) => failing.has(id)),
    });
  return chosen;
}

/** Can `dn` bind with `password`? (settles a change whose answer never came) */
async function canBind(services: Services, dn: string, password: string): Promise<boolean> {
  try {
    const { client } = await openFirstAvailable(services.config.directory, (c) => bindWithPolicy(c, dn, password));
    await closeQuietly(client);
    return true;
  } catch (error) {
    if (error instanceof GuichetError && error.code === 'INVALID_CREDENTIALS') return false;
    throw error;
  }
}

const changedSince = (before: PasswordState, after: PasswordState): boolean =>
  after.pwdChangedTime !== before.pwdChangedTime || (after.pwdReset && !before.pwdReset);

/** Sets the person's chosen (already checked) password. Directory refusals come back with `step: 'password'`. */
export async function setChosenPassword(services: Services, dn: string, chosen: string, subject: Subject): Promise<void> {
  const { agentDirectory, config } = services;
  const reread = (): Promise<PasswordState> => agentDirectory.read((client) => readPasswordState(client, dn));
  // One write sent once on the bound client: a read through the connection would be retried after a drop.
  const agentClient = (): Promise<Client> => agentDirectory.read(async (client) => client);
  const before = await reread();
  // A retry after step 3 failed: the person's password is already the chosen one (a new
  // change would be refused by the history rule, and leave a temporary one nobody knows).
  if (before.pwdChangedTime !== null && !before.pwdReset && (await canBind(services, dn, chosen).catch(() => false))) return;
  const temporary = generatePassword(resolvePasswordProfile(config.passwordPolicy), { context: passwordContextOf(subject) });

  const client = await agentClient();
  await settleUncertain(
    () => passwordModify(client, dn, temporary),
    async () => changedSince(before, await reread()),
    () => undefined,
  );
  try {
    await settleUncertain(
      () => changeOwnPassword(config.directory, dn, temporary, chosen),
      () => canBind(services, dn, chosen),
      () => undefined,
    );
  } catch (error) {
    if (error instanceof GuichetError && error.code === 'OUTCOME_UNKNOWN') throw error;
    const withdrawn = before.pwdChangedTime === null ? await withdrawTemporary(services, dn) : false;
    // NotApplied goes on as it is: the trail records a failure, the caller tells "nothing changed".
    if (error instanceof NotApplied) throw error;
    throw directoryRefusal(error, { temporaryLeft: !withdrawn });
  }
}

/** Back to "no password": deletes the temporary one and its pwdReset. false when that fails (it is logged). */
async function withdrawTemporary(services: Services, dn: string): Promise<boolean> {
  try {
    const drop = (type: string) => new Change({ operation: 'delete', modification: new Attribute({ type, values: [] }) });
    await (await services.agentDirectory.read(async (c) => c)).modify(dn, drop('userPassword'));
    // ppolicy sets pwdReset again on an administrator's change of userPassword, deletion included: a second modify.
    if ((await services.agentDirectory.read((c) => readPasswordState(c, dn))).pwdReset)
      await (await services.agentDirectory.read(async (c) => c)).modify(dn, drop('pwdReset'));
    return true;
  } catch {
    services.logger.log({ level: 'warn', event: 'activation', code: 'DIRECTORY_REFUSED', note: 'temporary password left' });
    return false;
  }
}
