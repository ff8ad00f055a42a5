/**
 * The password actions of the desk: a generated reset, a reset to a password the person
 * chose, unlock, and the login reminder, plus the chosen-password check the activation
 * shares.
 *
 * Each needs a satisfied identity verification for its action, runs under the signed-in
 * agent's own bind (the helpdesk group is the password administrator), is on record as
 * intent -> outcome before and after the directory is touched, then mails the person a
 * notice. Passwords (generated, chosen, temporary) exist only in this process's memory for
 * the time of the call: never logged, recorded or kept; a generated one is returned once.
 */
import type { AuditIntentInput, VerificationMethod } from '../../shared/audit-events';
import type { ChosenPasswordResult, GeneratedPassword, NotificationReport, RevealedLogin, UnlockResult } from '../../shared/contract/password';
import { normalizePassword, PASSWORD_RULE_IDS, type PasswordContext, type PasswordRuleId } from '../../shared/password-policy';
import { resolvePasswordProfile, type PasswordProfile } from '../../shared/password-profiles';
import { checkPasswordWithStrength } from '../../shared/password-strength';
import { GuichetError } from '../../shared/result';
import type { AuditTrail } from '../audit/audit-trail';
import type { SettleInfo } from '../audit/audit-writer';
import type { GuichetConfig } from '../config/schema';
import { deskIntentBase, noticeAddresses, type DeskContext, type OpenDesk } from '../desk/desk-context';
import type { DirectoryDoor, DirectoryReader } from '../directory/agent-directory';
import { anyIsDateOfBirth, changedSince, readPasswordState, type PasswordState, type Subject } from '../directory/identity-check';
import { changeOwnPassword, deleteLock, passwordModify, setMustChange } from '../directory/password-operations';
import { directoryRefusal, NotApplied, settleUncertain } from '../directory/write-outcome';
import type { Notifier } from '../mail/notifications';
import type { VerificationStore } from '../verification/verification-store';
import type { CheckedNote } from '../desk/desk-note-guard';
import { openVerifiedAction } from '../desk/desk-opening';
import type { DeskNote } from '../../shared/desk-note';
import { birthDateCandidates } from './birth-date-candidates';
import { generatePassword, groupForDisplay } from './generate';

type DirectoryConfig = GuichetConfig['directory'];

/** What a password must not contain, from what the desk may read (no date of birth: see checkChosenPassword). */
export function passwordContextOf(subject: Subject): PasswordContext {
  return {
    login: subject.login,
    givenName: subject.givenName,
    familyName: subject.familyName,
    // Every identifier on record (a dossier number too): none may be part of the password.
    studentIds: [...subject.identifiers.studentId, ...subject.identifiers.ine, ...subject.identifiers.staffId, ...subject.identifiers.dossierNumber, ...(subject.alias ? [subject.alias] : [])],
  };
}

/**
 * The rules of the profile with the person's context, checked before anything is written.
 * The date of birth cannot be read: every date-looking group of digits of the password is
 * COMPARED with it instead (see birth-date-candidates.ts). Returns the normalised password;
 * throws POLICY_VIOLATION {...details, reason: 'rules', rules: [rule ids]}.
 */
export async function checkChosenPassword(
  deps: { directory: DirectoryReader; config: DirectoryConfig; profile: PasswordProfile },
  subject: Subject,
  password: string,
  details: Record<string, unknown> = {},
): Promise<string> {
  const chosen = normalizePassword(password);
  const check = await checkPasswordWithStrength(chosen, passwordContextOf(subject), deps.profile);
  const failing = new Set<PasswordRuleId>(check.failures.map((r) => r.id));
  if (check.pending) failing.add('strength');
  const candidates = birthDateCandidates(chosen);
  if (candidates.length > 0 && (await deps.directory.read((client) => anyIsDateOfBirth(client, subject.dn, deps.config, candidates))))
    failing.add('not-birth-date');
  if (failing.size > 0)
    throw new GuichetError('POLICY_VIOLATION', 'the password does not follow the rules', {
      ...details,
      reason: 'rules',
      rules: PASSWORD_RULE_IDS.filter((id) => failing.has(id)),
    });
  return chosen;
}

