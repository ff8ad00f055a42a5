/**
 * A desk's export rows streamed out by `COPY (SELECT …) TO STDOUT (FORMAT binary)`: the
 * event's columns as stored, written into their finished lines (JSON Lines or CSV) straight
 * from the bytes received (export-row-format.ts, copy-rows.ts), byte for byte what
 * recordToJsonLine / recordToCsvCells + csvLine write (tests hold both to the same bytes).
 */
import type { ClientBase } from 'pg';
import type { CsvSeparator } from '../audit/audit-csv';
import type { CentralFilter } from './central-filter';
import type { ExportBounds } from './central-export-header';
import { CopyRowBlocks, type RowFormat } from './copy-rows';
import { copyRowsQuery } from './copy-to-rows';
import { jsonLineFormat } from './export-row-format';
import { csvLineFormat } from './export-row-csv';

/** `sql` with its $n parameters written in as literals: COPY takes no parameters. */
export function inlineParams(client: ClientBase, sql: string, params: readonly unknown[]): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1];
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value === 'string') return client.escapeLiteral(value);
    throw new TypeError(`parameter $${n} of an export query is neither a string nor a number`);
  });
}

export const exportRowFormat = (format: 'csv' | 'jsonl', separator: CsvSeparator): RowFormat =>
  format === 'jsonl' ? jsonLineFormat : csvLineFormat(separator);

/** Filters an index narrows to few rows: the planner picks its index (and sorts what it finds). */
const NARROWING = ['agent', 'target', 'agentPrefix', 'targetPrefix', 'text', 'ticket'] as const;

/**
 * The planner's settings for an export's COPY, for the transaction: no JIT (nothing to
 * compile in reading columns out; measured at 40-70 ms a query); and unless an index narrows
 * the rows, the desk's rows read in primary-key order (desk, seq), which is the file's, with
 * dates and the pin as a filter. Left to itself, the planner reads a date range through
 * `events_by_time`, every desk's entries for each desk, then sorts the rows on disk: twice as
 * long at 10,000,000 events (measured, 1.4 s against 0.7 s for a desk's 125,000 rows).
 */
export function exportPlanSettings(filter: CentralFilter): Record<string, string> {
  return exportReadsInKeyOrder(filter) ? { jit: 'off', enable_bitmapscan: 'off', enable_sort: 'off' } : { jit: 'off' };
}

/** Whether an export reads each desk's rows in primary-key order (no index narrows them); its dates then bound the seq read (central-export-seq-bounds.ts). */
export const exportReadsInKeyOrder = (filter: CentralFilter): boolean => !NARROWING.some((key) => filter[key]);

/** Runs `work` with `settings` local to the transaction, then puts back what they were. */
export async function withLocalSettings<T>(client: ClientBase, settings: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const names = Object.keys(settings);
  const set = (values: string[]) =>
    client.query(`SELECT ${names.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', ')}`, names.flatMap((n, i) => [n, values[i]!]));
  const before = await client.query<Record<string, string>>(`SELECT ${names.map((_, i) => `current_setting($${i + 1}) AS s${i}`).join(', ')}`, names);
  await set(names.map((n) => settings[n]!));
  try {
    return await work();
  } finally {
    // After an error the transaction is aborted and rolls the settings back itself.
    await set(names.map((_, i) => before.rows[0]![`s${i}`]!)).catch(() => undefined);
  }
}

export interface CopiedLines {
  rows: number;
  first: Buffer | null;
  last: Buffer | null;
}

/**
 * Runs `COPY (query) TO STDOUT (FORMAT binary)` for a query of EXPORT_COLUMNS and hands the
 * lines, back to back, to `write` in large blocks (awaited: the COPY waits while the file
 * does), with the rows written so far and a `release` to call once the block is written (it is
 * filled again); returns the count and the first and last lines.
 */
export async function copyExportLines(
  client: ClientBase,
  query: string,
  format: 'csv' | 'jsonl',
  separator: CsvSeparator,
  write: (bytes: Buffer, written: number, release: () => void) => Promise<void>,
): Promise<CopiedLines> {
  const values = new CopyRowBlocks(exportRowFormat(format, separator), BLOCK);
  const stream = client.query(copyRowsQuery(`COPY (${query}) TO STDOUT (FORMAT binary)`, values));
  let written = 0;
  for await (const block of stream as AsyncIterable<{ bytes: Buffer; rows: number }>) {
    written += block.rows;
    await write(block.bytes, written, () => values.release(block.bytes));
  }
  return { rows: values.rows, first: values.first, last: values.last };
}

/** Lines of 4 MiB at a time: a write per block, not per chunk of the connection. */
const BLOCK = 4 * 1024 * 1024;

/** A JSON line ends with `…"hash":"<64>","prevHash":"<64>"}\n`; a CSV line with `…<prevHash>;<hash>\r\n`. */
const JSONL_HASH_FROM_END = 64 + '","prevHash":"'.length + 64 + '"}\n'.length;
const CSV_HASH_FROM_END = 64 + '\r\n'.length;
const JSONL_SEQ = Buffer.from(',"seq":');

/**
 * A line's seq and hash, read back from its bytes as export-row-format.ts writes them. JSON Lines:
 * the last `,"seq":` is the event's own (every later key holds a string, where a quote is
 * always escaped, or the hashes); CSV: the first cell.
 */
function seqAndHash(line: Buffer, format: 'csv' | 'jsonl', separator: CsvSeparator): { seq: number; hash: string } {
  let digits: string;
  let hash: string;
  if (format === 'jsonl') {
    const at = line.lastIndexOf(JSONL_SEQ);
    const end = at < 0 ? -1 : line.indexOf(',', at + JSONL_SEQ.length);
    digits = at < 0 || end < 0 ? '' : line.toString('latin1', at + JSONL_SEQ.length, end);
    hash = line.toString('latin1', line.length - JSONL_HASH_FROM_END, line.length - JSONL_HASH_FROM_END + 64);
  } else {
    digits = line.toString('latin1', 0, Math.max(0, line.indexOf(separator)));
    hash = line.toString('latin1', line.length - CSV_HASH_FROM_END, line.length - 2);
  }
  if (!/^[1-9][0-9]*$/.test(digits) || !/^[0-9a-f]{64}$/.test(hash)) throw new Error('export: a line without its number or hash where expected');
  return { seq: Number(digits), hash };
}

/** What the header tells of the rows written: their count, first and last number, last hash. */
export function exportBounds(lines: CopiedLines, format: 'csv' | 'jsonl', separator: CsvSeparator): ExportBounds {
  if (lines.rows === 0 || !lines.first || !lines.last) return { count: 0, fromSeq: null, toSeq: null, lastHash: null };
  const last = seqAndHash(lines.last, format, separator);
  return { count: lines.rows, fromSeq: seqAndHash(lines.first, format, separator).seq, toSeq: last.seq, lastHash: last.hash };
}
