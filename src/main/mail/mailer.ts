/**
 * Sends the desk's mails through the institution's SMTP relay. Certificates are always
 * verified (there is no setting to turn that off), every wait is bounded, and a failure
 * becomes MAIL_FAILED with the SMTP error code only: no address, no content, no password.
 *
 * The recipient is a checked Mailbox (shared/mail-address.ts), never a string: the SMTP
 * envelope and the To header are built here from it, so nodemailer never parses a
 * directory value into recipients.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import nodemailer from 'nodemailer';
import type { ConnectionOptions } from 'node:tls';
import { isMailbox, type Mailbox } from '../../shared/mail-address';
import { GuichetError } from '../../shared/result';
import { isLoopbackHost } from '../directory/client-factory';
import { parseSender, type MailConfig } from './mail-config';
import type { MailContent } from './templates';

export interface OutgoingMail extends MailContent {
  to: Mailbox;
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
  const from = parseSender(config.from);
  const replyTo = config.replyTo ? parseSender(config.replyTo) : null;
  if (!from || (config.replyTo && !replyTo)) throw new GuichetError('MAIL_FAILED', 'mail.from and mail.replyTo must each be one address');
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
      if (!isMailbox(mail.to)) throw new GuichetError('MAIL_FAILED', 'the recipient was not checked', { smtpCode: 'EENVELOPE' });
      if (mail.to.needsSmtpUtf8 && !config.smtpUtf8) throw new GuichetError('MAIL_FAILED', 'the relay is not configured for SMTPUTF8', { smtpCode: 'EENVELOPE' });
      try {
        const info = await transport.sendMail({
          envelope: { from: from.mailbox.address, to: [mail.to.address] },
          from: { name: from.name, address: from.mailbox.address },
          ...(replyTo ? { replyTo: { name: replyTo.name, address: replyTo.mailbox.address } } : {}),
          to: { name: '', address: mail.to.address },
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