export interface PasswordDeps {
  openDesk: OpenDesk;
  verification: Pick<VerificationStore, 'require'>;
  directory: DirectoryDoor;
  trail: Pick<AuditTrail, 'withAudit' | 'record'>;
  notifier: Pick<Notifier, 'notifyPerson'>;
  config: Pick<GuichetConfig, 'directory' | 'passwordPolicy' | 'institution' | 'audit'>;
  now: () => Date;
}

const lockChange = (before: PasswordState, after: PasswordState) => (before.locked ? { locked: { before: true, after: after.locked } } : {});

export class PasswordService {
  constructor(private readonly deps: PasswordDeps) {}

  async resetGenerated(request: { dn: string } & DeskNote): Promise<GeneratedPassword> {
    const { ctx, methods, note } = await this.verified(request, 'reset-generated');
    const password = generatePassword(this.profile(), { context: passwordContextOf(ctx.subject) });
    const before = ctx.subject.password;
    const details = { delivery: 'shown-at-desk' as const, mustChangeAtNextLogin: true, ...note.ticket };
    await this.audited(
      { ...this.intentBase(ctx, methods, note), action: 'password-reset', details },
      () => this.administratorReset(ctx.subject.dn, password, before),
      (after) => ({
        details: { ...details, changes: { mustChangeAtNextLogin: { before: before.pwdReset, after: true }, ...lockChange(before, after) } },
      }),
      async () => changedSince(before, await this.reread(ctx.subject.dn)),
      // Confirmed later: the person still hears of the reset (never the password, which nobody saw).
      () => void this.notify(ctx, 'reset-password', this.deps.now()).catch(() => undefined),
    );
    const at = this.deps.now();
    return {
      login: ctx.subject.login,
      password,
      groups: groupForDisplay(password),
      mustChangeAtNextLogin: true,
      changeUrl: this.deps.config.institution.passwordChangeUrl,
      at: at.toISOString(),
      notification: await this.notify(ctx, 'reset-password', at),
    };
  }

  async resetChosen(request: { dn: string; password: string } & DeskNote): Promise<ChosenPasswordResult> {
    const { ctx, methods, note } = await this.verified(request, 'reset-chosen');
    const { password } = request;
    const { directory, config } = this.deps;
    const chosen = await checkChosenPassword({ directory, config: config.directory, profile: this.profile() }, ctx.subject, password);
    const temporary = generatePassword(this.profile(), { context: passwordContextOf(ctx.subject) });
    const before = ctx.subject.password;
    const details = { delivery: 'chosen-by-person' as const, mustChangeAtNextLogin: false, ...note.ticket };
    await this.audited(
      { ...this.intentBase(ctx, methods, note), action: 'password-reset', details },
      async () => {
        await this.administratorReset(ctx.subject.dn, temporary, before);
        // The person's own change: the directory enforces its history and quality rules.
        try {
          await settleUncertain(
            () => changeOwnPassword(config.directory, ctx.subject.dn, temporary, chosen),
            async () => !(await this.reread(ctx.subject.dn)).pwdReset,
            () => undefined,
          );
        } catch (error) {
          // The account keeps the temporary password nobody knows, and must change it: start over.
          if (error instanceof NotApplied) throw new NotApplied(error.reportAs, { temporaryLeft: true });
          if (error instanceof GuichetError && error.code === 'OUTCOME_UNKNOWN') throw error;
          throw directoryRefusal(error, { temporaryLeft: true });
        }
        return this.reread(ctx.subject.dn).catch(() => ({ ...before, pwdReset: false, locked: false, lockedByAdministrator: false }));
      },
      (after) => ({
        details: { ...details, changes: { mustChangeAtNextLogin: { before: before.pwdReset, after: after.pwdReset }, ...lockChange(before, after) } },
      }),
      // Done only once the person's own change is in: a temporary password left behind is a failure.
      async () => {
        const after = await this.reread(ctx.subject.dn);
        return changedSince(before, after) && !after.pwdReset;
      },
      () => void this.notify(ctx, 'reset-password', this.deps.now()).catch(() => undefined),
    );
    const at = this.deps.now();
    return { login: ctx.subject.login, at: at.toISOString(), notification: await this.notify(ctx, 'reset-password', at) };
  }

