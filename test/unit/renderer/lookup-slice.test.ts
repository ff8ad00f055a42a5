/**
 * The lookup as the agent types: what is on screen always answers what is typed, exact keys
 * and names are searched as they are typed, one search at a time, Enter opens the
 * answer once, and "Retour à la recherche" starts clean. Store logic over a fake bridge.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountSummary } from '../../../src/shared/account';
import { READING_MS } from '../../../src/renderer/src/features/lookup/search-pacing';
import { fakeBridge, OTHER_DN, PERSON, storeOver, type FakeBridge } from './fake-bridge';

type Store = ReturnType<typeof storeOver>;

let bridge: FakeBridge;
let store: Store;
const s = () => store.getState();
const searches = () => bridge.calls.filter((c) => c.method === 'searchDirectory').map((c) => (c.request as { query: string }).query);
const opened = () => bridge.calls.filter((c) => c.method === 'openAccount').map((c) => (c.request as { dn: string }).dn);
/** Lets the answers already given reach the store. */
const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};
const person = (dn: string, login: string) => ({ dn, login, displayName: login, studentIds: [], staffIds: [] }) as unknown as AccountSummary;
const answer = (results: AccountSummary[], key = 'name') => ({ results, truncated: false, sizeLimit: 50, key, searched: '' });

/** Types `text` one character at a time, `gap` ms apart. */
async function type(text: string, gap = 60) {
  for (let i = 1; i <= text.length; i++) {
    s().setQuery(text.slice(0, i));
    await vi.advanceTimersByTimeAsync(i < text.length ? gap : 0);
  }
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  bridge = fakeBridge();
  store = storeOver(bridge);
  await s().signIn('agent.accueil', 'secret-agent');
});
afterEach(() => {
  vi.useRealTimers();
});

describe('what is on screen answers what is typed', () => {
  it('one character left in the box: the previous results and the "Recherche par" line are gone', async () => {
    await type('jmartin1');
    await flush();
    expect(s()).toMatchObject({ resolvedKey: 'name', results: [{ login: PERSON.login }] });
    s().setQuery('j');
    expect(s()).toMatchObject({ results: [], resolvedKey: null, answered: null, searching: false, truncated: false });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(s().results).toEqual([]);
  });

  it('as soon as the box changes, the answer to the previous text goes; an answer to an earlier text is dropped', async () => {
    const release = bridge.holdNext('searchDirectory');
    s().setQuery('21900001');
    s().setQuery('219000012');
    expect(s()).toMatchObject({ results: [], resolvedKey: null, searching: true });
    release();
    await flush();
    await flush();
    // The first answer (to 21900001) was not shown; the one shown answers 219000012.
    expect(searches()).toEqual(['21900001', '219000012']);
    expect(s()).toMatchObject({ searching: false, searched: '219000012' });
  });
});

describe('when the lookup searches', () => {
  it('an exact key is searched at once, without waiting', async () => {
    s().setQuery('jbernard1');
    await flush();
    expect(searches()).toEqual(['jbernard1']);
  });

  it('a name is searched as it is typed, with no wait: the last key is searched at once', async () => {
    await type('dupont', 120);
    expect(searches()).toEqual(['du', 'dup', 'dupo', 'dupon', 'dupont']);
    expect(s()).toMatchObject({ searching: false, resolvedKey: 'name' });
  });

  it('keys typed while a name search is on its way fold into one search of the latest text', async () => {
    s().setQuery('du');
    const release = bridge.holdNext('searchDirectory');
    s().setQuery('dup');
    await flush();
    s().setQuery('dupo');
    s().setQuery('dupon');
    s().setQuery('dupont');
    release();
    await flush();
    await flush();
    expect(searches()).toEqual(['du', 'dup', 'dupont']);
    expect(s()).toMatchObject({ searching: false, answered: 'auto\ndupont' });
  });

  it('at most one search is on its way: a fast typist does not flood the directory', async () => {
    const release = bridge.holdNext('searchDirectory');
    await type('21900001', 10);
    expect(searches()).toEqual(['21']);
    release();
    await flush();
    await flush();
    expect(searches()).toEqual(['21', '21900001']);
    expect(s().searched).toBe('21900001');
  });

  it('a pasted name is searched at once', async () => {
    s().setQuery('martin dupont');
    await flush();
    expect(searches()).toEqual(['martin dupont']);
  });
});

