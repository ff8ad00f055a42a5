/** Reading an audit export back and verifying it on its own, row by row against its hashes. */
import { createReadStream } from 'node:fs';
import type { IntegrityBreak } from '../../shared/contract/audit';
import { ChainChecker, type HashedRecord } from './audit-chain';
import { CsvReader, type CsvSeparator } from './audit-csv';
import { CSV_COLUMNS, CSV_MARKER, csvCellsToRecord, jsonLineToRecord, type ExportHeader } from './export-format';

export class ExportFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportFormatError';
  }
}

export type ExportFileItem = { kind: 'header'; header: ExportHeader; format: 'csv' | 'jsonl' } | { kind: 'record'; record: HashedRecord };

function parseHeader(text: string): ExportHeader {
  let header: ExportHeader;
  try {
    header = JSON.parse(text) as ExportHeader;
  } catch {
    throw new ExportFormatError("en-tête d'export illisible");
  }
  if (header?.guichetAuditExport !== 1) throw new ExportFormatError("ce fichier n'est pas un export d'audit Guichet (version 1)");
  return header;
}

/** Reads an export (CSV or JSON Lines, told apart by their first line), one record at a time. */
export async function* readExportFile(path: string): AsyncGenerator<ExportFileItem> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1024 * 1024 });
  let first = true;
  let csv: CsvReader | null = null;
  let csvRow = 0;
  let pending = '';
  const fromCells = function* (cells: string[]): Generator<ExportFileItem> {
    csvRow += 1;
    if (csvRow === 1) {
      if (cells[0] !== CSV_MARKER || cells.length < 2) throw new ExportFormatError("première ligne d'export CSV inattendue");
      yield { kind: 'header', header: parseHeader(cells[1]!), format: 'csv' };
    } else if (csvRow === 2) {
      if (cells.join(',') !== CSV_COLUMNS.join(',')) throw new ExportFormatError('colonnes CSV inattendues');
    } else if (cells.length > 1 || cells[0] !== '') {
      yield { kind: 'record', record: csvCellsToRecord(cells) };
    }
  };
  for await (const piece of stream as AsyncIterable<string>) {
    let text = piece;
    if (first) {
      first = false;
      if (text.startsWith('\uFEFF')) text = text.slice(1);
      if (text.startsWith(CSV_MARKER)) {
        const separator = text[CSV_MARKER.length];
        if (separator !== ',' && separator !== ';') throw new ExportFormatError('séparateur CSV inconnu');
        csv = new CsvReader(separator as CsvSeparator);
      } else if (!text.startsWith('{')) {
        throw new ExportFormatError("ce fichier n'est ni un export CSV ni un export JSONL de Guichet");
      }
    }
    if (csv) {
      for (const cells of csv.feed(text)) yield* fromCells(cells);
      continue;
    }
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) yield* jsonItem(line);
  }
  if (csv) for (const cells of csv.end()) yield* fromCells(cells);
  else if (pending.trim() !== '') yield* jsonItem(pending);

  function* jsonItem(line: string): Generator<ExportFileItem> {
    if (line.trim() === '') return;
    if (line.includes('"guichetAuditExport"')) yield { kind: 'header', header: parseHeader(line), format: 'jsonl' };
    else yield { kind: 'record', record: jsonLineToRecord(line) };
  }
}

export type ExportVerifyResult =
  | { intact: true; format: 'csv' | 'jsonl'; events: number; fromSeq: number | null; toSeq: number | null; contiguous: boolean }
  | { intact: false; format: 'csv' | 'jsonl' | null; firstBadSeq: number; reason: IntegrityBreak };

/**
 * Checks an exported file on its own: each row against its hash, consecutive rows against
 * each other, and (for a contiguous export) that no number is missing, plus the header's
 * count, last number and last hash (a cut-off tail).
 */
export async function verifyExportFile(path: string): Promise<ExportVerifyResult> {
  let header: ExportHeader | null = null;
  let format: 'csv' | 'jsonl' | null = null;
  let checker: ChainChecker | null = null;
  let firstSeq: number | null = null;
  const fail = (firstBadSeq: number, reason: IntegrityBreak): ExportVerifyResult => ({ intact: false, format, firstBadSeq, reason });
  const expectedNext = () => (checker?.lastSeq ?? (header?.fromSeq ?? 1) - 1) + 1;
  try {
    for await (const item of readExportFile(path)) {
      if (item.kind === 'header') {
        if (header) throw new ExportFormatError('en-tête répété');
        header = item.header;
        format = item.format;
        checker = new ChainChecker({ startSeq: header.fromSeq ?? 1, startPrev: null, contiguous: header.contiguous });
        continue;
      }
      if (!checker || !header) throw new ExportFormatError("export sans en-tête");
      const record = item.record;
      if (firstSeq === null) {
        firstSeq = record.seq;
        if (header.fromSeq !== null && record.seq > header.fromSeq) return fail(header.fromSeq, 'missing');
      }
      const problem = checker.push(record);
      if (problem) return fail(problem.firstBadSeq, problem.reason);
    }
  } catch (error) {
    if (error instanceof ExportFormatError) throw error;
    // A line that no longer parses was edited.
    return fail(expectedNext(), 'altered');
  }
  if (!header || !checker) throw new ExportFormatError("export vide ou sans en-tête");
  const end = checker.finish();
  if (end) return fail(end.firstBadSeq, end.reason);
  if (checker.count < header.count || (header.toSeq !== null && checker.lastSeq !== header.toSeq)) {
    if (checker.lastSeq !== null && header.toSeq !== null && checker.lastSeq > header.toSeq) return fail(header.toSeq + 1, 'altered');
    return fail(expectedNext(), 'truncated');
  }
  if (checker.count > header.count) return fail((header.toSeq ?? 0) + 1, 'altered');
  if (header.lastHash !== null && checker.lastHash !== header.lastHash) return fail(header.toSeq ?? 0, 'altered');
  return { intact: true, format: format!, events: checker.count, fromSeq: header.fromSeq, toSeq: header.toSeq, contiguous: header.contiguous };
}
