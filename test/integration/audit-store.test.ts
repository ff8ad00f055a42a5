import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GuichetError } from '../../src/shared/result';
import { withAudit } from '../../src/main/audit/with-audit';
import { LateSettler } from '../../src/main/audit/late-settler';
import { silentLogger } from '../../src/main/logger';
import { resetIntent } from '../support/audit-inputs';
import { AGENT, SUPERVISOR, TARGET, accountViewed, signIn, tempAudit, type TempAudit } from './support/audit-temp';

let audit: TempAudit;
afterEach(() => audit?.cleanup());

const supervisor = { login: SUPERVISOR.login, role: 'supervisor' as const };

describe('append-only, through the app’s own connection', () => {
  it('refuses UPDATE and DELETE of events, and moving the anchor', () => {
    audit = tempAudit();
    const { store } = audit;
    store.append(signIn());
    expect(() => store.db.prepare("UPDATE events SET outcome = 'failure' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    expect(() => store.db.prepare("INSERT INTO chain_anchor VALUES (1, 1, zeroblob(32), 'x')").run()).toThrow(/retention purge/);
    expect(store.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);
  });
});

describe('events are validated and secrets have nowhere to go', () => {
  it('stores UTC times with milliseconds, the workstation, sorted evidence and canonical details', () => {
    audit = tempAudit();
    const { seq, at } = audit.store.append({ ...accountViewed(), evidence: ['student-card', 'identity-document'] });
    expect(at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const row = audit.store.db.prepare('SELECT * FROM events WHERE seq = ?').get(seq) as Record<string, unknown>;
    expect(row).toMatchObject({ workstation: 'GUICHET-TEST-01', evidence: '["identity-document","student-card"]', details: '{"source":"search"}' });
  });

  it('refuses unknown fields, secret-named keys and unmasked contact values, naming the field only', () => {
    audit = tempAudit();
    const attempt = (details: unknown) => () =>
      audit.store.append({ action: 'consent-change', outcome: 'success', agent: AGENT, target: TARGET, details } as never);
    expect(attempt({ changes: {}, password: 'Hunter2!' })).toThrow(/forbidden key details\.password/);
    expect(attempt({ changes: { mobile: { before: null, after: '+33 6 12 34 56 78' } } })).toThrow(/changes\.mobile\.after/);
    expect(attempt({ changes: { personalMail: { before: null, after: 'j***@g***.com' } } })).not.toThrow();
    try {
      attempt({ changes: { personalMail: { before: null, after: 'jean@gmail.com' } } })();
    } catch (error) {
      expect((error as Error).message).not.toContain('jean@gmail.com');
    }
    expect(() => audit.store.beginIntent({ ...resetIntent, details: { ...resetIntent.details, newPassword: 'x' } } as never)).toThrow(/forbidden key/);
    expect(audit.store.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);
  });

  it('requires a comment for the actions the configuration lists', () => {
    audit = tempAudit({ requireComment: ['password-reset'] });
    expect(() => audit.store.beginIntent(resetIntent)).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST' }));
    expect(() => audit.store.beginIntent({ ...resetIntent, comment: '   ' })).toThrow(GuichetError);
    const handle = audit.store.beginIntent({ ...resetIntent, comment: 'Étudiant présent, carte vue' });
    audit.store.settle(handle, 'success');
    expect(audit.store.append(signIn())).toBeTruthy();
  });

  it('never lets time go backwards along the chain', () => {
    let now = Date.parse('2026-03-01T10:00:00.000Z');
    audit = tempAudit({ now: () => new Date(now) });
    audit.store.append(signIn());
    now -= 3_600_000; // clock stepped back
    const { at } = audit.store.append(signIn());
    expect(at).toBe('2026-03-01T10:00:00.000Z');
  });

  it('two connections taking turns (each remembers its own head) still build one chain', async () => {
    audit = tempAudit();
    const other = audit.open();
    const seqs: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      // Irregular turns: sometimes the same writer twice in a row, sometimes the other.
      const writer = i % 3 === 0 ? other : audit.store;
      seqs.push(writer.append(accountViewed()).seq);
    }
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    other.close();
    expect(await audit.store.verify({ full: true })).toMatchObject({ intact: true, headSeq: 20 });
  });
});

describe('intent, then outcome', () => {
  it('an intent without outcome reads unknown (pending); settled, the operation shows once with its outcome', () => {
    audit = tempAudit();
    const { store } = audit;
    const open = store.beginIntent(resetIntent);
    let page = store.query({}, supervisor);
    expect(page.events).toHaveLength(1);
    expect(page.events[0]).toMatchObject({ seq: open.seq, outcome: 'unknown', pending: true });
    expect(store.query({ outcome: 'unknown' }, supervisor).events.map((e) => e.seq)).toEqual([open.seq]);

    const outcome = store.settle(open, 'failure', { directoryCode: 19 });
    page = store.query({}, supervisor);
    expect(page.events.map((e) => [e.seq, e.outcome, e.intentSeq, e.directoryCode])).toEqual([[outcome.seq, 'failure', open.seq, 19]]);
    expect(store.query({ outcome: 'unknown' }, supervisor).events).toEqual([]);
    const detail = store.event(open.seq, supervisor)!;
    expect(detail.event).toMatchObject({ outcome: 'failure', pending: false });
    expect(detail.outcome?.seq).toBe(outcome.seq);
    expect(() => store.settle(open, 'success')).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });

  it('withAudit with a late check: the intent stays open while nobody knows, then gets the outcome read back', async () => {
    audit = tempAudit();
    const { store } = audit;
    const settler = new LateSettler(silentLogger, [20, 20, 20]);
    let directoryBack = false;
    let applied = true;
    const recheck = async () => {
      if (!directoryBack) throw new Error('directory away');
      return applied;
    };
    const lost = () => Promise.reject(new GuichetError('OUTCOME_UNKNOWN', 'answer lost'));
    await expect(withAudit(store, resetIntent, lost, { lateCheck: { recheck, settler } })).rejects.toMatchObject({ code: 'OUTCOME_UNKNOWN' });
    // Shown as unknown meanwhile (an open intent), nothing settled yet.
    expect(store.query({ action: 'password-reset' }, supervisor).events.map((e) => [e.outcome, e.pending])).toEqual([['unknown', true]]);
    directoryBack = true;
    await vi.waitFor(() => expect(settler.pending).toBe(0));
    expect(store.query({ action: 'password-reset' }, supervisor).events.map((e) => [e.outcome, e.pending])).toEqual([['success', false]]);

    // Not there: a failure. Never readable before the console closes: unknown.
    applied = false;
    await expect(withAudit(store, resetIntent, lost, { lateCheck: { recheck, settler } })).rejects.toMatchObject({ code: 'OUTCOME_UNKNOWN' });
    await vi.waitFor(() => expect(settler.pending).toBe(0));
    directoryBack = false;
    await expect(withAudit(store, resetIntent, lost, { lateCheck: { recheck, settler } })).rejects.toMatchObject({ code: 'OUTCOME_UNKNOWN' });
    settler.close();
    const raw = store.db.prepare("SELECT outcome FROM events WHERE action = 'password-reset' ORDER BY seq").pluck().all();
    expect(raw).toEqual(['pending', 'success', 'pending', 'failure', 'pending', 'unknown']);
    expect(await store.verify({ full: true })).toMatchObject({ intact: true });
  });

  it('withAudit records success, failure with the directory code, and unknown on timeout', async () => {
    audit = tempAudit();
    const { store } = audit;
    await expect(withAudit(store, resetIntent, async () => 'ok')).resolves.toBe('ok');
    const ldapError = Object.assign(new Error('Constraint violation'), { code: 19 });
    await expect(withAudit(store, resetIntent, async () => Promise.reject(ldapError))).rejects.toBe(ldapError);
    await expect(
      withAudit(store, resetIntent, () => new Promise(() => undefined), { timeoutMs: 30 }),
    ).rejects.toMatchObject({ code: 'OUTCOME_UNKNOWN' });
    await expect(
      withAudit(store, resetIntent, async () => Promise.reject(new GuichetError('FORBIDDEN', 'no'))),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const rows = store.query({}, supervisor).events.map((e) => [e.outcome, e.directoryCode]);
    expect(rows).toEqual([
      ['denied', null],
      ['unknown', null],
      ['failure', 19],
      ['success', null],
    ]);
  });
});

describe('withAudit keeps the outcome even when the caller describes it wrongly', () => {
  it('outcome details the schema refuses: the outcome is recorded without them', async () => {
    audit = tempAudit();
    await withAudit(audit.store, resetIntent, async () => 'ok', {
      onSuccess: () => ({ details: { delivery: 'pigeon', mustChangeAtNextLogin: true } }),
    });
    const events = audit.store.query({}, supervisor).events;
    expect(events.map((e) => [e.action, e.outcome, e.pending])).toEqual([['password-reset', 'success', false]]);
    expect(events[0]!.details).toEqual(resetIntent.details);
  });
});

describe('when the trail cannot record, the directory is never touched', () => {
  it('database locked by another process: AUDIT_UNAVAILABLE and the action is not called', async () => {
    audit = tempAudit({ busyTimeoutMs: 50 });
    audit.store.append(signIn());
    const other = new Database(audit.path);
    other.exec('BEGIN EXCLUSIVE');
    const action = vi.fn(async () => 'done');
    try {
      await expect(withAudit(audit.store, resetIntent, action)).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE' });
      expect(() => audit.store.append(signIn())).toThrow(expect.objectContaining({ code: 'AUDIT_UNAVAILABLE' }));
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(action).not.toHaveBeenCalled();
    expect(audit.store.append(signIn()).seq).toBe(2);
  });

  it('disk full: AUDIT_UNAVAILABLE and the action is not called', async () => {
    audit = tempAudit();
    audit.store.append(signIn());
    // The file may not grow any more: fill what is left, as a disk filling up would.
    audit.store.db.pragma(`max_page_count = ${audit.store.db.pragma('page_count', { simple: true }) as number}`);
    let full: unknown = null;
    for (let i = 0; i < 10_000 && !full; i += 1) {
      try {
        audit.store.append({ ...signIn(), comment: 'x'.repeat(900) });
      } catch (error) {
        full = error;
      }
    }
    expect(full).toMatchObject({ code: 'AUDIT_UNAVAILABLE', message: expect.stringContaining('SQLITE_FULL') });
    const action = vi.fn(async () => 'done');
    await expect(withAudit(audit.store, { ...resetIntent, comment: 'x'.repeat(900) }, action)).rejects.toMatchObject({
      code: 'AUDIT_UNAVAILABLE',
    });
    expect(action).not.toHaveBeenCalled();
  });

  it('database that has become read-only: AUDIT_UNAVAILABLE and the action is not called', async () => {
    audit = tempAudit();
    audit.store.append(signIn());
    audit.store.db.pragma('query_only = ON');
    const action = vi.fn(async () => 'done');
    await expect(withAudit(audit.store, resetIntent, action)).rejects.toMatchObject({
      code: 'AUDIT_UNAVAILABLE',
      message: expect.stringContaining('SQLITE_READONLY'),
    });
    expect(action).not.toHaveBeenCalled();
  });

  it('an outcome that cannot be written is kept and written before the next event', async () => {
    audit = tempAudit({ busyTimeoutMs: 50 });
    const { store } = audit;
    const other = new Database(audit.path);
    const value = await withAudit(store, resetIntent, async () => {
      other.exec('BEGIN EXCLUSIVE'); // the disk goes away while the directory works
      return 'reset done';
    });
    other.exec('ROLLBACK');
    other.close();
    expect(value).toBe('reset done');
    expect(store.deferredOutcomes).toBe(1);
    expect(store.query({ outcome: 'unknown' }, supervisor).events).toHaveLength(1);
    store.append(signIn());
    expect(store.deferredOutcomes).toBe(0);
    expect(store.query({ action: 'password-reset' }, supervisor).events.map((e) => e.outcome)).toEqual(['success']);
  });
});

describe('retention', () => {
  it('purges events older than the retention, records the purge, and the chain still verifies', async () => {
    let now = Date.parse('2025-01-01T08:00:00.000Z');
    audit = tempAudit({ now: () => new Date(now) });
    const { store } = audit;
    for (let day = 0; day < 10; day += 1) {
      store.append(signIn());
      store.append(accountViewed());
      now += 86_400_000;
    }
    const result = store.purgeExpired({ retentionDays: 3 });
    expect(result).toMatchObject({ count: 14, anchorSeq: 14, cutoff: '2025-01-08T08:00:00.000Z' });
    const purge = store.event(result.event!.seq, supervisor)!.event;
    expect(purge).toMatchObject({ action: 'retention-purge', agent: null, details: { count: 14, anchorSeq: 14, retentionDays: 3 } });
    expect(store.db.prepare('SELECT min(seq) FROM events').pluck().get()).toBe(15);
    expect(store.db.prepare('SELECT open FROM purge_gate').pluck().get()).toBe(0);
    expect(await store.verify({ full: true })).toMatchObject({ intact: true, fromSeq: 15, headSeq: 21 });
    store.append(signIn());
    expect(await store.verify()).toMatchObject({ intact: true, headSeq: 22 });
    expect(store.purgeExpired({ retentionDays: 3 })).toMatchObject({ count: 0, event: null });
  });

  it('old events removed by hand, with an anchor but no purge event, are reported missing', async () => {
    let now = Date.parse('2025-01-01T08:00:00.000Z');
    audit = tempAudit({ now: () => new Date(now) });
    for (let i = 0; i < 6; i += 1) {
      audit.store.append(signIn());
      now += 86_400_000;
    }
    const db = new Database(audit.path);
    db.exec(`DROP TRIGGER events_no_delete; DROP TRIGGER anchor_no_insert;
      INSERT INTO chain_anchor SELECT 1, seq, hash, 'x' FROM events WHERE seq = 3;
      DELETE FROM events WHERE seq <= 3;`);
    db.close();
    expect(await audit.store.verify({ full: true })).toMatchObject({ intact: false, firstBadSeq: 3, reason: 'missing' });
  });
});
