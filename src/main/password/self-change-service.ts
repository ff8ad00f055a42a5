/**
 * The person changes their own password at the desk by typing the current one (UBP's
 * "Personnalisez votre mot de passe"), where the institution offers it (selfChange.enabled).
 *
 * No identity check is asked: the current password is the proof, and the directory checks
 * it by binding as the person on a connection of its own (with the current code appended
 * when they have an authenticator, as at their sign-in). The change is then made under that
 * bind, so the directory's own quality and history rules apply. A wrong current password
 * counts like a failed sign-in of the person: in the desk's throttle (shared with the
 * sign-in evidence) and in the directory's lockout. On record as intent -> outcome; the
 * person is told by mail. Neither password is logged, recorded, returned or kept.
 */
import type { NotificationReport, SelfChangeResult } from '../../shared/contract/password';
import { normalizePassword } from '../../shared/password-policy';
import { resolvePasswordProfile } from '../../shared/password-profiles';
import { GuichetError } from '../../shared/result';
import { selfChangeVerdict } from '../../shared/self-change';
import type { AuditTrail } from '../audit/audit-trail';
import type { GuichetConfig } from '../config/schema';
import { deskIntentBase, noticeAddresses, type DeskContext, type OpenDesk } from '../desk/desk-context';
import type { DirectoryReader } from '../directory/agent-directory';
import { changedSince, readPasswordState, type PasswordState } from '../directory/identity-check';
import { changeOwnPassword } from '../directory/password-operations';
import { NotApplied, settleUncertain } from '../directory/write-outcome';
import type { Notifier } from '../mail/notifications';
import { readTokenState } from '../second-factor/token-entry';
import type { VerificationStore } from '../verification/verification-store';
import { checkChosenPassword } from './password-service';
import { deskNoteRules, type CheckedNote } from '../desk/desk-note-guard';
import { openDeskAction } from '../desk/desk-opening';
import { DESK_NOTE_ACTIONS, type DeskNote } from '../../shared/desk-note';

export interface SelfChangeRequest extends DeskNote {
  dn: string;
  currentPassword: string;
  newPassword: string;
  /** The authenticator's current code, when the person has one. */
  code?: string | undefined;
}

export interface SelfChangeDeps {
  openDesk: OpenDesk;
  /** The throttle the person's sign-in evidence uses: a wrong current password is one more failed try. */
  throttle: Pick<VerificationStore, 'blockedUntil' | 'recordFailure' | 'clearFailures'>;
  directory: DirectoryReader;
  trail: Pick<AuditTrail, 'withAudit' | 'record'>;
  notifier: Pick<Notifier, 'notifyPerson'>;
  config: Pick<GuichetConfig, 'directory' | 'passwordPolicy' | 'selfChange' | 'audit'>;
  now: () => Date;
}

const WRONG_CURRENT = new Set(['INVALID_CREDENTIALS', 'ACCOUNT_LOCKED']);

export class SelfChangeService {
  constructor(private readonly deps: SelfChangeDeps) {}

