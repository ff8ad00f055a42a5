/**
 * One truth: for every named account of the fixture (and a garbled one), before and after a
 * document is seen, as an agent and as a supervisor, every action the screen's model does not
 * enable is refused by main on a real slapd, with the code that matches the model's reason;
 * and the refusals change nothing in the directory.
 */
import { Attribute, Change, Client, type Entry } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixturePerson, NamedKey } from '../../resources/directory/fixture';
import { expectOk, signInAs, startConsole, type ConsoleHarness, type PayloadArg } from '../support/console-harness';
import { startDeskSession, type DeskSession } from './support/desk-session';
import { DESK_ACTIONS, type Blocker, type DeskAction } from '../../src/shared/desk-actions';
import { deskView } from '../../src/shared/desk-view';
import type { ChannelName, RequestOf } from '../../src/shared/contract';
import type { Role } from '../../src/shared/domain';
import type { ErrorCode } from '../../src/shared/result';

let desk: DeskSession;
let supervisor: ConsoleHarness;
let garbled: FixturePerson;

beforeAll(async () => {
  desk = await startDeskSession({ people: 60 });
  supervisor = startConsole({ fixture: desk.fixture });
  await signInAs(supervisor, desk.fixture, 'supervisor');
  garbled = desk.fixture.people.find((p) => p.key === null && p.state === 'neverActivated' && p.affiliation === 'student')!;
  await asRoot((c) => c.modify(garbled.dn, new Change({ operation: 'replace', modification: new Attribute({ type: 'supannRessourceEtatDate', values: ['{COMPTE}Z:SupannCree::'] }) })));
});
afterAll(async () => {
  await supervisor?.close();
  await desk?.close();
});

async function asRoot<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ url: desk.fixture.url, timeout: 3_000 });
  try {
    await client.bind(desk.fixture.rootDn, desk.fixture.rootPassword);
    return await run(client);
  } finally {
    await client.unbind();
  }
}
const entryOf = (dn: string): Promise<Entry> => asRoot(async (c) => (await c.search(dn, { scope: 'base', attributes: ['*', '+'] })).searchEntries[0]!);

const STRONG = 'Vrille-Hibou-Tamis-47!';
/** Each action's channel and a request that would pass its schema. */
function requestOf(action: DeskAction, dn: string): [ChannelName, unknown] {
  switch (action) {
    case 'reset-generated':
      return ['password:reset-generated', { dn }];
    case 'reset-chosen':
      return ['password:reset-chosen', { dn, password: STRONG }];
    case 'unlock':
      return ['account:unlock', { dn }];
    case 'reveal-login':
      return ['account:reveal-login', { dn }];
    case 'activation':
      return [
        'activation:complete',
        { dn, secretQuestion: 'Nom de mon premier vélo ?', secretAnswer: 'Rouge-Gorge', smsAlerts: false, photoUse: false, hiddenFromDirectory: false, password: STRONG, charterAccepted: true },
      ];
    case 'consent-change':
      return ['consents:update', { dn, smsAlerts: false, photoUse: false, hiddenFromDirectory: true }];
    case 'second-factor-enrol':
      return ['second-factor:start-enrolment', { dn }];
    case 'second-factor-remove':
      return ['second-factor:remove', { dn, reason: 'lost-device' }];
  }
}

const CODE_OF: Readonly<Record<Blocker['kind'], ErrorCode>> = { account: 'ACCOUNT_STATE', role: 'FORBIDDEN', verification: 'VERIFICATION_REQUIRED' };

const call = <C extends ChannelName>(on: ConsoleHarness, channel: C, payload: RequestOf<C>) => expectOk(on, channel, payload);

async function checkEveryRefusal(on: ConsoleHarness, role: Role, person: FixturePerson, withDocument: boolean): Promise<number> {
  if (withDocument) await call(on, 'verification:document', { dn: person.dn, documentKind: 'national-id' });
  else await call(on, 'verification:clear', { dn: person.dn });
  const card = await call(on, 'account:open', { dn: person.dn });
  const verification = await call(on, 'verification:status', { dn: person.dn });
  const view = deskView({ card, verification, agentRole: role, mailConfigured: on.config.mail.enabled, now: Date.now() });
  const before = await entryOf(person.dn);
  let refused = 0;
  for (const action of DESK_ACTIONS) {
    const verdict = view.actions[action];
    if (verdict.enabled) continue;
    const [channel, payload] = requestOf(action, person.dn);
    const result = await on.invoke(channel, ...([payload] as PayloadArg<typeof channel>));
    const where = `${person.login} ${role} ${withDocument ? 'document' : 'nothing'} ${action}`;
    expect(result.ok, where).toBe(false);
    if (!result.ok) {
      expect(result.error.code, `${where}: ${JSON.stringify(verdict.blocker)}`).toBe(CODE_OF[verdict.blocker!.kind]);
      if (verdict.blocker!.kind === 'account') expect(result.error.details, where).toMatchObject({ reason: verdict.blocker!.reason });
    }
    refused += 1;
  }
  expect(await entryOf(person.dn), `${person.login}: a refusal writes nothing`).toEqual(before);
  return refused;
}

describe('main refuses exactly what the screen does not enable', () => {
  const keys: NamedKey[] = ['active', 'neverActivated', 'preCreated', 'locked', 'resetPending', 'redListed', 'expired', 'suspended', 'noPersonalMail', 'staff', 'faculty', 'external'];

  it.each(keys)('%s, before and after a document, as an agent and as a supervisor', async (key) => {
    const person = desk.fixture.named[key]!;
    let refused = 0;
    for (const [on, role] of [
      [desk.harness, 'agent'],
      [supervisor, 'supervisor'],
    ] as const)
      for (const withDocument of [false, true]) refused += await checkEveryRefusal(on, role, person, withDocument);
    // Without evidence nothing is enabled: at least the six refusals of each of the two desks.
    expect(refused).toBeGreaterThanOrEqual(2 * DESK_ACTIONS.length);
  });

  it('a garbled state: every action refused, with or without a document, by either role', async () => {
    for (const [on, role] of [
      [desk.harness, 'agent'],
      [supervisor, 'supervisor'],
    ] as const)
      for (const withDocument of [false, true]) expect(await checkEveryRefusal(on, role, garbled, withDocument)).toBe(DESK_ACTIONS.length);
  });
});
