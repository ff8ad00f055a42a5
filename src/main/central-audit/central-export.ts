/**
 * One desk's chain from the centre as a file in the local export format (header, then one
 * event per line with its hashes), so `guichet-audit verify` checks it like any export.
 * Used by `guichet-audit export --desk` and by the review across desks (one file per desk).
 */
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import type { ClientBase } from 'pg';
import type { CentralFilter } from './central-filter';
import { deskBounds, deskRowsQuery } from './central-reader';
import { copiedLines, exportLineSql, inlineParams } from './central-export-lines';
import { csvLine, type CsvSeparator } from '../audit/audit-csv';
import { CSV_COLUMNS, CSV_MARKER, EXPORT_FORMAT_VERSION, type ExportHeader } from '../audit/export-format';
import { filterSummary } from '../audit/audit-export';

export interface DeskExportOptions {
  format: 'csv' | 'jsonl';
  separator: CsvSeparator;
  filter: CentralFilter;
  /** The review's pin: rows received up to this instant only (the list's own events). */
  receivedUpTo?: string | undefined;
  /** Called after each chunk written, with this desk's events written so far. */
  onProgress?: (written: number) => void;
}

export interface DeskExportResult {
  count: number;
  fromSeq: number | null;
  toSeq: number | null;
}

/**
 * Writes `desk`'s events kept by the filter to `outPath` (through `<outPath>.partial`, renamed
 * when complete). The caller holds one read-only snapshot (REPEATABLE READ) around it, so the
 * header's figures match the rows written.
 */
export async function writeDeskExport(client: ClientBase, desk: string, outPath: string, options: DeskExportOptions): Promise<DeskExportResult> {
  const partial = `${outPath}.partial`;
  mkdirSync(dirname(outPath), { recursive: true });
  const stream = createWriteStream(partial, { highWaterMark: 1024 * 1024 });
  try {
    const { count, fromSeq, toSeq, lastHash } = await deskBounds(client, desk, options.filter, options.receivedUpTo);
    const header: ExportHeader = {
      guichetAuditExport: EXPORT_FORMAT_VERSION,
      exportedAt: new Date().toISOString(),
      fromSeq,
      toSeq,
      count,
      contiguous: count > 0 && count === toSeq! - fromSeq! + 1,
      lastHash,
      filter: { ...filterSummary(options.filter), desk, ...(options.receivedUpTo ? { receivedUpTo: options.receivedUpTo } : {}) },
      workstation: desk,
      // The centre holds no desk's key: its exports are checked by their chain, not signed.
      signed: false,
    };
    const write = async (text: string) => {
      if (!stream.write(text)) await once(stream, 'drain');
    };
    await write(
      options.format === 'csv'
        ? `\uFEFF${csvLine([CSV_MARKER, JSON.stringify(header)], options.separator)}${csvLine(CSV_COLUMNS, options.separator)}`
        : `${JSON.stringify(header)}\n`,
    );
    let written = 0;
    if (fromSeq !== null && toSeq !== null) {
      const rows = deskRowsQuery(desk, options.filter, { fromSeq, toSeq }, options.receivedUpTo);
      const query = inlineParams(client, `SELECT ${exportLineSql(options.format, options.separator)} ${rows.sql}`, rows.params);
      let since = 0;
      for await (const { bytes, rows: n } of copiedLines(client, query)) {
        if (!stream.write(bytes)) await once(stream, 'drain');
        written += n;
        since += bytes.length;
        if (since >= 256 * 1024) {
          options.onProgress?.(written);
          since = 0;
        }
      }
    }
    // The header's count was read in the same snapshot: anything else is a bug, not a file to keep.
    if (written !== count) throw new Error(`export of ${desk}: ${written} rows written, ${count} announced`);
    stream.end();
    await once(stream, 'finish');
    renameSync(partial, outPath);
    options.onProgress?.(written);
    return { count, fromSeq, toSeq };
  } catch (error) {
    stream.destroy();
    rmSync(partial, { force: true });
    throw error;
  }
}

/** A desk's id as a file name: its safe characters only, after its place in the folder (ids may hold anything printable). */
const fileNameOf = (desk: string, index: number, format: 'csv' | 'jsonl') =>
  `${String(index + 1).padStart(3, '0')}-${desk.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_').slice(0, 64)}.${format}`;

/**
 * Every desk's events of the review (its filter, as of its pin) into `folder`, one file per
 * desk in the local export format, from one read-only snapshot.
 */
export async function writeEveryDeskExport(
  client: ClientBase,
  desks: string[],
  folder: string,
  options: DeskExportOptions,
): Promise<Array<DeskExportResult & { desk: string; file: string }>> {
  const written: Array<DeskExportResult & { desk: string; file: string }> = [];
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    let before = 0;
    for (const [i, desk] of desks.entries()) {
      const file = fileNameOf(desk, i, options.format);
      const result = await writeDeskExport(client, desk, join(folder, file), { ...options, onProgress: (n) => options.onProgress?.(before + n) });
      before += result.count;
      written.push({ ...result, desk, file });
    }
    return written;
  } finally {
    await client.query('COMMIT').catch(() => undefined);
  }
}
