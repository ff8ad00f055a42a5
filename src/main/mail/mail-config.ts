/** The mail section of the configuration: the institution's SMTP relay. */
import { z } from 'zod';
import { parseMailbox, type Mailbox, type MailboxRules } from '../../shared/mail-address';

const durationMs = (fallback: number) => z.number().int().min(100).max(120_000).default(fallback);

/** The institution's SMTP relay. Off by default: the console then offers no code by mail. */
export const mailConfigSchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    host: z.string().min(1).default('localhost'),
    port: z.number().int().min(1).max(65_535).default(587),
    tls: z
      .strictObject({
        /** tls: TLS from the first byte (port 465); starttls: required upgrade (port 587); none: loopback only. */
        mode: z.enum(['tls', 'starttls', 'none']).default('starttls'),
        /** PEM file of the CA that signed the relay's certificate; the system store when absent. */
        caFile: z.string().optional(),
        /** Lab only: allow mode none to a non-loopback host. Never in production. */
        allowPlainToNonLoopback: z.boolean().default(false),
      })
      .prefault({}),
    auth: z
      .strictObject({
        user: z.string().min(1),
        /** Read from this environment variable, never from the file itself. */
        passwordEnv: z.string().min(1),
      })
      .optional(),
    /** The sender, e.g. "Guichet numérique <ne-pas-repondre@univ-demo.fr>": a name and one address, or the address alone. */
    from: z
      .string()
      .min(3)
      .default('Guichet numérique <ne-pas-repondre@univ-demo.fr>')
      .refine((value) => parseSender(value) !== null, 'expected "Name <address@domain>" or "address@domain"'),
    replyTo: z
      .string()
      .refine((value) => parseSender(value) !== null, 'expected "Name <address@domain>" or "address@domain"')
      .optional(),
    /**
     * The relay offers SMTPUTF8 (RFC 6531): addresses with non-ASCII characters may be sent.
     * Off by default: such addresses are then refused as unusable, never sent mangled.
     */
    smtpUtf8: z.boolean().default(false),
    /** Times in mails are written in this zone, with its offset. */
    timeZone: z.string().default('Europe/Paris'),
    connectTimeoutMs: durationMs(5_000),
    greetingTimeoutMs: durationMs(5_000),
    socketTimeoutMs: durationMs(15_000),
  })
  .prefault({});

export type MailConfig = z.output<typeof mailConfigSchema>;

/** How addresses read from the directory are judged, from the relay's abilities. */
export const mailboxRules = (config: Pick<MailConfig, 'smtpUtf8'>): MailboxRules => ({ smtpUtf8: config.smtpUtf8 });

export interface Sender {
  name: string;
  mailbox: Mailbox;
}

/** "Name <address>" or "address", the address one mailbox (ASCII) and the name on one line; null otherwise. */
export function parseSender(value: string): Sender | null {
  const named = /^([^<>"\p{Cc}]*?)\s*<([^<>]+)>$/u.exec(value.trim());
  const name = named ? named[1]!.trim() : '';
  const verdict = parseMailbox(named ? named[2]! : value);
  return verdict.ok ? { name, mailbox: verdict.mailbox } : null;
}
