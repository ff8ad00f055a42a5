import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/main/config/load';
import { demoConfig } from '../../src/main/config/demo-config';
import { createLogger } from '../../src/main/logger';
import { createServices, type Services } from '../../src/main/services';
import { withAudit } from '../../src/main/audit/with-audit';
import { GuichetError } from '../../src/shared/result';
import { scanForCanaries } from './support/canary';

/** What is typed at the desk and must never reach the disk. */
const CANARIES = {
  password: 'Kn4r1-Passe-9f3e!Zq',
  code: 'OTP-583-917-CANARI',
  answer: 'canari-reponse-mimosa-42',
  birthDate: '14/03/1911',
};
const WITNESS = 'temoin-visible-7c1d9';

let dataDir: string;
let services: Services;
const agent = { login: 'mdurand', displayName: 'Marie Durand' };
const target = { login: 'jdupont', dn: 'uid=jdupont,ou=people,dc=univ-demo,dc=fr' };
const sender = { id: 1, url: 'http://127.0.0.1/' };

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'guichet-canary-'));
  services = createServices({
    config: parseConfig(demoConfig(), null),
    configSource: { source: 'embedded-demo', path: null },
    dataDir,
    version: '0.1.0-test',
    isTrustedSender: (s) => s.id === sender.id,
    logger: createLogger({ file: join(dataDir, 'logs', 'guichet.log') }),
  });
  services.session.set({ ...agent, dn: 'uid=mdurand,ou=people,dc=univ-demo,dc=fr', role: 'supervisor', online: true, signedInAt: new Date().toISOString(), locked: false });
});
afterAll(async () => {
  await services.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Each attempt to smuggle a secret into an event is refused before anything is written. */
function refused(write: () => unknown): void {
  let error: unknown = null;
  try {
    write();
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(GuichetError);
  for (const value of Object.values(CANARIES)) expect(String((error as Error).message)).not.toContain(value);
}

describe('secrets typed at the desk never reach the disk', () => {
  it('the scanner finds a planted value in UTF-8, UTF-16LE and base64 (it can fail)', () => {
    const file = join(dataDir, 'control.bin');
    for (const [encoding, content] of [
      ['utf8', Buffer.from(`xx${CANARIES.password}yy`)],
      ['utf16le', Buffer.from(`xx${CANARIES.password}yy`, 'utf16le')],
      ['base64', Buffer.from(Buffer.from(`x${CANARIES.password}`).toString('base64'))],
    ] as const) {
      writeFileSync(file, content);
      expect(scanForCanaries([file], [CANARIES.password]).map((h) => h.encoding)).toContain(encoding);
    }
    rmSync(file);
  });

  it('audit flows that try to carry a password, code, answer or birth date store none of them', async () => {
    const audit = services.audit;
    const base = { agent, target, evidence: ['security-question' as const] };

    // Verification: the answer and the birth date as typed, in every shape a caller might try.
    refused(() => audit.append({ ...base, action: 'verification-attempt', outcome: 'success', details: { method: 'security-question', matched: true, answer: CANARIES.answer } } as never));
    refused(() => audit.append({ ...base, action: 'verification-attempt', outcome: 'success', details: { method: 'date-of-birth', matched: true, dateOfBirth: CANARIES.birthDate } } as never));
    refused(() => audit.append({ ...base, action: 'verification-attempt', outcome: 'success', details: { method: 'date-of-birth', matched: true, typed: { value: CANARIES.birthDate } } } as never));
    audit.append({ ...base, action: 'verification-attempt', outcome: 'success', details: { method: 'security-question', matched: true, attempt: 1 } });

    // One-time code sent by SMS.
    refused(() => audit.append({ ...base, action: 'notification-sent', outcome: 'success', details: { channel: 'sms', recipient: '06******78', purpose: 'verification', otp: CANARIES.code } } as never));
    refused(() => audit.append({ ...base, action: 'notification-sent', outcome: 'success', details: { channel: 'sms', recipient: CANARIES.code, purpose: 'verification' } } as never));
    audit.append({ ...base, action: 'notification-sent', outcome: 'success', details: { channel: 'sms', recipient: '06******78', purpose: 'verification' } });

    // Password reset: the new password goes to the directory, never into the trail.
    refused(() => audit.beginIntent({ ...base, action: 'password-reset', details: { delivery: 'shown-at-desk', mustChangeAtNextLogin: true, newPassword: CANARIES.password } } as never));
    let directoryGot = '';
    await withAudit(
      audit,
      { ...base, action: 'password-reset', details: { delivery: 'shown-at-desk', mustChangeAtNextLogin: true }, comment: WITNESS },
      async () => {
        directoryGot = CANARIES.password; // the directory call receives it
        return { ok: true };
      },
      { onSuccess: () => ({ details: { delivery: 'shown-at-desk', mustChangeAtNextLogin: true, changes: { mustChangeAtNextLogin: { before: false, after: true } } } }) },
    );
    expect(directoryGot).toBe(CANARIES.password);
    const handle = audit.beginIntent({ ...base, action: 'account-unlock', details: {} });
    refused(() => audit.settle(handle, 'success', { details: { changes: {}, secret: CANARIES.password } }));
    refused(() => audit.settle(handle, 'success', { details: { changes: { personalMail: { before: null, after: CANARIES.password } } } }));
    audit.settle(handle, 'success');

    // Reviewing and exporting go through the router, and are recorded too.
    expect(await services.router.dispatch('audit:query', { filter: { text: CANARIES.password.slice(0, 8) } }, sender)).toMatchObject({ ok: true });
    const csv = await services.router.dispatch('audit:export', { filter: {}, format: 'csv', separator: ';' }, sender);
    const jsonl = await services.router.dispatch('audit:export', { filter: {}, format: 'jsonl' }, sender);
    expect(csv.ok && jsonl.ok).toBe(true);

    // The witness (a value meant to be stored) is found: the files are scannable as they are.
    const paths = [dataDir];
    expect(scanForCanaries(paths, [WITNESS]).length).toBeGreaterThan(0);
    expect(scanForCanaries(paths, Object.values(CANARIES))).toEqual([]);
    await services.close();
    expect(scanForCanaries(paths, Object.values(CANARIES))).toEqual([]);
  });
});
