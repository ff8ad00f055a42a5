/**
 * The second factor at the desk: enrol an authenticator app (or replace the one the person
 * has), and remove it when the device is lost. Both need a satisfied verification for
 * their own action and run under the signed-in agent's bind.
 *
 * Enrolment is two steps. `startEnrolment` generates the key here (node:crypto, 160 bits)
 * and hands it to the privacy screen only, as the QR code of its otpauth:// URI and in
 * groups for typing; nothing is written. `confirmEnrolment` checks the first code the
 * person's app shows (one step either side) before anything is written; then the token is
 * written in one modify, on record as intent -> outcome (the late settler reads back an
 * answer lost with the directory), the key is wiped from memory, and the person is told
 * by mail (never the key). Cancelling, or any failure, leaves the directory as it was.
 * The key, its base32 form, the URI and the codes are never logged, recorded or kept.
 */
import { Secret, TOTP } from 'otpauth';
import type { AuditIntentInput, VerificationMethod } from '../../shared/audit-events';
import type { NotificationReport } from '../../shared/contract/password';
import type { EnrolmentAnswer, EnrolmentOffer, RemovalResult } from '../../shared/contract/second-factor';
import { groupKey } from '../../shared/second-factor';
import { GuichetError } from '../../shared/result';
import type { AuditTrail } from '../audit/audit-trail';
import type { SettleInfo } from '../audit/audit-writer';
import type { GuichetConfig } from '../config/schema';
import { deskIntentBase, noticeAddresses, type DeskContext, type OpenDesk } from '../desk/desk-context';
import { generalizedTime } from '../activation/activation-plan';
import type { DirectoryDoor } from '../directory/agent-directory';
import { NotApplied } from '../directory/write-outcome';
import type { NotifiedAction } from '../mail/templates';
import type { Notifier } from '../mail/notifications';
import type { VerificationStore } from '../verification/verification-store';
import type { CheckedNote } from '../desk/desk-note-guard';
import { openVerifiedAction } from '../desk/desk-opening';
import type { DeskNote } from '../../shared/desk-note';
import type { PendingEnrolment, PendingEnrolments } from './pending-enrolment';
import { qrRows } from './qr-matrix';
import { enrolChanges, readTokenState, removeChanges, type TokenState } from './token-entry';

export interface SecondFactorDeps {
  openDesk: OpenDesk;
  verification: Pick<VerificationStore, 'require'>;
  directory: DirectoryDoor;
  trail: Pick<AuditTrail, 'withAudit'>;
  notifier: Pick<Notifier, 'notifyPerson'>;
  pending: PendingEnrolments;
  config: Pick<GuichetConfig, 'secondFactor' | 'directory' | 'institution' | 'activation' | 'audit'>;
  now: () => Date;
}

/** The desk's own check of the first code: the current step, and one either side (a phone a little off). */
const DESK_WINDOW = 1;

export class SecondFactorService {
  constructor(private readonly deps: SecondFactorDeps) {}

  async startEnrolment(dn: string): Promise<EnrolmentOffer> {
    // Nothing is written yet: the agent's note is checked with the confirmation (the form checks it before this).
    const ctx = await this.deps.openDesk(dn);
    this.deps.verification.require(ctx.verificationSubject, ctx.deskAgent, 'second-factor-enrol');
    const { config, pending } = this.deps;
    const settings = config.secondFactor;
    const before = await this.readToken(ctx.subject.dn);
    const enrolment = pending.open(ctx.subject.dn, ctx.deskAgent, settings.enrolmentMinutes * 60_000);
    const totp = this.totpOf(enrolment, ctx.subject.login);
    return {
      enrolmentId: enrolment.id,
      replacing: before.status.kind === 'totp',
      issuer: totp.issuer,
      account: ctx.subject.login,
      qr: qrRows(totp.toString()),
      keyGroups: groupKey(totp.secret.base32),
      digits: settings.digits,
      periodSeconds: settings.periodSeconds,
      algorithm: settings.algorithm,
      expiresAt: enrolment.expiresAt.toISOString(),
    };
  }

  async confirmEnrolment(request: { dn: string; enrolmentId: string; code: string } & DeskNote): Promise<EnrolmentAnswer> {
    // The note is checked before the code: a note the configuration refuses uses up no try.
    const { ctx, methods, note } = await this.verified(request, 'second-factor-enrol');
    const { pending, config } = this.deps;
    const settings = config.secondFactor;
    const enrolment = pending.get(request.enrolmentId, ctx.subject.dn, ctx.deskAgent);
    const now = this.deps.now();
    const delta = this.totpOf(enrolment, ctx.subject.login).validate({ token: request.code, timestamp: now.getTime(), window: DESK_WINDOW });
    if (delta === null) {
      enrolment.tries += 1;
      const triesLeft = Math.max(0, settings.maxCodeTries - enrolment.tries);
      if (triesLeft === 0) pending.wipe(enrolment.id);
      return { confirmed: false, triesLeft, over: triesLeft === 0 };
    }
    try {
      const before = await this.readToken(ctx.subject.dn);
      const replaced = before.status.kind === 'totp';
      const since = generalizedTime(now);
      const changes = enrolChanges(
        before,
        {
          dn: ctx.subject.dn,
          secret: Buffer.from(enrolment.secret.buffer, 0, enrolment.secret.byteLength),
          digits: settings.digits,
          periodSeconds: settings.periodSeconds,
          algorithm: settings.algorithm,
          window: settings.directoryWindow,
          lastStep: Math.floor(now.getTime() / 1000 / settings.periodSeconds) + delta,
          since,
        },
        { sinceAttribute: config.directory.attributes.secondFactorSince, localClass: config.activation.objectClass },
      );
      // This enrolment is there when the token carries the time it was written with.
      const applied = async () => {
        const after = await this.readToken(ctx.subject.dn);
        return after.status.kind === 'totp' && after.sinceRaw === since;
      };
      const notice: NotifiedAction = replaced ? 'second-factor-replace' : 'second-factor-enrol';
      const details = { replaced, kind: 'totp' as const, digits: settings.digits, periodSeconds: settings.periodSeconds, algorithm: settings.algorithm, ...note.ticket };
      await this.audited(
        { ...this.intentBase(ctx, methods, note), action: 'second-factor-enrol', details },
        () => this.deps.directory.write((client) => client.modify(ctx.subject.dn, changes), { applied, onApplied: () => undefined }),
        () => ({ details: { ...details, changes: { secondFactor: { before: before.status.kind, after: 'totp' } } } }),
        applied,
        () => void this.notify(ctx, notice, this.deps.now()).catch(() => undefined),
      );
      const at = this.deps.now();
      return { confirmed: true, replaced, at: at.toISOString(), notification: await this.notify(ctx, notice, at) };
    } finally {
      // Written or not, this key is done: a new attempt starts with a new one.
      pending.wipe(enrolment.id);
    }
  }

