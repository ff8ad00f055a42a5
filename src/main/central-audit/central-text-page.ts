/**
 * Free text in the review across desks: the 200 newest events whose search text holds every
 * word, under the other filters. The trigram index finds the matches in no time order and
 * its cost grows with their number (a common word's bitmap is every match); a read of the
 * newest rows costs what it looks at (the search text of each row, about 4 µs). So:
 * 1. the newest rows the other filters keep are looked through first (TEXT_WINDOWS[0]): a
 *    common phrase fills its page there, and how many it held says how common it is;
 * 2. one found there often enough to fill the page within the next window reads on through
 *    it (TEXT_WINDOWS[1]), from where the first stopped;
 * 3. otherwise, found there often enough to say at what rate (RANGE_MIN_HITS), the time range
 *    that should hold the rest at that rate (RANGE_MARGIN times it), through the trigram index
 *    and, when the planner finds the pair cheaper, the time index (a BitmapAnd: only that
 *    range's matches are read from the table);
 * 4. what is still missing, or a phrase too rare for a rate (its matches are few), by the
 *    trigram index over everything older.
 * Each step starts where the previous one stopped (the keyset of its last row, or the range's
 * bound): the pages are the plain query's, newest first, whatever step answers.
 */
import type { ClientBase } from 'pg';
import { centralFilterSql, likePatterns, SEARCH_TEXT } from './central-filter';
import { COLUMNS, NEWEST_FIRST, pageWhere, type PageQuery, type Row } from './central-page-sql';

export const TEXT_WINDOWS: readonly number[] = [4_000, 20_000];
/** The first range is this many times the span that should hold the missing matches at the rate seen. */
export const RANGE_MARGIN = 1.5;
/** Fewer matches than this in the windows say too little of the rate (and a phrase that rare has few matches): the plain query. */
export const RANGE_MIN_HITS = 8;

/** Which step gave rows, for the tests that take each one. */
export type TextStep = 'window' | 'next-window' | 'range' | 'plain';

type Marked = Row & { hit: boolean; rn: number };

/** The search clauses (free text, ticket) and the other filters' WHERE, after `q`'s cursor. */
function split(q: PageQuery) {
  const { text, ticket, ...others } = q.filter;
  const w = pageWhere(q, others, 1);
  const search = centralFilterSql({ ...(text === undefined ? {} : { text }), ...(ticket === undefined ? {} : { ticket }) }, w.params.length + 1);
  return { w, search, params: [...w.params, ...search.params] };
}

/**
 * The matches among the `size` newest rows the other filters keep (up to `wanted`), with the
 * window's first and last rows as markers: its span, and where the next step starts. `last`
 * is null when the window held fewer rows than `size` (every row was looked at).
 */
async function windowRead(client: ClientBase, q: PageQuery, size: number, wanted: number) {
  const { w, search, params } = split(q);
  const { rows } = await client.query<Marked>(
    `${COLUMNS}, e.hit, e.rn::int AS rn FROM (
       SELECT e.*, (true${search.sql}) AS hit, row_number() OVER (${NEWEST_FIRST}) AS rn
       FROM (SELECT * FROM guichet.events e ${w.sql} ${NEWEST_FIRST} LIMIT ${size}) e
     ) e WHERE e.hit OR e.rn IN (1, ${size}) ${NEWEST_FIRST} LIMIT $${params.length + 1}`,
    [...params, wanted + 2],
  );
  const hits = rows.filter((r) => r.hit).slice(0, wanted);
  return { hits, first: rows.find((r) => r.rn === 1) ?? null, last: rows.find((r) => r.rn === size) ?? null };
}

/**
 * What the trigram index is asked for: a substring every match holds (the words themselves are
 * checked on the rows read). The index reads every trigram's list in full, and what surrounds
 * an identifier is in most rows ("uid=", the padding at a word's start, the "etu" of every
 * student login): 16,000 index pages at 10M for "uid=etu2024", 4,000 for "etu2024", a few
 * dozen for "u2024". So each word's longest run of letters and digits, from the letter before
 * its first digit when that leaves three characters: identifiers share their letters, their
 * digits tell them apart. For a range, the longest of them only: the planner multiplies the
 * words' estimates as if they were unrelated, for words that come together that says "a
 * handful", and it would read the trigram index alone (every match in the table, not only the
 * range's) rather than with the time index.
 */
