/**
 * An export of a date range reads each desk's rows between the least and greatest number of
 * its rows in the range (central-export-seq-bounds.ts), and writes byte for byte what the same
 * export writes unbounded: with a desk whose clock went backwards (older dates in the middle of
 * its numbers, and dates of the range after it) and a desk with no row in the range.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { writeDeskExport, writeEveryDeskExport } from '../../src/main/central-audit/central-export';
import { deskSeqRanges } from '../../src/main/central-audit/central-export-seq-bounds';
import type { CentralFilter } from '../../src/main/central-audit/central-filter';
import { usePostgres } from './support/central-desk';

const server = usePostgres();
const scratch = mkdtempSync(join(tmpdir(), 'guichet-central-bounds-'));
const FILTER: CentralFilter = { from: '2026-03-01', to: '2026-03-07' };
const HISTORY = 400;
let reader: pg.Client;
let admin: pg.Client;

/** Desk A: 400 rows over a year, 1-99 before the range, 100-199 in it (but 150, clock back to January), then after it, with 250 back in the range; 60 in the range too. */
function deskAAt(seq: number): string {
  if (seq === 60 || seq === 250) return '2026-03-04T12:00:00.000Z';
  if (seq === 150) return '2026-01-15T08:00:00.000Z';
  if (seq < 100) return new Date(Date.parse('2025-06-01T00:00:00Z') + seq * 86_400_000).toISOString();
  if (seq < 200) return new Date(Date.parse('2026-03-01T00:00:00Z') + (seq - 100) * 5_000_000).toISOString();
  return new Date(Date.parse('2026-03-08T00:00:00Z') + (seq - 200) * 3_600_000).toISOString();
}

async function insert(desk: string, rows: Array<{ seq: number; at: string }>): Promise<void> {
  await admin.query(
    `INSERT INTO guichet.events (desk, seq, at, action, outcome, agent_login, agent_name, workstation, evidence, details, prev_hash, hash)
     SELECT $1, r.seq, r.at, 'account-viewed', 'success', 'agent', 'Agent', $1, '["student-card"]', json_build_object('n', r.seq)::text,
            decode(repeat('ab', 32), 'hex'), decode(repeat('cd', 32), 'hex')
     FROM json_to_recordset($2::json) AS r(seq bigint, at timestamptz)`,
    [desk, JSON.stringify(rows)],
  );
}

beforeAll(async () => {
  admin = await server.pg.adminClient();
  await admin.query('SET session_replication_role = replica');
  await insert('BOUNDS-A', Array.from({ length: HISTORY }, (_, i) => ({ seq: i + 1, at: deskAAt(i + 1) })));
  // Desk B: rows before and after the range only.
  await insert('BOUNDS-B', [1, 2, 3, 4, 5].map((seq) => ({ seq, at: seq < 3 ? '2026-02-01T00:00:00.000Z' : '2026-03-09T00:00:00.000Z' })));
  reader = await server.pg.connect(await server.pg.createReader());
});

afterAll(async () => {
  await reader?.end();
  await admin?.end();
  rmSync(scratch, { recursive: true, force: true });
});

/** A file's bytes, its export instant blanked (the only field that differs between two runs). */
const bytesOf = (path: string) => readFileSync(path, 'utf8').replace(/("exportedAt":"|exportedAt[^\n]*?)\d{4}-\d\d-\d\dT[\d:.]+Z/g, '$1<instant>');

/** Index entries the primary key handed out since the last call: `guichet.events`' reads in key order. */
async function keyReads(): Promise<number> {
  await reader.query('SELECT pg_stat_force_next_flush()');
  await reader.query('SELECT 1');
  const { rows } = await admin.query<{ n: number }>(
    `SELECT idx_tup_read::float8 AS n FROM pg_stat_user_indexes WHERE schemaname = 'guichet' AND indexrelname = 'events_pkey'`,
  );
  await admin.query('SELECT pg_stat_clear_snapshot()');
  return rows[0]!.n;
}

describe('central export of a date range, bounded by seq', () => {
  it('each desk with rows in the range gets its least and greatest number in it, a desk without none', async () => {
    const ranges = await deskSeqRanges(reader, FILTER);
    expect(ranges('BOUNDS-A')).toEqual({ lo: 60, hi: 250 });
    expect(ranges('BOUNDS-B')).toBe('none');
    expect((await deskSeqRanges(reader, FILTER, 'BOUNDS-A'))('BOUNDS-A')).toEqual({ lo: 60, hi: 250 });
    expect((await deskSeqRanges(reader, {}))('BOUNDS-A')).toBe('all');
    expect((await deskSeqRanges(reader, { ...FILTER, agent: 'agent' }))('BOUNDS-A')).toBe('all');
  });

  it.each(['jsonl', 'csv'] as const)('%s: the files are byte for byte those of the unbounded export, pinned or not', async (format) => {
    for (const receivedUpTo of [undefined, new Date(Date.now() + 60_000).toISOString()]) {
      const options = { format, separator: ';' as const, filter: FILTER, receivedUpTo };
      const folder = join(scratch, `${format}-${receivedUpTo ? 'pinned' : 'free'}`);
      const files = await writeEveryDeskExport(reader, ['BOUNDS-A', 'BOUNDS-B'], folder, options);
      expect(files.map((f) => [f.desk, f.count])).toEqual([
        ['BOUNDS-A', 101],
        ['BOUNDS-B', 0],
      ]);
      for (const file of files) {
        const plain = join(folder, `plain-${file.file}`);
        await writeDeskExport(reader, file.desk, plain, { ...options, seqRange: 'all' });
        expect(bytesOf(join(folder, file.file))).toBe(bytesOf(plain));
      }
      // The CLI's one desk, bounds read for it alone: the same bytes.
      const single = join(folder, 'single.' + format);
      await writeDeskExport(reader, 'BOUNDS-A', single, options);
      expect(bytesOf(single)).toBe(bytesOf(join(folder, files[0]!.file)));
    }
  });

  it('reads the numbers between the bounds, not the whole history (the primary key hands out 191 rows, not 400)', async () => {
    const folder = join(scratch, 'reads');
    const before = await keyReads();
    await writeEveryDeskExport(reader, ['BOUNDS-A', 'BOUNDS-B'], folder, { format: 'jsonl', separator: ';', filter: FILTER });
    const bounded = (await keyReads()) - before;
    await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await writeDeskExport(reader, 'BOUNDS-A', join(folder, 'plain.jsonl'), { format: 'jsonl', separator: ';', filter: FILTER, seqRange: 'all' });
    await reader.query('COMMIT');
    const plain = (await keyReads()) - before - bounded;
    expect(plain).toBe(HISTORY);
    expect(bounded).toBe(250 - 60 + 1);
  });
});
