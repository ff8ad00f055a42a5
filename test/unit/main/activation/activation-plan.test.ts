import { describe, expect, it } from 'vitest';
import type { Entry } from 'ldapts';
import { parseConfig } from '../../../../src/main/config/load';
import { demoConfig } from '../../../../src/main/config/demo-config';
import {
  checkAnswer,
  checkQuestion,
  generalizedTime,
  localDay,
  offerOf,
  planActiveState,
} from '../../../../src/main/activation/activation-plan';
import { prepareActivation } from '../../../../src/main/activation/activation-writes';
import type { DeskContext } from '../../../../src/main/desk/desk-context';
import type { DirectoryReader } from '../../../../src/main/directory/agent-directory';
import { refusalOf, refusalOfAsync } from '../../../support/refusal-of';

const config = parseConfig(demoConfig(), null);
const directory = config.directory;
const entry = (attrs: Record<string, string | string[]>): Entry => ({ dn: 'uid=x,ou=people,dc=univ-demo,dc=fr', ...attrs }) as Entry;

describe('who is offered an activation (the shared rule, on the entry as read)', () => {
  it.each([
    [{ supannRessourceEtat: '{COMPTE}I:SupannCree', supannRessourceEtatDate: '{COMPTE}I:SupannCree:20260901:20270831' }, true, null, null],
    // Pre-created: the registration is not finalised; for a student the registrar finalises it first.
    [{ supannRessourceEtat: '{COMPTE}I:SupannPrecree', supannRessourceEtatDate: '{COMPTE}I:SupannPrecree::', eduPersonPrimaryAffiliation: 'student' }, false, 'pre-created', 'registrar'],
    [{}, true, null, null],
    [{ pwdChangedTime: '20260903101010Z' }, false, 'already-activated', null],
    [{ supannRessourceEtat: '{COMPTE}A:SupannActif', pwdChangedTime: '20260903101010Z' }, false, 'already-activated', null],
    [{ supannRessourceEtat: '{COMPTE}S:SupannVerrouille', supannRessourceEtatDate: '{COMPTE}S:SupannVerrouille:20261015:', eduPersonPrimaryAffiliation: 'staff' }, false, 'suspended', 'hr'],
    [{ supannRessourceEtatDate: '{COMPTE}I:SupannExpire:20240901:20250831', pwdChangedTime: '20240903101010Z', eduPersonPrimaryAffiliation: 'student' }, false, 'expired', 'registrar'],
    // Issue 15 item 7: a garbled state offers nothing, whatever the password says.
    [{ supannRessourceEtatDate: '{COMPTE}Z:SupannCree::' }, false, 'state-unreadable', 'directory-team'],
  ])('%j -> %s %s %s', (attrs, offered, reason, fixer) => {
    expect(offerOf(entry(attrs), directory)).toEqual({ offered, reason, fixer });
  });
});

describe('checks before anything is written', () => {
  it('the question is kept on one line; a control character is refused at the question step', () => {
    expect(checkQuestion('  Quel est   le nom\nde votre chat ?  ')).toBe('Quel est le nom de votre chat ?');
    expect(refusalOf(() => checkQuestion('Quel\u0007 est ?')).details).toMatchObject({ step: 'question', field: 'secretQuestion' });
  });

  it('the answer, normalised, must be long enough and not given away by the question', () => {
    const q = 'Quel est le nom de jeune fille de votre mère ?';
    expect(() => checkAnswer('  Dupont-Étienne ', q, 3)).not.toThrow();
    expect(() => checkAnswer('mer', q, 3)).not.toThrow();
    expect(refusalOf(() => checkAnswer(' É ', q, 3)).details).toEqual({ step: 'question', field: 'secretAnswer', reason: 'too-short' });
    const given = refusalOf(() => checkAnswer('JEUNE FILLE', q, 3));
    expect(given.details).toEqual({ step: 'question', field: 'secretAnswer', reason: 'in-question' });
    expect(given.message).not.toContain('JEUNE');
  });
});

