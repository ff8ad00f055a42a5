import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailConfigSchema, type MailConfig } from '../../src/main/mail/mail-config';
import { createMailer } from '../../src/main/mail/mailer';
import { activationMail, codeMail, notificationMail, type MailSetting } from '../../src/main/mail/templates';
import { generatePassword } from '../../src/main/password/generate';
import { BUILT_IN_PROFILES } from '../../src/shared/password-profiles';
import { parseMailbox, type Mailbox } from '../../src/shared/mail-address';
import { GuichetError } from '../../src/shared/result';

/** A checked recipient, as the notifier hands them to the mailer. */
function mailbox(address: string): Mailbox {
  const verdict = parseMailbox(address);
  if (!verdict.ok) throw new Error(`not a mailbox: ${verdict.problem}`);
  return verdict.mailbox;
}

interface Received {
  from: string;
  to: string[];
  raw: string;
}

const setting: MailSetting = {
  institutionName: 'Université de démonstration',
  helpdeskName: 'Guichet numérique',
  helpdeskContact: 'assistance@univ-demo.fr',
  workstation: 'BU-ACCUEIL-2',
  timeZone: 'Europe/Paris',
  words: { account: { fr: 'compte', en: 'account' }, portal: { fr: 'ENT', en: 'digital workspace' } },
};