describe('Enter', () => {
  /** The next search answers another person, held back while `act` types and presses Enter; then the answer comes. */
  async function enterBeforeTheAnswer(act: () => void) {
    const release = bridge.holdNext('searchDirectory');
    bridge.answerNext('searchDirectory', answer([person(OTHER_DN, 'pdurand')], 'studentId'));
    act();
    expect(opened()).toEqual([]);
    release();
    await flush();
    await flush();
  }

  it('pressed right after typing opens the person of the answer to come, once', async () => {
    await type('2190000', 30);
    await flush();
    await enterBeforeTheAnswer(() => {
      s().setQuery('21900001');
      s().submit();
      s().submit();
    });
    expect(opened()).toEqual([OTHER_DN]);
    expect(s().screen).toBe('account');
  });

  it('never opens what answered an earlier text', async () => {
    s().setQuery('21900001');
    await flush();
    expect(s().results).toHaveLength(1);
    await enterBeforeTheAnswer(() => {
      s().setQuery('21900002');
      s().submit();
    });
    expect(opened()).toEqual([OTHER_DN]);
  });

  it('an answer that comes once the agent has left the lookup opens nothing', async () => {
    await enterBeforeTheAnswer(() => {
      s().setQuery('21900001');
      s().submit();
      s().navigate('audit');
    });
    expect(opened()).toEqual([]);
    expect(s().screen).toBe('audit');
  });

  it('on a name with several people: they are shown to choose from, not opened', async () => {
    await type('marti', 60);
    bridge.answerNext('searchDirectory', answer([person(PERSON.dn, 'jmartin'), person(OTHER_DN, 'jmartin2')]));
    const release = bridge.holdNext('searchDirectory');
    s().setQuery('martin');
    s().submit();
    release();
    await flush();
    expect(searches().at(-1)).toBe('martin');
    expect(opened()).toEqual([]);
    expect(s().results).toHaveLength(2);
    // Enter again opens the selected one.
    s().moveSelection(1);
    s().submit();
    await flush();
    expect(opened()).toEqual([OTHER_DN]);
  });

  it('on several people that came an instant before: nothing opens until the list could be read', async () => {
    bridge.answerNext('searchDirectory', answer([person(PERSON.dn, 'jmartin'), person(OTHER_DN, 'jmartin2')]));
    s().setQuery('martin');
    await flush();
    expect(s().results).toHaveLength(2);
    s().submit();
    expect(opened()).toEqual([]);
    await vi.advanceTimersByTimeAsync(READING_MS);
    s().submit();
    expect(opened()).toEqual([PERSON.dn]);
  });

  it('on an answer on screen opens the selected result at once', async () => {
    s().setQuery('21900001');
    await flush();
    s().submit();
    expect(opened()).toEqual([PERSON.dn]);
  });
});

describe('the key', () => {
  it('a key chosen for the text searches it again at once; an emptied box goes back to the automatic key', async () => {
    await type('jbernard1');
    await flush();
    s().setSearchKey('login');
    await flush();
    const keys = bridge.calls.filter((c) => c.method === 'searchDirectory').map((c) => (c.request as { key: string }).key);
    expect(keys.at(-1)).toBe('login');
    expect(keys.slice(0, -1).every((k) => k === 'auto')).toBe(true);
    expect(searches().slice(-2)).toEqual(['jbernard1', 'jbernard1']);
    s().setQuery('');
    expect(s().searchKey).toBe('auto');
  });
});

describe('"Retour à la recherche"', () => {
  it('starts clean for the next person: empty box, no results, no card, automatic key', async () => {
    s().setQuery('21900001');
    s().setSearchKey('staffId');
    await flush();
    s().submit();
    await flush();
    expect(s().card).not.toBeNull();
    s().startNextSearch();
    expect(s()).toMatchObject({ screen: 'lookup', query: '', results: [], resolvedKey: null, card: null, searchKey: 'auto' });
    expect(JSON.stringify(s().verification ?? null)).not.toContain(PERSON.dn);
  });
});
