import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvReader, csvLine, escapeCell, unprefixCell } from '../../../../src/main/audit/audit-csv';

describe('CSV cells', () => {
  it('prefix what a spreadsheet would evaluate, and quote what needs quoting', () => {
    expect(escapeCell('=1+1', ',')).toBe("'=1+1");
    expect(escapeCell('+33 6', ',')).toBe("'+33 6");
    expect(escapeCell('-2', ',')).toBe("'-2");
    expect(escapeCell('@SUM(A1)', ',')).toBe("'@SUM(A1)");
    expect(escapeCell('\tx', ',')).toBe("'\tx");
    expect(escapeCell("'déjà", ',')).toBe("''déjà");
    expect(escapeCell('a;b', ';')).toBe('"a;b"');
    expect(escapeCell('a;b', ',')).toBe('a;b');
    expect(escapeCell('dit "oui"', ',')).toBe('"dit ""oui"""');
    expect(escapeCell('deux\nlignes', ',')).toBe('"deux\nlignes"');
  });

  it('round-trips any values through the streaming reader, whatever the chunking', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: fc.constantFrom('a', 'é', '"', ',', ';', '\n', '\r', '=', '-', "'", ' ') }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom(',' as const, ';' as const),
        fc.integer({ min: 1, max: 7 }),
        (rows, separator, chunk) => {
          const text = rows.map((row) => csvLine(row, separator)).join('');
          const reader = new CsvReader(separator);
          const parsed: string[][] = [];
          for (let i = 0; i < text.length; i += chunk) parsed.push(...reader.feed(text.slice(i, i + chunk)));
          parsed.push(...reader.end());
          expect(parsed.map((row) => row.map(unprefixCell))).toEqual(rows);
          for (const row of parsed) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        },
      ),
    );
  });
});
