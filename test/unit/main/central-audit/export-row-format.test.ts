/**
 * The centre export's lines written from a binary COPY's bytes (export-row-format.ts through
 * copy-rows.ts) are the desk's own lines for the same records (recordToJsonLine,
 * csvLine(recordToCsvCells)): awkward text, NULLs, negative numbers, instants at the edges of
 * days, months, leap years and before 2000; whatever the chunks the rows arrive in.
 */
import { describe, expect, it } from 'vitest';
import type { HashedRecord } from '../../../../src/main/audit/audit-chain';
import { csvLine } from '../../../../src/main/audit/audit-csv';
import { recordToCsvCells, recordToJsonLine } from '../../../../src/main/audit/export-format';
import { CopyRowBlocks } from '../../../../src/main/central-audit/copy-rows';
import { exportRowFormat } from '../../../../src/main/central-audit/central-export-lines';

const PG_EPOCH_MS = Date.UTC(2000, 0, 1);

function int(bytes: 4 | 8, v: number | bigint): Buffer {
  const b = Buffer.alloc(bytes);
  if (bytes === 4) b.writeInt32BE(Number(v));
  else b.writeBigInt64BE(BigInt(v));
  return b;
}

/** A record as PostgreSQL's binary COPY sends EXPORT_COLUMNS: each field its length (-1: NULL) and bytes. */
function binaryRow(r: HashedRecord): Buffer {
  const text = (v: string | null) => (v === null ? null : Buffer.from(v, 'utf8'));
  // Microseconds since 2000, a few beyond the millisecond (the export keeps the millisecond, as the desk does).
  const at = int(8, BigInt(Date.parse(r.at) - PG_EPOCH_MS) * 1000n + 417n);
  const fields = [
    text(r.action), text(r.agentLogin), text(r.agentName), at, text(r.comment), text(r.details), r.directoryCode === null ? null : int(4, r.directoryCode),
    text(r.evidence), r.intentSeq === null ? null : int(8, r.intentSeq), text(r.outcome), int(8, r.seq), text(r.targetLogin),
    text(r.targetDn), text(r.workstation), Buffer.from(r.hash, 'hex'), Buffer.from(r.prevHash, 'hex'),
  ];
  const head = Buffer.alloc(2);
  head.writeInt16BE(fields.length);
  return Buffer.concat([head, ...fields.flatMap((f) => [int(4, f ? f.length : -1), f ?? Buffer.alloc(0)])]);
}

const COPY_HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
const TRAILER = Buffer.from([0xff, 0xff]);
const copyStream = (records: HashedRecord[]) => Buffer.concat([COPY_HEADER, ...records.map(binaryRow), TRAILER]);

const AWKWARD = ['plain', 'say "hi"', 'back\\slash', 'tab\there, cr\rlf\nend', 'bell\u0007 \u0001 esc\u001b del\u007f \b\f', '=SUM(A1)', '+33 6', '-1', '@cmd', "'quoted", '\ttab first', 'semi;colon, comma', 'é à ç — ✓ 😀 \u2028 \u00a0', ''];
const INSTANTS = ['2026-03-04T05:06:07.089Z', '2024-02-29T23:59:59.999Z', '2000-01-01T00:00:00.000Z', '1999-12-31T23:59:59.999Z', '1970-01-01T00:00:00.000Z', '2100-03-01T12:00:00.500Z', '2026-12-31T00:00:00.001Z'];

function records(): HashedRecord[] {
  const out: HashedRecord[] = AWKWARD.map((value, i) => ({
    seq: i + 1,
    at: INSTANTS[i % INSTANTS.length]!,
    action: value || 'account-viewed',
    outcome: 'success',
    intentSeq: i % 3 === 0 ? null : i * 1000,
    agentLogin: i % 4 === 1 ? null : value,
    agentName: i % 5 === 2 ? null : value,
    workstation: value || 'WS',
    targetLogin: i % 2 ? value : null,
    targetDn: i % 3 === 1 ? null : value,
    evidence: JSON.stringify([value]),
    directoryCode: i % 3 === 2 ? null : (i % 2 ? -19 : 49),
    details: JSON.stringify({ note: value, n: i }),
    comment: i % 2 ? null : value,
    prevHash: (i % 16).toString(16).repeat(64),
    hash: ((i + 1) % 16).toString(16).repeat(64),
  }));
  // The largest seq a number holds exactly (read from its 64 bits).
  out.push({ ...out[0]!, seq: Number.MAX_SAFE_INTEGER, intentSeq: 2 ** 40 });
  return out;
}

function written(stream: Buffer, format: 'csv' | 'jsonl', separator: ';' | ',', cut: (b: Buffer) => Buffer[]): { text: string; rows: number; first: string; last: string } {
  // Small blocks: rows straddle them as they do a 4 MiB one.
  const blocks = new CopyRowBlocks(exportRowFormat(format, separator), 2048);
  const parts: Buffer[] = [];
  for (const chunk of cut(stream)) {
    blocks.push(chunk);
    for (const b of blocks.take()) parts.push(Buffer.from(b.bytes));
  }
  for (const b of blocks.finish()) parts.push(Buffer.from(b.bytes));
  return { text: Buffer.concat(parts).toString('utf8'), rows: blocks.rows, first: blocks.first!.toString('utf8'), last: blocks.last!.toString('utf8') };
}

const whole = (b: Buffer) => [b];
const everyBytes = (n: number) => (b: Buffer) => Array.from({ length: Math.ceil(b.length / n) }, (_, i) => b.subarray(i * n, (i + 1) * n));

describe('centre export lines from binary COPY rows', () => {
  const rs = records();
  const stream = copyStream(rs);
  const json = rs.map(recordToJsonLine);

  it('JSON Lines: the same bytes as recordToJsonLine, awkward text, NULLs and instants included', () => {
    const out = written(stream, 'jsonl', ';', whole);
    expect(out.text.split('\n')).toEqual(json.join('').split('\n'));
    expect(out).toMatchObject({ rows: rs.length, first: json[0], last: json.at(-1) });
  });

  it.each([';', ','] as const)('CSV with %s: the same bytes as csvLine(recordToCsvCells), formula signs (a negative code) prefixed', (separator) => {
    const js = rs.map((r) => csvLine(recordToCsvCells(r), separator)).join('');
    expect(js).toContain(`${separator}'-19${separator}`);
    expect(written(stream, 'csv', separator, whole).text).toBe(js);
  });

  it.each([1, 2, 5, 7, 64, 333])('the same lines whatever the chunks the COPY arrives in (%i bytes)', (n) => {
    expect(written(stream, 'jsonl', ';', everyBytes(n)).text).toBe(json.join(''));
  });

  it('an empty COPY writes nothing; one cut off, or with bytes after its end, is an error', () => {
    const empty = new CopyRowBlocks(exportRowFormat('jsonl', ';'));
    empty.push(Buffer.concat([COPY_HEADER, TRAILER]));
    expect(empty.finish()).toEqual([]);
    expect(empty.rows).toBe(0);
    const cut = new CopyRowBlocks(exportRowFormat('jsonl', ';'));
    cut.push(stream.subarray(0, stream.length - 40));
    expect(() => cut.finish()).toThrow(/middle of a row/);
    expect(() => new CopyRowBlocks(exportRowFormat('jsonl', ';')).push(Buffer.concat([stream, Buffer.from([0])]))).toThrow(/after the trailer/);
    expect(() => new CopyRowBlocks(exportRowFormat('jsonl', ';')).push(Buffer.from('not a copy stream at all'))).toThrow(/not a binary COPY/);
  });
});
