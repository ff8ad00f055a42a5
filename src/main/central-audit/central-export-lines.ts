/**
 * A desk's export rows built by PostgreSQL and streamed out by `COPY (SELECT …) TO STDOUT`:
 * each row is its finished line (JSON Lines or CSV), byte for byte what recordToJsonLine /
 * recordToCsvCells + csvLine write (an integration test holds both to the same bytes), so the
 * desk's side only writes bytes to the file. Binary COPY format: each line comes out as it
 * is, length-prefixed, with nothing escaped or to unescape.
 */
import type { ClientBase } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { CsvSeparator } from '../audit/audit-csv';

/** A JSON string of a text (null for NULL); to_json escapes as JSON.stringify does (", \, control characters). */
const str = (column: string) => `coalesce(to_json(${column})::text, 'null')`;
const num = (column: string) => `coalesce(${column}::text, 'null')`;
const AT = `to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** recordToJsonLine: canonicalEventText's keys in its order, then the hashes. */
const JSON_LINE = [
  `'{"action":' || ${str('e.action')}`,
  `',"agent":' || CASE WHEN e.agent_login IS NULL THEN 'null' ELSE '{"displayName":' || ${str("coalesce(e.agent_name, '')")} || ',"login":' || ${str('e.agent_login')} || '}' END`,
  `',"at":"' || ${AT} || '"'`,
  `',"comment":' || ${str('e.comment')}`,
  `',"details":' || e.details`,
  `',"directoryCode":' || ${num('e.directory_code')}`,
  `',"evidence":' || e.evidence`,
  `',"intentSeq":' || ${num('e.intent_seq')}`,
  `',"outcome":' || ${str('e.outcome')}`,
  `',"seq":' || e.seq::text`,
  `',"target":' || CASE WHEN e.target_login IS NULL THEN 'null' ELSE '{"dn":' || ${str('e.target_dn')} || ',"login":' || ${str('e.target_login')} || '}' END`,
  `',"workstation":' || ${str('e.workstation')}`,
  `',"hash":"' || encode(e.hash, 'hex') || '","prevHash":"' || encode(e.prev_hash, 'hex') || '"}' || chr(10)`,
].join(' || ');

/**
 * escapeCell: a cell starting with = + - @ tab, CR or a quote gets a quote in front; one
 * holding a double quote, CR, LF or the separator is quoted, its double quotes doubled.
 */
function csvCell(value: string, separator: CsvSeparator): string {
  const quoted = (v: string) => `CASE WHEN ${v} ~ '["\\r\\n${separator}]' THEN '"' || replace(${v}, '"', '""') || '"' ELSE ${v} END`;
  return `CASE WHEN ${value} ~ '^[=+@\\t\\r''-]' THEN ${quoted(`('''' || ${value})`)} ELSE ${quoted(value)} END`;
}

/** recordToCsvCells, each cell escaped, joined by the separator, CRLF. */
function csvLineSql(separator: CsvSeparator): string {
  const text = (v: string) => csvCell(v, separator);
  const cells = [
    'e.seq::text',
    AT,
    text('e.action'),
    text('e.outcome'),
    "coalesce(e.intent_seq::text, '')",
    text("coalesce(e.agent_login, '')"),
    text("CASE WHEN e.agent_login IS NULL THEN '' ELSE coalesce(e.agent_name, '') END"),
    text('e.workstation'),
    text("coalesce(e.target_login, '')"),
    text("coalesce(e.target_dn, '')"),
    text('e.evidence'),
    "coalesce(e.directory_code::text, '')",
    text('e.details'),
    text("coalesce(e.comment, '')"),
    "encode(e.prev_hash, 'hex')",
    "encode(e.hash, 'hex')",
  ];
  return `${cells.join(` || '${separator}' || `)} || chr(13) || chr(10)`;
}

export const exportLineSql = (format: 'csv' | 'jsonl', separator: CsvSeparator): string =>
  format === 'jsonl' ? JSON_LINE : csvLineSql(separator);

/** `sql` with its $n parameters written in as literals: COPY takes no parameters. */
export function inlineParams(client: ClientBase, sql: string, params: readonly unknown[]): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1];
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value === 'string') return client.escapeLiteral(value);
    throw new TypeError(`parameter $${n} of an export query is neither a string nor a number`);
  });
}

const SIGNATURE_LENGTH = 11;

/**
 * The rows of a one-column `COPY (query) TO STDOUT (FORMAT binary)`, a chunk at a time:
 * the columns' bytes back to back and how many rows they hold.
 */
export async function* copiedLines(client: ClientBase, query: string): AsyncGenerator<{ bytes: Buffer; rows: number }> {
  const stream = client.query(copyTo(`COPY (${query}) TO STDOUT (FORMAT binary)`));
  let pending: Buffer = Buffer.alloc(0);
  let headerLeft = true;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const buf = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    let at = 0;
    if (headerLeft) {
      if (buf.length < SIGNATURE_LENGTH + 8) {
        pending = buf;
        continue;
      }
      at = SIGNATURE_LENGTH + 8 + buf.readUInt32BE(SIGNATURE_LENGTH + 4);
      headerLeft = false;
    }
    const parts: Buffer[] = [];
    let rows = 0;
    for (;;) {
      if (buf.length - at < 2) break;
      const fields = buf.readInt16BE(at);
      if (fields === -1) {
        at = buf.length;
        break;
      }
      if (buf.length - at < 6) break;
      const length = buf.readInt32BE(at + 2);
      if (fields !== 1 || length < 0) throw new Error('export: unexpected COPY row');
      if (buf.length - at < 6 + length) break;
      parts.push(buf.subarray(at + 6, at + 6 + length));
      rows += 1;
      at += 6 + length;
    }
    pending = at < buf.length ? Buffer.from(buf.subarray(at)) : Buffer.alloc(0);
    if (rows > 0) yield { bytes: Buffer.concat(parts), rows };
  }
  if (pending.length) throw new Error('export: COPY ended in the middle of a row');
}
