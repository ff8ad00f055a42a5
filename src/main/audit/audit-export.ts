/** Streaming an audit export (CSV or JSON Lines) to a file, with progress and a partial file renamed at the end. */
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import type { AuditFilter } from '../../shared/audit-events';
import type { ExportResult } from '../../shared/contract/audit';
import { arrayToRecord, E_COLUMNS, type EventRowArray } from './audit-rows';
import { compileFilter, fromWhere, type Viewer } from './audit-filter';
import { csvLine, type CsvSeparator } from './audit-csv';
import type { Ed25519Signer } from './ed25519';
import {
  CSV_MARKER,
  CSV_SIGNATURE_MARKER,
  EXPORT_FORMAT_VERSION,
  exportSignedText,
  jsonLineSql,
  JSONL_SIGNATURE_KEY,
  RowsDigest,
  type ExportHeader,
  type ExportSignature,
} from './export-format';
import { CSV_HEADINGS, csvRowOf, systemTimeZone, type CsvColumnLanguage } from './export-csv-layout';

export interface ExportOptions {
  /** A connection used by nothing else meanwhile: the row iterator stays open across awaits. */
  db: Database.Database;
  filter: AuditFilter;
  /** null: everything (CLI); otherwise the role rule applies. */
  viewer: Viewer | null;
  format: 'csv' | 'jsonl';
  separator?: CsvSeparator;
  outPath: string;
  exportedAt: string;
  /** The desk's key: the file ends with its signature. null (the CLI without the keystore): an unsigned export, said so in its header. */
  signer: Ed25519Signer | null;
  workstation: string | null;
  onProgress?: (progress: { written: number; total: number }) => void;
  /** CSV: the header row's language (French by default) and the zone of the times (the system's by default). */
  columns?: CsvColumnLanguage;
  timeZone?: string;
}

export interface ExportOutcome extends ExportResult {
  lastHash: string | null;
}

const CHUNK_CHARS = 256 * 1024;
const PROGRESS_EVERY = 10_000;

function* csvLines(rows: IterableIterator<EventRowArray>, separator: CsvSeparator, timeZone: string, digest: RowsDigest): IterableIterator<string> {
  for (const row of rows) {
    const record = arrayToRecord(row);
    digest.add(record.hash);
    yield csvLine(csvRowOf(record, timeZone), separator);
  }
}

function* jsonLines(rows: IterableIterator<[string, string]>, digest: RowsDigest): IterableIterator<string> {
  for (const [hash, line] of rows) {
    digest.add(hash);
    yield line;
  }
}

function signatureLine(header: ExportHeader, digest: RowsDigest, signer: Ed25519Signer, format: 'csv' | 'jsonl', separator: CsvSeparator): string {
  const rowsDigest = digest.hex();
  const signature: ExportSignature = { v: 1, publicKey: signer.publicKey, rowsDigest, sig: signer.sign(exportSignedText(header, rowsDigest)) };
  return format === 'csv' ? csvLine([CSV_SIGNATURE_MARKER, JSON.stringify(signature)], separator) : `${JSON.stringify({ [JSONL_SIGNATURE_KEY]: signature })}\n`;
}

/** What a filter amounts to, kept in the file header and the audit-exported event. */
export function filterSummary(filter: AuditFilter): Record<string, unknown> {
  const { text, ...rest } = filter;
  return { ...rest, ...(text ? { hasText: true } : {}) };
}

/**
 * Streams the filtered events, oldest first, to `<outPath>.partial` then renames it:
 * rows come one at a time from `.iterate()`, are batched into ~256 KB chunks, and the
 * loop waits for 'drain' whenever the stream says its buffer is full, so memory stays flat
 * whatever the size. One read transaction: the header's count matches the rows written.
 */
export async function exportEvents(options: ExportOptions): Promise<ExportOutcome> {
  const { db, format } = options;
  const separator = options.separator ?? ',';
  const ownTransaction = !db.inTransaction;
  if (ownTransaction) db.exec('BEGIN');
  const partial = `${options.outPath}.partial`;
  mkdirSync(dirname(options.outPath), { recursive: true });
  const stream = createWriteStream(partial, { highWaterMark: 1024 * 1024 });
  try {
    const compiled = compileFilter(db, options.filter, options.viewer, { hideSettledIntents: false });
    const { sql, params } = fromWhere(compiled);
    const bounds = compiled.empty
      ? { count: 0, fromSeq: null, toSeq: null }
      : (db.prepare(`SELECT count(*) AS count, min(e.seq) AS fromSeq, max(e.seq) AS toSeq ${sql}`).get(...params) as {
          count: number;
          fromSeq: number | null;
          toSeq: number | null;
        });
    const lastHash =
      bounds.toSeq === null
        ? null
        : (db.prepare('SELECT hash FROM events WHERE seq = ?').pluck().get(bounds.toSeq) as Buffer).toString('hex');
    const header: ExportHeader = {
      guichetAuditExport: EXPORT_FORMAT_VERSION,
      exportedAt: options.exportedAt,
      fromSeq: bounds.fromSeq,
      toSeq: bounds.toSeq,
      count: bounds.count,
      contiguous: bounds.count > 0 && bounds.count === bounds.toSeq! - bounds.fromSeq! + 1,
      lastHash,
      filter: filterSummary(options.filter),
      workstation: options.workstation,
      signed: options.signer !== null,
    };

    let chunk =
      format === 'csv'
        ? `\uFEFF${csvLine(CSV_HEADINGS[options.columns ?? 'fr'], separator)}${csvLine([CSV_MARKER, JSON.stringify(header)], separator)}`
        : `${JSON.stringify(header)}\n`;
    let written = 0;
    const flush = async () => {
      if (!stream.write(chunk)) await once(stream, 'drain');
      chunk = '';
    };
    const order = `ORDER BY ${compiled.seqColumn} ASC`;
    const digest = new RowsDigest();
    const lines: IterableIterator<string> = compiled.empty
      ? [][Symbol.iterator]()
      : format === 'jsonl'
        ? jsonLines(
            db.prepare(`SELECT lower(hex(e.hash)), ${jsonLineSql('e.')} || char(10) ${sql} ${order}`).raw(true).iterate(...params) as IterableIterator<[string, string]>,
            digest,
          )
        : csvLines(
            db.prepare(`SELECT ${E_COLUMNS} ${sql} ${order}`).raw(true).iterate(...params) as IterableIterator<EventRowArray>,
            separator,
            options.timeZone ?? systemTimeZone(),
            digest,
          );
    for (const line of lines) {
      chunk += line;
      written += 1;
      if (chunk.length >= CHUNK_CHARS) await flush();
      if (written % PROGRESS_EVERY === 0) options.onProgress?.({ written, total: bounds.count });
    }
    if (options.signer) chunk += signatureLine(header, digest, options.signer, format, separator);
    await flush();
    stream.end();
    await once(stream, 'finish');
    renameSync(partial, options.outPath);
    options.onProgress?.({ written, total: bounds.count });
    return {
      path: options.outPath,
      format,
      count: written,
      fromSeq: bounds.fromSeq,
      toSeq: bounds.toSeq,
      contiguous: header.contiguous,
      bytes: stream.bytesWritten,
      lastHash,
    };
  } catch (error) {
    stream.destroy();
    rmSync(partial, { force: true });
    throw error;
  } finally {
    if (ownTransaction && db.inTransaction) db.exec('COMMIT');
  }
}
