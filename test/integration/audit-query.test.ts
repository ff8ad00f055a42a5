import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEventInput } from '../../src/shared/audit-events';
import { maskEmail } from '../../src/shared/audit-events';
import { compileFilter, fromWhere } from '../../src/main/audit/audit-filter';
import { AGENT, OTHER_AGENT, SUPERVISOR, TARGET, accountViewed, signIn, tempAudit, type TempAudit } from './support/audit-temp';

let audit: TempAudit;
const supervisor = { login: SUPERVISOR.login, role: 'supervisor' as const };
const agentViewer = { login: AGENT.login, role: 'agent' as const };
const DAY = 86_400_000;

function consentChange(agent: { login: string; displayName: string }, comment: string | null): AuditEventInput {
  return {
    action: 'consent-change',
    outcome: 'success',
    agent,
    target: { login: 'asmith', dn: null },
    details: { changes: { personalMail: { before: null, after: maskEmail('alice.smith@exemple.fr') }, consents: { before: [], after: ['{SMS}ALERTES'] } } },
    comment,
  };
}

beforeEach(() => {
  let now = Date.parse('2026-02-01T09:00:00.000Z');
  audit = tempAudit({ now: () => new Date((now += 60_000)) });
  const { store } = audit;
  // Three days of activity by two agents.
  for (let day = 0; day < 3; day += 1) {
    store.append(signIn(AGENT));
    store.append(accountViewed(AGENT));
    store.append(signIn(OTHER_AGENT));
    store.append(accountViewed(OTHER_AGENT, { login: 'asmith', dn: null }));
    store.append(consentChange(OTHER_AGENT, day === 1 ? 'Demande de la scolarité, sécurité renforcée' : null));
    store.append({ ...accountViewed(AGENT), outcome: 'denied' });
    now += DAY;
  }
});
afterEach(() => audit.cleanup());

const seqs = (events: Array<{ seq: number }>) => events.map((e) => e.seq);