describe('what step 1 writes (the steps prepared, whatever the screens)', () => {
  const at = new Date('2026-11-23T13:45:01.250Z');
  const desk = { subject: { dn: 'uid=x,ou=people,dc=univ-demo,dc=fr', login: 'x', givenName: 'Jean', familyName: 'Dupont', mail: null, personalMail: null, alias: null, identifiers: { studentId: [], ine: [], staffId: [], uniqueId: [], dossierNumber: [], login: ['x'] } } } as unknown as DeskContext;
  // No date-like part in the password: the directory is never asked.
  const reader: DirectoryReader = { read: async () => { throw new Error('not read'); } } as unknown as DirectoryReader;
  const uphf = { secretQuestion: 'Q de chat ?', secretAnswer: 'Minou-Blanc', smsAlerts: false, photoUse: true, hiddenFromDirectory: false, password: 'Tr0mbone!Violet-Sable', charterAccepted: true as const };
  const prepare = (e: Entry, request: Record<string, unknown>, screens = config.activation.steps, addressConfirmed = (_: string) => false) =>
    prepareActivation({ request: { dn: desk.subject.dn, ...request } as never, entry: e, desk, config, at, directory: reader, addressConfirmed }, screens);

  it('question, answer hash, consents and "version;YYYYMMDDHHMMSSZ" in one modify, adding the auxiliary class when missing', async () => {
    const plan = await prepare(entry({ objectClass: ['inetOrgPerson', 'supannPerson'] }), uphf);
    const types = plan.modifications.map((m) => m.type);
    expect(plan.modifications[0]).toEqual({ operation: 'add', type: 'objectClass', values: ['guichetAccount'] });
    expect(types).toEqual(expect.arrayContaining(['guichetSecretQuestion', 'guichetSecretAnswerHash', 'guichetCharterAcceptance']));
    expect(plan.modifications.find((m) => m.type === 'guichetCharterAcceptance')?.values).toEqual(['2026-09;20261123134501Z']);
    expect(JSON.stringify(plan.modifications)).not.toContain('Minou');
    expect(plan.records.map((r) => (r.action === 'activation-step' ? r.step : r.action))).toEqual(['security-question-set', 'consent-change', 'charter-accepted']);
    expect(plan.changes['charterVersion']).toEqual({ before: null, after: '2026-09' });
    const again = await prepare(entry({ objectClass: ['GUICHETACCOUNT'], guichetCharterAcceptance: '2026-1;20260902101010Z', guichetSecretQuestion: 'Q de chat ?' }), uphf);
    expect(again.modifications.map((m) => m.type)).not.toContain('objectClass');
    expect(again.changes['securityQuestionSet']).toEqual({ before: true, after: true });
    expect(again.changes['charterVersion']?.before).toBe('2026-1');
  });

  it('a field of a step the institution does not have is refused; a missing one names its screen', async () => {
    const upvd = parseConfig({ ...demoConfig(), mail: { ...demoConfig().mail, enabled: true }, activation: { steps: ['personal-mail', ['password', 'charter']] } }, null);
    const screens = upvd.activation.steps;
    expect((await refusalOfAsync(() => prepare(entry({}), { ...uphf, personalMail: 'jean@example.org' }, screens))).details).toMatchObject({ step: 'confirmation', reason: 'not-a-step' });
    expect((await refusalOfAsync(() => prepare(entry({}), { password: uphf.password, charterAccepted: true }, screens))).details).toMatchObject({ step: 'personal-mail', field: 'personalMail', reason: 'missing' });
    // An address not confirmed by its code is never written.
    const request = { personalMail: 'jean@example.org', password: uphf.password, charterAccepted: true };
    expect((await refusalOfAsync(() => prepare(entry({}), request, screens))).details).toMatchObject({ step: 'personal-mail', reason: 'unconfirmed' });
    const plan = await prepare(entry({}), request, screens, (a) => a === 'jean@example.org');
    expect(plan.personalMail).toBe('jean@example.org');
    expect(plan.records.map((r) => (r.action === 'activation-step' ? r.step : r.action))).toEqual(['personal-mail-set', 'charter-accepted']);
    // The consents no screen asks about are not touched.
    expect(plan.modifications.map((m) => m.type)).not.toContain('supannConsentement');
  });

  it('times: generalized time in UTC, the state day in the institution time zone', () => {
    expect(generalizedTime(at)).toBe('20261123134501Z');
    expect(localDay(new Date('2026-11-23T23:30:00Z'), 'Europe/Paris')).toBe('20261124');
    expect(localDay(new Date('2026-11-23T23:30:00Z'), 'UTC')).toBe('20261123');
  });

  it("the local day, worked out once a minute, turns at each zone's midnight to the second (a 45-minute offset too)", () => {
    // Paris in winter: midnight is 23:00 UTC. Nepal is UTC+5:45: midnight is 18:15 UTC. Chatham in summer: UTC+13:45.
    const cases: Array<[string, string, string, string]> = [
      ['Europe/Paris', '2026-11-23T22:59:59.999Z', '20261123', '2026-11-23T23:00:00.000Z'],
      ['Asia/Kathmandu', '2026-11-23T18:14:59.999Z', '20261123', '2026-11-23T18:15:00.000Z'],
      ['Pacific/Chatham', '2026-11-23T10:14:59.999Z', '20261123', '2026-11-23T10:15:00.000Z'],
    ];
    for (const [zone, before, day, midnight] of cases) {
      expect(localDay(new Date(before), zone)).toBe(day);
      expect(localDay(new Date(before), zone)).toBe(day);
      expect(localDay(new Date(midnight), zone)).toBe('20261124');
      expect(localDay(new Date(before), zone)).toBe(day);
    }
  });
});

describe('step 3: the account becomes active', () => {
  it('replaces only the {COMPTE} values, today as start, the end date kept', () => {
    const plan = planActiveState(
      entry({
        supannRessourceEtat: ['{COMPTE}I:SupannCree', '{MAIL}A:SupannActif'],
        supannRessourceEtatDate: ['{MAIL}A:SupannActif::', '{COMPTE}I:SupannCree:20260901:20270831'],
      }),
      '20261123',
      directory,
    );
    expect(plan.modifications).toEqual([
      { operation: 'delete', type: 'supannRessourceEtat', values: ['{COMPTE}I:SupannCree'] },
      { operation: 'add', type: 'supannRessourceEtat', values: ['{COMPTE}A:SupannActif'] },
      { operation: 'delete', type: 'supannRessourceEtatDate', values: ['{COMPTE}I:SupannCree:20260901:20270831'] },
      { operation: 'add', type: 'supannRessourceEtatDate', values: ['{COMPTE}A:SupannActif:20261123:20270831'] },
    ]);
    expect(plan.changes).toEqual({
      accountState: { before: '{COMPTE}I:SupannCree', after: '{COMPTE}A:SupannActif' },
      accountStateDate: { before: '20260901:20270831', after: '20261123:20270831' },
    });
  });

  it('no end date and no previous state: only adds', () => {
    const plan = planActiveState(entry({ supannRessourceEtatDate: '{COMPTE}I:SupannPrecree::' }), '20261123', directory);
    expect(plan.modifications.at(-1)).toEqual({ operation: 'add', type: 'supannRessourceEtatDate', values: ['{COMPTE}A:SupannActif:20261123:'] });
    expect(plan.modifications[0]).toEqual({ operation: 'add', type: 'supannRessourceEtat', values: ['{COMPTE}A:SupannActif'] });
  });
});
