/**
 * slapd SIGKILLed in the middle of a password reset. The console talks to slapd through a
 * stalling proxy that holds the Password Modify request (or its answer); slapd is killed
 * while it is held, which closes the connection under the pending request. The reset must
 * answer at once (within the configured timeouts) with a typed error the agent can read in
 * French, and the trail must hold the intent and a truthful outcome: with slapd gone the
 * re-read cannot be made, so the intent stays open (shown "outcome unknown"), never
 * `success` nor `failure`. After restart the late settler reads the entry back and records
 * what really happened, and the next reset works on a new, bound session.
 */
import { describe, expect, it } from 'vitest';
import { NAMED_PERSON_PASSWORD, type FixturePerson } from '../../resources/directory/fixture';
import { expectOk, expectRefusal } from '../support/console-harness';
import type { ChannelName, RequestOf } from '../../src/shared/contract';
import { ANSWER_WITHIN_MS, settledOutcomes, trailOutcomes, useOutageDesk } from './support/outage-desk';
import { agentSentence, canBind, entryAsRoot, valuesOf } from './support/fault-checks';
import type { Stall } from './support/stalling-proxy';

const CHOSEN = 'Vrille-Hibou-Tamis-47!';

const outage = useOutageDesk({ people: 10 });
const restart = () => outage.restart();

const outcomes = (login: string): string[] => trailOutcomes(outage.harness, login, 'password-reset');
/** Waits for the late settler to write the outcome of the last intent (the directory is back). */
const settled = (login: string, count: number): Promise<string[]> => settledOutcomes(outage.harness, login, 'password-reset', count);
/** How the review screen shows the person's resets, newest first. */
const shown = (login: string): string[] =>
  outage.harness.services.audit.query({ target: login, action: 'password-reset' }, { login: 'review', role: 'supervisor' }).events.map((e) => e.outcome);
const changedTime = async (dn: string): Promise<string[]> => valuesOf(await entryAsRoot(outage.fixture, dn), 'pwdChangedTime');
const verify = (p: FixturePerson) => expectOk(outage.harness, 'verification:document', { dn: p.dn, documentKind: 'student-card' });

/** Starts the call, waits until the proxy holds the Password Modify (or its answer), kills slapd. */
const killedDuring = <C extends ChannelName>(stall: Stall, channel: C, payload: RequestOf<C>, skip = 0) =>
  outage.killedDuring({ stall, skip }, () => expectRefusal(outage.harness, channel, payload));


describe('slapd killed during a password reset', () => {
  it('generated, request never delivered: OUTCOME_UNKNOWN in plain French, shown unknown, then read back as a failure; the old password still stands; the next reset works', async () => {
    const p = outage.fixture.named.active;
    await verify(p);
    const before = await changedTime(p.dn);
    const mails = outage.smtp.received.length;

    const { error, ms } = await killedDuring('drop-request', 'password:reset-generated', { dn: p.dn });
    expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
    expect(error).toMatchObject({ code: 'OUTCOME_UNKNOWN' });
    expect(await agentSentence(error)).toBe('Résultat incertain : l’annuaire n’a pas confirmé l’opération.');
    // The intent stays open while nobody can know: the review screen says "unknown".
    expect(outcomes(p.login)).toEqual(['pending']);
    expect(shown(p.login)).toEqual(['unknown']);
    expect(outage.harness.services.lateSettler.pending).toBe(1);

    await restart();
    // What really happened: nothing. Read back by the late settler, recorded as a failure.
    expect(await settled(p.login, 2)).toEqual(['pending', 'failure']);
    expect(shown(p.login)).toEqual(['failure']);
    expect(await changedTime(p.dn)).toEqual(before);
    expect(await canBind(outage.fixture, p.dn, NAMED_PERSON_PASSWORD)).toBe(true);
    // No notice told the person about a reset that did not happen.
    expect(outage.smtp.received.length).toBe(mails);

    // New connection, bound as the agent first (anonymous may not reset anything).
    const reset = await expectOk(outage.harness, 'password:reset-generated', { dn: p.dn });
    expect(await canBind(outage.fixture, p.dn, reset.password)).toBe(true);
    expect(outcomes(p.login)).toEqual(['pending', 'failure', 'pending', 'success']);
  });

  it('generated, applied but the answer lost: OUTCOME_UNKNOWN, shown unknown while slapd is away; after restart read back and recorded success', async () => {
    const p = outage.fixture.named.redListed;
    await verify(p);
    const before = await changedTime(p.dn);
    const mails = outage.smtp.received.length;

    // The answer is held only once slapd has sent it: the reset is applied, then slapd dies.
    const { error, ms } = await killedDuring('drop-response', 'password:reset-generated', { dn: p.dn });
    expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
    expect(error).toMatchObject({ code: 'OUTCOME_UNKNOWN' });
    await agentSentence(error);
    // The generated password was never shown: nobody may learn it from the refusal either.
    expect(JSON.stringify(error)).not.toMatch(/password"/i);
    expect(outcomes(p.login)).toEqual(['pending']);
    expect(shown(p.login)).toEqual(['unknown']);

    await restart();
    // Applied: the settler sees pwdChangedTime moved and records the success the agent could not be told.
    expect(await settled(p.login, 2)).toEqual(['pending', 'success']);
    expect(await changedTime(p.dn)).not.toEqual(before);
    expect(await canBind(outage.fixture, p.dn, NAMED_PERSON_PASSWORD)).toBe(false);
    // The person still hears of the reset, as after any reset at the desk.
    const notice = await outage.smtp.waitFor(mails + 1);
    expect(`${notice.subject}\n${notice.body}`).toMatch(/mot de passe/i);

    const reset = await expectOk(outage.harness, 'password:reset-generated', { dn: p.dn });
    expect(await canBind(outage.fixture, p.dn, reset.password)).toBe(true);
  });

  it('chosen, killed during the person’s own change: OUTCOME_UNKNOWN; read back as a failure (temporary password left); a second attempt sets it', async () => {
    const p = outage.fixture.named.homonymA;
    await verify(p);

    // The first Password Modify (the administrator's temporary password) goes through; the person's change is held.
    const { error, ms } = await killedDuring('drop-request', 'password:reset-chosen', { dn: p.dn, password: CHOSEN }, 1);
    expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
    expect(error).toMatchObject({ code: 'OUTCOME_UNKNOWN' });
    await agentSentence(error);
    expect(JSON.stringify(error)).not.toContain(CHOSEN);
    expect(outcomes(p.login)).toEqual(['pending']);

    await restart();
    // Only the temporary password got in: the chosen one was not set, recorded as a failure.
    expect(await settled(p.login, 2)).toEqual(['pending', 'failure']);
    // Half done: a temporary password nobody knows, to be changed; neither the old nor the chosen one works.
    expect(valuesOf(await entryAsRoot(outage.fixture, p.dn), 'pwdReset')).toEqual(['TRUE']);
    expect(await canBind(outage.fixture, p.dn, CHOSEN)).toBe(false);
    expect(await canBind(outage.fixture, p.dn, NAMED_PERSON_PASSWORD)).toBe(false);

    await expectOk(outage.harness, 'password:reset-chosen', { dn: p.dn, password: CHOSEN });
    expect(await canBind(outage.fixture, p.dn, CHOSEN)).toBe(true);
    expect(valuesOf(await entryAsRoot(outage.fixture, p.dn), 'pwdReset')).toEqual([]);
    expect(outcomes(p.login)).toEqual(['pending', 'failure', 'pending', 'success']);
  });
});
