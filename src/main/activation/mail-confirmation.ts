/**
 * The personal address an activation writes (UPVD: "vous recevrez un mail qui vous
 * permettra de confirmer votre adresse email et pouvoir ainsi valider définitivement votre
 * compte"). At the desk the person types the address, a code is mailed to it, the person
 * reads it on their own phone and the agent types it back: only then may the activation
 * write that address, and only during the verification it was confirmed in. Nothing is
 * written before: a code that never arrives leaves the account as it was, the agent sends
 * another within the day's quota or abandons, and the trail says the activation was not made.
 *
 * One pending confirmation at a time, for one account and one agent's sign-in; codes are
 * kept hashed (one-time-code.ts), their sends counted in the throttle file like the
 * verification codes', under a channel of their own.
 */
import type { MailCodeCheck, MailCodeSent } from '../../shared/contract/activation';
import { maskMailbox } from '../../shared/mail-address';
import { GuichetError } from '../../shared/result';
import type { AuditTrail } from '../audit/audit-trail';
import type { GuichetConfig } from '../config/schema';
import type { DeskContext, OpenDesk } from '../desk/desk-context';
import { mailboxRules } from '../mail/mail-config';
import type { Notifier } from '../mail/notifications';
import { createOneTimeCodes, type OneTimeCodes } from '../verification/one-time-code';
import { dnKey, type VerificationStore } from '../verification/verification-store';
import { personalAddressOf } from './steps/personal-mail';

const MINUTE = 60_000;
export const ADDRESS_CODE_CHANNEL = 'activation-mail';

interface Pending {
  key: string;
  agent: string;
  /** The verification this confirmation belongs to (its start): another one, and it counts for nothing. */
  verificationStartedAt: string | null;
  address: string;
  confirmed: boolean;
}

export interface MailConfirmationDeps {
  openDesk: OpenDesk;
  verification: Pick<VerificationStore, 'require' | 'state' | 'sendCounter'>;
  notifier: Pick<Notifier, 'sendAddressCode'>;
  trail: Pick<AuditTrail, 'record'>;
  config: Pick<GuichetConfig, 'verification' | 'mail' | 'activation'>;
  now: () => Date;
}

const agentOf = (ctx: DeskContext) => `${ctx.deskAgent.login}\n${ctx.deskAgent.signedInAt}`;

export class MailConfirmations {
  private pending: Pending | null = null;
  private readonly codes: OneTimeCodes;

  constructor(private readonly deps: MailConfirmationDeps) {
    const code = deps.config.verification.code;
    // The counter is read when a code is issued: the throttle file opens on first use.
    const counter = {
      recordSend: (account: string, channel: string) => deps.verification.sendCounter().recordSend(account, channel),
      sendsToday: (account: string, channel: string) => deps.verification.sendCounter().sendsToday(account, channel),
      sendsAllowedAgainAt: (account: string, channel: string, limit: number) => deps.verification.sendCounter().sendsAllowedAgainAt(account, channel, limit),
    };
    this.codes = createOneTimeCodes({
      store: counter,
      digits: code.digits,
      ttlMs: code.ttlMinutes * MINUTE,
      maxTries: code.maxTries,
      maxSendsPerDay: code.maxSendsPerDay,
      channel: ADDRESS_CODE_CHANNEL,
      now: () => deps.now(),
    });
  }

  /** Mails a code to the address typed (a new one replaces the previous code), after the identity check the activation needs. */
  async send(dn: string, typed: string): Promise<MailCodeSent> {
    const ctx = await this.opened(dn);
    const mailbox = personalAddressOf(typed, this.deps.config);
    const key = dnKey(ctx.subject.dn);
    const issued = this.codes.issue(key);
    if (!issued.ok) throw new GuichetError('THROTTLED', 'too many codes sent to this account today', { method: 'personal-mail', until: issued.retryAt?.toISOString() ?? null });
    this.pending = { key, agent: agentOf(ctx), verificationStartedAt: this.verificationStart(ctx), address: mailbox.address, confirmed: false };
    try {
      await this.deps.notifier.sendAddressCode({ to: mailbox, code: issued.code, expiresAt: issued.expiresAt, agent: ctx.agentRef, target: ctx.targetRef });
    } catch (error) {
      // Nothing left to confirm: a code that never left cannot be typed back.
      this.codes.discard(key);
      this.pending = null;
      throw error;
    }
    return { sentTo: maskMailbox(mailbox.address, mailboxRules(this.deps.config.mail)) ?? '•••', validUntil: issued.expiresAt.toISOString(), sendsLeft: this.sendsLeft(key) };
  }

