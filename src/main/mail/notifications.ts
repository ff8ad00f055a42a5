/**
 * The mails of the desk flows: the verification code; after a reset, an unlock or a login
 * reminder, a notice to the person's addresses (what, when, at which desk, whom to contact);
 * after an activation, the confirmation (login, identifiers; never a password: no template
 * has a field for one).
 *
 * Every address is read from the directory and untrusted: it goes through `parseMailbox`
 * (shared/mail-address.ts) before anything is sent. One that is no single mailbox (a CR/LF
 * and a second header, a list, a display name...) is never sent to: the refusal is on record
 * (notification-failed, reason unusable-address, which address and what is wrong, no
 * recipient), a code is refused with MAIL_ADDRESS_UNUSABLE naming who corrects addresses,
 * and a notice's report lists the address as unusable.
 *
 * A notice that cannot be sent does not undo the action: the report says so and the agent
 * tells the person. Each mail is recorded (notification-sent / notification-failed, the
 * address masked). With `mail.enabled` false nothing is attempted and nothing recorded:
 * the institution chose not to mail, and the report's empty `sentTo` says no one was told.
 */
import { maskEmail, type AgentRef, type TargetRef } from '../../shared/audit-events';
import type { NotificationReport } from '../../shared/contract/password';
import { maskMailbox, parseMailbox, type MailField, type Mailbox } from '../../shared/mail-address';
import { GuichetError } from '../../shared/result';
import type { GuichetConfig } from '../config/schema';
import type { AuditTrail } from '../audit/audit-trail';
import type { Logger } from '../logger';
import { mailboxRules } from './mail-config';
import { createMailer, type Mailer } from './mailer';
import { activationMail, addressCodeMail, codeMail, notificationMail, type MailContent, type MailSetting, type NotifiedAction } from './templates';

type Purpose = 'password-reset' | 'activation' | 'login-reminder' | 'verification' | 'second-factor' | 'other';
type FailureReason = 'refused' | 'unavailable' | 'invalid-recipient' | 'timeout' | 'other';

const PURPOSE: Record<NotifiedAction, Purpose> = {
  'reset-password': 'password-reset',
  'self-change': 'password-reset',
  unlock: 'other',
  'reveal-login': 'login-reminder',
  activation: 'activation',
  'consent-change': 'other',
  suspend: 'other',
  reactivate: 'other',
  'extend-validity': 'other',
  'second-factor-enrol': 'second-factor',
  'second-factor-replace': 'second-factor',
  'second-factor-remove': 'second-factor',
};

/** One of the person's addresses as the directory holds it (null: none). */
export interface AddressOnRecord {
  field: MailField;
  value: string | null;
}

export interface NotificationContext {
  agent: AgentRef;
  target: TargetRef;
}

export interface ActivationMailInput extends NotificationContext {
  to: string | null;
  login: string;
  uniqueId: string | null;
  institutionalMail: string | null;
  at: Date;
}

export interface Notifier {
  /** false when mail.enabled is false: no code by mail, no notices. */
  readonly enabled: boolean;
  /**
   * The address as a mailbox to send to. One that is not is recorded as refused and
   * throws MAIL_ADDRESS_UNUSABLE (details: which address, what is wrong, whom to ask).
   */
  mailboxOf(address: AddressOnRecord & { value: string }, purpose: Purpose, context: NotificationContext): Mailbox;
  /** Mails a verification code; throws MAIL_FAILED (recorded) when it cannot. */
  sendCode(input: { to: Mailbox; code: string; expiresAt: Date } & NotificationContext): Promise<void>;
  /** Mails the code that confirms the personal address an activation will write; throws MAIL_FAILED (recorded) when it cannot. */
  sendAddressCode(input: { to: Mailbox; code: string; expiresAt: Date } & NotificationContext): Promise<void>;
  /** Tells the person what was done, at each of their usable addresses. Never throws. */
  notifyPerson(input: { action: NotifiedAction; at: Date; addresses: readonly AddressOnRecord[] } & NotificationContext): Promise<NotificationReport>;
  /** The activation's confirmation to the personal address. Never throws. */
  sendActivation(input: ActivationMailInput): Promise<NotificationReport>;
  close(): void;
}

/** The failure, in the audit's words, from the mailer's detail codes. */
export function failureReason(error: unknown): FailureReason {
  const details = error instanceof GuichetError ? (error.details ?? {}) : {};
  const smtp = String(details['smtpCode'] ?? '');
  const response = typeof details['responseCode'] === 'number' ? details['responseCode'] : null;
  if (smtp === 'EENVELOPE' || (response !== null && response >= 550 && response <= 553)) return 'invalid-recipient';
  if (response !== null && response >= 400) return 'refused';
  if (smtp === 'ETIMEDOUT' || smtp === 'ETIMEOUT') return 'timeout';
  if (/^(ECONNECTION|ECONNREFUSED|ESOCKET|EDNS|ECONNRESET|UNAVAILABLE)$/.test(smtp)) return 'unavailable';
  if (smtp === 'EAUTH' || smtp === 'ETLS') return 'refused';
  return 'other';
}

const NO_NOTICE: NotificationReport = { sentTo: [], failed: false, unusable: [] };