/** Every MIME part, quoted-printable and base64 undone. */
function decodedParts(raw: string): Array<{ type: string; body: string }> {
  return raw.split(/\r?\n--[^\r\n]+\r?\n/).map((part) => {
    const split = part.search(/\r?\n\r?\n/);
    const headers = split >= 0 ? part.slice(0, split) : '';
    const body = split >= 0 ? part.slice(split).trim() : part;
    const type = /content-type:\s*([\w/-]+)/i.exec(headers)?.[1]?.toLowerCase() ?? '';
    const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
    if (encoding === 'base64') return { type, body: Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') };
    if (encoding === 'quoted-printable') {
      const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => `%${hex}`);
      return { type, body: decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25')) };
    }
    return { type, body };
  });
}

const decodedBody = (raw: string): string => decodedParts(raw).map((p) => p.body).join('\n');
const htmlPart = (raw: string): string => decodedParts(raw).find((p) => p.type === 'text/html')?.body ?? '';
const textPart = (raw: string): string => decodedParts(raw).find((p) => p.type === 'text/plain')?.body ?? '';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function startServer(options: SMTPServerOptions) {
  const received: Received[] = [];
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
    ...options,
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const config = (overrides: Record<string, unknown>): MailConfig =>
  mailConfigSchema.parse({ enabled: true, host: '127.0.0.1', from: 'Guichet <guichet@univ-demo.fr>', ...overrides });

function selfSignedCertificate(): { key: string; cert: string; certFile: string } | null {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-smtp-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
        '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
  } catch {
    return null;
  }
  return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8'), certFile: join(dir, 'cert.pem') };
}

describe('mail through a real SMTP server', () => {
  let plain: Awaited<ReturnType<typeof startServer>>;
  const authSeen: Array<{ username: string; password: string }> = [];

  beforeAll(async () => {
    plain = await startServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        authSeen.push({ username: auth.username ?? '', password: auth.password ?? '' });
        if (auth.username === 'guichet' && auth.password === 's3cret-smtp') callback(null, { user: 'guichet' });
        else callback(new Error('Invalid username or password'));
      },
      onRcptTo(address, _session, callback) {
        if (address.address.endsWith('@refused.example')) {
          const error = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
          callback(error);
        } else callback();
      },
    });
  });
  afterAll(async () => {
    await plain.close();
  });

  it('delivers the code mail, with the code, authenticated with the password from the environment', async () => {
    const mailer = createMailer(config({ port: plain.port, tls: { mode: 'none' }, auth: { user: 'guichet', passwordEnv: 'SMTP_PW' } }), {
      env: { SMTP_PW: 's3cret-smtp' },
    });
    const content = codeMail({ code: '048213', expiresAt: new Date('2026-03-02T09:10:00Z'), setting });
    const sent = await mailer.sendMail({ to: mailbox('lea.martin@perso.example'), ...content });
    mailer.close();
    expect(sent.ok).toBe(true);
    expect(sent.messageId).toMatch(/^<.+>$/);
    const message = plain.received.at(-1)!;
    expect(message.to).toEqual(['lea.martin@perso.example']);
    expect(message.from).toBe('guichet@univ-demo.fr');
    const body = decodedBody(message.raw);
    expect(body).toContain('048213');
    expect(body).toContain('lundi 2 mars 2026 à 10:10 UTC+1');
    expect(body).toContain('English version');
    expect(authSeen.at(-1)).toEqual({ username: 'guichet', password: 's3cret-smtp' });
  });

  it('delivers the notification after a reset without the password in it', async () => {
    const password = generatePassword(BUILT_IN_PROFILES.uphf);
    const mailer = createMailer(config({ port: plain.port, tls: { mode: 'none' } }));
    const content = notificationMail({ action: 'reset-password', at: new Date('2026-03-02T13:45:00Z'), setting });
    await mailer.sendMail({ to: mailbox('lea.martin@perso.example'), ...content });
    mailer.close();
    const message = plain.received.at(-1)!;
    const body = decodedBody(message.raw);
    expect(body).toContain('le mot de passe de votre compte a été réinitialisé');
    expect(body).toContain('BU-ACCUEIL-2');
    expect(body).toContain('assistance@univ-demo.fr');
    expect(body).toContain('the password of your account was reset');
    expect(message.raw).not.toContain(password);
    expect(body).not.toContain(password);
  });

  it('delivers the activation confirmation with login, unique id and institutional address', async () => {
    const mailer = createMailer(config({ port: plain.port, tls: { mode: 'none' } }));
    const content = activationMail({
      login: 'lmartin',
      uniqueId: 'U2026<0042>',
      institutionalMail: 'lea.martin@etu.univ-demo.fr',
      at: new Date('2026-03-02T13:45:00Z'),
      setting,
    });
    await mailer.sendMail({ to: mailbox('lea.martin@perso.example'), ...content });
    mailer.close();
    const raw = plain.received.at(-1)!.raw;
    for (const part of [textPart(raw), htmlPart(raw)]) {
      expect(part).toContain('lmartin');
      expect(part).toContain('lea.martin@etu.univ-demo.fr');
    }
    expect(textPart(raw)).toContain('U2026<0042>');
    expect(htmlPart(raw)).toContain('U2026&#60;0042&#62;');
    expect(htmlPart(raw)).not.toContain('<0042>');
  });

  it('turns a refused recipient into MAIL_FAILED, quickly and without the address', async () => {
    const mailer = createMailer(config({ port: plain.port, tls: { mode: 'none' } }));
    const started = Date.now();
    const error = await mailer
      .sendMail({ to: mailbox('someone@refused.example'), ...notificationMail({ action: 'unlock', at: new Date(), setting }) })
      .catch((e: unknown) => e);
    mailer.close();
    expect(error).toBeInstanceOf(GuichetError);
    expect(error).toMatchObject({ code: 'MAIL_FAILED', details: { smtpCode: 'EENVELOPE', responseCode: 550 } });
    expect((error as Error).message).not.toContain('refused.example');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('sends only to a checked mailbox: a hand-made recipient never reaches the relay; the envelope is the one address', async () => {
    const mailer = createMailer(config({ port: plain.port, tls: { mode: 'none' } }));
    const before = plain.received.length;
    const forged = { address: 'a@b.fr\r\nBcc: x@y.z', local: 'a', domain: 'b.fr', needsSmtpUtf8: false } as Mailbox;
    const error = await mailer.sendMail({ to: forged, ...codeMail({ code: '123456', expiresAt: new Date(), setting }) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'MAIL_FAILED', details: { smtpCode: 'EENVELOPE' } });
    // An internationalised mailbox needs a relay declared SMTPUTF8 (mail.smtpUtf8).
    const utf8 = parseMailbox('josé@perso.example', { smtpUtf8: true });
    if (!utf8.ok) throw new Error('expected a mailbox');
    const refused = await mailer.sendMail({ to: utf8.mailbox, ...codeMail({ code: '123456', expiresAt: new Date(), setting }) }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'MAIL_FAILED', details: { smtpCode: 'EENVELOPE' } });
    expect(plain.received.length).toBe(before);
    await mailer.sendMail({ to: mailbox('lea.martin@perso.example'), ...codeMail({ code: '123456', expiresAt: new Date(), setting }) });
    mailer.close();
    const message = plain.received.at(-1)!;
    expect(message.to).toEqual(['lea.martin@perso.example']);
    const headers = message.raw.slice(0, message.raw.search(/\r?\n\r?\n/));
    expect(headers).toMatch(/^To: lea\.martin@perso\.example\r?$/m);
    expect(headers).toMatch(/^From: Guichet <guichet@univ-demo\.fr>\r?$/m);
    expect(headers).not.toMatch(/^(Cc|Bcc):/im);
  });

  it('turns a wrong SMTP password into MAIL_FAILED without echoing it', async () => {
    const mailer = createMailer(config({ port: plain.port, tls: { mode: 'none' }, auth: { user: 'guichet', passwordEnv: 'SMTP_PW' } }), {
      env: { SMTP_PW: 'not-the-password' },
    });
    const error = await mailer.sendMail({ to: mailbox('a@perso.example'), ...codeMail({ code: '123456', expiresAt: new Date(), setting }) }).catch((e: unknown) => e);
    mailer.close();
    expect(error).toMatchObject({ code: 'MAIL_FAILED', details: { smtpCode: 'EAUTH' } });
    expect(JSON.stringify({ message: (error as Error).message, details: (error as GuichetError).details })).not.toMatch(
      /not-the-password|123456/,
    );
  });

  it('gives MAIL_FAILED quickly when nothing listens', async () => {
    const port = await freePort();
    const mailer = createMailer(config({ port, tls: { mode: 'none' }, connectTimeoutMs: 2_000 }));
    const started = Date.now();
    const error = await mailer.sendMail({ to: mailbox('a@perso.example'), ...codeMail({ code: '123456', expiresAt: new Date(), setting }) }).catch((e: unknown) => e);
    mailer.close();
    expect(error).toMatchObject({ code: 'MAIL_FAILED', details: { smtpCode: 'ESOCKET' } });
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('refuses to send in clear to another host, to send when disabled, and without its password variable', () => {
    expect(() => createMailer(config({ host: 'smtp.univ-demo.fr', tls: { mode: 'none' } }))).toThrow(/plain SMTP/);
    expect(() => createMailer(mailConfigSchema.parse({}))).toThrow(/not configured/);
    expect(() => createMailer(config({ auth: { user: 'guichet', passwordEnv: 'NOPE_SMTP_PW' } }), { env: {} })).toThrow(
      /NOPE_SMTP_PW is not set/,
    );
  });
});

const tlsMaterial = selfSignedCertificate();

describe.skipIf(!tlsMaterial)('mail over STARTTLS with the certificate verified', () => {
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    server = await startServer({ key: tlsMaterial!.key, cert: tlsMaterial!.cert });
  });
  afterAll(async () => {
    await server.close();
  });

  it('upgrades with STARTTLS and verifies the relay against the configured CA', async () => {
    const mailer = createMailer(
      config({ host: 'localhost', port: server.port, tls: { mode: 'starttls', caFile: tlsMaterial!.certFile } }),
    );
    await mailer.sendMail({ to: mailbox('lea.martin@perso.example'), ...codeMail({ code: '551234', expiresAt: new Date(), setting }) });
    mailer.close();
    expect(decodedBody(server.received.at(-1)!.raw)).toContain('551234');
  });

  it('refuses a relay whose certificate it cannot verify', async () => {
    const mailer = createMailer(config({ host: 'localhost', port: server.port, tls: { mode: 'starttls' } }));
    const error = await mailer
      .sendMail({ to: mailbox('a@perso.example'), ...codeMail({ code: '123456', expiresAt: new Date(), setting }) })
      .catch((e: unknown) => e);
    mailer.close();
    expect(error).toMatchObject({ code: 'MAIL_FAILED' });
    expect(server.received.every((m) => !m.raw.includes('123456'))).toBe(true);
  });
});

describe('mail templates', () => {
  it('escape every value in HTML, keep headers on one line and never take a password', () => {
    const hostile: MailSetting = {
      ...setting,
      helpdeskName: 'Guichet <script>alert(1)</script>',
      institutionName: 'Univ\r\nBcc: victim@example.org',
      workstation: 'PC "1" & <b>',
    };
    for (const content of [
      codeMail({ code: '123456', expiresAt: new Date(), setting: hostile }),
      notificationMail({ action: 'consent-change', at: new Date(), setting: hostile }),
      activationMail({ login: '<i>x</i>', uniqueId: 'u', institutionalMail: 'a@b', at: new Date(), setting: hostile }),
    ]) {
      expect(content.html).not.toMatch(/<script|<b>|<i>|"1"/);
      expect(content.subject).not.toMatch(/[\r\n]/);
      expect(content.text.indexOf('English version')).toBeGreaterThan(content.text.indexOf('Bonjour'));
    }
    // @ts-expect-error there is no field for a password
    notificationMail({ action: 'reset-password', at: new Date(), setting, password: 'x' });
  });
});
