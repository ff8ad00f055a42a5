/**
 * The assisted activation on a real slapd (and a real SMTP server): the never-activated and
 * pre-created accounts end to end (the person then binds with the chosen password), the
 * directory refusing the password then a retry, refusals that write nothing, and the audit
 * story in its order. Entries are read back as the directory's administrator.
 */
import { Attribute, Change, Client, type Entry } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DirectoryFixture, type FixturePerson } from '../../resources/directory/fixture';
import { expectOk, expectRefusal, type ConsoleHarness } from '../support/console-harness';
import { type SmtpPeer } from './support/smtp-peer';
import { startDeskSession, type DeskSession } from './support/desk-session';
import type { ActivationDone } from '../../src/shared/contract/activation';
import type { AppError } from '../../src/shared/result';
import { canBind, valuesOf } from './support/fault-checks';
import { checkSecretAnswer } from '../../src/main/password/secret-answer-hash';
import { localDay } from '../../src/main/activation/activation-plan';
import type { ChannelName, RequestOf } from '../../src/shared/contract';

let fixture: DirectoryFixture;
let smtp: SmtpPeer;
let harness: ConsoleHarness;
let policyDn: string;

const PASSWORD = 'Tournesol-Vif-83!Quai';
const ANSWER = '  Saint-Étienne ';
const QUESTION = 'Dans quelle ville vos parents se sont-ils rencontrés ?';

const call = <C extends ChannelName>(channel: C, payload: RequestOf<C>) => expectOk(harness, channel, payload);
const refusal = <C extends ChannelName>(channel: C, payload: RequestOf<C>): Promise<AppError> => expectRefusal(harness, channel, payload);
async function asRoot<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ url: fixture.url, timeout: 3_000 });
  try {
    await client.bind(fixture.rootDn, fixture.rootPassword);
    return await run(client);
  } finally {
    await client.unbind();
  }
}
const entryOf = (dn: string): Promise<Entry> => asRoot(async (c) => (await c.search(dn, { scope: 'base', attributes: ['*', '+'] })).searchEntries[0]!);
interface Row {
  seq: number;
  action: string;
  outcome: string;
  intent_seq: number | null;
  directory_code: number | null;
  details: string;
}
/** The account's trail as stored, oldest first, without the identity check's own records. */
const story = (login: string): Row[] =>
  (harness.services.auditDb.prepare('SELECT seq, action, outcome, intent_seq, directory_code, details FROM events WHERE target_login = ? ORDER BY seq').all(login) as Row[]).filter(
    (r) => r.action !== 'verification-attempt',
  );
const label = (r: Row) => {
  const step = (JSON.parse(r.details) as { step?: string }).step;
  return `${r.action}${step ? `:${step}` : ''}:${r.outcome}`;
};
const verify = (p: FixturePerson) => call('verification:document', { dn: p.dn, documentKind: 'student-card' });
const request = (p: FixturePerson, overrides: Record<string, unknown> = {}) => ({
  dn: p.dn,
  secretQuestion: QUESTION,
  secretAnswer: ANSWER,
  smsAlerts: true,
  mobile: '06 98 76 54 32',
  photoUse: true,
  hiddenFromDirectory: false,
  password: PASSWORD,
  charterAccepted: true as const,
  ...overrides,
});
const setMinLength = (value: string) =>
  asRoot((c) => c.modify(policyDn, new Change({ operation: 'replace', modification: new Attribute({ type: 'pwdMinLength', values: [value] }) })));
const generatedNeverActivated = () => fixture.people.filter((p) => p.key === null && p.state === 'neverActivated' && p.affiliation === 'student');

let desk: DeskSession;
beforeAll(async () => {
  desk = await startDeskSession({ people: 150 });
  ({ fixture, smtp, harness } = desk);
  policyDn = `cn=default,ou=policies,${fixture.baseDn}`;
});
afterAll(async () => {
  await desk?.close();
});