  async cancelEnrolment(dn: string, enrolmentId: string): Promise<{ cancelled: boolean }> {
    // No verification needed to drop a key, and no directory access: only this agent's own enrolment goes.
    const ctx = await this.deps.openDesk(dn);
    try {
      this.deps.pending.get(enrolmentId, ctx.subject.dn, ctx.deskAgent);
    } catch {
      return { cancelled: false };
    }
    return { cancelled: this.deps.pending.wipe(enrolmentId) };
  }

  async remove(request: { dn: string; reason: 'lost-device' | 'other' } & DeskNote): Promise<RemovalResult> {
    const { ctx, methods, note } = await this.verified(request, 'second-factor-remove');
    const { config } = this.deps;
    const before = await this.readToken(ctx.subject.dn);
    if (before.status.kind === 'none') throw new GuichetError('NOT_FOUND', 'this account has no second factor', { reason: 'no-second-factor' });
    const changes = removeChanges(before, { sinceAttribute: config.directory.attributes.secondFactorSince });
    const applied = async () => (await this.readToken(ctx.subject.dn)).status.kind === 'none';
    await this.audited(
      { ...this.intentBase(ctx, methods, note), action: 'second-factor-remove', details: { reason: request.reason, ...note.ticket } },
      () => this.deps.directory.write((client) => client.modify(ctx.subject.dn, changes), { applied, onApplied: () => undefined }),
      () => ({ details: { reason: request.reason, changes: { secondFactor: { before: 'totp', after: 'none' } }, ...note.ticket } }),
      applied,
      () => void this.notify(ctx, 'second-factor-remove', this.deps.now()).catch(() => undefined),
    );
    const at = this.deps.now();
    return { at: at.toISOString(), enrolOnlineUrl: config.secondFactor.enrolOnlineUrl ?? null, notification: await this.notify(ctx, 'second-factor-remove', at) };
  }

  // -------------------------------------------------------------------------------------

  /**
   * The shared verdict (shared/desk-actions.ts), as the screen shows it: ACCOUNT_STATE when
   * the desk does not manage second factors or there is nothing to remove, FORBIDDEN without
   * the role, VERIFICATION_REQUIRED without the evidence.
   */
  private verified(request: { dn: string } & DeskNote, action: 'second-factor-enrol' | 'second-factor-remove') {
    return openVerifiedAction(this.deps, request, action);
  }

  private intentBase(ctx: DeskContext, methods: VerificationMethod[], note: CheckedNote) {
    return deskIntentBase(ctx, methods, note.comment);
  }

  /** The TOTP of this enrolment, for the person's login: the same parameters the directory will check. */
  private totpOf(enrolment: PendingEnrolment, login: string): TOTP {
    const { secondFactor, institution } = this.deps.config;
    return new TOTP({
      issuer: secondFactor.issuer ?? institution.name,
      label: login,
      secret: new Secret({ buffer: enrolment.secret.buffer }),
      algorithm: secondFactor.algorithm,
      digits: secondFactor.digits,
      period: secondFactor.periodSeconds,
    });
  }

  /** On a fresh session if the last one was lost (the connection reopens by itself). */
  private readToken(dn: string): Promise<TokenState> {
    return this.deps.directory.read((client) => readTokenState(client, dn, this.deps.config.directory.attributes));
  }

  private notify(ctx: DeskContext, action: NotifiedAction, at: Date): Promise<NotificationReport> {
    return this.deps.notifier.notifyPerson({ action, at, addresses: noticeAddresses(ctx), agent: ctx.agentRef, target: ctx.targetRef });
  }

  /**
   * withAudit with the late settler: a write that certainly did not happen reads `failure`
   * and DIRECTORY_TIMEOUT {applied: false} here; one whose answer was lost is read back later.
   */
  private async audited(
    intent: AuditIntentInput,
    action: () => Promise<unknown>,
    onSuccess: () => SettleInfo,
    recheck: () => Promise<boolean>,
    onLateSuccess: () => void,
  ): Promise<void> {
    try {
      await this.deps.trail.withAudit(intent, action, {
        onSuccess,
        lateCheck: { recheck, onSettled: (outcome) => (outcome === 'success' ? onLateSuccess() : undefined) },
      });
    } catch (error) {
      if (error instanceof NotApplied) throw error.toGuichetError();
      throw error;
    }
  }
}