  /** The code read on the person's phone, for the address it was sent to. Each try is on record. */
  async check(dn: string, typed: string, code: string): Promise<MailCodeCheck> {
    const ctx = await this.opened(dn);
    const address = personalAddressOf(typed, this.deps.config).address;
    const pending = this.pendingFor(ctx);
    if (!pending || pending.address.toLowerCase() !== address.toLowerCase())
      throw new GuichetError('INVALID_REQUEST', 'personalMail: no code was sent to this address', { field: 'personalMail', reason: 'no-code' });
    const result = this.codes.check(pending.key, code);
    const matched = result.status === 'matched';
    this.deps.trail.record(
      { action: 'activation-step', outcome: matched ? 'success' : 'failure', agent: ctx.agentRef, target: ctx.targetRef, details: { step: 'personal-mail-confirmed' } },
      { required: matched },
    );
    if (matched) pending.confirmed = true;
    return { confirmed: matched, triesLeft: result.status === 'mismatch' ? result.triesLeft : 0 };
  }

  /** Was `address` confirmed for this account, by this agent, in the verification running now? */
  isConfirmed(ctx: DeskContext, address: string): boolean {
    const pending = this.pendingFor(ctx);
    return !!pending && pending.confirmed && pending.address.toLowerCase() === address.toLowerCase() && pending.verificationStartedAt === this.verificationStart(ctx);
  }

  /** The activation is given up: a pending confirmation is dropped, and the trail says the activation was not made. */
  async abandon(dn: string): Promise<{ recorded: boolean }> {
    const ctx = await this.deps.openDesk(dn);
    const pending = this.pendingFor(ctx);
    if (!pending) return { recorded: false };
    this.done(ctx);
    this.deps.trail.record({
      action: 'activation',
      outcome: 'failure',
      agent: ctx.agentRef,
      target: ctx.targetRef,
      details: { reason: pending.confirmed ? 'abandoned' : 'mail-unconfirmed' },
    });
    return { recorded: true };
  }

  /** The activation was made (or the account left): the confirmation has served. */
  done(ctx: DeskContext): void {
    const pending = this.pendingFor(ctx);
    if (!pending) return;
    this.codes.discard(pending.key);
    this.pending = null;
  }

  /** The session locked or ended: who stands at the desk now is not known. */
  forget(): void {
    if (this.pending) this.codes.discard(this.pending.key);
    this.pending = null;
  }

  // -------------------------------------------------------------------------------------

  /** The account may be activated now, by this agent, with the evidence gathered (the activation's own verdict). */
  private async opened(dn: string): Promise<DeskContext> {
    if (!this.deps.config.activation.steps.some((s) => s.kinds.includes('personal-mail')))
      throw new GuichetError('INVALID_REQUEST', 'this activation has no personal address step', { reason: 'not-a-step' });
    const ctx = await this.deps.openDesk(dn);
    this.deps.verification.require(ctx.verificationSubject, ctx.deskAgent, 'activation');
    return ctx;
  }

  private pendingFor(ctx: DeskContext): Pending | null {
    const pending = this.pending;
    return pending && pending.key === dnKey(ctx.subject.dn) && pending.agent === agentOf(ctx) ? pending : null;
  }

  private verificationStart(ctx: DeskContext): string | null {
    return this.deps.verification.state(ctx.verificationSubject, ctx.deskAgent).startedAt;
  }

  private sendsLeft(key: string): number {
    const max = this.deps.config.verification.code.maxSendsPerDay;
    return Math.max(0, max - this.deps.verification.sendCounter().sendsToday(key, ADDRESS_CODE_CHANNEL));
  }
}
