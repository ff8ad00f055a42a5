/**
 * One desk's chain from the centre as a file in the local export format (header, then one
 * event per line with its hashes), so `guichet-audit verify` checks it like any export.
 * Used by `guichet-audit export --desk` and by the review across desks (one file per desk).
 */
import { closeSync, createWriteStream, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import type { ClientBase } from 'pg';
import type { CentralFilter } from './central-filter';
import { deskRowsQuery } from './central-reader';
import { copyExportLines, exportBounds, exportPlanSettings, inlineParams, withLocalSettings, type CopiedLines } from './central-export-lines';
import { deskSeqRanges, type DeskSeqRange } from './central-export-seq-bounds';
import { EXPORT_COLUMNS } from './export-row-format';
import { headerRoom } from './central-export-header';
import type { CsvSeparator } from '../audit/audit-csv';
import { filterSummary } from '../audit/audit-export';

export interface DeskExportOptions {
  format: 'csv' | 'jsonl';
  separator: CsvSeparator;
  filter: CentralFilter;
  /** The review's pin: rows received up to this instant only (the list's own events). */
  receivedUpTo?: string | undefined;
  /** Called after each block written, with this desk's events written so far. */
  onProgress?: (written: number) => void;
  /** The numbers this desk's rows lie between, when known already (central-export-seq-bounds.ts); read otherwise. */
  seqRange?: DeskSeqRange;
}

export interface DeskExportResult {
  count: number;
  fromSeq: number | null;
  toSeq: number | null;
}

/** Blocks of lines handed to the file at once, and how much of them it may hold unwritten. */
const WRITE_BUFFER = 8 * 1024 * 1024;

/**
 * Writes `desk`'s events kept by the filter to `outPath` (through `<outPath>.partial`, renamed
 * when complete), in one pass over the rows: one COPY of the event's columns, written into their lines as they come,
 * written after room left for the header, which is written last (central-export-header.ts).
 * The caller holds one read-only snapshot (REPEATABLE READ) around it when several files must
 * agree; the header's figures are those of the rows written, whatever the isolation.
 */
export async function writeDeskExport(client: ClientBase, desk: string, outPath: string, options: DeskExportOptions): Promise<DeskExportResult> {
  const partial = `${outPath}.partial`;
  mkdirSync(dirname(outPath), { recursive: true });
  const filter = { ...filterSummary(options.filter), desk, ...(options.receivedUpTo ? { receivedUpTo: options.receivedUpTo } : {}) };
  const room = headerRoom({ exportedAt: new Date().toISOString(), filter, workstation: desk }, options.format, options.separator);
  const stream = createWriteStream(partial, { start: room.size, highWaterMark: WRITE_BUFFER });
  try {
    await once(stream, 'ready');
    const seqs = options.seqRange ?? (await deskSeqRanges(client, options.filter, desk))(desk);
    const lines: CopiedLines =
      seqs === 'none'
        ? { rows: 0, first: null, last: null }
        : await withLocalSettings(client, exportPlanSettings(options.filter), () =>
            copyExportLines(client, deskExportQuery(client, desk, options, seqs), options.format, options.separator, async (bytes, written, release) => {
              if (!stream.write(bytes, release)) await once(stream, 'drain');
              options.onProgress?.(written);
            }),
          );
    const bounds = exportBounds(lines, options.format, options.separator);
    stream.end();
    await once(stream, 'finish');
    const fd = openSync(partial, 'r+');
    try {
      writeSync(fd, room.bytes(bounds), 0, room.size, 0);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, outPath);
    return { count: bounds.count, fromSeq: bounds.fromSeq, toSeq: bounds.toSeq };
  } catch (error) {
    stream.destroy();
    rmSync(partial, { force: true });
    throw error;
  }
}

/** The SELECT a desk's export COPYs, parameters written in; `seqs` ('all' or a range) bounds the numbers read. */
export function deskExportQuery(client: ClientBase, desk: string, options: Pick<DeskExportOptions, 'filter' | 'receivedUpTo'>, seqs: Exclude<DeskSeqRange, 'none'>): string {
  const rows = deskRowsQuery(desk, options.filter, options.receivedUpTo, seqs === 'all' ? undefined : seqs);
  return inlineParams(client, `SELECT ${EXPORT_COLUMNS} ${rows.sql}`, rows.params);
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
    const seqRange = await deskSeqRanges(client, options.filter);
    let before = 0;
    for (const [i, desk] of desks.entries()) {
      const file = fileNameOf(desk, i, options.format);
      const result = await writeDeskExport(client, desk, join(folder, file), {
        ...options,
        seqRange: seqRange(desk),
        onProgress: (n) => options.onProgress?.(before + n),
      });
      before += result.count;
      written.push({ ...result, desk, file });
    }
    return written;
  } finally {
    await client.query('COMMIT').catch(() => undefined);
  }
}
