/**
 * The journal as a supervisor uses it (issue 16): free text finds people, agent and account
 * filters take a prefix and suggest, and the list's count, its charts and its export cover
 * the same events. Real SQLite files through the store and through the review service.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileFilter, fromWhere, prefixRange } from '../../src/main/audit/audit-filter';
import { E_COLUMNS } from '../../src/main/audit/audit-rows';
import { AuditReview } from '../../src/main/audit/audit-service';
import { createSessionStore } from '../../src/main/session/session-store';
import { OTHER_AGENT, SUPERVISOR, accountViewed, signIn, tempAudit, type TempAudit } from './support/audit-temp';
import { AGENT, resetIntent } from '../support/audit-inputs';

let audit: TempAudit;
const supervisor = { login: SUPERVISOR.login, role: 'supervisor' as const };
const agentViewer = { login: AGENT.login, role: 'agent' as const };
const JEANNE = { login: 'jdupuis', displayName: 'Jeanne Dupuis' };
const STUDENT = { login: 'lmoreau', dn: 'uid=lmoreau,ou=people,dc=univ-demo,dc=fr' };
const STAFF = { login: 'rbernard', dn: 'supannEmpId=E4521,ou=people,dc=univ-demo,dc=fr' };

beforeEach(() => {
  audit = tempAudit();
  const { store } = audit;
  store.append(signIn(AGENT)); // 1
  store.append(accountViewed(AGENT)); // 2 jdupont
  store.append(accountViewed(OTHER_AGENT, STUDENT)); // 3
  store.append(accountViewed(JEANNE, STAFF)); // 4
  store.append(accountViewed(JEANNE, { login: 'jdupont2', dn: null })); // 5
  const handle = store.beginIntent(resetIntent); // 6 (intent) ...
  store.settle(handle, 'success'); // 7 (its outcome)
});
afterEach(() => audit.cleanup());

const seqs = (events: Array<{ seq: number }>) => events.map((e) => e.seq);

/** The review service over the temp store, a supervisor signed in. */
function supervisorReview(more: Partial<ConstructorParameters<typeof AuditReview>[0]> = {}): AuditReview {
  const sessions = createSessionStore();
  sessions.set({ login: SUPERVISOR.login, displayName: SUPERVISOR.displayName, dn: 'uid=chef', role: 'supervisor', online: true, signedInAt: '2026-01-01T00:00:00.000Z', locked: false });
  return new AuditReview({ store: audit.store, session: sessions, dataDir: audit.dir, now: () => new Date(), ...more });
}

