/**
 * When the audit trail cannot record the intent (database locked by another process, disk
 * full), the desk's directory actions are refused before the directory is touched: checked
 * on the real slapd entry (password still the old one, no pwdChangedTime, lock and consents
 * unchanged), through the same IPC channels the renderer uses. Once the trail is writable
 * again, the same action goes through.
 */
import Database from 'better-sqlite3';
import { Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAMED_PERSON_PASSWORD, type FixturePerson } from '../../resources/directory/fixture';
import { expectOk, expectRefusal } from '../support/console-harness';
import { startDeskSession, type DeskSession } from './support/desk-session';
import { canBind } from './support/fault-checks';
import type { ChannelName, RequestOf } from '../../src/shared/contract';

let desk: DeskSession;

beforeAll(async () => {
  desk = await startDeskSession({ people: 10 });
});
afterAll(async () => {
  await desk?.close();
});

const call = <C extends ChannelName>(channel: C, payload: RequestOf<C>) => expectOk(desk.harness, channel, payload);
const refusal = <C extends ChannelName>(channel: C, payload: RequestOf<C>) => expectRefusal(desk.harness, channel, payload);
/** For a list of different channels: the payload is checked by the router only. */
const refusalOfAny = async (channel: ChannelName, payload: unknown) => {
  const result = await desk.harness.invokeRaw(channel, payload);
  if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return result.error;
};

/** The entry as the directory manager sees it: what an action would have changed. */
async function entryState(p: FixturePerson): Promise<Record<string, unknown>> {
  const client = new Client({ url: desk.fixture.url, timeout: 3_000 });
  try {
    await client.bind(desk.fixture.rootDn, desk.fixture.rootPassword);
    const attributes = ['userPassword', 'pwdChangedTime', 'pwdReset', 'pwdAccountLockedTime', 'supannConsentement', 'mobile', 'modifyTimestamp'];
    const [entry] = (await client.search(p.dn, { scope: 'base', attributes })).searchEntries;
    return entry!;
  } finally {
    await client.unbind();
  }
}


/** The head of the chain: how many events were ever written. */
const auditRows = () => desk.harness.services.audit.db.prepare('SELECT max(seq) FROM events').pluck().get() as number;

describe('the trail is locked by another process', () => {
  it('reset, unlock and consent change are refused with a French message; the entries are untouched', async () => {
    const resetTarget = desk.fixture.named.active;
    const locked = desk.fixture.named.locked;
    const consentTarget = desk.fixture.named.homonymA;
    const before = await Promise.all([resetTarget, locked, consentTarget].map(entryState));
    const rowsBefore = auditRows();
    const attempts: Array<[FixturePerson, ChannelName, Record<string, unknown>]> = [
      [resetTarget, 'password:reset-generated', {}],
      [locked, 'account:unlock', {}],
      [consentTarget, 'consents:update', { smsAlerts: false, photoUse: false, hiddenFromDirectory: true }],
    ];
    let verifications = 0;
    for (const [p, channel, payload] of attempts) {
      // One person at a time at the desk: verified, then the trail is locked just before the action.
      await call('verification:document', { dn: p.dn, documentKind: 'national-id' });
      verifications += 1;
      const other = new Database(desk.harness.services.audit.path);
      other.exec('BEGIN EXCLUSIVE');
      try {
        const error = await refusalOfAny(channel, { dn: p.dn, ...payload });
        expect(error.code).toBe('AUDIT_UNAVAILABLE');
        expect(error.message).toMatch(/journal d'audit ne peut pas enregistrer/);
      } finally {
        other.exec('ROLLBACK');
        other.close();
      }
    }

    const after = await Promise.all([resetTarget, locked, consentTarget].map(entryState));
    expect(after).toEqual(before);
    expect(await canBind(desk.fixture, resetTarget.dn, NAMED_PERSON_PASSWORD)).toBe(true);
    expect(after[1]!['pwdAccountLockedTime']).toBeTruthy();
    // Only the verifications were written: no intent of the refused actions made it to the disk.
    expect(auditRows()).toBe(rowsBefore + verifications);

    // The lock is gone: the same reset goes through and is recorded.
    await call('verification:document', { dn: resetTarget.dn, documentKind: 'national-id' });
    await call('password:reset-generated', { dn: resetTarget.dn });
    expect(await canBind(desk.fixture, resetTarget.dn, NAMED_PERSON_PASSWORD)).toBe(false);
    expect(auditRows()).toBeGreaterThan(rowsBefore);
  });
});

describe('the disk is full', () => {
  it('an activation is refused before any step is applied; with room again it completes', async () => {
    const p = desk.fixture.named.neverActivated;
    await call('verification:document', { dn: p.dn, documentKind: 'student-card' });
    const before = await entryState(p);
    const db = desk.harness.services.audit.db;
    const pages = () => db.pragma('page_count', { simple: true }) as number;
    // The file may not grow any more: what is left of its last pages fills up, as a disk would.
    db.pragma(`max_page_count = ${pages()}`);
    const filler = { action: 'sign-in-refused' as const, outcome: 'denied' as const, agent: null, details: { reason: 'invalid-credentials' as const }, comment: 'x'.repeat(900) };
    let full = false;
    for (let i = 0; i < 10_000 && !full; i += 1) {
      try {
        desk.harness.services.audit.append(filler);
      } catch {
        full = true;
      }
    }
    expect(full).toBe(true);

    const activation = {
      dn: p.dn,
      secretQuestion: 'Quel est le nom de votre premier professeur ?',
      secretAnswer: 'Madame Lenoir de Saint-Flour',
      smsAlerts: true,
      mobile: '+33 6 12 34 56 78',
      photoUse: true,
      hiddenFromDirectory: false,
      password: 'Activation-Disque-Plein-9!',
      charterAccepted: true as const,
      comment: 'Carte étudiante vue au guichet, activation accompagnée complète',
    };
    try {
      const error = await refusal('activation:complete', activation);
      expect(error.code).toBe('AUDIT_UNAVAILABLE');
      expect(error.message).toMatch(/action annulée/);
      expect(await entryState(p)).toEqual(before);
      expect(await canBind(desk.fixture, p.dn, activation.password)).toBe(false);
    } finally {
      db.pragma('max_page_count = 1073741823');
    }

    await call('activation:complete', activation);
    expect(await canBind(desk.fixture, p.dn, activation.password)).toBe(true);
  });
});
