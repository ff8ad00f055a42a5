/** The charts' pure parts: a range cut into whole UTC days and edges, parts added up, which filters the counts answer. */
import { describe, expect, it } from 'vitest';
import { addStats, countsAnswer, outcomeColumns, splitRange, wholeDays } from '../../../../src/main/audit/stats-parts';

describe('splitRange', () => {
  it('date-only bounds are whole days (a date-only `to` includes its day)', () => {
    expect(splitRange({ from: '2026-03-02', to: '2026-03-05' })).toEqual({ days: { from: '2026-03-02', to: '2026-03-06' }, edges: [] });
    expect(splitRange({})).toEqual({ days: { from: null, to: null }, edges: [] });
    expect(splitRange({ to: '2026-03-05' })).toEqual({ days: { from: null, to: '2026-03-06' }, edges: [] });
  });

  it('instants inside days leave partial days at the ends, read from the events', () => {
    expect(splitRange({ from: '2026-03-02T10:30:00.000Z', to: '2026-03-05T02:00:00+01:00' })).toEqual({
      days: { from: '2026-03-03', to: '2026-03-05' },
      edges: [
        { from: '2026-03-02T10:30:00.000Z', to: '2026-03-03T00:00:00.000Z' },
        { from: '2026-03-05T00:00:00.000Z', to: '2026-03-05T01:00:00.000Z' },
      ],
    });
  });

  it('a range within one day is one edge; an empty or reversed range is nothing', () => {
    expect(splitRange({ from: '2026-03-02T10:00:00.000Z', to: '2026-03-02T12:00:00.000Z' })).toEqual({
      days: null,
      edges: [{ from: '2026-03-02T10:00:00.000Z', to: '2026-03-02T12:00:00.000Z' }],
    });
    expect(splitRange({ from: '2026-03-02T12:00:00.000Z', to: '2026-03-02T10:00:00.000Z' })).toEqual({ days: null, edges: [] });
  });

  it('wholeDays gives instants, so that the whole days are not widened by a date-only `to`', () => {
    expect(wholeDays({ from: '2026-03-02T10:30:00.000Z', to: '2026-03-05', agent: 'x' }, { from: '2026-03-03', to: '2026-03-06' })).toEqual({
      agent: 'x',
      from: '2026-03-03T00:00:00.000Z',
      to: '2026-03-06T00:00:00.000Z',
    });
  });
});

describe('addStats', () => {
  it('adds parts, takes out negative ones, drops zeros, sorts as the charts do', () => {
    const a = { total: 0, perDay: [{ day: '2026-03-02', action: 'sign-in' as const, count: 3 }, { day: '2026-03-01', action: 'sign-in' as const, count: 1 }], perAgent: [{ login: 'b', displayName: 'B', count: 2 }, { login: 'a', displayName: null, count: 2 }, { login: null, displayName: null, count: 1 }] };
    const late = { total: 0, perDay: [{ day: '2026-03-01', action: 'sign-in' as const, count: 1 }], perAgent: [{ login: null, displayName: null, count: 1 }] };
    const edge = { total: 0, perDay: [{ day: '2026-03-02', action: 'account-viewed' as const, count: 2 }], perAgent: [{ login: 'a', displayName: 'A', count: 2 }] };
    expect(addStats([{ stats: a, sign: 1 }, { stats: late, sign: -1 }, { stats: edge, sign: 1 }])).toEqual({
      total: 5,
      perDay: [
        { day: '2026-03-02', action: 'account-viewed', count: 2 },
        { day: '2026-03-02', action: 'sign-in', count: 3 },
      ],
      perAgent: [
        { login: 'a', displayName: 'A', count: 4 },
        { login: 'b', displayName: 'B', count: 2 },
      ],
    });
  });
});

describe('what the counts answer', () => {
  it('day, action, agent and outcome; not an account or free text', () => {
    expect(countsAnswer({ from: '2026-03-01', agent: 'x', agentPrefix: 'y', action: 'sign-in', outcome: 'denied', upToSeq: 3 })).toBe(true);
    expect(countsAnswer({ target: 'x' })).toBe(false);
    expect(countsAnswer({ targetPrefix: 'x' })).toBe(false);
    expect(countsAnswer({ text: 'abc' })).toBe(false);
  });

  it('unknown reads recorded unknowns and intents still open', () => {
    expect(outcomeColumns(undefined)).toEqual(['success', 'failure', 'denied', 'unknown', 'open']);
    expect(outcomeColumns('unknown')).toEqual(['unknown', 'open']);
    expect(outcomeColumns('denied')).toEqual(['denied']);
  });
});
