/**
 * The header of a centre export, written last: the rows go out in one pass (one COPY), and
 * what the header tells of them (count, first and last number, last hash) is known only at
 * their end. The file starts with room for the longest header these rows could have; the
 * header is written into it at the end, padded with spaces inside its JSON text (whitespace
 * JSON.parse skips), so the file is what `guichet-audit verify` reads from any export.
 */
import { csvLine, type CsvSeparator } from '../audit/audit-csv';
import { CSV_COLUMNS, CSV_MARKER, EXPORT_FORMAT_VERSION, type ExportHeader } from '../audit/export-format';

export interface ExportBounds {
  count: number;
  fromSeq: number | null;
  toSeq: number | null;
  lastHash: string | null;
}

export interface HeaderRoom {
  /** Bytes kept at the start of the file for the header lines. */
  size: number;
  /** The header lines for these bounds, exactly `size` bytes. */
  bytes: (bounds: ExportBounds) => Buffer;
}

/** A JSON number is at most 24 characters (sign, 17 digits, point, e-308). */
const LONGEST_NUMBER = -1.2345678901234567e-308;

/** Header lines of a file, its JSON text followed by `pad` spaces. */
function headerLines(header: ExportHeader, pad: number, format: 'csv' | 'jsonl', separator: CsvSeparator): string {
  const json = `${JSON.stringify(header)}${' '.repeat(pad)}`;
  return format === 'csv' ? `\uFEFF${csvLine([CSV_MARKER, json], separator)}${csvLine(CSV_COLUMNS, separator)}` : `${json}\n`;
}

/**
 * Room for the header of an export: everything but the bounds is known before the rows
 * (when it was made, its filter, its desk); the bounds take at most the longest form of each
 * field (numbers of 24 characters, a hash, `false`).
 */
export function headerRoom(
  fixed: { exportedAt: string; filter: Record<string, unknown>; workstation: string },
  format: 'csv' | 'jsonl',
  separator: CsvSeparator,
): HeaderRoom {
  const header = (bounds: ExportBounds): ExportHeader => ({
    guichetAuditExport: EXPORT_FORMAT_VERSION,
    exportedAt: fixed.exportedAt,
    fromSeq: bounds.fromSeq,
    toSeq: bounds.toSeq,
    count: bounds.count,
    contiguous: bounds.count > 0 && bounds.count === bounds.toSeq! - bounds.fromSeq! + 1,
    lastHash: bounds.lastHash,
    filter: fixed.filter,
    workstation: fixed.workstation,
    // The centre holds no desk's key: its exports are checked by their chain, not signed.
    signed: false,
  });
  const widest = { ...header({ count: 0, fromSeq: null, toSeq: null, lastHash: null }), count: LONGEST_NUMBER, fromSeq: LONGEST_NUMBER, toSeq: LONGEST_NUMBER, lastHash: 'f'.repeat(64), contiguous: false };
  const size = Buffer.byteLength(headerLines(widest, 0, format, separator));
  return {
    size,
    bytes: (bounds) => {
      const h = header(bounds);
      const bytes = Buffer.from(headerLines(h, size - Buffer.byteLength(headerLines(h, 0, format, separator)), format, separator));
      if (bytes.length !== size) throw new Error(`export header of ${bytes.length} bytes for a room of ${size}`);
      return bytes;
    },
  };
}
