/**
 * slapd SIGKILLed in the middle of a second-factor write. The console talks to slapd through
 * a stalling proxy that holds the token's modify (or its answer); slapd is killed while it
 * is held. The agent hears at once that the outcome is unknown; the trail keeps the intent
 * open, and once slapd is back the late settler reads the entry and records what happened.
 * The person is left with the old token or the new one, never half of either: one modify
 * carries the whole token, and the directory applies it whole or not at all.
 */
import { describe, expect, it } from 'vitest';
import { NAMED_PERSON_PASSWORD, type FixturePerson } from '../../resources/directory/fixture';
import type { ChannelName, RequestOf } from '../../src/shared/contract';
import { Phone, readQrRows, scan } from '../support/authenticator';
import { expectOk, expectRefusal } from '../support/console-harness';
import { agentSentence, canBind, entryAsRoot, valuesOf } from './support/fault-checks';
import { ANSWER_WITHIN_MS, settledOutcomes, trailOutcomes, useOutageDesk } from './support/outage-desk';
import { modifyRequestOf, type Stall } from './support/stalling-proxy';

const outage = useOutageDesk({ people: 10 });

const call = <C extends ChannelName>(channel: C, payload: RequestOf<C>) => expectOk(outage.harness, channel, payload);
const verify = (p: FixturePerson) => call('verification:document', { dn: p.dn, documentKind: 'national-id' });
const tokenWrite = modifyRequestOf('oathSecret');

const outcomes = (login: string, action: string): string[] => trailOutcomes(outage.harness, login, action);
const settled = (login: string, action: string, count: number): Promise<string[]> => settledOutcomes(outage.harness, login, action, count);
const intentDetails = (login: string, action: string) =>
  JSON.parse((outage.harness.services.auditDb.prepare('SELECT details FROM events WHERE target_login = ? AND action = ? AND intent_seq IS NULL ORDER BY seq DESC').get(login, action) as { details: string }).details) as Record<string, unknown>;
const signsIn = (p: FixturePerson, phone: Phone) => canBind(outage.fixture, p.dn, `${NAMED_PERSON_PASSWORD}${phone.nextCode()}`);

/** A replacement whose token write is held (`stall`) while slapd is killed; the new phone, and the agent's refusal. */
async function replacementKilled(p: FixturePerson, stall: Stall) {
  await verify(p);
  const offer = await call('second-factor:start-enrolment', { dn: p.dn });
  const phone = scan(readQrRows(offer.qr));
  const { error, ms } = await outage.killedDuring({ stall, match: tokenWrite }, () =>
    expectRefusal(outage.harness, 'second-factor:confirm-enrolment', { dn: p.dn, enrolmentId: offer.enrolmentId, code: phone.code() }),
  );
  expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
  expect(error).toMatchObject({ code: 'OUTCOME_UNKNOWN' });
  await agentSentence(error);
  expect(JSON.stringify(error)).not.toContain(offer.keyGroups.join(''));
  return phone;
}

describe('slapd killed during a second-factor write', () => {
  it('replacement, request never delivered: unknown meanwhile, then read back as a failure; the old phone still signs in, the new one never did', async () => {
    const holder = outage.fixture.tokenHolders.enrolled;
    const old = new Phone(holder.totpSecret);
    const phone = await replacementKilled(holder, 'drop-request');
    expect(outcomes(holder.login, 'second-factor-enrol')).toEqual(['pending']);
    expect(outage.harness.services.lateSettler.pending).toBe(1);

    await outage.restart();
    expect(await settled(holder.login, 'second-factor-enrol', 2)).toEqual(['pending', 'failure']);
    // The trail says which: a replacement (another token was there) that failed, so the old one stands.
    expect(intentDetails(holder.login, 'second-factor-enrol')).toMatchObject({ replaced: true });
    expect(await signsIn(holder, phone)).toBe(false);
    expect(await signsIn(holder, old)).toBe(true);
    expect(valuesOf(await entryAsRoot(outage.fixture, holder.dn), 'guichetSecondFactorSince')).toEqual([holder.since]);
    // The enrolment is over (its key dropped): it starts again, and works on a new session.
    await verify(holder);
    const again = await call('second-factor:start-enrolment', { dn: holder.dn });
    const fresh = scan(readQrRows(again.qr));
    expect(await call('second-factor:confirm-enrolment', { dn: holder.dn, enrolmentId: again.enrolmentId, code: fresh.code() })).toMatchObject({ confirmed: true, replaced: true });
    expect(await signsIn(holder, fresh)).toBe(true);
  });

  it('replacement applied but the answer lost: after restart read back as a success, the new phone signs in, the old one no longer; the notice goes out then', async () => {
    const holder = outage.fixture.tokenHolders.staffEnrolled;
    const old = new Phone(holder.totpSecret);
    // Staff: any agent may enrol (the removal is the supervisor's); the fixture's agent does it.
    const mails = outage.smtp.received.length;
    const phone = await replacementKilled(holder, 'drop-response');
    expect(outcomes(holder.login, 'second-factor-enrol')).toEqual(['pending']);

    await outage.restart();
    expect(await settled(holder.login, 'second-factor-enrol', 2)).toEqual(['pending', 'success']);
    expect(await signsIn(holder, phone)).toBe(true);
    expect(await signsIn(holder, old)).toBe(false);
    const notice = await outage.smtp.waitFor(mails + 1);
    expect(notice.body).toMatch(/a remplacé l’ancien/);
  });

  it('removal applied but the answer lost: read back as a success; the password alone signs in', async () => {
    const p = outage.fixture.named.active;
    // A token first (a clean enrolment), then its removal is cut short.
    await verify(p);
    const offer = await call('second-factor:start-enrolment', { dn: p.dn });
    const phone = scan(readQrRows(offer.qr));
    await call('second-factor:confirm-enrolment', { dn: p.dn, enrolmentId: offer.enrolmentId, code: phone.code() });
    expect(await canBind(outage.fixture, p.dn, NAMED_PERSON_PASSWORD)).toBe(false);

    await verify(p);
    const { error } = await outage.killedDuring({ stall: 'drop-response', match: tokenWrite }, () => expectRefusal(outage.harness, 'second-factor:remove', { dn: p.dn, reason: 'lost-device' }));
    expect(error).toMatchObject({ code: 'OUTCOME_UNKNOWN' });
    await outage.restart();
    expect(await settled(p.login, 'second-factor-remove', 2)).toEqual(['pending', 'success']);
    expect(await canBind(outage.fixture, p.dn, NAMED_PERSON_PASSWORD)).toBe(true);
    expect(valuesOf(await entryAsRoot(outage.fixture, p.dn), 'objectClass').filter((c) => c.startsWith('oath'))).toEqual([]);
  });
});
