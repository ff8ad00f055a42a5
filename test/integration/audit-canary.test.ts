import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Attribute, Change, Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/main/config/load';
import { demoConfig } from '../../src/main/config/demo-config';
import { createLogger } from '../../src/main/logger';
import { createServices, type Services } from '../../src/main/services';
import { withAudit } from '../../src/main/audit/with-audit';
import { GuichetError } from '../../src/shared/result';
import { scanForCanaries } from './support/canary';
import { useCanaryDesk } from './support/canary-desk';
import { setPasswordAsRoot } from './support/fault-checks';
import { startDirectory, type DirectoryFixture } from '../../resources/directory/fixture';
import { expectOk, startConsole, type ConsoleHarness } from '../support/console-harness';
import type { ChannelName, RequestOf } from '../../src/shared/contract';
import { hashSecretAnswer } from '../../src/main/password/secret-answer-hash';

/** What is typed at the desk and must never reach the disk. */
const CANARIES = {
  password: 'Kn4r1-Passe-9f3e!Zq',
  code: 'OTP-583-917-CANARI',
  answer: 'canari-reponse-mimosa-42',
  birthDate: '14/03/1911',
  agentPassword: 'Agent-Canari-Mdp-4k8!Tx',
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

describe('desk flows on a real directory: verification, resets, unlock, login recovery', () => {
  const canary = useCanaryDesk('desk', { verification: { code: { digits: 8 } } });

  it('no password, code, answer or date of birth typed or produced lands in the database, WAL, log, exports or temp files', async () => {
    const { fixture, smtp, desk, deskDir, tempDir } = canary.current;
    const call = <C extends ChannelName>(channel: C, payload: RequestOf<C>) => expectOk(desk, channel, payload);
    // The agent's own password is typed at the desk too: a canary of its own.
    expect(tmpdir()).toBe(tempDir);
    const supervisor = fixture.agents.find((a) => a.kind === 'supervisor')!;
    await setPasswordAsRoot(fixture, supervisor.dn, CANARIES.agentPassword);
    await call('session:sign-in', { login: supervisor.login, password: CANARIES.agentPassword });
    await call('session:lock', { reason: 'manual' });
    expect((await desk.invoke('session:resume', { password: 'Pas-le-bon-7!' })).ok).toBe(false);
    await call('session:resume', { password: CANARIES.agentPassword });
    const p = fixture.named.active;
    const dob = p.dateOfBirth;
    const secrets: string[] = [
      CANARIES.password,
      CANARIES.answer,
      '1911-03-14',
      '19110314',
      '90817263',
      dob,
      `${dob.slice(0, 4)}-${dob.slice(4, 6)}-${dob.slice(6)}`,
      hashSecretAnswer(p.secretAnswer!, p.answerSalt),
      CANARIES.agentPassword,
    ];

    // Verification: a wrong date, a wrong answer, the right ones, a wrong code, the right code.
    const identifier = { dn: p.dn, identifierKind: 'studentId' as const, identifier: p.studentIds[0]! };
    expect((await call('verification:identifier', { ...identifier, dateOfBirth: '1911-03-14' })).matched).toBe(false);
    expect((await call('verification:identifier', { ...identifier, dateOfBirth: secrets[6]! })).matched).toBe(true);
    expect((await call('verification:secret-answer', { dn: p.dn, answer: CANARIES.answer })).matched).toBe(false);
    expect((await call('verification:secret-answer', { dn: p.dn, answer: p.secretAnswer! })).matched).toBe(true);
    await call('verification:send-code', { dn: p.dn });
    const code = /^\s*([0-9]{8})\s*$/m.exec((await smtp.waitFor(1)).body)![1]!;
    secrets.push(code);
    expect((await call('verification:check-code', { dn: p.dn, code: code === '90817263' ? '90817264' : '90817263' })).matched).toBe(false);
    expect((await call('verification:check-code', { dn: p.dn, code })).matched).toBe(true);

    // Both resets, an unlock, a login recovery.
    await call('password:reset-chosen', { dn: p.dn, password: CANARIES.password, comment: WITNESS });
    const generated = await call('password:reset-generated', { dn: p.dn });
    secrets.push(generated.password);
    // Five wrong binds lock the account (ppolicy), so that the unlock is a real one (an unlocked account is not "unlocked").
    for (let i = 0; i < 5; i += 1) {
      const client = new Client({ url: fixture.url, timeout: 3_000 });
      await client.bind(p.dn, `pas-le-bon-${i}`).catch(() => undefined);
      await client.unbind().catch(() => undefined);
    }
    await call('account:unlock', { dn: p.dn });
    await call('account:reveal-login', { dn: p.dn });
    expect(smtp.received.length).toBeGreaterThanOrEqual(5);

    // Reviewed and exported (both formats), as a supervisor would.
    expect((await desk.invoke('audit:export', { filter: {}, format: 'csv', separator: ';' })).ok).toBe(true);
    expect((await desk.invoke('audit:export', { filter: {}, format: 'jsonl' })).ok).toBe(true);

    // The witness (a comment meant to be stored) is found in the database and the exports: the scan can fail.
    const witnessHits = scanForCanaries([deskDir], [WITNESS]);
    expect(witnessHits.some((h) => h.path.endsWith('audit.sqlite') || h.path.endsWith('audit.sqlite-wal'))).toBe(true);
    expect(witnessHits.filter((h) => h.path.includes('export')).length).toBeGreaterThanOrEqual(2);
    expect(scanForCanaries([deskDir], [p.login]).length).toBeGreaterThan(0);
    expect(scanForCanaries([deskDir, tempDir], secrets)).toEqual([]);

    // The directory goes away: the agent signs in again offline (the local verifier), same password.
    await call('session:sign-out', {});
    fixture.kill();
    const offline = await call('session:sign-in', { login: supervisor.login, password: CANARIES.agentPassword });
    expect(offline.agent!.online).toBe(false);
    expect((await desk.invoke('audit:export', { filter: {}, format: 'jsonl' })).ok).toBe(true);
    await desk.services.close();
    expect(scanForCanaries([deskDir], [supervisor.login]).length).toBeGreaterThan(0);
    expect(scanForCanaries([deskDir, tempDir], secrets)).toEqual([]);
  });
});

describe('consents and activation on a real directory: the answer and the password stay out of the files and the entry', () => {
  const ACTIVATION_PASSWORD = 'Kanari-Activ-7q2!Wz9';
  const ACTIVATION_ANSWER = 'Réponse-Canari-Glycine-58';
  let fixture: DirectoryFixture;
  let desk: ConsoleHarness;
  let deskDir: string;

  beforeAll(async () => {
    fixture = await startDirectory({ people: 10 });
    deskDir = mkdtempSync(join(tmpdir(), 'guichet-canary-activation-'));
    desk = startConsole({ fixture, dataDir: deskDir, logToFile: true });
  });
  afterAll(async () => {
    await desk?.close();
    await fixture?.stop();
    rmSync(deskDir, { recursive: true, force: true });
  });

  it('a refused then a successful activation, and a consent change, leave no clear answer or password anywhere', async () => {
    const call = <C extends ChannelName>(channel: C, payload: RequestOf<C>) => expectOk(desk, channel, payload);
    const asRoot = async <T>(run: (client: Client) => Promise<T>): Promise<T> => {
      const client = new Client({ url: fixture.url, timeout: 3_000 });
      try {
        await client.bind(fixture.rootDn, fixture.rootPassword);
        return await run(client);
      } finally {
        await client.unbind();
      }
    };
    const minLength = (value: string) =>
      asRoot((c) => c.modify(`cn=default,ou=policies,${fixture.baseDn}`, new Change({ operation: 'replace', modification: new Attribute({ type: 'pwdMinLength', values: [value] }) })));
    const agent = fixture.agents.find((a) => a.kind === 'agent')!;
    await call('session:sign-in', { login: agent.login, password: agent.password });
    const p = fixture.named.neverActivated;
    await call('verification:document', { dn: p.dn, documentKind: 'student-card' });
    const activation = {
      dn: p.dn,
      secretQuestion: 'Quel était le nom de votre premier animal de compagnie ?',
      secretAnswer: ACTIVATION_ANSWER,
      smsAlerts: true,
      mobile: '+33 6 11 22 33 44',
      photoUse: true,
      hiddenFromDirectory: false,
      password: ACTIVATION_PASSWORD,
      charterAccepted: true as const,
      comment: WITNESS,
    };
    // Refused by the console's rules, then by the directory, then accepted: every path writes something.
    expect((await desk.invoke('activation:complete', { ...activation, password: `${ACTIVATION_PASSWORD}${p.login}` })).ok).toBe(false);
    await minLength('40');
    const refused = await desk.invoke('activation:complete', activation);
    await minLength('12');
    expect(refused).toMatchObject({ ok: false, error: { code: 'POLICY_VIOLATION', details: { step: 'password' } } });
    expect(JSON.stringify(refused)).not.toContain(ACTIVATION_PASSWORD);
    await call('activation:complete', activation);
    await call('consents:update', { dn: p.dn, smsAlerts: false, photoUse: true, hiddenFromDirectory: true, comment: WITNESS });
    const supervisor = fixture.agents.find((a) => a.kind === 'supervisor')!;
    await call('session:sign-in', { login: supervisor.login, password: supervisor.password });
    expect((await desk.invoke('audit:export', { filter: {}, format: 'csv', separator: ';' })).ok).toBe(true);
    expect((await desk.invoke('audit:export', { filter: {}, format: 'jsonl' })).ok).toBe(true);

    // Every form the answer could take once typed: as typed, normalised (the hashed form), and lower-cased.
    const secrets = [ACTIVATION_PASSWORD, ACTIVATION_ANSWER, 'reponse-canari-glycine-58', ACTIVATION_ANSWER.toLowerCase()];
    const entry = await asRoot(async (c) => (await c.search(p.dn, { scope: 'base', attributes: ['*', '+'] })).searchEntries[0]!);
    const entryText = JSON.stringify(entry);
    for (const secret of secrets) expect(entryText.toLowerCase()).not.toContain(secret.toLowerCase());
    expect(String(entry['guichetSecretAnswerHash'])).toMatch(/^\{SSHA256\}/);
    expect(String(entry['userPassword'])).toMatch(/^\{SSHA\}/);

    // The witness (the agent's comment, meant to be stored) is found: the scan can fail.
    expect(scanForCanaries([deskDir], [WITNESS]).some((h) => h.path.includes('export'))).toBe(true);
    expect(scanForCanaries([deskDir], [p.login]).length).toBeGreaterThan(0);
    expect(scanForCanaries([deskDir], secrets)).toEqual([]);
    // Nor in the directory's own files: the password went by the Password Modify operation, never a plain modify.
    // (data.mdb is a sparse file of the configured maxsize: its used pages are at the start.)
    const head = Buffer.alloc(64 * 1024 * 1024);
    const fd = openSync(join(fixture.dir, 'db', 'data.mdb'), 'r');
    const used = readSync(fd, head, 0, head.length, 0);
    closeSync(fd);
    const copy = join(mkdtempSync(join(tmpdir(), 'guichet-canary-mdb-')), 'data.mdb.head');
    writeFileSync(copy, head.subarray(0, used));
    expect(scanForCanaries([copy], [p.login]).length).toBeGreaterThan(0);
    expect(scanForCanaries([copy], secrets)).toEqual([]);
    rmSync(join(copy, '..'), { recursive: true, force: true });
    await desk.services.close();
    expect(scanForCanaries([deskDir], secrets)).toEqual([]);
  });
});
