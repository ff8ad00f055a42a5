/** The charts' pure parts: parts added up, which filters the counts (and the hour counts) answer. */
import { describe, expect, it } from 'vitest';
import { addStats, countsAnswer, hoursAnswer, outcomeColumns } from '../../../../src/main/audit/stats-parts';

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

  it('the hour tables hold neither agent nor action', () => {
    expect(hoursAnswer({ from: '2026-03-01T10:00:00.000Z', outcome: 'unknown', upToSeq: 3 })).toBe(true);
    expect(hoursAnswer({ agent: 'x' })).toBe(false);
    expect(hoursAnswer({ agentPrefix: 'x' })).toBe(false);
    expect(hoursAnswer({ action: 'sign-in' })).toBe(false);
  });

  it('unknown reads recorded unknowns and intents still open', () => {
    expect(outcomeColumns(undefined)).toEqual(['success', 'failure', 'denied', 'unknown', 'open']);
    expect(outcomeColumns('unknown')).toEqual(['unknown', 'open']);
    expect(outcomeColumns('denied')).toEqual(['denied']);
  });
});
