/**
 * Each ready profile's journeys (resources/config: uphf, upvd, ubp) on a real slapd shaped
 * for it, with a real SMTP peer. The seed page each journey follows is named in its title:
 *   UPHF "Étudiant - Activer son ENT" (wiki uphf.fr, sesame/etudiant_-_activer_son_ent)
 *   UPVD "Sesame - Mon Compte à l'UPVD : Activer mon compte" (sesame.univ-perp.fr)
 *   UBP  "Kit de survie ENT / étudiant / L'authentification", cas n°1 and n°2 (ent.univ-bpclermont.fr)
 * Entries are read back as the directory's administrator.
 */
import { Attribute, Change, Client, type Entry } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixturePerson } from '../../resources/directory/fixture';
import { certificateCodeOf, dossierNumberOf } from '../../resources/directory/institution-shape';
import { expectOk, expectRefusal } from '../support/console-harness';
import { startDeskSession, type DeskSession } from './support/desk-session';
import { canBind, valuesOf } from './support/fault-checks';
import type { ChannelName, RequestOf } from '../../src/shared/contract';
import type { InstitutionProfile } from '../../src/main/config/institution-profiles';

const isoDate = (ymd: string) => `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;
const codeIn = (body: string) => /^\s*([0-9]{6,8})\s*$/m.exec(body)?.[1] ?? null;

/** The describe's desk session on that profile, opened before its tests and closed after. */
function deskOn(institution: InstitutionProfile, people: number): () => DeskSession {
  let desk: DeskSession | undefined;
  beforeAll(async () => {
    desk = await startDeskSession({ people, institution });
  });
  afterAll(async () => {
    await desk?.close();
  });
  return () => desk!;
}

function helpers(desk: () => DeskSession) {
  const call = <C extends ChannelName>(channel: C, payload: RequestOf<C>) => expectOk(desk().harness, channel, payload);
  const refusal = <C extends ChannelName>(channel: C, payload: RequestOf<C>) => expectRefusal(desk().harness, channel, payload);
  async function asRoot<T>(run: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ url: desk().fixture.url, timeout: 3_000 });
    try {
      await client.bind(desk().fixture.rootDn, desk().fixture.rootPassword);
      return await run(client);
    } finally {
      await client.unbind();
    }
  }
  const entryOf = (dn: string): Promise<Entry> => asRoot(async (c) => (await c.search(dn, { scope: 'base', attributes: ['*', '+'] })).searchEntries[0]!);
  /** The account's trail as stored (action:step:outcome), without the identity check's own records. */
  const story = (login: string): string[] =>
    (desk().harness.services.auditDb.prepare('SELECT action, outcome, details FROM events WHERE target_login = ? ORDER BY seq').all(login) as Array<{ action: string; outcome: string; details: string }>)
      .filter((r) => r.action !== 'verification-attempt')
      .map((r) => {
        const d = JSON.parse(r.details) as { step?: string; reason?: string };
        return [r.action, d.step ?? d.reason, r.outcome].filter(Boolean).join(':');
      });
  const everything = () => JSON.stringify(desk().harness.services.auditDb.prepare('SELECT * FROM events').all());
  const neverActivated = (n: number) => desk().fixture.people.filter((p) => p.key === null && p.state === 'neverActivated' && p.affiliation === 'student').slice(0, n);
  return { call, refusal, asRoot, entryOf, story, everything, neverActivated };
}

describe('UPVD (upvd.yaml)', () => {
  const session = deskOn('upvd', 80);
  const { call, refusal, entryOf, story, everything, neverActivated } = helpers(session);
  let desk: DeskSession;
  beforeAll(() => {
    desk = session();
  });
  // At least 8, 3 kinds out of 4, UPVD's specials.
  const PASSWORD = 'Catalan#Vigne42';

  it('"Activer mon compte" (login + INE): the personal address confirmed by the code read on the phone, then password and IT charter; active at the end', async () => {
    const [p] = neverActivated(1) as [FixturePerson];
    // Login + INE with the date of birth (the identifiers the UPVD page asks for) ...
    expect((await call('verification:identifier', { dn: p.dn, identifierKind: 'login', identifier: p.login, dateOfBirth: isoDate(p.dateOfBirth) })).matched).toBe(true);
    // ... a student number is not one UPVD's desk accepts.
    expect((await refusal('verification:identifier', { dn: p.dn, identifierKind: 'studentId', identifier: p.studentIds[0] ?? '12345678', dateOfBirth: isoDate(p.dateOfBirth) })).details).toMatchObject({ reason: 'not-offered' });
    await call('verification:document', { dn: p.dn, documentKind: 'student-card' });
    const address = `${p.login}.perso@example.org`;
    const before = desk.smtp.received.length;
    const sent = await call('activation:send-mail-code', { dn: p.dn, personalMail: address });
    expect(sent.sentTo).not.toContain(p.login);
    const mail = await desk.smtp.waitFor(before + 1);
    expect(mail.to).toEqual([address]);
    expect(mail.body).toContain('compte Sesame');
    const code = codeIn(mail.body)!;
    expect(code).toMatch(/^[0-9]{6}$/);
    // Not confirmed yet: the activation refuses to write an address the person has not proven.
    expect((await refusal('activation:complete', { dn: p.dn, personalMail: address, password: PASSWORD, charterAccepted: true })).details).toMatchObject({ step: 'personal-mail', reason: 'unconfirmed' });
    expect(await call('activation:check-mail-code', { dn: p.dn, personalMail: address, code: code === '000000' ? '111111' : '000000' })).toEqual({ confirmed: false, triesLeft: 2 });
    expect(await call('activation:check-mail-code', { dn: p.dn, personalMail: address, code })).toEqual({ confirmed: true, triesLeft: 0 });
    // A field of a UPHF step is no part of this activation.
    expect((await refusal('activation:complete', { dn: p.dn, personalMail: address, password: PASSWORD, charterAccepted: true, smsAlerts: true })).details).toMatchObject({ reason: 'not-a-step' });

    const done = await call('activation:complete', { dn: p.dn, personalMail: address, password: PASSWORD, charterAccepted: true });
    expect(done.login).toBe(p.login);
    const entry = await entryOf(p.dn);
    expect(valuesOf(entry, 'supannMailPerso')).toEqual([address]);
    expect(valuesOf(entry, 'supannRessourceEtat')).toContain('{COMPTE}A:SupannActif');
    expect(valuesOf(entry, 'guichetCharterAcceptance')[0]).toMatch(/^2026-09;\d{14}Z$/);
    // No UPHF step was written: no joker question, consents as they were.
    expect(valuesOf(entry, 'guichetSecretQuestion')).toEqual([]);
    expect(valuesOf(entry, 'supannConsentement').sort()).toEqual([...p.consents].sort());
    expect(await canBind(desk.fixture, p.dn, PASSWORD)).toBe(true);
    // The confirmation goes to the address just confirmed.
    const confirmation = await desk.smtp.waitFor(before + 2);
    expect(confirmation.to).toEqual([address]);
    expect(story(p.login)).toEqual([
      // the code mailed to the address given, then the two tries
      'notification-sent:success',
      'activation-step:personal-mail-confirmed:failure',
      'activation-step:personal-mail-confirmed:success',
      'activation:pending',
      // one modify for the entry's values: the address and the charter
      'activation-step:personal-mail-set:pending',
      'activation-step:charter-accepted:pending',
      'activation-step:personal-mail-set:success',
      'activation-step:charter-accepted:success',
      'activation-step:password-set:pending',
      'activation-step:password-set:success',
      'activation-step:account-enabled:pending',
      'activation-step:account-enabled:success',
      'activation:success',
      'notification-sent:success',
    ]);
    expect(everything()).not.toContain(code);
    expect(everything()).not.toContain(PASSWORD);
  });

  it('a confirmation code that never arrives: nothing is written, and the abandoned activation is on record', async () => {
    const [, p] = neverActivated(2) as [FixturePerson, FixturePerson];
    await call('verification:document', { dn: p.dn, documentKind: 'student-card' });
    const before = await entryOf(p.dn);
    const address = `${p.login}@nowhere.example.org`;
    desk.smtp.refuseRecipients = true;
    try {
      expect((await refusal('activation:send-mail-code', { dn: p.dn, personalMail: address })).code).toBe('MAIL_FAILED');
    } finally {
      desk.smtp.refuseRecipients = false;
    }
    // A code typed anyway matches nothing: none was issued for this address.
    expect((await refusal('activation:check-mail-code', { dn: p.dn, personalMail: address, code: '123456' })).details).toMatchObject({ reason: 'no-code' });
    expect((await refusal('activation:complete', { dn: p.dn, personalMail: address, password: PASSWORD, charterAccepted: true })).details).toMatchObject({ step: 'personal-mail', reason: 'unconfirmed' });
    expect(await entryOf(p.dn)).toEqual(before);
    // A send that works, then the agent gives up: the activation is recorded as not made.
    await call('activation:send-mail-code', { dn: p.dn, personalMail: address });
    expect(await call('activation:abandon', { dn: p.dn })).toEqual({ recorded: true });
    expect(story(p.login).at(-1)).toBe('activation:mail-unconfirmed:failure');
    expect(await entryOf(p.dn)).toEqual(before);
  });

  it('an address that is no mailbox, or not ASCII, gets no code (the field and the reason named)', async () => {
    const [, , p] = neverActivated(3) as [FixturePerson, FixturePerson, FixturePerson];
    await call('verification:document', { dn: p.dn, documentKind: 'student-card' });
    expect((await refusal('activation:send-mail-code', { dn: p.dn, personalMail: 'pas une adresse' })).details).toMatchObject({ field: 'personalMail' });
    expect((await refusal('activation:send-mail-code', { dn: p.dn, personalMail: 'josé@exemple.fr' })).details).toMatchObject({ field: 'personalMail' });
  });
});

describe('UBP (ubp.yaml)', () => {
  const session = deskOn('ubp', 80);
  const { call, refusal, asRoot, entryOf, story, everything, neverActivated } = helpers(session);
  let desk: DeskSession;
  beforeAll(() => {
    desk = session();
  });
  const PASSWORD = 'Puy-de-Dome!Volcan7';
  const student = (key: 'locked' | 'active') => desk.fixture.named[key];

  it('cas n°1 "Obtenir votre compte": dossier number + birth date, a password, then the identifiers to note down', async () => {
    const [p] = neverActivated(1) as [FixturePerson];
    // UBP's activation needs no more than the dossier number and the date of birth.
    const checked = await call('verification:identifier', { dn: p.dn, identifierKind: 'dossierNumber', identifier: dossierNumberOf(p), dateOfBirth: isoDate(p.dateOfBirth) });
    expect(checked.matched).toBe(true);
    const done = await call('activation:complete', { dn: p.dn, password: PASSWORD });
    expect(done).toMatchObject({ login: p.login, mail: p.mail });
    expect(valuesOf(await entryOf(p.dn), 'supannRessourceEtat')).toContain('{COMPTE}A:SupannActif');
    expect(await canBind(desk.fixture, p.dn, PASSWORD)).toBe(true);
    expect(story(p.login)).toContain('activation:success');
  });

  it('cas n°2 "Mot de passe oublié": a wrong certificate code is refused and throttled like a date of birth; the right one allows the reset', async () => {
    const p = student('active');
    await call('verification:identifier', { dn: p.dn, identifierKind: 'dossierNumber', identifier: dossierNumberOf(p), dateOfBirth: isoDate(p.dateOfBirth) });
    // Dossier number + birth date alone do not reset a password at UBP.
    expect((await refusal('password:reset-generated', { dn: p.dn })).code).toBe('VERIFICATION_REQUIRED');
    const wrong = await call('verification:document-code', { dn: p.dn, code: 'ZZZ999' });
    expect(wrong.matched).toBe(false);
    expect((await refusal('password:reset-generated', { dn: p.dn })).code).toBe('VERIFICATION_REQUIRED');
    // As read off the sheet: lower case, a dash and spaces are fine.
    const code = certificateCodeOf(p);
    const typed = ` ${code.slice(0, 3).toLowerCase()}-${code.slice(3)} `;
    expect((await call('verification:document-code', { dn: p.dn, code: typed })).matched).toBe(true);
    const reset = await call('password:reset-generated', { dn: p.dn });
    expect(reset.login).toBe(p.login);
    expect(everything()).not.toContain(code);
    expect(everything()).not.toContain('ZZZ999');
  });

  it('three wrong certificate codes block the method; the code is never readable by the desk', async () => {
    const p = student('locked');
    for (let i = 0; i < 3; i += 1) expect((await call('verification:document-code', { dn: p.dn, code: `WRONG${i}` })).matched).toBe(false);
    const blocked = await refusal('verification:document-code', { dn: p.dn, code: certificateCodeOf(p) });
    expect(blocked.code).toBe('THROTTLED');
    const card = await call('account:open', { dn: p.dn });
    expect(JSON.stringify(card)).not.toContain(certificateCodeOf(p));
    expect(card.dossierNumbers).toEqual([dossierNumberOf(p)]);
  });

  it('a directory refusal mid-way (the password refused by its policy): the account is not active, a retry completes it', async () => {
    const [, p] = neverActivated(2) as [FixturePerson, FixturePerson];
    const policyDn = `cn=default,ou=policies,${desk.fixture.baseDn}`;
    const setMinLength = (value: string) =>
      asRoot((c) => c.modify(policyDn, new Change({ operation: 'replace', modification: new Attribute({ type: 'pwdMinLength', values: [value] }) })));
    await call('verification:identifier', { dn: p.dn, identifierKind: 'dossierNumber', identifier: dossierNumberOf(p), dateOfBirth: isoDate(p.dateOfBirth) });
    await setMinLength('40');
    try {
      const refused = await refusal('activation:complete', { dn: p.dn, password: PASSWORD });
      expect(refused.details).toMatchObject({ step: 'password' });
      expect(valuesOf(await entryOf(p.dn), 'supannRessourceEtat')).not.toContain('{COMPTE}A:SupannActif');
      expect(story(p.login).slice(-2)).toEqual(['activation-step:password-set:failure', 'activation:failure']);
    } finally {
      await setMinLength('8');
    }
    await call('activation:complete', { dn: p.dn, password: PASSWORD });
    expect(valuesOf(await entryOf(p.dn), 'supannRessourceEtat')).toContain('{COMPTE}A:SupannActif');
  });
});

describe('UPHF (uphf.yaml): today’s journeys, in Sésame’s words', () => {
  const session = deskOn('uphf', 60);
  const { call, entryOf, neverActivated } = helpers(session);
  let desk: DeskSession;
  beforeAll(() => {
    desk = session();
  });

  it('"Étudiant - Activer son ENT": Question Joker, SMS, photo, directory, password + règlement intérieur; the mail speaks of the compte Sésame', async () => {
    const [p] = neverActivated(1) as [FixturePerson];
    await call('verification:document', { dn: p.dn, documentKind: 'student-card' });
    const before = desk.smtp.received.length;
    await call('activation:complete', {
      dn: p.dn,
      secretQuestion: 'Quel est le nom de jeune fille de votre mère ?',
      secretAnswer: 'Delacroix',
      smsAlerts: false,
      photoUse: true,
      hiddenFromDirectory: false,
      password: 'Valenciennes-Beffroi!59',
      charterAccepted: true,
    });
    const entry = await entryOf(p.dn);
    expect(valuesOf(entry, 'guichetSecretQuestion')).toEqual(['Quel est le nom de jeune fille de votre mère ?']);
    expect(valuesOf(entry, 'supannRessourceEtat')).toContain('{COMPTE}A:SupannActif');
    if (p.personalMail) expect((await desk.smtp.waitFor(before + 1)).body).toContain('compte Sésame');
  });
});
