/**
 * The review's faster reads give the same pages as the plain query: free text first looked
 * for among the newest rows (a full page there, or the trigram index), a login prefix read as
 * its few logins merged, outcome unknown as its two kinds merged. Every page of every filter, through the cursors, against one
 * ORDER BY of everything the filter keeps; rows share instants across desks (ties), some
 * intents are settled (hidden) and some not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { centralPage, loginsUnder, where, type PageTuning } from '../../src/main/central-audit/central-review-queries';
import type { CentralFilter } from '../../src/main/central-audit/central-filter';
import { usePostgres } from './support/central-desk';

const server = usePostgres();
let reader: pg.Client;
const PIN = '2030-01-01T00:00:00.000000Z';

beforeAll(async () => {
  const rows: unknown[][] = [];
  for (const desk of ['PATHS-A', 'PATHS-B', 'PATHS-C']) {
    for (let seq = 1; seq <= 150; seq += 1) {
      const n = seq * 7 + desk.charCodeAt(6);
      const at = new Date(Date.UTC(2026, 2, 1) + Math.floor(seq / 3) * 60_000).toISOString();
      const settles = seq % 10 === 2 ? seq - 1 : null;
      const outcome = seq % 10 === 1 ? 'pending' : ['success', 'failure', 'denied', 'unknown'][n % 4];
      rows.push([desk, seq, at, seq % 3 ? 'account-viewed' : 'password-reset', outcome, settles, n % 11 === 0 ? null : `agent${n % 6}`, `Agent ${n % 6}`,
        n % 13 === 0 ? null : `etu${n % 23}`, n % 13 === 0 ? null : `uid=etu${n % 23},ou=people`, n % 4 === 0 ? `scolarité dossier ${n % 9}` : null]);
    }
  }
  // A burst of 'rafale' in the newest minutes (every other row), then a few weeks before everything else.
  for (let i = 0; i < 40; i += 1) {
    const at = new Date(i < 30 ? Date.UTC(2026, 2, 1, 2) + i * 1_000 : Date.UTC(2026, 1, 1) + (i - 30) * 86_400_000).toISOString();
    rows.push(['PATHS-D', i + 1, at, 'account-viewed', 'success', null, null, null, null, null, i >= 30 || i % 2 ? `rafale ${i}` : 'calme']);
  }
  const types = ['text', 'bigint', 'timestamptz', 'text', 'text', 'bigint', 'text', 'text', 'text', 'text', 'text'];
  const values = rows.map((_, i) => `(${types.map((t, j) => `$${i * types.length + j + 1}::${t}`).join(', ')})`).join(', ');
  const admin = await server.pg.adminClient();
  try {
    await admin.query('SET session_replication_role = replica');
    await admin.query(
      `INSERT INTO guichet.events (desk, seq, at, action, outcome, intent_seq, agent_login, agent_name, target_login, target_dn, comment,
         workstation, evidence, details, prev_hash, hash)
       SELECT v.*, 'WS', '[]', '{"k":"v"}', decode(repeat('ab', 32), 'hex'), decode(repeat('cd', 32), 'hex')
       FROM (VALUES ${values}) AS v`,
      rows.flat(),
    );
  } finally {
    await admin.end();
  }
  reader = await server.pg.connect(await server.pg.createReader());
});

afterAll(async () => {
  await reader?.end();
});

/** Everything the filter keeps, newest first, by the one plain query. */
async function everything(filter: CentralFilter): Promise<string[]> {
  const w = where(filter, PIN, 1);
  const { rows } = await reader.query<{ key: string }>(`SELECT e.desk || '/' || e.seq AS key FROM guichet.events e ${w.sql} ORDER BY e.at DESC, e.desk DESC, e.seq DESC`, w.params);
  return rows.map((r) => r.key);
}

async function paged(filter: CentralFilter, limit: number, tuning?: PageTuning): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 1_000; i += 1) {
    const page = await centralPage(reader, filter, { pinnedAt: PIN, limit, cursor, ...(tuning ? { tuning } : {}) });
    keys.push(...page.events.map((e) => `${e.desk}/${e.seq}`));
    if (!page.nextCursor) return keys;
    cursor = page.nextCursor;
  }
  throw new Error('no last page');
}