function indexRuns(q: PageQuery): string[] {
  const words = [q.filter.text, q.filter.ticket].flatMap((typed) => (typed === undefined ? [] : likePatterns(typed)));
  return words.flatMap((word) => {
    const runs = (word.match(/[\p{L}\p{N}]{3,}/gu) ?? []).map((run) => [...run]);
    const run = runs.reduce<string[] | null>((a, b) => (a === null || b.length > a.length ? b : a), null);
    if (run === null) return [];
    const digit = run.findIndex((c) => /\p{N}/u.test(c));
    return [(digit > 0 && run.length - digit + 1 >= 3 ? run.slice(digit - 1) : run).join('')];
  });
}

/**
 * The matches at `at` in [bound(k), bound(kAbove)) after `q`'s cursor, bound(k) = low − span × k
 * (no bound for null). Read behind OFFSET 0 through the trigram index (the runs of indexRuns; and the time
 * index for a range, when the planner finds the pair cheaper), so that it never walks the time index newest
 * first checking the search text of every row it passes (it would, for a phrase it deems
 * common: minutes at 10M); every clause is checked again on the rows read.
 */
async function rangeRead(client: ClientBase, q: PageQuery, span: { high: string; low: string }, k: number | null, kAbove: number | null, wanted: number) {
  const { w, search, params } = split(q);
  const all = [...params];
  const p = (value: unknown) => `$${all.push(value)}`;
  const bound = (factor: number) => {
    const [low, high, times] = [p(span.low), p(span.high), p(factor)];
    return `${low}::timestamptz - (${high}::timestamptz - ${low}::timestamptz) * ${times}::float8`;
  };
  const clauses = `${k === null ? '' : ` AND e.at >= ${bound(k)}`}${kAbove === null ? '' : ` AND e.at < ${bound(kAbove)}`}`;
  const runs = indexRuns(q);
  const chosen = k === null ? runs : runs.sort((a, b) => [...b].length - [...a].length).slice(0, 1);
  const through = chosen.map((run) => ` AND ${SEARCH_TEXT} LIKE ${p(`%${run}%`)}`).join('');
  const sql = `${COLUMNS} FROM (SELECT * FROM guichet.events e ${w.sql}${clauses}${through} OFFSET 0) e ${w.sql}${search.sql} ${NEWEST_FIRST} LIMIT ${p(wanted)}`;
  return (await client.query<Row>(sql, all)).rows;
}

const after = (q: PageQuery, r: Row): PageQuery => ({ ...q, cursor: { at: r.atRaw, desk: r.desk, seq: r.seq } });

export async function textPage(client: ClientBase, q: PageQuery, onStep?: (step: TextStep) => void): Promise<Row[]> {
  const [firstSize = 1, secondSize = firstSize] = q.tuning.textWindows;
  const hits: Row[] = [];
  const take = (step: TextStep, rows: Row[]) => {
    if (rows.length > 0) onStep?.(step);
    hits.push(...rows);
    return hits.length >= q.limit;
  };
  const first = await windowRead(client, q, firstSize, q.limit);
  if (take('window', first.hits) || !first.last || !first.first) return hits;
  let rest = after(q, first.last);
  let low = first.last;
  // Common enough that the next window should hold the missing matches: read on through it.
  const missing = () => q.limit - hits.length;
  if (hits.length > 0 && secondSize > firstSize && (missing() * firstSize) / hits.length <= secondSize - firstSize) {
    const second = await windowRead(client, rest, secondSize - firstSize, missing());
    if (take('next-window', second.hits) || !second.last) return hits;
    rest = after(q, second.last);
    low = second.last;
  }
  if (hits.length >= RANGE_MIN_HITS) {
    const span = { high: first.first.atRaw, low: low.atRaw };
    const k = (RANGE_MARGIN * missing()) / hits.length;
    if (take('range', await rangeRead(client, rest, span, k, null, missing()))) return hits;
    take('plain', await rangeRead(client, rest, span, null, k, missing()));
    return hits;
  }
  take('plain', await rangeRead(client, rest, { high: low.atRaw, low: low.atRaw }, null, null, missing()));
  return hits;
}
