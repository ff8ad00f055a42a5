import { describe, expect, it } from 'vitest';
import { formatDayMonthYear, parseDayMonthYear, tidyDateText } from '../../../src/shared/day-month-year';

describe('dates as the desk types them, jj/mm/aaaa', () => {
  it.each([
    ['15/03/2004', '2004-03-15'],
    ['5/3/2004', '2004-03-05'],
    ['15.03.2004', '2004-03-15'],
    ['15-03-2004', '2004-03-15'],
    [' 29/02/2024 ', '2024-02-29'],
    ['29/02/2025', null],
    ['31/04/2026', null],
    ['03/15/2004', null],
    ['2004-03-15', null],
    ['15/03/04', null],
    ['', null],
  ])('%j -> %s', (text, iso) => {
    expect(parseDayMonthYear(text)).toBe(iso);
  });

  it('shows an ISO date (or the date of an ISO time) as jj/mm/aaaa', () => {
    expect(formatDayMonthYear('2026-09-01')).toBe('01/09/2026');
    expect(formatDayMonthYear('2026-11-20T08:34:04.000Z')).toBe('20/11/2026');
    expect(formatDayMonthYear(null)).toBe('');
    expect(formatDayMonthYear('hier')).toBe('');
  });

  /** Types `keys` one by one into an empty field, as the input's change events would tidy them. */
  const typed = (keys: string) => [...keys].reduce((text, key) => tidyDateText(text + key, text), '');

  it.each([
    ['01011990', '01/01/1990'],
    ['150', '15/0'],
    ['5/', '05/'],
    ['5/3/2004', '05/03/2004'],
    ['1503/2004', '15/03/2004'],
    ['15.03.2004', '15/03/2004'],
    ['15 03 2004', '15/03/2004'],
    ['150320041', '15/03/2004'],
    ['1a5b0c3', '15/03'],
  ])('typing %j gives %j', (keys, text) => {
    expect(typed(keys)).toBe(text);
  });

  it('a pasted ISO date is turned round; deleting leaves the text as the agent made it', () => {
    expect(tidyDateText('2026-11-21', '')).toBe('21/11/2026');
    expect(tidyDateText('15/03/200', '15/03/2004')).toBe('15/03/200');
    expect(tidyDateText('15/0', '15/03')).toBe('15/0');
  });
});
