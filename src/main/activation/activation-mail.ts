/**
 * Step 4 of an activation: the confirmation mail (login, unique identifier, institutional
 * address; never the password: the template has no field for one) to the person's personal
 * address, through the institution's relay. A mail that cannot be sent undoes nothing: the
 * report says failed and the agent tells the person. Each send is on record
 * (notification-sent / notification-failed, the address masked), as the notifier does.
 */
import { maskEmail, type AgentRef, type TargetRef } from '../../shared/audit-events';
import type { NotificationReport } from '../../shared/contract/password';
import { GuichetError } from '../../shared/result';
import type { AuditTrail } from '../audit/audit-trail';
import type { GuichetConfig } from '../config/schema';
import { maskMail } from '../directory/account-masking';
import type { Logger } from '../logger';
import { createMailer } from '../mail/mailer';
import { failureReason } from '../mail/notifications';
import { activationMail } from '../mail/templates';

export interface ActivationMailDeps {
  config: Pick<GuichetConfig, 'mail' | 'institution'>;
  workstation: string;
  trail: Pick<AuditTrail, 'record'>;
  logger: Logger;
}

export interface ActivationMailInput {
  to: string | null;
  login: string;
  uniqueId: string | null;
  institutionalMail: string | null;
  at: Date;
  agent: AgentRef;
  target: TargetRef;
}

export async function sendActivationMail(deps: ActivationMailDeps, input: ActivationMailInput): Promise<NotificationReport> {
  const { config } = deps;
  const to = input.to?.trim() ?? '';
  if (!config.mail.enabled || !to.includes('@')) return { sentTo: [], failed: false };
  const content = activationMail({
    login: input.login,
    uniqueId: input.uniqueId ?? '—',
    institutionalMail: input.institutionalMail ?? '—',
    at: input.at,
    setting: {
      institutionName: config.institution.name,
      helpdeskName: config.institution.helpdeskName,
      helpdeskContact: config.institution.helpdeskContact,
      workstation: deps.workstation,
      timeZone: config.mail.timeZone,
    },
  });
  const base = { agent: input.agent, target: input.target };
  const recipient = maskEmail(to);
  let mailer: ReturnType<typeof createMailer> | null = null;
  try {
    mailer = createMailer(config.mail);
    await mailer.sendMail({ to, ...content });
  } catch (error) {
    const failure = error instanceof GuichetError ? error : new GuichetError('MAIL_FAILED', 'the mail could not be sent');
    deps.trail.record({
      ...base,
      action: 'notification-failed',
      outcome: 'failure',
      details: { channel: 'mail', recipient, purpose: 'activation', reason: failureReason(failure) },
    });
    deps.logger.log({ level: 'warn', event: 'mail', code: 'MAIL_FAILED', note: 'activation' });
    return { sentTo: [], failed: true };
  } finally {
    mailer?.close();
  }
  deps.trail.record({ ...base, action: 'notification-sent', outcome: 'success', details: { channel: 'mail', recipient, purpose: 'activation' } });
  return { sentTo: [maskMail(to) ?? '•••'], failed: false };
}
