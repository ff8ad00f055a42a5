/**
 * password:reset-generated, password:reset-chosen, account:unlock, account:reveal-login.
 *
 * Each needs a satisfied identity verification for its action, runs under the signed-in
 * agent's own bind (the helpdesk group is the password administrator), is on record as
 * intent -> outcome before and after the directory is touched, then mails the person a
 * notice. Passwords (generated, chosen, temporary) exist only in this process's memory for
 * the time of the call: never logged, recorded or kept; a generated one is returned once.
 */
import type { Client } from 'ldapts';
import type { AuditIntentInput, VerificationMethod } from '../../shared/audit-events';
import type { ChosenPasswordResult, GeneratedPassword, RevealedLogin, UnlockResult } from '../../shared/contract/password';
import { normalizePassword, PASSWORD_RULE_IDS, type PasswordContext, type PasswordRuleId } from '../../shared/password-policy';
import { resolvePasswordProfile } from '../../shared/password-profiles';
import { checkPasswordWithStrength } from '../../shared/password-strength';
import { GuichetError } from '../../shared/result';
import type { SettleInfo } from '../audit/audit-writer';
import { withAudit } from '../audit/with-audit';
import { anyIsDateOfBirth, readPasswordState, type PasswordState, type Subject } from '../directory/identity-check';
import {
  changeOwnPassword,
  deleteLock,
  directoryRefusal,
  NotApplied,
  passwordModify,
  setMustChange,
  settleUncertain,
} from '../directory/password-operations';
import type { Router } from '../router';
import type { Services } from '../services';
import { deskContext, type DeskContext } from '../verification/verification-handlers';
import { birthDateCandidates } from './birth-date-candidates';
import { generatePassword, groupForDisplay } from './generate';

/** What a password must not contain, from what the desk may read (no date of birth: see reset-chosen). */
export function passwordContextOf(subject: Subject): PasswordContext {
  return {
    login: subject.login,
    givenName: subject.givenName,
    familyName: subject.familyName,
    studentIds: [...subject.identifiers.studentId, ...subject.identifiers.ine, ...subject.identifiers.staffId, ...(subject.alias ? [subject.alias] : [])],
  };
}

/** The outcome of a change whose answer never came: did pwdChangedTime move, or pwdReset appear? */
const changedSince = (before: PasswordState, after: PasswordState): boolean =>
  after.pwdChangedTime !== before.pwdChangedTime || (after.pwdReset && !before.pwdReset);

