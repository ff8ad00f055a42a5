/**
 * A real SMTP server (smtp-server) on a free loopback port that keeps every message it
 * accepts, decoded, for the desk-flow tests. `refuseRecipients` makes it answer 550 to
 * every RCPT TO, so that a send fails the way a relay refusal does.
 */
import { createServer, type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { GuichetConfigInput } from '../../../src/main/config/schema';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  subject: string;
  /** Every MIME part, transfer encodings undone, joined. */
  body: string;
}

export interface SmtpPeer {
  port: number;
  received: ReceivedMail[];
  /** 550 to every recipient while true. */
  refuseRecipients: boolean;
  /** The `mail` section of a console config that sends here. */
  mailConfig(): NonNullable<GuichetConfigInput['mail']>;
  /** Waits for the n-th message (1-based) to arrive. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail>;
  /** The messages sent to `address`. */
  to(address: string): ReceivedMail[];
  close(): Promise<void>;
}

function decodePart(part: string): string {
  const split = part.search(/\r?\n\r?\n/);
  const headers = split >= 0 ? part.slice(0, split) : '';
  const body = split >= 0 ? part.slice(split).trim() : part;
  const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = Buffer.from(
      body
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    );
    return bytes.toString('utf8');
  }
  return body;
}

/** RFC 2047 header: adjacent encoded words joined as bytes (a character may straddle two of them). */
function decodeHeader(value: string): string {
  const unfolded = value.replace(/\r?\n[ \t]/g, ' ').replace(/\?=\s+=\?/g, '?==?');
  return unfolded.replace(/(?:=\?utf-8\?[bq]\?[^?]*\?=)+/gi, (run) => {
    const bytes: Buffer[] = [];
    for (const [, kind, text] of run.matchAll(/=\?utf-8\?([bq])\?([^?]*)\?=/gi)) {
      if (kind!.toLowerCase() === 'b') bytes.push(Buffer.from(text!, 'base64'));
      else bytes.push(Buffer.from(text!.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1'));
    }
    return Buffer.concat(bytes).toString('utf8');
  });
}

export function decodeMail(raw: string): { subject: string; body: string } {
  const subject = decodeHeader(/^subject:\s*(.*(?:\r?\n[ \t].*)*)/im.exec(raw)?.[1] ?? '');
  const body = raw
    .split(/\r?\n--[^\r\n]+\r?\n/)
    .map(decodePart)
    .join('\n');
  return { subject, body };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function startSmtpPeer(): Promise<SmtpPeer> {
  const received: ReceivedMail[] = [];
  const waiters: Array<() => void> = [];
  const peer = { refuseRecipients: false };
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onRcptTo(address, _session, callback) {
      if (peer.refuseRecipients) return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          ...decodeMail(raw),
        });
        for (const wake of waiters.splice(0)) wake();
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

  return Object.assign(peer, {
    port,
    received,
    mailConfig: () => ({
      enabled: true,
      host: '127.0.0.1',
      port,
      tls: { mode: 'none' as const },
      from: 'Guichet numérique <ne-pas-repondre@univ-demo.fr>',
      connectTimeoutMs: 2_000,
      greetingTimeoutMs: 2_000,
      socketTimeoutMs: 5_000,
    }),
    async waitFor(count: number, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`SMTP peer: ${received.length} message(s), ${count} expected`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return received[count - 1]!;
    },
    to: (address: string) => received.filter((m) => m.to.some((t) => t.toLowerCase() === address.toLowerCase())),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
