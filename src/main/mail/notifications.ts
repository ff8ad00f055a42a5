/**
 * The mails of the desk flows: the verification code, and after a reset, an unlock or a
 * login reminder, a notice to the person's addresses (what, when, at which desk, whom to
 * contact; never a password: the template has no field for one).
 *
 * A notice that cannot be sent does not undo the action: the report says so and the agent
 * tells the person. Each mail is recorded (notification-sent / notification-failed, the
 * address masked). With `mail.enabled` false nothing is attempted and nothing recorded:
 * the institution chose not to mail, and the report's empty `sentTo` says no one was told.
 */
import { maskEmail, type AgentRef, type TargetRef } from '../../shared/audit-events';
import type { NotificationReport } from '../../shared/contract/password';
import { GuichetError } from '../../shared/result';
import type { GuichetConfig } from '../config/schema';
import type { AuditTrail } from '../audit/audit-trail';
import { maskMail } from '../directory/account-masking';
import type { Logger } from '../logger';
import { createMailer, type Mailer } from './mailer';
import { codeMail, notificationMail, type MailSetting, type NotifiedAction } from './templates';

type Purpose = 'password-reset' | 'activation' | 'login-reminder' | 'verification' | 'other';
type FailureReason = 'refused' | 'unavailable' | 'invalid-recipient' | 'timeout' | 'other';

const PURPOSE: Record<NotifiedAction, Purpose> = {
  'reset-password': 'password-reset',
  unlock: 'other',
  'reveal-login': 'login-reminder',
  activation: 'activation',
  'consent-change': 'other',
};

export interface NotificationContext {
  agent: AgentRef;
  target: TargetRef;
}

export interface Notifier {
  /** false when mail.enabled is false: no code by mail, no notices. */
  readonly enabled: boolean;
  /** Mails a verification code; throws MAIL_FAILED (recorded) when it cannot. */
  sendCode(input: { to: string; code: string; expiresAt: Date } & NotificationContext): Promise<void>;
  /** Tells the person what was done, at each of their addresses. Never throws. */
  notifyPerson(input: { action: NotifiedAction; at: Date; addresses: ReadonlyArray<string | null> } & NotificationContext): Promise<NotificationReport>;
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

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function createNotifier(options: {
  config: GuichetConfig;
  workstation: string;
  logger: Logger;
  trail: Pick<AuditTrail, 'record'>;
  mailer?: Mailer;
}): Notifier {
  const { config, logger, trail: audit } = options;
  const setting: MailSetting = {
    institutionName: config.institution.name,
    helpdeskName: config.institution.helpdeskName,
    helpdeskContact: config.institution.helpdeskContact,
    workstation: options.workstation,
    timeZone: config.mail.timeZone,
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

  async function send(to: string, content: ReturnType<typeof codeMail>, purpose: Purpose, context: NotificationContext): Promise<GuichetError | null> {
    const recipient = maskEmail(to);
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

  return {
    enabled: config.mail.enabled,

    async sendCode({ to, code, expiresAt, agent, target }) {
      if (!config.mail.enabled) throw new GuichetError('MAIL_FAILED', 'mail is not configured', { reason: 'mail-disabled' });
      const failure = await send(to, codeMail({ code, expiresAt, setting }), 'verification', { agent, target });
      if (failure) throw new GuichetError('MAIL_FAILED', 'the code could not be sent', { ...failure.details, reason: 'send-failed' });
    },

    async notifyPerson({ action, at, addresses, agent, target }) {
      if (!config.mail.enabled) return { sentTo: [], failed: false };
      const unique: string[] = [];
      for (const address of addresses) if (address && address.includes('@') && !unique.some((u) => sameAddress(u, address))) unique.push(address.trim());
      if (unique.length === 0) return { sentTo: [], failed: false };
      const content = notificationMail({ action, at, setting });
      const results = await Promise.all(unique.map((to) => send(to, content, PURPOSE[action], { agent, target })));
      return {
        sentTo: unique.filter((_, i) => results[i] === null).map((to) => maskMail(to) ?? '•••'),
        failed: results.some((r) => r !== null),
      };
    },

    close() {
      mailer?.close();
      mailer = null;
    },
  };
}
