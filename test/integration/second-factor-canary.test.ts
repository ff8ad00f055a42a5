/**
 * Canaries of the second factor: the keys the desk generates (raw bytes, base32, grouped as
 * shown, inside the otpauth:// URI), every code typed (wrong and right, at enrolment and at
 * the person's sign-in) and the person's password (wrong and right) must land nowhere on
 * disk: not in the audit database or its WAL, the log, the exports, the throttle file, nor
 * the temp folder, during the flows and after the console has closed.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChannelName, RequestOf } from '../../src/shared/contract';
import { readQrRows, scan } from '../support/authenticator';
import { expectOk } from '../support/console-harness';
import { scanForCanaries } from './support/canary';
import { useCanaryDesk } from './support/canary-desk';
import { setPasswordAsRoot } from './support/fault-checks';

const PERSON_PASSWORD = 'Canari-Personne-8Jw!q2';
const WRONG_PASSWORD = 'Canari-Faux-Mdp-5Tz?x9';
const WITNESS = 'temoin-second-facteur-3b7e';

// Eight digits: a six-digit code could turn up by chance inside a timestamp of the files.
const canary = useCanaryDesk('2fa', { secondFactor: { enabled: true, digits: 8 } });

describe('second-factor secrets never reach the disk', () => {
  it('the scanner finds a raw key planted as bytes or as base64 (it can fail)', () => {
    const { deskDir } = canary.current;
    const key = Buffer.from('9f3c00e1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0', 'hex');
    const file = join(deskDir, 'control.bin');
    for (const content of [Buffer.concat([Buffer.from('xx'), key, Buffer.from('yy')]), Buffer.from(`x${key.toString('base64')}y`)]) {
      writeFileSync(file, content);
      expect(scanForCanaries([file], [key])).toHaveLength(1);
    }
    rmSync(file);
  });

  it('keys, codes and the person’s password: in no file of the data folder or the temp folder', async () => {
    const { fixture, smtp, desk, deskDir, tempDir } = canary.current;
    const call = <C extends ChannelName>(channel: C, payload: RequestOf<C>) => expectOk(desk, channel, payload);
    expect(tmpdir()).toBe(tempDir);
    const p = fixture.named.active;
    await setPasswordAsRoot(fixture, p.dn, PERSON_PASSWORD);
    const secrets: Array<string | Buffer> = [PERSON_PASSWORD, WRONG_PASSWORD];
    const agent = fixture.agents.find((a) => a.kind === 'agent')!;
    await call('session:sign-in', { login: agent.login, password: agent.password });

    // The person signs in as evidence: a wrong password, then the right one.
    expect((await call('verification:person-sign-in', { dn: p.dn, password: WRONG_PASSWORD })).matched).toBe(false);
    expect((await call('verification:person-sign-in', { dn: p.dn, password: PERSON_PASSWORD })).matched).toBe(true);

    /** One enrolment: a wrong first code, then the right one; every form of its key is a canary. */
    const enrol = async () => {
      const offer = await call('second-factor:start-enrolment', { dn: p.dn });
      const uri = readQrRows(offer.qr);
      const phone = scan(uri);
      const wrong = phone.wrongCode();
      const right = phone.code();
      secrets.push(phone.secretBytes, phone.totp.secret.base32, offer.keyGroups.join(' '), uri, wrong, right);
      expect(await call('second-factor:confirm-enrolment', { dn: p.dn, enrolmentId: offer.enrolmentId, code: wrong, comment: WITNESS })).toMatchObject({ confirmed: false });
      expect(await call('second-factor:confirm-enrolment', { dn: p.dn, enrolmentId: offer.enrolmentId, code: right, comment: WITNESS })).toMatchObject({ confirmed: true });
      return phone;
    };
    const first = await enrol();
    // Signed in again with password + code (a new step's code): the code is a canary too.
    const typed = first.nextCode();
    secrets.push(typed);
    expect((await call('verification:person-sign-in', { dn: p.dn, password: PERSON_PASSWORD, code: typed })).matched).toBe(true);
    await enrol();
    // A key started and cancelled.
    const cancelled = await call('second-factor:start-enrolment', { dn: p.dn });
    secrets.push(cancelled.keyGroups.join(''), readQrRows(cancelled.qr));
    await call('second-factor:cancel-enrolment', { dn: p.dn, enrolmentId: cancelled.enrolmentId });
    await call('verification:document', { dn: p.dn, documentKind: 'national-id' });
    await call('second-factor:remove', { dn: p.dn, reason: 'lost-device', comment: WITNESS });
    expect(smtp.received.length).toBeGreaterThanOrEqual(3);

    const supervisor = fixture.agents.find((a) => a.kind === 'supervisor')!;
    await call('session:sign-in', { login: supervisor.login, password: supervisor.password });
    expect((await desk.invoke('audit:export', { filter: {}, format: 'csv', separator: ';' })).ok).toBe(true);
    expect((await desk.invoke('audit:export', { filter: {}, format: 'jsonl' })).ok).toBe(true);

    // The scan can fail: the witness (the agent's comment, meant to be stored) is found in the database and the exports.
    const witness = scanForCanaries([deskDir], [WITNESS]);
    expect(witness.some((h) => /audit\.sqlite(-wal)?$/.test(h.path))).toBe(true);
    expect(witness.filter((h) => h.path.includes('export')).length).toBeGreaterThanOrEqual(2);
    expect(scanForCanaries([deskDir], [p.login]).length).toBeGreaterThan(0);
    expect(scanForCanaries([deskDir, tempDir], secrets)).toEqual([]);
    // None in the mails either: the notices name the device, never its key.
    for (const mail of smtp.received) for (const secret of secrets) expect(mail.raw).not.toContain(typeof secret === 'string' ? secret : secret.toString('base64'));

    await desk.services.close();
    expect(scanForCanaries([deskDir, tempDir], secrets)).toEqual([]);
  });
});
