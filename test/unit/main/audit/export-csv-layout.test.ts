import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../../../src/main/audit/export-format';
import { CSV_HEADINGS, deskTime, headingsSeparator, isCsvHeadings, utcFromDeskTime } from '../../../../src/main/audit/export-csv-layout';

describe('the CSV export’s layout', () => {
  it('times in the desk’s zone with their offset (winter, summer, UTC), and back to the same instant', () => {
    expect(deskTime('2026-01-15T13:05:12.345Z', 'Europe/Paris')).toBe('2026-01-15T14:05:12.345+01:00');
    expect(deskTime('2026-07-15T22:30:00.000Z', 'Europe/Paris')).toBe('2026-07-16T00:30:00.000+02:00');
    expect(deskTime('2026-07-15T22:30:00.000Z', 'UTC')).toBe('2026-07-15T22:30:00.000+00:00');
    expect(deskTime('2026-03-01T04:00:00.007Z', 'Indian/Reunion')).toBe('2026-03-01T08:00:00.007+04:00');
    for (const utc of ['2026-01-15T13:05:12.345Z', '2026-10-25T00:59:59.999Z', '2026-10-25T01:00:00.000Z'])
      for (const zone of ['Europe/Paris', 'America/Cayenne', 'Pacific/Noumea']) expect(utcFromDeskTime(deskTime(utc, zone))).toBe(utc);
    // Older files hold UTC already; anything else is left for the hash to refuse.
    expect(utcFromDeskTime('2026-01-15T13:05:12.345Z')).toBe('2026-01-15T13:05:12.345Z');
    expect(utcFromDeskTime('15/01/2026 14:05')).toBe('15/01/2026 14:05');
  });

  it('one heading per column in each language; the separator is read from the header row', () => {
    for (const headings of Object.values(CSV_HEADINGS)) {
      expect(headings).toHaveLength(CSV_COLUMNS.length);
      expect(new Set(headings).size).toBe(headings.length);
      expect(isCsvHeadings(headings)).toBe(true);
    }
    expect(isCsvHeadings(CSV_COLUMNS)).toBe(true);
    expect(isCsvHeadings(['N°', 'Date'])).toBe(false);
    expect(headingsSeparator(`${CSV_HEADINGS.fr.join(';')}\r\n`)).toBe(';');
    expect(headingsSeparator(`${CSV_HEADINGS.en.join(',')}\r\n`)).toBe(',');
    expect(headingsSeparator('{"guichetAuditExport":1}')).toBeNull();
  });
});
