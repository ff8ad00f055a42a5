/** The CSV form of a centre export's lines, from a binary COPY's bytes (see export-row-format.ts). */
import type { CsvSeparator } from '../audit/audit-csv';
import type { RowFormat } from './copy-rows';
import {
  ACTION, AGENT_LOGIN, AGENT_NAME, AT, COMMENT, DETAILS, DIRECTORY_CODE, EVIDENCE, FIELDS, HASH, INTENT_SEQ, OUTCOME, PREV_HASH, SEQ, TARGET_DN, TARGET_LOGIN, WORKSTATION,
  putHex, putInstant, putInteger,
} from './export-row-format';

/** escapeCell on bytes: a formula sign (or tab, CR, quote) first gets a quote in front; a double quote, CR, LF or the separator quotes the cell. */
function putCsvCell(out: Buffer, pos: number, src: Buffer, start: number, length: number, separator: number): number {
  const first = length > 0 ? src[start]! : 0;
  const prefix = first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13 || first === 39;
  let quoted = false;
  for (let i = start; i < start + length && !quoted; i += 1) {
    const b = src[i]!;
    quoted = b === 34 || b === 13 || b === 10 || b === separator;
  }
  if (quoted) out[pos++] = 34;
  if (prefix) out[pos++] = 39;
  if (!quoted) pos += src.copy(out, pos, start, start + length);
  else
    for (let i = start; i < start + length; i += 1) {
      const b = src[i]!;
      if (b === 34) out[pos++] = 34;
      out[pos++] = b;
    }
  if (quoted) out[pos++] = 34;
  return pos;
}

/** A text cell (empty for NULL) and the separator after it. */
function putCsvText(out: Buffer, pos: number, src: Buffer, start: number, length: number, separator: number): number {
  if (length > 0) pos = putCsvCell(out, pos, src, start, length, separator);
  out[pos++] = separator;
  return pos;
}

/**
 * A number cell (empty for NULL) and the separator after it: digits, never quoted; a negative
 * number's sign is a formula sign to escapeCell (the sign bit is the first byte's).
 */
function putCsvNumber(out: Buffer, pos: number, src: Buffer, start: number, length: number, separator: number): number {
  if (length >= 0) {
    if (src[start]! & 0x80) out[pos++] = 39;
    pos = putInteger(out, pos, src, start, length);
  }
  out[pos++] = separator;
  return pos;
}

/** recordToCsvCells, each cell escaped, joined by the separator, CRLF. */
export function csvLineFormat(separator: CsvSeparator): RowFormat {
  const sep = separator.charCodeAt(0);
  return {
    fields: FIELDS,
    // Quoting doubles a byte at most; the hex hashes and the instant add a fixed amount.
    bound: (rowBytes) => rowBytes * 2 + 512,
    write(src, s, n, out, pos) {
      pos = putCsvNumber(out, pos, src, s[SEQ]!, n[SEQ]!, sep);
      pos = putInstant(out, pos, src, s[AT]!);
      out[pos++] = sep;
      pos = putCsvText(out, pos, src, s[ACTION]!, n[ACTION]!, sep);
      pos = putCsvText(out, pos, src, s[OUTCOME]!, n[OUTCOME]!, sep);
      pos = putCsvNumber(out, pos, src, s[INTENT_SEQ]!, n[INTENT_SEQ]!, sep);
      pos = putCsvText(out, pos, src, s[AGENT_LOGIN]!, n[AGENT_LOGIN]!, sep);
      pos = n[AGENT_LOGIN]! < 0 ? putCsvText(out, pos, src, 0, -1, sep) : putCsvText(out, pos, src, s[AGENT_NAME]!, n[AGENT_NAME]!, sep);
      pos = putCsvText(out, pos, src, s[WORKSTATION]!, n[WORKSTATION]!, sep);
      pos = putCsvText(out, pos, src, s[TARGET_LOGIN]!, n[TARGET_LOGIN]!, sep);
      pos = putCsvText(out, pos, src, s[TARGET_DN]!, n[TARGET_DN]!, sep);
      pos = putCsvText(out, pos, src, s[EVIDENCE]!, n[EVIDENCE]!, sep);
      pos = putCsvNumber(out, pos, src, s[DIRECTORY_CODE]!, n[DIRECTORY_CODE]!, sep);
      pos = putCsvText(out, pos, src, s[DETAILS]!, n[DETAILS]!, sep);
      pos = putCsvText(out, pos, src, s[COMMENT]!, n[COMMENT]!, sep);
      pos = putHex(out, pos, src, s[PREV_HASH]!, n[PREV_HASH]!);
      out[pos++] = sep;
      pos = putHex(out, pos, src, s[HASH]!, n[HASH]!);
      out[pos++] = 13;
      out[pos++] = 10;
      return pos;
    },
  };
}