describe('activation:offer', () => {
  it('offers a never-activated account, with the preset questions and the charter', async () => {
    const p = fixture.named.neverActivated;
    const offer = await call('activation:offer', { dn: p.dn });
    expect(offer).toMatchObject({ offered: true, reason: null, login: p.login, charter: { version: harness.config.institution.charterVersion } });
    expect(offer.presetQuestions.length).toBeGreaterThan(3);
    expect(offer.minAnswerLength).toBe(harness.config.activation.minAnswerLength);
    expect(offer.mobileMasked).toMatch(/^\+33 [67] •• •• •• \d\d$/);
  });

  it('does not offer a pre-created, an active, a suspended or an expired account, and says why and who can help', async () => {
    // Pre-created: the registration is not finalised; the registrar finalises it, then the desk activates it.
    expect(await call('activation:offer', { dn: fixture.named.preCreated.dn })).toMatchObject({ offered: false, reason: 'pre-created', fixer: 'registrar' });
    expect(await call('activation:offer', { dn: fixture.named.active.dn })).toMatchObject({ offered: false, reason: 'already-activated', fixer: null });
    expect(await call('activation:offer', { dn: fixture.named.suspended.dn })).toMatchObject({ offered: false, reason: 'suspended', fixer: 'registrar' });
    expect(await call('activation:offer', { dn: fixture.named.expired.dn })).toMatchObject({ offered: false, reason: 'expired', fixer: 'registrar' });
  });

  it('a wizard opened and cancelled (no complete) leaves the entry as it was', async () => {
    const p = fixture.named.preCreated;
    const before = await entryOf(p.dn);
    await verify(p);
    await call('activation:offer', { dn: p.dn });
    expect(await entryOf(p.dn)).toEqual(before);
    expect(story(p.login)).toEqual([]);
  });
});

describe('activation:complete refusals write nothing', () => {
  it('an active, a suspended and a pre-created account are refused, back to the verification step', async () => {
    for (const [p, reason] of [
      [fixture.named.active, 'already-activated'],
      [fixture.named.suspended, 'suspended'],
      [fixture.named.preCreated, 'pre-created'],
    ] as const) {
      await verify(p);
      const before = await entryOf(p.dn);
      const error = await refusal('activation:complete', request(p));
      expect(error).toMatchObject({ code: 'ACCOUNT_STATE', details: { step: 'verification', reason } });
      expect(await entryOf(p.dn)).toEqual(before);
      expect(story(p.login)).toEqual([]);
    }
  });

  it('without the identity check: VERIFICATION_REQUIRED at the verification step', async () => {
    const p = generatedNeverActivated()[0]!;
    await call('verification:clear', { dn: p.dn });
    const error = await refusal('activation:complete', request(p));
    expect(error).toMatchObject({ code: 'VERIFICATION_REQUIRED', details: { step: 'verification', action: 'activation' } });
  });

  it('each bad input sends the wizard back to its step, before any write', async () => {
    const p = generatedNeverActivated()[0]!;
    await verify(p);
    const before = await entryOf(p.dn);
    const cases: Array<[Record<string, unknown>, string, Record<string, unknown>]> = [
      [{ secretAnswer: ' é ' }, 'INVALID_REQUEST', { step: 'question', field: 'secretAnswer', reason: 'too-short' }],
      [{ secretAnswer: 'Parents' }, 'INVALID_REQUEST', { step: 'question', field: 'secretAnswer', reason: 'in-question' }],
      [{ mobile: undefined }, 'INVALID_REQUEST', { step: 'sms', field: 'mobile', reason: 'required' }],
      [{ mobile: '06 12' }, 'INVALID_REQUEST', { step: 'sms', field: 'mobile', reason: 'incomplete' }],
      [{ password: 'Court-1!' }, 'POLICY_VIOLATION', { step: 'password', reason: 'rules', rules: ['length', 'not-common', 'strength'] }],
      [{ password: `${p.login}-Tournesol-83!` }, 'POLICY_VIOLATION', { step: 'password', reason: 'rules', rules: expect.arrayContaining(['not-login']) }],
    ];
    // The generated person may have no registered mobile: make "required" meaningful.
    if (p.mobile) cases.splice(2, 1);
    for (const [overrides, code, details] of cases) {
      const error = await refusal('activation:complete', request(p, overrides));
      expect(error, JSON.stringify(overrides)).toMatchObject({ code, details });
    }
    expect(await entryOf(p.dn)).toEqual(before);
    expect(story(p.login)).toEqual([]);
  });
});

