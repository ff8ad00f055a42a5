/**
 * bench:central's bulk load of the centre for the review phases: N generated events from 20
 * desks, each desk's rows chained (every prev_hash is the desk's previous row's hash, the
 * first one genesis), in one COPY FREEZE as the superuser into the table truncated in the
 * same transaction (with wal_level=minimal nothing of it goes through the WAL, and the rows
 * are frozen and all-visible: no VACUUM after). The secondary indexes are dropped before
 * and built after (the trigram index on one connection, the b-trees on another: two cores),
 * the charts' counts filled from one GROUP BY of the rows (what 0006's per-batch trigger
 * would have summed), then ANALYZE. What is measured afterwards is the reading, not this load.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PostgresFixture } from '../../resources/central/postgres-fixture';
import { canonicalJson } from '../../src/main/audit/canonical-json';
import { centralCountsFillSql, heldContributionsSql } from '../../src/main/central-audit/migrations/0006-event-counts';
import { copyEventsStream, escapeCopy } from './central-copy';
import { AGENTS, makeEvent, rand } from './generated-events';
import { round } from './report';

export const YEAR_START = Date.parse('2026-01-01T00:00:00.000Z');
export const YEAR_MS = 365 * 86_400_000;
export const reviewDesk = (d: number) => `BENCH-REVIEW-${String(d + 1).padStart(2, '0')}`;
const GENESIS = Buffer.alloc(32);
const COUNT_TABLES = ['counts_day_action', 'counts_day_agent', 'counts_day_agent_action'];

/**
 * Desk d's event i (of perDesk), as a COPY line. Its own agents (three, with the next desk's
 * as stand-ins), spread over a year. The hash is a stand-in (sha256 of the previous one and
 * the seq): chained as the centre checks it, not the local record hash (nothing here walks it).
 */
function centralLine(d: number, i: number, perDesk: number, prev: Buffer): { line: string; hash: Buffer } {
  const e = makeEvent(d * perDesk + i);
  const own = AGENTS[(d * 3 + Math.floor(rand() * (rand() < 0.9 ? 3 : 6))) % AGENTS.length]!;
  const at = new Date(YEAR_START + Math.floor(((i + rand()) / perDesk) * YEAR_MS)).toISOString();
  const hash = createHash('sha256').update(prev).update(String(i)).digest();
  const cells = [
    reviewDesk(d), i + 1, at, e.action, e.outcome, null, own.login, own.displayName, `BENCH-REVIEW-${d + 1}`,
    e.target?.login ?? null, e.target?.dn ?? null, canonicalJson(e.evidence ?? []), e.directoryCode ?? null, canonicalJson(e.details), e.comment ?? null,
  ];
  return { line: `${cells.map(escapeCopy).join('\t')}\t\\\\x${prev.toString('hex')}\t\\\\x${hash.toString('hex')}\n`, hash };
}

function* copyText(events: number, desks: number): Generator<string> {
  const perDesk = Math.ceil(events / desks);
  for (let d = 0; d < desks; d += 1) {
    let prev: Buffer = GENESIS;
    for (let i = 0; i < perDesk; i += 4_000) {
      let chunk = '';
      for (let j = i; j < Math.min(perDesk, i + 4_000); j += 1) {
        const { line, hash } = centralLine(d, j, perDesk, prev);
        chunk += line;
        prev = hash;
      }
      yield chunk;
    }
  }
}

/** Fills the (migrated) centre with `events` rows from `desks` desks, replacing what it held; returns each step's seconds. */
export async function seedCentre(pgf: PostgresFixture, events: number, desks: number): Promise<Record<string, number>> {
  const steps: Record<string, number> = {};
  const timed = async (name: string, work: () => Promise<unknown>) => {
    const t = performance.now();
    await work();
    steps[name] = round((performance.now() - t) / 1000);
  };
  const lanes = [await pgf.adminClient(), await pgf.adminClient()] as const;
  try {
    for (const c of lanes) await c.query("SET maintenance_work_mem = '1GB'; SET max_parallel_maintenance_workers = 0");
    const [a, b] = lanes;
    const indexes = (
      await a.query<{ name: string; def: string }>(
        "SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = 'guichet' AND tablename = 'events' AND indexname <> 'events_pkey'",
      )
    ).rows;
    await timed('copy', async () => {
      await a.query('BEGIN');
      // Replica: no trigger fires (the append-only ones refuse TRUNCATE; the chain check and counts are done in bulk here).
      await a.query('SET LOCAL session_replication_role = replica');
      for (const ix of indexes) await a.query(`DROP INDEX guichet.${ix.name}`);
      await a.query(`TRUNCATE guichet.events, guichet.event_forks, ${COUNT_TABLES.map((t) => `guichet.${t}`).join(', ')}`);
      for (let d = 0; d < desks; d += 1)
        await a.query('INSERT INTO guichet.desks (id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING', [reviewDesk(d), `bench_review_${d + 1}`]);
      await pipeline(Readable.from(copyText(events, desks)), copyEventsStream(a, { freeze: true }));
      await a.query('COMMIT');
    });
    const trigram = indexes.filter((ix) => /USING gin/i.test(ix.def));
    const others = indexes.filter((ix) => !trigram.includes(ix));
    await timed('indexes and counts', () =>
      Promise.all([
        (async () => {
          for (const ix of trigram) await a.query(ix.def);
        })(),
        (async () => {
          for (const ix of others) await b.query(ix.def);
          await b.query(`CREATE TEMP TABLE seed_contributions AS
            SELECT day, action, agent_login, max(agent_name) AS agent_name, bucket, sum(d) AS d
            FROM (${heldContributionsSql}) held GROUP BY day, action, agent_login, bucket`);
          for (const sql of centralCountsFillSql('seed_contributions')) await b.query(sql);
        })(),
      ]),
    );
    await timed('analyze', () => a.query(`ANALYZE guichet.events, ${COUNT_TABLES.map((t) => `guichet.${t}`).join(', ')}`));
  } finally {
    for (const c of lanes) await c.end();
  }
  return steps;
}