describe('audit queries', () => {
  it('list newest first, with keyset pagination that walks every event once', () => {
    const { store } = audit;
    const first = store.query({}, supervisor, { limit: 7 });
    expect(seqs(first.events)).toEqual([18, 17, 16, 15, 14, 13, 12]);
    const all = [...first.events];
    let after = first.nextAfter;
    while (after !== null) {
      const page = store.query({}, supervisor, { after, limit: 7 });
      all.push(...page.events);
      after = page.nextAfter;
    }
    expect(seqs(all)).toEqual(Array.from({ length: 18 }, (_, i) => 18 - i));
  });

  it('filter by agent, target, action, outcome', () => {
    const { store } = audit;
    expect(store.query({ agent: OTHER_AGENT.login }, supervisor).events.every((e) => e.agent?.login === OTHER_AGENT.login)).toBe(true);
    expect(store.query({ agent: OTHER_AGENT.login }, supervisor).events).toHaveLength(9);
    expect(store.query({ target: 'asmith' }, supervisor).events).toHaveLength(6);
    expect(store.query({ action: 'consent-change' }, supervisor).events).toHaveLength(3);
    expect(seqs(store.query({ outcome: 'denied' }, supervisor).events)).toEqual([18, 12, 6]);
    expect(store.query({ action: 'sign-in', agent: AGENT.login }, supervisor).events).toHaveLength(3);
  });

  it('filter by date range (a date-only `to` includes that day)', () => {
    const { store } = audit;
    const day2 = store.query({ from: '2026-02-02', to: '2026-02-02' }, supervisor).events;
    expect(seqs(day2)).toEqual([12, 11, 10, 9, 8, 7]);
    // An instant with an offset: everything from event 10 on (inclusive).
    const tenth = store.event(10, supervisor)!.event.at;
    const local = new Date(Date.parse(tenth) + 3_600_000).toISOString().replace('Z', '+01:00');
    expect(store.query({ from: local }, supervisor).events.at(-1)!.seq).toBe(10);
    expect(store.query({ to: local }, supervisor).events[0]!.seq).toBe(9);
    expect(store.query({ from: '2027-01-01' }, supervisor).events).toEqual([]);
    expect(store.query({ to: '2025-01-01' }, supervisor).events).toEqual([]);
  });

  it('free text over details and comments: substrings, accents ignored, masked values only', () => {
    const { store } = audit;
    expect(seqs(store.query({ text: 'securite' }, supervisor).events)).toEqual([11]);
    expect(seqs(store.query({ text: 'scolarité sécurité' }, supervisor).events)).toEqual([11]);
    expect(store.query({ text: 'ALERTES' }, supervisor).events).toHaveLength(3);
    expect(store.query({ text: 'a***@e***' }, supervisor).events).toHaveLength(3);
    expect(store.query({ text: 'alice.smith' }, supervisor).events).toHaveLength(0);
    expect(seqs(store.query({ text: 'ALERTES', from: '2026-02-03' }, supervisor).events)).toEqual([17]);
  });

  it('agents see only their own events; asking for another agent is refused', () => {
    const { store } = audit;
    const mine = store.query({}, agentViewer).events;
    expect(mine).toHaveLength(9);
    expect(mine.every((e) => e.agent?.login === AGENT.login)).toBe(true);
    expect(() => store.query({ agent: OTHER_AGENT.login }, agentViewer)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(store.event(3, agentViewer)).toBeNull();
    expect(store.event(3, supervisor)?.event.agent?.login).toBe(OTHER_AGENT.login);
    expect(store.history('asmith', agentViewer).events).toEqual([]);
  });

  it('per-account history', () => {
    const { store } = audit;
    const history = store.history(TARGET.login, supervisor);
    expect(history.events.every((e) => e.target?.login === TARGET.login)).toBe(true);
    expect(history.events).toHaveLength(6);
  });

  it('stats: actions per day by type, and per agent, over the filtered range', () => {
    const { store } = audit;
    const stats = store.stats({ from: '2026-02-02' }, supervisor);
    expect(stats.total).toBe(12);
    expect(stats.perDay.filter((r) => r.day === '2026-02-02')).toEqual([
      { day: '2026-02-02', action: 'account-viewed', count: 3 },
      { day: '2026-02-02', action: 'consent-change', count: 1 },
      { day: '2026-02-02', action: 'sign-in', count: 2 },
    ]);
    expect(stats.perAgent).toEqual([
      { login: AGENT.login, displayName: AGENT.displayName, count: 6 },
      { login: OTHER_AGENT.login, displayName: OTHER_AGENT.displayName, count: 6 },
    ]);
    expect(store.stats({}, agentViewer).perAgent).toEqual([{ login: AGENT.login, displayName: AGENT.displayName, count: 9 }]);
  });

  it('every filter’s first page reads an index range, never the whole table', () => {
    const { store } = audit;
    const plan = (sql: string) =>
      (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    for (const column of ['agent_login', 'target_login', 'action', 'outcome']) {
      const detail = plan(`SELECT * FROM events e WHERE e.${column} = 'x' ORDER BY e.seq DESC LIMIT 50`);
      expect(detail).toMatch(/USING INDEX events_by_/);
      expect(detail).not.toContain('TEMP B-TREE');
    }
    expect(plan("SELECT e.* FROM events_fts f JOIN events e ON e.seq = f.rowid WHERE events_fts MATCH 'abc' ORDER BY f.rowid DESC LIMIT 50")).toMatch(
      /VIRTUAL TABLE INDEX/,
    );
  });

  it('combined filters are driven by the most selective index, whatever the statistics say', () => {
    const { store } = audit;
    const planOf = (filter: Parameters<typeof compileFilter>[1], unknownPart?: 'recorded' | 'open-intents') => {
      const compiled = compileFilter(store.db, filter, supervisor, { hideSettledIntents: true, unknownPart });
      const { sql, params } = fromWhere(compiled);
      return (store.db.prepare(`EXPLAIN QUERY PLAN SELECT e.seq ${sql} ORDER BY ${compiled.seqColumn} DESC LIMIT 50`).all(...params) as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join(' | ');
    };
    expect(planOf({ agent: AGENT.login, action: 'password-reset', outcome: 'success' })).toMatch(/^SEARCH e USING (COVERING )?INDEX events_by_agent/);
    expect(planOf({ target: 'asmith', agent: AGENT.login })).toMatch(/^SEARCH e USING (COVERING )?INDEX events_by_target/);
    expect(planOf({ action: 'consent-change', outcome: 'success' })).toMatch(/^SEARCH e USING (COVERING )?INDEX events_by_action/);
    expect(planOf({ outcome: 'unknown' }, 'recorded')).toMatch(/^SEARCH e USING (COVERING )?INDEX events_by_outcome/);
    expect(planOf({ outcome: 'unknown' }, 'open-intents')).toMatch(/^SCAN o/);
    for (const p of [planOf({ agent: AGENT.login, outcome: 'denied' }), planOf({ outcome: 'unknown' }, 'open-intents')]) expect(p).not.toContain('TEMP B-TREE');
  });

  it('unknown merges outcomes recorded unknown and intents still waiting, newest first, page by page', () => {
    const { store } = audit;
    const opened: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      store.append({ ...accountViewed(), outcome: 'unknown' });
      opened.push(store.beginIntent({ action: 'account-unlock', agent: AGENT, target: { login: 'x', dn: null }, details: {} }).seq);
    }
    const first = store.query({ outcome: 'unknown' }, supervisor, { limit: 4 });
    expect(seqs(first.events)).toEqual([24, 23, 22, 21]);
    expect(first.events.map((e) => e.pending)).toEqual([true, false, true, false]);
    const second = store.query({ outcome: 'unknown' }, supervisor, { limit: 4, after: first.nextAfter! });
    expect(seqs(second.events)).toEqual([20, 19]);
    expect(second.nextAfter).toBeNull();
    expect(opened).toEqual([20, 22, 24]);
  });
});
