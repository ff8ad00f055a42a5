/** A chart's range cut into months, days, hours (the count tables) and partial hours (the events). */
import { describe, expect, it } from 'vitest';
import { countedRange, spanFilter } from '../../../../src/main/audit/stats-range';

const ms = (iso: string) => Date.parse(iso);
const span = (from: string | null, to: string | null) => ({ from: from === null ? null : ms(from), to: to === null ? null : ms(to) });

describe('countedRange', () => {
  it('date-only bounds are whole days (a date-only `to` includes its day); months inside them serve the per-agent chart', () => {
    expect(countedRange({ from: '2026-02-20', to: '2026-04-05' }, true)).toEqual({
      counted: span('2026-02-20T00:00:00Z', '2026-04-06T00:00:00Z'),
      days: span('2026-02-20T00:00:00Z', '2026-04-06T00:00:00Z'),
      months: span('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z'),
      agentDays: [span('2026-02-20T00:00:00Z', '2026-03-01T00:00:00Z'), span('2026-04-01T00:00:00Z', '2026-04-06T00:00:00Z')],
      hours: [],
      edges: [],
    });
  });

  it('unbounded sides stay unbounded', () => {
    const all = span(null, null);
    expect(countedRange({}, true)).toEqual({ counted: all, days: all, months: all, agentDays: [], hours: [], edges: [] });
    expect(countedRange({ to: '2026-03-05' }, true)).toEqual({
      counted: span(null, '2026-03-06T00:00:00Z'),
      days: span(null, '2026-03-06T00:00:00Z'),
      months: span(null, '2026-03-01T00:00:00Z'),
      agentDays: [span('2026-03-01T00:00:00Z', '2026-03-06T00:00:00Z')],
      hours: [],
      edges: [],
    });
  });

  it('minutes inside days: whole hours at both ends from the hour tables, partial hours from the events', () => {
    expect(countedRange({ from: '2026-03-02T10:30:00.000Z', to: '2026-03-05T02:15:00+01:00' }, true)).toEqual({
      counted: span('2026-03-02T11:00:00Z', '2026-03-05T01:00:00Z'),
      days: span('2026-03-03T00:00:00Z', '2026-03-05T00:00:00Z'),
      months: null,
      agentDays: [span('2026-03-03T00:00:00Z', '2026-03-05T00:00:00Z')],
      hours: [span('2026-03-02T11:00:00Z', '2026-03-03T00:00:00Z'), span('2026-03-05T00:00:00Z', '2026-03-05T01:00:00Z')],
      edges: [
        { from: '2026-03-02T10:30:00.000Z', to: '2026-03-02T11:00:00.000Z' },
        { from: '2026-03-05T01:00:00.000Z', to: '2026-03-05T01:15:00.000Z' },
      ],
    });
  });

  it('without the hour tables (an agent or action filter) the edges are the partial days', () => {
    expect(countedRange({ from: '2026-03-02T10:30:00.000Z', to: '2026-03-05T01:15:00.000Z' }, false)).toEqual({
      counted: span('2026-03-03T00:00:00Z', '2026-03-05T00:00:00Z'),
      days: span('2026-03-03T00:00:00Z', '2026-03-05T00:00:00Z'),
      months: null,
      agentDays: [span('2026-03-03T00:00:00Z', '2026-03-05T00:00:00Z')],
      hours: [],
      edges: [
        { from: '2026-03-02T10:30:00.000Z', to: '2026-03-03T00:00:00.000Z' },
        { from: '2026-03-05T00:00:00.000Z', to: '2026-03-05T01:15:00.000Z' },
      ],
    });
  });

  it('within one day: whole hours only; within one hour, or without the hours, one edge; an empty or reversed range is nothing', () => {
    const inDay = countedRange({ from: '2026-03-02T10:10:00.000Z', to: '2026-03-02T12:00:00.000Z' }, true);
    expect(inDay).toEqual({
      counted: span('2026-03-02T11:00:00Z', '2026-03-02T12:00:00Z'),
      days: null,
      months: null,
      agentDays: [],
      hours: [span('2026-03-02T11:00:00Z', '2026-03-02T12:00:00Z')],
      edges: [{ from: '2026-03-02T10:10:00.000Z', to: '2026-03-02T11:00:00.000Z' }],
    });
    const nothing = { counted: null, days: null, months: null, agentDays: [], hours: [] };
    expect(countedRange({ from: '2026-03-02T10:10:00.000Z', to: '2026-03-02T10:50:00.000Z' }, true)).toEqual({ ...nothing, edges: [{ from: '2026-03-02T10:10:00.000Z', to: '2026-03-02T10:50:00.000Z' }] });
    expect(countedRange({ from: '2026-03-02T10:10:00.000Z', to: '2026-03-02T12:00:00.000Z' }, false)).toEqual({ ...nothing, edges: [{ from: '2026-03-02T10:10:00.000Z', to: '2026-03-02T12:00:00.000Z' }] });
    expect(countedRange({ from: '2026-03-02T12:00:00.000Z', to: '2026-03-02T10:00:00.000Z' }, true)).toEqual({ ...nothing, edges: [] });
  });
});

describe('spanFilter', () => {
  it('gives instants, so that a span is not widened by a date-only `to`; unbounded sides drop the bound', () => {
    expect(spanFilter({ from: '2026-03-02T10:30:00.000Z', to: '2026-03-05', agent: 'x' }, span('2026-03-03T00:00:00Z', '2026-03-06T00:00:00Z'))).toEqual({
      agent: 'x',
      from: '2026-03-03T00:00:00.000Z',
      to: '2026-03-06T00:00:00.000Z',
    });
    expect(spanFilter({ from: '2026-03-02', action: 'sign-in' as const }, span(null, null))).toEqual({ action: 'sign-in' });
  });
});
