/**
 * slapd SIGKILLed in the middle of an assisted activation (question + consents + charter in
 * one modify, then the password, then the state last). The console talks to slapd through
 * a stalling proxy that holds one request of the wizard's (or its answer); slapd is killed
 * while it is held. The activation must answer at once with a refusal naming the wizard
 * step to go back to, in French the agent can read; the trail must show which steps were
 * applied (a step whose answer was lost reads `unknown`: the re-read cannot be made with
 * slapd gone) and close the activation truthfully, never `success`: `failure` when the
 * state was never written (the account certainly is not active), `unknown` when the state
 * write itself was lost. No "your account is active" mail. After restart the account is
 * still offered and a second activation finishes.
 */
import { describe, expect, it } from 'vitest';
import { type FixturePerson } from '../../resources/directory/fixture';
import { expectOk, expectRefusal } from '../support/console-harness';
import { ANSWER_WITHIN_MS, useOutageDesk } from './support/outage-desk';
import { agentSentence, canBind, entryAsRoot, valuesOf } from './support/fault-checks';
import { modifyRequestOf, passwordModifyRequest, type RequestMatcher, type Stall } from './support/stalling-proxy';

const PASSWORD = 'Tournesol-Vif-83!Quai';
const INACTIVE = '{COMPTE}I:SupannCree';
const ACTIVE = '{COMPTE}A:SupannActif';

const outage = useOutageDesk({ people: 80 });
const restart = () => outage.restart();

const request = (p: FixturePerson) => ({
  dn: p.dn,
  secretQuestion: 'Dans quelle ville vos parents se sont-ils rencontrés ?',
  secretAnswer: 'Saint-Étienne',
  smsAlerts: true,
  mobile: '06 98 76 54 32',
  photoUse: true,
  hiddenFromDirectory: false,
  password: PASSWORD,
  charterAccepted: true as const,
});
const verify = (p: FixturePerson) => expectOk(outage.harness, 'verification:document', { dn: p.dn, documentKind: 'student-card' });
const offer = (p: FixturePerson) => expectOk(outage.harness, 'activation:offer', { dn: p.dn });
const stateOf = async (p: FixturePerson) => valuesOf(await entryAsRoot(outage.fixture, p.dn), 'supannRessourceEtat');

/** The account's activation story as stored, oldest first: `action[:step]:outcome`. */
const story = (login: string): string[] =>
  (
    outage.harness.services.auditDb
      .prepare("SELECT action, outcome, details FROM events WHERE target_login = ? AND action <> 'verification-attempt' ORDER BY seq")
      .all(login) as Array<{ action: string; outcome: string; details: string }>
  ).map((r) => {
    const step = (JSON.parse(r.details) as { step?: string }).step;
    return `${r.action}${step ? `:${step}` : ''}:${r.outcome}`;
  });

/** Starts the activation, waits until the proxy holds the watched request (or its answer), kills slapd. */
const killedDuring = (match: RequestMatcher, stall: Stall, p: FixturePerson, skip = 0) =>
  outage.killedDuring({ match, stall, skip }, () => expectRefusal(outage.harness, 'activation:complete', request(p)));

/** After restart: still offered, a second activation finishes and the person binds with the chosen password. */
async function secondAttemptFinishes(p: FixturePerson): Promise<void> {
  expect(await offer(p)).toMatchObject({ offered: true, reason: null });
  const done = await expectOk(outage.harness, 'activation:complete', request(p));
  expect(done.login).toBe(p.login);
  expect(await stateOf(p)).toEqual([ACTIVE]);
  expect(await canBind(outage.fixture, p.dn, PASSWORD)).toBe(true);
  expect(story(p.login).filter((s) => s.startsWith('activation:')).slice(-2)).toEqual(['activation:pending', 'activation:success']);
}