export function createNotifier(options: {
  config: GuichetConfig;
  workstation: string;
  logger: Logger;
  trail: Pick<AuditTrail, 'record'>;
  mailer?: Mailer;
}): Notifier {
  const { config, logger, trail: audit } = options;
  const rules = mailboxRules(config.mail);
  const setting: MailSetting = {
    institutionName: config.institution.name,
    helpdeskName: config.institution.helpdeskName,
    helpdeskContact: config.institution.helpdeskContact,
    workstation: options.workstation,
    timeZone: config.mail.timeZone,
    words: {
      account: config.institution.words.account ?? { fr: 'compte', en: 'account' },
      portal: config.institution.words.portal ?? { fr: 'ENT', en: 'digital workspace' },
    },
    enrolOnlineUrl: config.secondFactor.enrolOnlineUrl ?? null,
  };
  let mailer: Mailer | null = options.mailer ?? null;
  let unusable: GuichetError | null = null;

  function transport(): Mailer {
    if (mailer) return mailer;
    if (unusable) throw unusable;
    try {
      mailer = createMailer(config.mail);
      return mailer;
    } catch (error) {
      // Settings refused (plain SMTP to a remote host, missing password variable): every send fails alike.
      unusable = error instanceof GuichetError ? new GuichetError('MAIL_FAILED', error.message, { smtpCode: 'UNAVAILABLE' }) : new GuichetError('MAIL_FAILED', 'mail unavailable', { smtpCode: 'UNAVAILABLE' });
      logger.log({ level: 'error', event: 'mail-config', code: 'MAIL_FAILED' });
      throw unusable;
    }
  }

  /** The mailbox, or null once the refusal is on record. */
  function checked(address: AddressOnRecord & { value: string }, purpose: Purpose, context: NotificationContext) {
    const verdict = parseMailbox(address.value, rules);
    if (verdict.ok) return verdict;
    audit.record({
      action: 'notification-failed',
      outcome: 'denied',
      agent: context.agent,
      target: context.target,
      details: { channel: 'mail', purpose, reason: 'unusable-address', address: address.field, problem: verdict.problem },
    });
    logger.log({ level: 'warn', event: 'mail', code: 'MAIL_ADDRESS_UNUSABLE', note: `${address.field}: ${verdict.problem}` });
    return verdict;
  }

  async function send(to: Mailbox, content: MailContent, purpose: Purpose, context: NotificationContext): Promise<GuichetError | null> {
    const recipient = maskEmail(to.address);
    try {
      await transport().sendMail({ to, ...content });
    } catch (error) {
      const failure = error instanceof GuichetError ? error : new GuichetError('MAIL_FAILED', 'the mail could not be sent');
      audit.record({
        action: 'notification-failed',
        outcome: 'failure',
        agent: context.agent,
        target: context.target,
        details: { channel: 'mail', recipient, purpose, reason: failureReason(failure) },
      });
      logger.log({ level: 'warn', event: 'mail', code: 'MAIL_FAILED', note: purpose });
      return failure;
    }
    audit.record({
      action: 'notification-sent',
      outcome: 'success',
      agent: context.agent,
      target: context.target,
      details: { channel: 'mail', recipient, purpose },
    });
    return null;
  }

  /** A code the person reads back at the desk: MAIL_FAILED when it cannot leave (recorded by `send`). */
  async function mailCode(to: Mailbox, content: MailContent, purpose: Purpose, context: NotificationContext): Promise<void> {
    if (!config.mail.enabled) throw new GuichetError('MAIL_FAILED', 'mail is not configured', { reason: 'mail-disabled' });
    const failure = await send(to, content, purpose, context);
    if (failure) throw new GuichetError('MAIL_FAILED', 'the code could not be sent', { ...failure.details, reason: 'send-failed' });
  }

  /** Each address with a value: checked, the same mailbox once, sent; what happened, in the report's words. */
  async function deliver(addresses: readonly AddressOnRecord[], content: MailContent, purpose: Purpose, context: NotificationContext): Promise<NotificationReport> {
    if (!config.mail.enabled) return NO_NOTICE;
    const targets: Mailbox[] = [];
    const refused: MailField[] = [];
    for (const { field, value } of addresses) {
      if (value === null || value.trim() === '') continue;
      const verdict = checked({ field, value }, purpose, context);
      if (!verdict.ok) refused.push(field);
      else if (!targets.some((m) => m.address.toLowerCase() === verdict.mailbox.address.toLowerCase())) targets.push(verdict.mailbox);
    }
    const results = await Promise.all(targets.map((to) => send(to, content, purpose, context)));
    return {
      sentTo: targets.filter((_, i) => results[i] === null).map((to) => maskMailbox(to.address, rules) ?? '•••'),
      failed: results.some((r) => r !== null),
      unusable: refused,
    };
  }

  return {
    enabled: config.mail.enabled,

    mailboxOf(address, purpose, context) {
      const verdict = checked(address, purpose, context);
      if (verdict.ok) return verdict.mailbox;
      throw new GuichetError('MAIL_ADDRESS_UNUSABLE', 'the address on record is not one mailbox: nothing was sent', {
        address: address.field,
        problem: verdict.problem,
        whom: config.institution.recordsOffice,
      });
    },

    async sendCode({ to, code, expiresAt, agent, target }) {
      await mailCode(to, codeMail({ code, expiresAt, setting }), 'verification', { agent, target });
    },

    async sendAddressCode({ to, code, expiresAt, agent, target }) {
      await mailCode(to, addressCodeMail({ code, expiresAt, setting }), 'activation', { agent, target });
    },

    notifyPerson({ action, at, addresses, agent, target }) {
      return deliver(addresses, notificationMail({ action, at, setting }), PURPOSE[action], { agent, target });
    },

    sendActivation({ to, login, uniqueId, institutionalMail, at, agent, target }) {
      const content = activationMail({ login, uniqueId: uniqueId ?? '—', institutionalMail: institutionalMail ?? '—', at, setting });
      return deliver([{ field: 'personal-mail', value: to }], content, 'activation', { agent, target });
    },

    close() {
      mailer?.close();
      mailer = null;
    },
  };
}