describe('activation:complete end to end', () => {
  it('the never-activated account: question hashed, consents, charter, password, then active; one audit story; a mail without secrets', async () => {
    const p = fixture.named.neverActivated;
    await verify(p);
    const done = await call('activation:complete', request(p, { comment: 'activation au guichet' }));
    expect(done).toMatchObject({ login: p.login, uniqueId: p.uniqueId, mail: p.mail, notification: { failed: false } });
    expect(done.notification.sentTo).toHaveLength(1);

    // The person signs in with the password they chose; the server holds no other.
    expect(await canBind(fixture, p.dn, PASSWORD)).toBe(true);
    expect(await canBind(fixture, p.dn, 'Tournesol-Vif-83!Quaj')).toBe(false);
    const entry = await entryOf(p.dn);
    expect(valuesOf(entry, 'pwdReset')).toEqual([]);
    expect(valuesOf(entry, 'supannRessourceEtat')).toEqual(['{COMPTE}A:SupannActif']);
    expect(valuesOf(entry, 'supannRessourceEtatDate')).toEqual([`{COMPTE}A:SupannActif:${localDay(new Date(), 'Europe/Paris')}:${p.resourceStateDate.split(':')[3]}`]);
    expect(valuesOf(entry, 'supannConsentement').sort()).toEqual(['{PHOTO}TROMBINOSCOPE', '{SMS}ALERTES']);
    expect(valuesOf(entry, 'mobile')).toEqual(['+33698765432']);
    expect(valuesOf(entry, 'supannListeRouge')).toEqual(['FALSE']);
    expect(valuesOf(entry, 'guichetSecretQuestion')).toEqual([QUESTION]);
    const [hash] = valuesOf(entry, 'guichetSecretAnswerHash');
    expect(hash).toMatch(/^\{SSHA256\}/);
    expect(checkSecretAnswer('SAINT-ETIENNE', hash)).toBe(true);
    expect(checkSecretAnswer('Saint-Denis', hash)).toBe(false);
    expect(JSON.stringify(entry).toLowerCase()).not.toContain('etienne');
    expect(valuesOf(entry, 'guichetCharterAcceptance')[0]).toMatch(new RegExp(`^${harness.config.institution.charterVersion};\\d{14}Z$`));

    expect(story(p.login).map(label)).toEqual([
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
      'activation-step:account-enabled:success',
      'activation:success',
      'notification-sent:success',
    ]);
    const outcome = story(p.login).find((r) => r.action === 'activation' && r.outcome === 'success')!;
    expect(JSON.parse(outcome.details)).toMatchObject({
      charterVersion: harness.config.institution.charterVersion,
      changes: { securityQuestionSet: { before: false, after: true }, accountState: { before: '{COMPTE}I:SupannCree', after: '{COMPTE}A:SupannActif' }, mobile: { after: '+33*******32' } },
    });

    // The consents given at activation are the first entry of the account's consent proof.
    const consents = await call('consents:get', { dn: p.dn });
    expect(consents.history).toHaveLength(1);
    expect(consents.history[0]).toMatchObject({ fields: ['smsAlerts', 'mobile', 'photoUse'], evidence: ['student-card'] });

    const mail = smtp.to(p.personalMail!).at(-1)!;
    expect(mail.body).toContain(p.login);
    expect(mail.body).toContain(p.uniqueId);
    expect(mail.body).not.toContain(PASSWORD);
    expect(mail.body.toLowerCase()).not.toContain('etienne');
    // Now active: no second activation.
    expect(await call('activation:offer', { dn: p.dn })).toMatchObject({ offered: false, reason: 'already-activated' });
  });

  it('a retry after the last step failed keeps the password already set (no history refusal, no temporary left)', async () => {
    const p = fixture.named.neverActivated;
    // As if the state modify of the previous activation had been refused.
    await asRoot((c) =>
      c.modify(p.dn, [
        new Change({ operation: 'replace', modification: new Attribute({ type: 'supannRessourceEtat', values: ['{COMPTE}I:SupannCree'] }) }),
        new Change({ operation: 'replace', modification: new Attribute({ type: 'supannRessourceEtatDate', values: [p.resourceStateDate] }) }),
      ]),
    );
    const changed = valuesOf(await entryOf(p.dn), 'pwdChangedTime');
    await verify(p);
    await call('activation:complete', request(p));
    expect(await canBind(fixture, p.dn, PASSWORD)).toBe(true);
    const entry = await entryOf(p.dn);
    expect(valuesOf(entry, 'pwdChangedTime')).toEqual(changed);
    expect(valuesOf(entry, 'supannRessourceEtat')).toEqual(['{COMPTE}A:SupannActif']);
  });

  it('a pre-created account once its registration is finalised, refusing SMS and photo, hidden from the directory, without an end date; a refused mail undoes nothing', async () => {
    const p = fixture.named.preCreated;
    // The registrar finalises the registration: the account is now created (I:SupannCree), still without dates.
    await asRoot((c) =>
      c.modify(p.dn, [
        new Change({ operation: 'replace', modification: new Attribute({ type: 'supannRessourceEtat', values: ['{COMPTE}I:SupannCree'] }) }),
        new Change({ operation: 'replace', modification: new Attribute({ type: 'supannRessourceEtatDate', values: ['{COMPTE}I:SupannCree::'] }) }),
      ]),
    );
    await verify(p);
    // The relay refuses the confirmation mail: the activation stands, the agent is told.
    smtp.refuseRecipients = true;
    let done: ActivationDone;
    try {
      done = await call('activation:complete', request(p, { smsAlerts: false, mobile: undefined, photoUse: false, hiddenFromDirectory: true, password: 'Girafe#Bleue-Orage-27' }));
    } finally {
      smtp.refuseRecipients = false;
    }
    expect(done).toMatchObject({ login: p.login, notification: { sentTo: [], failed: true } });
    expect(story(p.login).map(label).slice(-2)).toEqual(['activation:success', 'notification-failed:failure']);
    expect(await canBind(fixture, p.dn, 'Girafe#Bleue-Orage-27')).toBe(true);
    const entry = await entryOf(p.dn);
    expect(valuesOf(entry, 'supannRessourceEtatDate')).toEqual([`{COMPTE}A:SupannActif:${localDay(new Date(), 'Europe/Paris')}:`]);
    expect(valuesOf(entry, 'supannConsentement')).toEqual([]);
    expect(valuesOf(entry, 'supannListeRouge')).toEqual(['TRUE']);
    expect(valuesOf(entry, 'mobile')).toEqual([p.mobile]);
    expect(story(p.login).map(label)).toContain('consent-change:success');
  });

  it('the directory refuses the password: step 1 stays, the state and the password do not; the retry succeeds', async () => {
    const p = generatedNeverActivated()[1]!;
    await verify(p);
    // A password the console accepts but this directory's policy does not (too short for it).
    await setMinLength('40');
    let error: AppError;
    try {
      error = await refusal('activation:complete', request(p));
    } finally {
      await setMinLength('12');
    }
    expect(error).toMatchObject({ code: 'POLICY_VIOLATION', details: { step: 'password', reason: 'directory-policy', resultCode: 19 } });
    const afterRefusal = await entryOf(p.dn);
    expect(valuesOf(afterRefusal, 'guichetSecretQuestion')).toEqual([QUESTION]);
    expect(valuesOf(afterRefusal, 'supannRessourceEtat')).toEqual(['{COMPTE}I:SupannCree']);
    // The temporary password nobody knows was withdrawn: still no password, still offered.
    expect(valuesOf(afterRefusal, 'userPassword')).toEqual([]);
    expect(valuesOf(afterRefusal, 'pwdChangedTime')).toEqual([]);
    expect(valuesOf(afterRefusal, 'pwdReset')).toEqual([]);
    expect(await call('activation:offer', { dn: p.dn })).toMatchObject({ offered: true });
    const refused = story(p.login);
    expect(refused.map(label).slice(-3)).toEqual(['activation-step:password-set:pending', 'activation-step:password-set:failure', 'activation:failure']);
    expect(refused.at(-2)!.directory_code).toBe(19);

    const done = await call('activation:complete', request(p));
    expect(done.login).toBe(p.login);
    expect(await canBind(fixture, p.dn, PASSWORD)).toBe(true);
    expect(valuesOf(await entryOf(p.dn), 'supannRessourceEtat')).toEqual(['{COMPTE}A:SupannActif']);
    // The retry wrote step 1 again, but the consents were already there: no second consent change.
    expect(story(p.login).filter((r) => r.action === 'consent-change' && r.outcome === 'success')).toHaveLength(1);
    expect(story(p.login).at(-2)!.action).toBe('activation');
  });
});
