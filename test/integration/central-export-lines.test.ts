/**
 * The centre's export lines, written from the columns a binary COPY streams (central-export-lines.ts),
 * are byte for byte what the desk's JavaScript writes for the same rows (recordToJsonLine,
 * recordToCsvCells + csvLine), with the values that need escaping: quotes, backslashes,
 * control characters, line breaks, separators, a leading formula sign, non-ASCII text, NULLs.
 */
import { existsSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { writeDeskExport } from '../../src/main/central-audit/central-export';
import { deskEvents } from '../../src/main/central-audit/central-reader';
import { copyExportLines } from '../../src/main/central-audit/central-export-lines';
import { EXPORT_COLUMNS } from '../../src/main/central-audit/export-row-format';
import { csvLine, type CsvSeparator } from '../../src/main/audit/audit-csv';
import { recordToCsvCells, recordToJsonLine } from '../../src/main/audit/export-format';
import { usePostgres } from './support/central-desk';

const server = usePostgres();
const scratch = mkdtempSync(join(tmpdir(), 'guichet-central-lines-'));
const DESK = 'LINES-DESK';
let reader: pg.Client;

/** Awkward values, one row each (the rest of the row plain), so a difference names its value. */
const AWKWARD = [
  'plain',
  'say "hi"',
  'back\\slash and \\"both\\"',
  'tab\there, cr\rlf\nend',
  'bell\u0007 nul-ish\u0001 esc\u001b del\u007f',
  '=SUM(A1)',
  '+33 6',
  '-1',
  '@cmd',
  "'quoted",
  '\ttab first',
  'semi;colon, comma',
  'é à ç — ✓ 😀 \u2028 \u00a0',
  '',
];

beforeAll(async () => {
  const rows: unknown[][] = [];
  let seq = 0;
  for (const value of AWKWARD) {
    seq += 1;
    rows.push([seq, value, value, value, value, JSON.stringify({ note: value, n: seq }), value.length % 2 ? null : value, value.length % 3 ? null : -19 * (value.length % 2 ? 1 : -1)]);
  }
  // Rows with NULLs where a column may hold them: no agent, no target, no comment; its details
  // hold a "seq" of their own (the header's last number is read back from this last line).
  rows.push([seq + 1, null, null, null, null, '{"a":1,"seq":999}', null, null]);
  const values = rows
    .map((_, i) => `($1, $${i * 8 + 2}::bigint, '2026-03-04T05:06:07.089Z', 'account-viewed', 'success', NULL, $${i * 8 + 3}, $${i * 8 + 4}, 'WS "1"', $${i * 8 + 5},
      $${i * 8 + 6}, '["student-card"]', $${i * 8 + 9}::int, $${i * 8 + 7}, $${i * 8 + 8}, decode(repeat('ab', 32), 'hex'), decode(repeat('cd', 32), 'hex'))`)
    .join(', ');
  const admin = await server.pg.adminClient();
  try {
    await admin.query('SET session_replication_role = replica');
    await admin.query(
      `INSERT INTO guichet.events (desk, seq, at, action, outcome, intent_seq, agent_login, agent_name, workstation, target_login, target_dn, evidence, directory_code, details, comment, prev_hash, hash)
       VALUES ${values} ON CONFLICT DO NOTHING`,
      [DESK, ...rows.flat()],
    );
  } finally {
    await admin.end();
  }
  reader = await server.pg.connect(await server.pg.createReader());
});

afterAll(async () => {
  await reader?.end();
  rmSync(scratch, { recursive: true, force: true });
});

/** The file's rows (after its header lines) and the same rows formatted by the desk's JavaScript. */
async function both(format: 'csv' | 'jsonl', separator: CsvSeparator): Promise<{ sql: string; js: string; count: number }> {
  const out = join(scratch, `${format}-${separator === ';' ? 'semi' : 'comma'}.${format}`);
  const { count, toSeq } = await writeDeskExport(reader, DESK, out, { format, separator, filter: {} });
  expect(toSeq).toBe(AWKWARD.length + 1);
  const text = readFileSync(out, 'utf8');
  const headerEnd = format === 'jsonl' ? text.indexOf('\n') + 1 : text.indexOf('\r\n', text.indexOf('\r\n') + 2) + 2;
  let js = '';
  for await (const r of deskEvents(reader, DESK)) js += format === 'jsonl' ? recordToJsonLine(r) : csvLine(recordToCsvCells(r), separator);
  return { sql: text.slice(headerEnd), js, count };
}

describe('central export lines', () => {
  it('an error in the COPY fails the export, leaves no file, and the connection goes on answering', async () => {
    const out = join(scratch, 'failed.jsonl');
    // Division by zero on the first row read: PostgreSQL's error arrives after it has started the COPY.
    const failing = await copyExportLines(reader, `SELECT ${EXPORT_COLUMNS} FROM guichet.events e WHERE 1 / (e.seq - e.seq) = 1`, 'jsonl', ';', async () => {}).catch((e: Error) => e);
    expect(failing).toBeInstanceOf(Error);
    expect(String(failing)).toMatch(/division by zero/);
    expect((await reader.query('SELECT 41 + 1 AS n')).rows[0]).toEqual({ n: 42 });
    // Refused before the COPY starts (a pin that is no instant): the file is removed all the same.
    await expect(writeDeskExport(reader, DESK, out, { format: 'jsonl', separator: ';', filter: {}, receivedUpTo: 'pas une date' })).rejects.toThrow(/timestamp/);
    expect(existsSync(out) || existsSync(`${out}.partial`)).toBe(false);
    expect((await reader.query('SELECT 1 AS n')).rows[0]).toEqual({ n: 1 });
  });

  it('JSON Lines: the same bytes as recordToJsonLine, every awkward value included', async () => {
    const { sql, js, count } = await both('jsonl', ';');
    expect(count).toBe(AWKWARD.length + 1);
    expect(sql.split('\n')).toEqual(js.split('\n'));
  });

  it.each([';', ','] as const)('CSV with %s: the same bytes as csvLine(recordToCsvCells), formula signs prefixed, quotes doubled', async (separator) => {
    const { sql, js } = await both('csv', separator);
    expect(js).toContain(`${separator}'=SUM(A1)${separator}`);
    expect(sql).toBe(js);
  });
});