  async unlock(request: { dn: string } & DeskNote): Promise<UnlockResult> {
    const { ctx, methods, note } = await this.verified(request, 'unlock');
    const before = ctx.subject.password;
    const unlocked = async () => !(await this.reread(ctx.subject.dn)).locked;
    const changed = await this.audited(
      { ...this.intentBase(ctx, methods, note), action: 'account-unlock', details: { ...note.ticket } },
      () => this.deps.directory.write((client) => deleteLock(client, ctx.subject.dn), { applied: unlocked, onApplied: () => before.locked }),
      (done) => ({ details: done ? { changes: { locked: { before: true, after: false } }, ...note.ticket } : { ...note.ticket } }),
      unlocked,
      () => {
        if (before.locked) void this.notify(ctx, 'unlock', this.deps.now()).catch(() => undefined);
      },
    );
    const at = this.deps.now();
    return {
      at: at.toISOString(),
      previousFailures: before.failures,
      notification: changed ? await this.notify(ctx, 'unlock', at) : { sentTo: [], failed: false, unusable: [] },
    };
  }

  async revealLogin(request: { dn: string } & DeskNote): Promise<RevealedLogin> {
    const { ctx, methods, note } = await this.verified(request, 'reveal-login');
    // Shown only once it is on record.
    this.deps.trail.record(
      { ...this.intentBase(ctx, methods, note), action: 'login-revealed', outcome: 'success', details: { channel: 'screen', ...note.ticket } },
      { required: true },
    );
    return {
      login: ctx.subject.login,
      alias: ctx.subject.alias,
      mail: ctx.subject.mail,
      notification: await this.notify(ctx, 'reveal-login', this.deps.now()),
    };
  }

  // -------------------------------------------------------------------------------------

  private profile(): PasswordProfile {
    return resolvePasswordProfile(this.deps.config.passwordPolicy);
  }

  /** The desk opened, the shared verdict on the action, the agent's note as the configuration asks it: before anything is written. */
  private verified(request: { dn: string } & DeskNote, action: 'reset-generated' | 'reset-chosen' | 'unlock' | 'reveal-login') {
    return openVerifiedAction(this.deps, request, action);
  }

  private intentBase(ctx: DeskContext, methods: VerificationMethod[], note: CheckedNote) {
    return deskIntentBase(ctx, methods, note.comment);
  }

  /** On a fresh session if the last one was lost (the connection reopens by itself). */
  private reread(dn: string): Promise<PasswordState> {
    return this.deps.directory.read((client) => readPasswordState(client, dn));
  }

  private notify(ctx: DeskContext, action: 'reset-password' | 'unlock' | 'reveal-login', at: Date): Promise<NotificationReport> {
    return this.deps.notifier.notifyPerson({ action, at, addresses: noticeAddresses(ctx), agent: ctx.agentRef, target: ctx.targetRef });
  }

  /**
   * withAudit, plus: a change that certainly did not happen reads `failure` there and
   * DIRECTORY_TIMEOUT {applied: false} here; one whose answer was lost is read back by the
   * late settler (`recheck`) once the directory is there again.
   */
  private async audited<T>(
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
      return await this.deps.trail.withAudit(intent, action, { onSuccess, lateCheck: { recheck, onSettled } });
    } catch (error) {
      if (error instanceof NotApplied) throw error.toGuichetError();
      throw error;
    }
  }

  /**
   * The administrator reset, then pwdReset made sure: with pwdMustChange the server sets it
   * itself; otherwise it is set here, so that the person must change the password.
   */
  private async administratorReset(dn: string, password: string, before: PasswordState): Promise<PasswordState> {
    const { directory } = this.deps;
    await directory.write((client) => passwordModify(client, dn, password), {
      applied: async () => changedSince(before, await this.reread(dn)),
      onApplied: () => undefined,
    });
    const after = await this.reread(dn).catch(() => null);
    if (after?.pwdReset) return after;
    try {
      await directory.write((client) => setMustChange(client, dn));
    } catch (error) {
      throw directoryRefusal(error, { passwordChanged: true, reason: 'must-change-not-set' });
    }
    return { ...(after ?? before), pwdReset: true, locked: false, lockedByAdministrator: false };
  }
}