describe('the journal for a supervisor', () => {
  it('free text finds an agent’s login or name and an account’s login or DN identifier (not the shared base)', () => {
    const { store } = audit;
    const text = (t: string) => seqs(store.query({ text: t }, supervisor).events);
    expect(text('lmoreau')).toEqual([3]);
    expect(text('moreau')).toEqual([3]);
    expect(text('E4521')).toEqual([4]);
    expect(text('Dupuis')).toEqual([5, 4]);
    expect(text('jeanne dupuis')).toEqual([5, 4]);
    expect(text('pmartin')).toEqual([3]);
    // jdupont is the target of 2 and of the reset (shown once, by its outcome), jdupont2 of 5.
    expect(text('jdupont')).toEqual([7, 5, 2]);
    expect(text('univ-demo')).toEqual([]);
    expect(store.stats({ text: 'Dupuis' }, supervisor).total).toBe(2);
  });

  it('agent and account filters take a prefix; a picked suggestion is exact', () => {
    const { store } = audit;
    expect(seqs(store.query({ targetPrefix: 'jdup' }, supervisor).events)).toEqual([7, 5, 2]);
    expect(seqs(store.query({ target: 'jdupont' }, supervisor).events)).toEqual([7, 2]);
    expect(seqs(store.query({ agentPrefix: 'jd' }, supervisor).events)).toEqual([5, 4]);
    expect(seqs(store.query({ agentPrefix: 'md', targetPrefix: 'jdupont' }, supervisor).events)).toEqual([7, 2]);
    expect(store.stats({ targetPrefix: 'jdup' }, supervisor).total).toBe(3);
    // An agent is held to their own events, prefix or not.
    expect(seqs(store.query({ agentPrefix: 'mdu' }, agentViewer).events)).toEqual([7, 2, 1]);
    expect(() => store.query({ agentPrefix: 'pm' }, agentViewer)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(seqs(store.query({ targetPrefix: 'l' }, agentViewer).events)).toEqual([]);
  });

  it('suggests agents by login or name (accents and case ignored) and accounts by login, within what the viewer may see', () => {
    const { store } = audit;
    expect(store.suggest('agent', 'jd', supervisor)).toEqual([{ login: 'jdupuis', displayName: 'Jeanne Dupuis' }]);
    expect(store.suggest('agent', 'dupu', supervisor)).toEqual([{ login: 'jdupuis', displayName: 'Jeanne Dupuis' }]);
    expect(store.suggest('agent', 'MARIE', supervisor)).toEqual([{ login: AGENT.login, displayName: AGENT.displayName }]);
    expect(store.suggest('agent', 'p', supervisor).map((s) => s.login)).toEqual(['pmartin']);
    expect(store.suggest('target', 'jdup', supervisor)).toEqual([
      { login: 'jdupont', displayName: null },
      { login: 'jdupont2', displayName: null },
    ]);
    expect(store.suggest('target', 'LM', supervisor).map((s) => s.login)).toEqual(['lmoreau']);
    // An agent is offered only themselves, and only accounts they acted on.
    expect(store.suggest('agent', 'j', agentViewer)).toEqual([]);
    expect(store.suggest('agent', 'm', agentViewer).map((s) => s.login)).toEqual([AGENT.login]);
    expect(store.suggest('target', 'j', agentViewer).map((s) => s.login)).toEqual(['jdupont']);
    expect(store.suggest('target', 'zz', supervisor)).toEqual([]);
  });

  it('a prefix reads its index as a range, not the whole table', () => {
    const { db } = audit.store;
    for (const [filter, index] of [
      [{ targetPrefix: 'jdup', action: 'account-viewed' }, 'events_by_target'],
      [{ agentPrefix: 'jd', outcome: 'success' }, 'events_by_agent'],
    ] as const) {
      const { sql, params } = fromWhere(compileFilter(db, filter, supervisor, { hideSettledIntents: true }));
      const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT ${E_COLUMNS} ${sql} ORDER BY e.seq DESC LIMIT 50`).all(...params) as Array<{ detail: string }>)
        .map((p) => p.detail)
        .join(' | ');
      expect(plan).toMatch(new RegExp(`SEARCH e USING INDEX ${index} \\(\\w+>\\? AND \\w+<\\?\\)`));
    }
    expect(prefixRange('jdup')).toEqual(['jdup', 'jduq']);
    expect(prefixRange('a\u{10FFFF}')).toEqual(['a\u{10FFFF}', 'b']);
  });

  it('the list pins the head it read: its count, its pages and its export hold the same events, whatever is written after', async () => {
    const review = supervisorReview();
    const first = review.query({ filter: {}, opening: true, limit: 2 });
    expect(first.upToSeq).toBe(7);
    // The opening itself (8) and what happens meanwhile (9, 10) are after the list's head.
    audit.store.append(accountViewed(OTHER_AGENT, STUDENT));
    audit.store.append(signIn(OTHER_AGENT));
    const filter = { upToSeq: first.upToSeq! };
    const rest = review.query({ filter, after: first.nextAfter!, limit: 200 });
    const shown = [...first.events, ...rest.events];
    expect(seqs(shown)).toEqual([7, 5, 4, 3, 2, 1]);
    expect(review.stats(filter).total).toBe(shown.length);
    const exported = await review.export({ filter, format: 'csv', separator: ';' });
    expect(exported.operations).toBe(shown.length);
    // The file: every event shown, plus the reset's intent (6) that the chain needs; nothing after 7.
    expect(exported).toMatchObject({ count: 7, fromSeq: 1, toSeq: 7 });
    const file = readFileSync(exported.path, 'utf8');
    expect(file).not.toContain('audit-viewed');
    expect(exported.path.startsWith(join(audit.dir, 'exports'))).toBe(true);
  });

  it('an export goes where the agent chose; a closed dialog writes and records nothing; only the last file can be shown', async () => {
    const asked: string[] = [];
    const shown: string[] = [];
    let answer: string | null = join(audit.dir, 'chosen', 'revue.csv');
    const review = supervisorReview({
      now: () => new Date('2026-12-01T10:00:00.000Z'),
      exportFiles: {
        async choosePath(fileName) {
          asked.push(fileName);
          return answer;
        },
        reveal: (path) => shown.push(path),
      },
    });
    expect(review.revealExport()).toEqual({ revealed: false });
    const done = await review.export({ filter: {}, format: 'csv', columns: 'en' });
    expect(asked).toEqual(['guichet-audit-20261201-100000-000.csv']);
    expect(done).toMatchObject({ path: join(audit.dir, 'chosen', 'revue.csv'), revealable: true });
    expect(readFileSync(done.path, 'utf8')).toMatch(/^\uFEFFNo\.,Date and time/);
    expect(review.revealExport()).toEqual({ revealed: true });
    expect(shown).toEqual([done.path]);

    answer = null;
    const before = audit.store.query({ action: 'audit-exported' }, supervisor).events.length;
    await expect(review.export({ filter: {}, format: 'jsonl' })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(audit.store.query({ action: 'audit-exported' }, supervisor).events).toHaveLength(before);
    expect(review.exportProgress().running).toBe(false);
  });
});
