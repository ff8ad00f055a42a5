/**
 * CSV for spreadsheets (RFC 4180 quoting, CRLF, UTF-8 with BOM) with formula-injection
 * protection: a cell starting with = + - @ (or tab / CR) is prefixed with a quote so no
 * spreadsheet evaluates it. Cells starting with a quote are prefixed too, which keeps
 * the escape reversible: the CLI can restore every value exactly and re-check its hash.
 */
export type CsvSeparator = ',' | ';';

const NEEDS_PREFIX = /^[=+\-@\t\r']/;
/** Anything that needs work; most cells have none and pass with this one test. */
const SPECIAL: Record<CsvSeparator, RegExp> = { ',': /^[=+\-@\t\r']|["\r\n,]/, ';': /^[=+\-@\t\r']|["\r\n;]/ };

export function escapeCell(value: string, separator: CsvSeparator): string {
  if (!SPECIAL[separator].test(value)) return value;
  const safe = NEEDS_PREFIX.test(value) ? `'${value}` : value;
  return /["\r\n]/.test(safe) || safe.includes(separator) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function unprefixCell(value: string): string {
  return value.startsWith("'") ? value.slice(1) : value;
}

export function csvLine(cells: readonly string[], separator: CsvSeparator): string {
  return `${cells.map((cell) => escapeCell(cell, separator)).join(separator)}\r\n`;
}

/**
 * Streaming CSV reader: feed text chunks, get complete records. Handles quoted cells
 * spanning lines and chunk boundaries.
 */
export class CsvReader {
  private cell = '';
  private record: string[] = [];
  private quoted = false;
  private afterQuote = false;
  private pendingCr = false;

  constructor(private readonly separator: CsvSeparator) {}

  *feed(chunk: string): Generator<string[]> {
    for (const char of chunk) {
      if (this.pendingCr) {
        this.pendingCr = false;
        if (char === '\n') continue;
      }
      if (this.quoted) {
        if (char === '"') {
          this.quoted = false;
          this.afterQuote = true;
        } else this.cell += char;
        continue;
      }
      if (char === '"') {
        if (this.afterQuote) this.cell += '"';
        this.quoted = true;
        this.afterQuote = false;
        continue;
      }
      this.afterQuote = false;
      if (char === this.separator) {
        this.record.push(this.cell);
        this.cell = '';
      } else if (char === '\n' || char === '\r') {
        this.pendingCr = char === '\r';
        this.record.push(this.cell);
        this.cell = '';
        yield this.record;
        this.record = [];
      } else this.cell += char;
    }
  }

  *end(): Generator<string[]> {
    if (this.cell !== '' || this.record.length > 0) {
      this.record.push(this.cell);
      yield this.record;
    }
    this.record = [];
    this.cell = '';
  }
}
