/** COPY into the central events table, for bench:central's floors and its bulk load: the statement and a value in COPY's text format. */
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A value in COPY's text format (NULL as \N; backslash, tab and line breaks escaped). */
export const escapeCopy = (v: string | number | null): string =>
  v === null ? '\\N' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');

/**
 * A COPY FROM STDIN stream into guichet.events, columns in the order of the lines written to it.
 * `freeze`: rows written frozen (the table must have been truncated in the same transaction).
 */
export function copyEventsStream(client: pg.Client, options: { freeze?: boolean } = {}) {
  return client.query(
    copyFrom(`COPY guichet.events (desk, seq, at, action, outcome, intent_seq, agent_login, agent_name, workstation, target_login, target_dn,
      evidence, directory_code, details, comment, prev_hash, hash) FROM STDIN${options.freeze ? ' WITH (FREEZE)' : ''}`),
  );
}