describe('slapd killed during an assisted activation', () => {
  it('during the last step (the state): steps 1 and 2 on record as done, the state unknown, the activation unknown; the retry keeps the password and finishes', async () => {
    const p = outage.fixture.named.neverActivated;
    await verify(p);
    const mails = outage.smtp.received.length;

    const { error, ms } = await killedDuring(modifyRequestOf('supannRessourceEtat'), 'drop-request', p);
    expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
    // The state write may have gone through: here, and only here, the outcome is uncertain.
    expect(error).toMatchObject({ code: 'OUTCOME_UNKNOWN', details: { step: 'confirmation' } });
    expect(await agentSentence(error)).toBe('Résultat incertain : l’annuaire n’a pas confirmé l’opération.');
    expect(JSON.stringify(error)).not.toContain(PASSWORD);
    expect(story(p.login)).toEqual([
      'activation:pending',
      'activation-step:security-question-set:pending',
      'consent-change:pending',
      'activation-step:charter-accepted:pending',
      'activation-step:security-question-set:success',
      'consent-change:success',
      'activation-step:charter-accepted:success',
      'activation-step:password-set:pending',
      'activation-step:password-set:success',
      'activation-step:account-enabled:pending',
      'activation-step:account-enabled:unknown',
      'activation:unknown',
    ]);

    await restart();
    // What really happened: everything but the state. The trail said so, step by step.
    expect(await stateOf(p)).toEqual([INACTIVE]);
    expect(await canBind(outage.fixture, p.dn, PASSWORD)).toBe(true);
    expect(outage.smtp.received.length).toBe(mails);
    const changed = valuesOf(await entryAsRoot(outage.fixture, p.dn), 'pwdChangedTime');

    await secondAttemptFinishes(p);
    // The password step found the chosen password already set: no second change.
    expect(valuesOf(await entryAsRoot(outage.fixture, p.dn), 'pwdChangedTime')).toEqual(changed);
    expect(story(p.login).slice(-6)).toEqual([
      'activation-step:password-set:pending',
      'activation-step:password-set:success',
      'activation-step:account-enabled:pending',
      'activation-step:account-enabled:success',
      'activation:success',
      'notification-sent:success',
    ]);
  });

  it('during the person’s own password change: step 1 done, the password unknown, the activation a failure (state never written); the retry finishes', async () => {
    // A never-activated student of the generated people (a pre-created account is not activated at the desk).
    const p = outage.fixture.people.filter((x) => x.key === null && x.state === 'neverActivated' && x.affiliation === 'student')[1]!;
    await verify(p);
    const mails = outage.smtp.received.length;

    // The administrator's temporary password goes through; the person's own change is held.
    const { error, ms } = await killedDuring(passwordModifyRequest, 'drop-request', p, 1);
    expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
    // Not "outcome uncertain": the state was never written, the account is certainly not active.
    expect(error).toMatchObject({ code: 'DIRECTORY_UNAVAILABLE', details: { step: 'password', activated: false, stepOutcome: 'unknown' } });
    expect(await agentSentence(error)).toBe('L’annuaire est injoignable. Réessayez dans un instant.');
    expect(story(p.login).slice(-4)).toEqual([
      'activation-step:charter-accepted:success',
      'activation-step:password-set:pending',
      'activation-step:password-set:unknown',
      'activation:failure',
    ]);
    expect(story(p.login).some((s) => s.includes('account-enabled'))).toBe(false);

    await restart();
    const entry = await entryAsRoot(outage.fixture, p.dn);
    // Still not active (the state is written last), and a temporary password nobody knows, to be changed.
    expect(valuesOf(entry, 'supannRessourceEtat')).toEqual([expect.stringMatching(/^\{COMPTE\}I:/)]);
    expect(valuesOf(entry, 'pwdReset')).toEqual(['TRUE']);
    expect(valuesOf(entry, 'guichetSecretQuestion')).toHaveLength(1);
    expect(await canBind(outage.fixture, p.dn, PASSWORD)).toBe(false);
    expect(outage.smtp.received.length).toBe(mails);

    await secondAttemptFinishes(p);
  });

  it('during step 1 (question, consents, charter), applied but the answer lost: those changes unknown, the activation a failure; the retry finishes', async () => {
    const p = outage.fixture.people.find((x) => x.key === null && x.state === 'neverActivated' && x.affiliation === 'student')!;
    await verify(p);

    const { error, ms } = await killedDuring(modifyRequestOf('guichetSecretQuestion'), 'drop-response', p);
    expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
    expect(error).toMatchObject({ code: 'DIRECTORY_UNAVAILABLE', details: { step: 'confirmation', activated: false, stepOutcome: 'unknown' } });
    await agentSentence(error);
    const trail = story(p.login);
    expect(trail.filter((s) => s.endsWith(':success'))).toEqual([]);
    expect(trail.filter((s) => s.endsWith(':unknown'))).toEqual([
      'activation-step:security-question-set:unknown',
      ...(trail.includes('consent-change:pending') ? ['consent-change:unknown'] : []),
      'activation-step:charter-accepted:unknown',
    ]);
    expect(trail.at(-1)).toBe('activation:failure');
    expect(trail.some((s) => s.includes('password-set') || s.includes('account-enabled'))).toBe(false);

    await restart();
    // slapd had applied it (its answer was on the way): question set, no password, still inactive.
    const entry = await entryAsRoot(outage.fixture, p.dn);
    expect(valuesOf(entry, 'guichetSecretQuestion')).toEqual([request(p).secretQuestion]);
    expect(valuesOf(entry, 'pwdChangedTime')).toEqual([]);
    expect(valuesOf(entry, 'supannRessourceEtat')[0]).toMatch(/^\{COMPTE\}I:/);

    await secondAttemptFinishes(p);
  });
});
