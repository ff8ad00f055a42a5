/**
 * Sends the desk's mails through the institution's SMTP relay. Certificates are always
 * verified (there is no setting to turn that off), every wait is bounded, and a failure
 * becomes MAIL_FAILED with the SMTP error code only: no address, no content, no password.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import nodemailer from 'nodemailer';
import type { ConnectionOptions } from 'node:tls';
import { GuichetError } from '../../shared/result';
import { isLoopbackHost } from '../directory/client-factory';
import type { MailConfig } from './mail-config';
import type { MailContent } from './templates';

export interface OutgoingMail extends MailContent {
  to: string;
}

export interface SentMail {
  ok: true;
  messageId: string;
}

export interface Mailer {
  /** Resolves once the relay accepted the message; throws GuichetError('MAIL_FAILED') otherwise. */
  sendMail(mail: OutgoingMail): Promise<SentMail>;
  close(): void;
}

export interface MailerOptions {
  /** Where the SMTP password variable is read; process.env by default. */
  env?: Record<string, string | undefined>;
}

function tlsOptions(config: MailConfig): ConnectionOptions {
  const host = config.host.replace(/^\[|\]$/g, '');
  const options: ConnectionOptions = { rejectUnauthorized: true, minVersion: 'TLSv1.2' };
  if (!isIP(host)) options.servername = host;
  if (config.tls.caFile) options.ca = readFileSync(config.tls.caFile);
  return options;
}

/** Builds the transport; refuses a configuration that would send credentials or codes in clear. */
export function createMailer(config: MailConfig, options: MailerOptions = {}): Mailer {
  if (!config.enabled) throw new GuichetError('MAIL_FAILED', 'mail is not configured (mail.enabled is false)');
  if (config.tls.mode === 'none' && !isLoopbackHost(config.host) && !config.tls.allowPlainToNonLoopback)
    throw new GuichetError('MAIL_FAILED', `plain SMTP to ${config.host} is refused: use mail.tls.mode tls or starttls`);
  let auth: { user: string; pass: string } | undefined;
  if (config.auth) {
    const pass = (options.env ?? process.env)[config.auth.passwordEnv];
    if (!pass) throw new GuichetError('MAIL_FAILED', `the SMTP password variable ${config.auth.passwordEnv} is not set`);
    auth = { user: config.auth.user, pass };
  }
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.tls.mode === 'tls',
    requireTLS: config.tls.mode === 'starttls',
    ignoreTLS: config.tls.mode === 'none',
    tls: tlsOptions(config),
    ...(auth ? { auth } : {}),
    connectionTimeout: config.connectTimeoutMs,
    greetingTimeout: config.greetingTimeoutMs,
    socketTimeout: config.socketTimeoutMs,
    dnsTimeout: config.connectTimeoutMs,
    allowInternalNetworkInterfaces: isLoopbackHost(config.host),
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
  });

  return {
    async sendMail(mail) {
      try {
        const info = await transport.sendMail({
          from: config.from,
          ...(config.replyTo ? { replyTo: config.replyTo } : {}),
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
        });
        if (info.rejected.length > 0) throw Object.assign(new Error('rejected'), { code: 'EENVELOPE' });
        return { ok: true, messageId: info.messageId };
      } catch (error) {
        const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
        const smtpCode = typeof code === 'string' && /^[A-Z0-9_]{1,32}$/.test(code) ? code : 'UNKNOWN';
        const details: Record<string, unknown> = { smtpCode };
        if (typeof responseCode === 'number') details.responseCode = responseCode;
        throw new GuichetError(
          'MAIL_FAILED',
          `the mail could not be sent (${smtpCode}${typeof responseCode === 'number' ? ` ${responseCode}` : ''})`,
          details,
        );
      }
    },
    close() {
      transport.close();
    },
  };
}