export function setupPassword(router: Router, services: Services): void {
  const { agentDirectory, notifier, verification, config } = services;
  const directory = config.directory;
  const profile = () => resolvePasswordProfile(config.passwordPolicy);

  /**
   * The agent's bound client, used for one write sent once: a read through the connection
   * is retried after a drop, a write must not be (its first attempt may have been applied).
   */
  const agentClient = (): Promise<Client> => agentDirectory.read(async (client) => client);
  /** On a fresh session if the last one was lost (the connection reopens by itself). */
  const reread = (dn: string): Promise<PasswordState> => agentDirectory.read((client) => readPasswordState(client, dn));

  function intentOf(ctx: DeskContext, methods: VerificationMethod[], comment: string | undefined) {
    return { agent: ctx.agentRef, target: ctx.targetRef, evidence: methods, comment: comment?.trim() ? comment.trim() : null };
  }

  /**
   * withAudit, plus: a change that certainly did not happen reads `failure` there and
   * DIRECTORY_TIMEOUT {applied: false} here; one whose answer was lost is read back by the
   * late settler (`recheck`) once the directory is there again.
   */
  async function audited<T>(
    intent: AuditIntentInput,
    action: () => Promise<T>,
    onSuccess: (value: T) => SettleInfo,
    recheck: () => Promise<boolean>,
    onLateSuccess: () => void,
  ): Promise<T> {
    const onSettled = (outcome: string) => {
      if (outcome === 'success') onLateSuccess();
    };
    try {
      return await withAudit(services.audit, intent, action, { onSuccess, lateCheck: { recheck, settler: services.lateSettler, onSettled } });
    } catch (error) {
      if (error instanceof NotApplied) throw error.toGuichetError();
      throw error;
    }
  }

  /**
   * The administrator reset, then pwdReset made sure: with pwdMustChange the server sets it
   * itself; otherwise it is set here, so that the person must change the password.
   */
  async function administratorReset(dn: string, password: string, before: PasswordState): Promise<PasswordState> {
    const client = await agentClient();
    await settleUncertain(
      () => passwordModify(client, dn, password),
      async () => changedSince(before, await reread(dn)),
      () => undefined,
    );
    const after = await reread(dn).catch(() => null);
    if (after?.pwdReset) return after;
    try {
      await setMustChange(await agentClient(), dn);
    } catch (error) {
      throw directoryRefusal(error, { passwordChanged: true, reason: 'must-change-not-set' });
    }
    return { ...(after ?? before), pwdReset: true, locked: false, lockedByAdministrator: false };
  }

  const notify = (ctx: DeskContext, action: 'reset-password' | 'unlock' | 'reveal-login', at: Date) =>
    notifier.notifyPerson({ action, at, addresses: [ctx.subject.personalMail, ctx.subject.mail], agent: ctx.agentRef, target: ctx.targetRef });

  const lockChange = (before: PasswordState, after: PasswordState) =>
    before.locked ? { locked: { before: true, after: after.locked } } : {};

  router.register('password:reset-generated', async ({ dn, comment }): Promise<GeneratedPassword> => {
    const ctx = await deskContext(services, dn);
    const { methods } = verification.require(ctx.verificationSubject, ctx.deskAgent, 'reset-password');
    const password = generatePassword(profile(), { context: passwordContextOf(ctx.subject) });
    const before = ctx.subject.password;
    const details = { delivery: 'shown-at-desk' as const, mustChangeAtNextLogin: true };
    await audited(
      { ...intentOf(ctx, methods, comment), action: 'password-reset', details },
      () => administratorReset(ctx.subject.dn, password, before),
      (after) => ({
        details: { ...details, changes: { mustChangeAtNextLogin: { before: before.pwdReset, after: true }, ...lockChange(before, after) } },
      }),
      async () => changedSince(before, await reread(ctx.subject.dn)),
      // Confirmed later: the person still hears of the reset (never the password, which nobody saw).
      () => void notify(ctx, 'reset-password', services.now()).catch(() => undefined),
    );
    const at = services.now();
    return {
      login: ctx.subject.login,
      password,
      groups: groupForDisplay(password),
      mustChangeAtNextLogin: true,
      changeUrl: config.institution.passwordChangeUrl,
      at: at.toISOString(),
      notification: await notify(ctx, 'reset-password', at),
    };
  });

  /**
   * The rules of the profile, checked here before anything is written. The date of birth
   * cannot be read: every date-looking group of digits of the password is COMPARED with it
   * instead (see birth-date-candidates.ts). Throws POLICY_VIOLATION {reason: 'rules', rules}.
   */
  async function checkChosen(ctx: DeskContext, password: string): Promise<void> {
    const check = await checkPasswordWithStrength(password, passwordContextOf(ctx.subject), profile());
    const failing = new Set<PasswordRuleId>(check.failures.map((r) => r.id));
    if (check.pending) failing.add('strength');
    const candidates = birthDateCandidates(password);
    if (candidates.length > 0 && (await agentDirectory.read((client) => anyIsDateOfBirth(client, ctx.subject.dn, directory, candidates))))
      failing.add('not-birth-date');
    if (failing.size > 0)
      throw new GuichetError('POLICY_VIOLATION', 'the password does not follow the rules', {
        reason: 'rules',
        rules: PASSWORD_RULE_IDS.filter((id) => failing.has(id)),
      });
  }

  router.register('password:reset-chosen', async ({ dn, password, comment }): Promise<ChosenPasswordResult> => {
    const ctx = await deskContext(services, dn);
    const { methods } = verification.require(ctx.verificationSubject, ctx.deskAgent, 'reset-password');
    const chosen = normalizePassword(password);
    await checkChosen(ctx, chosen);
    const temporary = generatePassword(profile(), { context: passwordContextOf(ctx.subject) });
    const before = ctx.subject.password;
    const details = { delivery: 'chosen-by-person' as const, mustChangeAtNextLogin: false };
    await audited(
      { ...intentOf(ctx, methods, comment), action: 'password-reset', details },
      async () => {
        await administratorReset(ctx.subject.dn, temporary, before);
        // The person's own change: the directory enforces its history and quality rules.
        try {
          await settleUncertain(
            () => changeOwnPassword(directory, ctx.subject.dn, temporary, chosen),
            async () => !(await reread(ctx.subject.dn)).pwdReset,
            () => undefined,
          );
        } catch (error) {
          // The account keeps the temporary password nobody knows, and must change it: start over.
          if (error instanceof NotApplied) throw new NotApplied(error.reportAs, { temporaryLeft: true });
          if (error instanceof GuichetError && error.code === 'OUTCOME_UNKNOWN') throw error;
          throw directoryRefusal(error, { temporaryLeft: true });
        }
        return reread(ctx.subject.dn).catch(() => ({ ...before, pwdReset: false, locked: false, lockedByAdministrator: false }));
      },
      (after) => ({
        details: { ...details, changes: { mustChangeAtNextLogin: { before: before.pwdReset, after: after.pwdReset }, ...lockChange(before, after) } },
      }),
      // Done only once the person's own change is in: a temporary password left behind is a failure.
      async () => {
        const after = await reread(ctx.subject.dn);
        return changedSince(before, after) && !after.pwdReset;
      },
      () => void notify(ctx, 'reset-password', services.now()).catch(() => undefined),
    );
    const at = services.now();
    return { login: ctx.subject.login, at: at.toISOString(), notification: await notify(ctx, 'reset-password', at) };
  });

  router.register('account:unlock', async ({ dn, comment }): Promise<UnlockResult> => {
    const ctx = await deskContext(services, dn);
    const { methods } = verification.require(ctx.verificationSubject, ctx.deskAgent, 'unlock');
    const before = ctx.subject.password;
    if (before.lockedByAdministrator && ctx.agent.role !== 'supervisor')
      throw new GuichetError('FORBIDDEN', 'an administrative lock is lifted by a supervisor', { reason: 'administrative-lock' });
    const client = await agentClient();
    const changed = await audited(
      { ...intentOf(ctx, methods, comment), action: 'account-unlock', details: {} },
      () =>
        settleUncertain(
          () => deleteLock(client, ctx.subject.dn),
          async () => !(await reread(ctx.subject.dn)).locked,
          () => before.locked,
        ),
      (unlocked) => ({ details: unlocked ? { changes: { locked: { before: true, after: false } } } : {} }),
      async () => !(await reread(ctx.subject.dn)).locked,
      () => {
        if (before.locked) void notify(ctx, 'unlock', services.now()).catch(() => undefined);
      },
    );
    const at = services.now();
    return {
      at: at.toISOString(),
      previousFailures: before.failures,
      notification: changed ? await notify(ctx, 'unlock', at) : { sentTo: [], failed: false },
    };
  });

  router.register('account:reveal-login', async ({ dn, comment }): Promise<RevealedLogin> => {
    const ctx = await deskContext(services, dn);
    const { methods } = verification.require(ctx.verificationSubject, ctx.deskAgent, 'reveal-login');
    // Shown only once it is on record.
    agentDirectory.audit.record(
      { ...intentOf(ctx, methods, comment), action: 'login-revealed', outcome: 'success', details: { channel: 'screen' } },
      { required: true },
    );
    return {
      login: ctx.subject.login,
      alias: ctx.subject.alias,
      mail: ctx.subject.mail,
      notification: await notify(ctx, 'reveal-login', services.now()),
    };
  });
}