  async change(request: SelfChangeRequest): Promise<SelfChangeResult> {
    const { config, throttle, directory } = this.deps;
    // The agent's note as the configuration asks it, before anything is tried under the person's bind.
    const { ctx, note } = await openDeskAction({ openDesk: this.deps.openDesk, noteRules: deskNoteRules(config.audit) }, request, DESK_NOTE_ACTIONS['self-change']);
    const { subject } = ctx;
    const token = await directory.read((client) => readTokenState(client, subject.dn, config.directory.attributes));
    const withCode = token.status.kind === 'totp';
    const method = withCode ? 'person-sign-in-with-code' : 'person-sign-in';
    const blocked = throttle.blockedUntil(ctx.verificationSubject, 'person-sign-in');
    const verdict = selfChangeVerdict(subject.account, { configured: config.selfChange.enabled, blockedUntil: blocked?.toISOString() ?? null }, this.deps.now().getTime());
    if (verdict.problem === 'not-offered') throw new GuichetError('FORBIDDEN', 'this institution does not offer the change with the current password', { reason: 'self-change-off' });
    if (verdict.problem === 'account-locked') throw new GuichetError('ACCOUNT_LOCKED', 'the account is locked: the person cannot sign in', { reason: 'person-locked' });
    if (verdict.problem === 'blocked') {
      this.deps.trail.record({ ...this.intentBase(ctx, method, note), action: 'password-change', outcome: 'denied', details: { proof: 'current-password', ...note.ticket } }, { required: true });
      throw new GuichetError('THROTTLED', 'too many failed attempts for this account: try again later', { method: 'person-sign-in', until: verdict.blockedUntil });
    }
    if (verdict.problem) throw new GuichetError('ACCOUNT_STATE', "the account's state does not allow this action", { action: 'self-change', reason: verdict.problem });
    if (withCode && !request.code) throw new GuichetError('INVALID_REQUEST', 'the person has an authenticator: the current code is needed', { reason: 'code-required', field: 'code' });

    // The console's rules first (nothing is sent for a password they refuse), then the directory's own.
    const profile = resolvePasswordProfile(config.passwordPolicy);
    const chosen = await checkChosenPassword({ directory, config: config.directory, profile }, subject, request.newPassword, { field: 'newPassword' });
    if (chosen === normalizePassword(request.currentPassword))
      throw new GuichetError('POLICY_VIOLATION', 'the new password is the current one', { reason: 'same-as-current', field: 'newPassword' });

    const before = subject.password;
    const credentials = withCode ? `${request.currentPassword}${request.code}` : request.currentPassword;
    const reread = () => directory.read((client) => readPasswordState(client, subject.dn));
    const changed = async () => changedSince(before, await reread());
    try {
      await this.deps.trail.withAudit(
        { ...this.intentBase(ctx, method, note), action: 'password-change', details: { proof: 'current-password', ...note.ticket } },
        () => this.changeAsPerson(ctx, before, credentials, request.currentPassword, chosen, changed),
        {
          onSuccess: (after) => ({
            details: { proof: 'current-password', ...note.ticket, ...(before.pwdReset ? { changes: { mustChangeAtNextLogin: { before: true, after: after.pwdReset } } } : {}) },
          }),
          lateCheck: { recheck: changed, onSettled: (outcome) => void (outcome === 'success' && this.notify(ctx, this.deps.now()).catch(() => undefined)) },
        },
      );
    } catch (error) {
      if (error instanceof NotApplied) throw error.toGuichetError();
      throw error;
    }
    const at = this.deps.now();
    return { login: subject.login, at: at.toISOString(), notification: await this.notify(ctx, at) };
  }

  /** The bind as the person and the change under it; a wrong current password is counted, a right one clears the count. */
  private async changeAsPerson(
    ctx: DeskContext,
    before: PasswordState,
    credentials: string,
    currentPassword: string,
    chosen: string,
    changed: () => Promise<boolean>,
  ): Promise<PasswordState> {
    const { throttle, config } = this.deps;
    try {
      await settleUncertain(() => changeOwnPassword(config.directory, ctx.subject.dn, currentPassword, chosen, credentials), changed, () => undefined);
    } catch (error) {
      if (error instanceof GuichetError && WRONG_CURRENT.has(error.code)) {
        // Counted by the directory too (ppolicy): this try may just have locked the account.
        throttle.recordFailure(ctx.verificationSubject, 'person-sign-in');
        throw new GuichetError(error.code, error.code === 'ACCOUNT_LOCKED' ? 'the account is locked' : 'the current password is not the right one', {
          reason: error.code === 'ACCOUNT_LOCKED' ? 'now-locked' : 'current-password',
          field: 'currentPassword',
        });
      }
      // The person's bind went through (the directory refused the new password, or lost the answer): the current one was right.
      if (!(error instanceof NotApplied)) throttle.clearFailures(ctx.verificationSubject, 'person-sign-in');
      if (error instanceof GuichetError && error.code === 'POLICY_VIOLATION') throw new GuichetError(error.code, error.message, { ...error.details, field: 'newPassword' });
      throw error;
    }
    throttle.clearFailures(ctx.verificationSubject, 'person-sign-in');
    return this.deps.directory.read((client) => readPasswordState(client, ctx.subject.dn)).catch(() => ({ ...before, pwdReset: false }));
  }

  private intentBase(ctx: DeskContext, method: 'person-sign-in' | 'person-sign-in-with-code', note: CheckedNote) {
    return deskIntentBase(ctx, [method], note.comment);
  }

  private notify(ctx: DeskContext, at: Date): Promise<NotificationReport> {
    return this.deps.notifier.notifyPerson({ action: 'self-change', at, addresses: noticeAddresses(ctx), agent: ctx.agentRef, target: ctx.targetRef });
  }
}
