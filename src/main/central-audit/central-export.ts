/**
 * One desk's chain from the centre as a file in the local export format (header, then one
 * event per line with its hashes), so `guichet-audit verify` checks it like any export.
 * Used by `guichet-audit export --desk` and by the review across desks (one file per desk).
 */
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { dirname } from 'node:path';
import type { ClientBase } from 'pg';
import type { CentralFilter } from './central-filter';
import { deskBounds, deskEvents } from './central-reader';
import { csvLine, type CsvSeparator } from '../audit/audit-csv';
import { CSV_COLUMNS, CSV_MARKER, EXPORT_FORMAT_VERSION, recordToCsvCells, recordToJsonLine, type ExportHeader } from '../audit/export-format';
import { filterSummary } from '../audit/audit-export';

export interface DeskExportOptions {
  format: 'csv' | 'jsonl';
  separator: CsvSeparator;
  filter: CentralFilter;
  /** Called after each chunk written, with the events written so far. */
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
    const { count, fromSeq, toSeq, lastHash } = await deskBounds(client, desk, options.filter);
    const header: ExportHeader = {
      guichetAuditExport: EXPORT_FORMAT_VERSION,
      exportedAt: new Date().toISOString(),
      fromSeq,
      toSeq,
      count,
      contiguous: count > 0 && count === toSeq! - fromSeq! + 1,
      lastHash,
      filter: { ...filterSummary(options.filter), desk },
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
    let chunk = '';
    let written = 0;
    for await (const r of deskEvents(client, desk, options.filter, { fromSeq, toSeq })) {
      chunk += options.format === 'csv' ? csvLine(recordToCsvCells(r), options.separator) : recordToJsonLine(r);
      written += 1;
      if (chunk.length >= 256 * 1024) {
        await write(chunk);
        chunk = '';
        options.onProgress?.(written);
      }
    }
    await write(chunk);
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