const FILTERS: Array<[string, CentralFilter]> = [
  ['free text', { text: 'scolarité' }],
  ['free text, two words', { text: 'dossier 3' }],
  ['free text and an action', { text: 'SCOLARITÉ', action: 'password-reset' }],
  ['free text found nowhere', { text: 'introuvable' }],
  // The trigram index is asked for "u12" (from the letter before the digits), the rows checked for the whole words.
  ['free text, an identifier within a DN', { text: 'UID=etu12,ou' }],
  ['free text, an agent and an account', { text: 'agent3 etu1' }],
  ['agent prefix, one login', { agentPrefix: 'agent3' }],
  ['agent prefix, six logins', { agentPrefix: 'agen' }],
  ['agent prefix, none', { agentPrefix: 'zz' }],
  ['account prefix and an outcome', { targetPrefix: 'etu1', outcome: 'success' }],
  ['account prefix, outcome unknown (open intents)', { targetPrefix: 'etu2', outcome: 'unknown' }],
  ['both prefixes', { agentPrefix: 'agent1', targetPrefix: 'etu' }],
  ['outcome unknown (recorded, and intents no outcome settles)', { outcome: 'unknown' }],
  ['outcome unknown and an action', { outcome: 'unknown', action: 'password-reset' }],
];

describe('review across desks: faster reads, same pages', () => {
  it.each(FILTERS)('%s: every page, through the cursors, is the plain query in order', async (_, filter) => {
    const expected = await everything(filter);
    expect(await paged(filter, 7)).toEqual(expected);
    expect(await paged(filter, 200)).toEqual(expected);
    if (filter.text) {
      // A window smaller than a page's reach: the plain query answers (after a second window when the first held some).
      expect(await paged(filter, 7, { textWindows: [10] })).toEqual(expected);
      expect(await paged(filter, 7, { textWindows: [3, 30] })).toEqual(expected);
    }
  });

  it('free text takes each step, from where the previous one stopped: windows, time ranges sized from the rate seen, the plain query', async () => {
    const steps = new Set<string>();
    const onTextStep = (step: string) => steps.add(step);
    const expected = await everything({ text: 'rafale' });
    expect(expected).toHaveLength(25);
    // Half the 20 newest rows: the two missing looked for in a range sized from that rate; the next page's window
    // holds the burst's end only (too few for a rate): the weeks-old ones by the plain query.
    expect(await paged({ text: 'rafale' }, 12, { textWindows: [20], onTextStep })).toEqual(expected);
    expect([...steps].sort()).toEqual(['plain', 'range', 'window']);
    steps.clear();
    // Two of the 4 newest: the next 36 rows should hold the 5 missing, so they are read on.
    expect((await centralPage(reader, { text: 'rafale' }, { pinnedAt: PIN, limit: 7, tuning: { textWindows: [4, 40], onTextStep } })).events.map((e) => `${e.desk}/${e.seq}`)).toEqual(expected.slice(0, 7));
    expect([...steps].sort()).toEqual(['next-window', 'window']);
    steps.clear();
    // None of the 3 newest rows holds 'rafale 39': the plain query (a rare phrase).
    expect(await paged({ text: 'rafale 39' }, 7, { textWindows: [3], onTextStep })).toEqual(await everything({ text: 'rafale 39' }));
    expect([...steps]).toEqual(['plain']);
  });

  it('the search text is concat_ws of the searched columns, lowered, whichever are NULL (0007 replaced 0005 under its index)', async () => {
    const { rows } = await reader.query<{ n: number; nulls: number }>(
      `SELECT count(*) FILTER (WHERE guichet.search_text(agent_login, agent_name, target_login, target_dn, comment, details)
                                IS DISTINCT FROM lower(concat_ws(' ', agent_login, agent_name, target_login, target_dn, comment, details)))::int AS n,
              count(*) FILTER (WHERE agent_login IS NULL OR target_login IS NULL OR comment IS NULL)::int AS nulls
       FROM guichet.events`,
    );
    expect(rows[0]).toMatchObject({ n: 0 });
    expect(rows[0]!.nulls).toBeGreaterThan(100);
  });

  it('the logins under a prefix, in order; null past the limit', async () => {
    expect(await loginsUnder(reader, 'agent_login', 'agent')).toEqual(['agent0', 'agent1', 'agent2', 'agent3', 'agent4', 'agent5']);
    expect(await loginsUnder(reader, 'target_login', 'etu1')).toEqual(['etu1', 'etu10', 'etu11', 'etu12', 'etu13', 'etu14', 'etu15', 'etu16', 'etu17', 'etu18', 'etu19']);
    expect(await loginsUnder(reader, 'agent_login', 'agent', 5)).toBeNull();
  });
});
