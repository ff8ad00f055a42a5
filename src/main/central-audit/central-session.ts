/** One connection of a desk to the central store: register and read its head, insert a batch of its events, report the anchor check. */
import pg from 'pg';
import type { HashedRecord } from '../audit/audit-chain';
import { assertCentralSchema } from './central-migrate';

export type DeskState = 'ok' | 'forked' | 'regressed';

export interface CentralHello {
  /** The last event of this desk's chain held centrally (0: none yet). */
  headSeq: number;
  headHash: string | null;
  /** The last seq received at all, rows kept aside as forks included: forwarding resumes after it. */
  receivedSeq: number;
  state: DeskState;
}

/**
 * The insert: one statement per batch, columns as arrays (`unnest`), in seq order so the
 * chain-check trigger sees each row's predecessor. A row already there is skipped by the
 * trigger (same hash) or kept aside as a fork; ON CONFLICT covers a concurrent session (without
 * a conflict target: naming one would need SELECT on its columns, which a desk has not).
 */
const INSERT_EVENTS = `
  INSERT INTO guichet.events (desk, seq, at, action, outcome, intent_seq, agent_login, agent_name, workstation,
    target_login, target_dn, evidence, directory_code, details, comment, prev_hash, hash)
  SELECT $1, b.seq, b.at, b.action, b.outcome, b.intent_seq, b.agent_login, b.agent_name, b.workstation,
    b.target_login, b.target_dn, b.evidence, b.directory_code, b.details, b.comment, decode(b.prev_hash, 'hex'), decode(b.hash, 'hex')
  FROM unnest($2::bigint[], $3::timestamptz[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[],
    $10::text[], $11::text[], $12::text[], $13::integer[], $14::text[], $15::text[], $16::text[], $17::text[])
    AS b(seq, at, action, outcome, intent_seq, agent_login, agent_name, workstation, target_login, target_dn, evidence,
      directory_code, details, comment, prev_hash, hash)
  ORDER BY b.seq
  ON CONFLICT DO NOTHING`;

/** The statement's parameters: the desk, then one array per column. */
export function insertParameters(desk: string, rows: readonly HashedRecord[]): unknown[] {
  const n = rows.length;
  const columns = Array.from({ length: 16 }, () => new Array<unknown>(n));
  for (let i = 0; i < n; i += 1) {
    const r = rows[i]!;
    columns[0]![i] = r.seq;
    columns[1]![i] = r.at;
    columns[2]![i] = r.action;
    columns[3]![i] = r.outcome;
    columns[4]![i] = r.intentSeq;
    columns[5]![i] = r.agentLogin;
    columns[6]![i] = r.agentName;
    columns[7]![i] = r.workstation;
    columns[8]![i] = r.targetLogin;
    columns[9]![i] = r.targetDn;
    columns[10]![i] = r.evidence;
    columns[11]![i] = r.directoryCode;
    columns[12]![i] = r.details;
    columns[13]![i] = r.comment;
    columns[14]![i] = r.prevHash;
    columns[15]![i] = r.hash;
  }
  return [desk, ...columns];
}

export class CentralSession {
  private closed = false;

  private constructor(private readonly client: pg.Client) {
    // A dropped connection surfaces on the next query; an 'error' event must not crash the app.
    client.on('error', () => undefined);
  }

  /** Connects and refuses a centre whose schema is not the one this version expects. */
  static async open(config: pg.ClientConfig): Promise<CentralSession> {
    const client = new pg.Client(config);
    const session = new CentralSession(client);
    try {
      await client.connect();
      await assertCentralSchema(client);
      return session;
    } catch (error) {
      session.close();
      throw error;
    }
  }

  async hello(desk: string, publicKey: string | null): Promise<CentralHello> {
    const { rows } = await this.client.query<{ head_seq: string; head_hash: string | null; received_seq: string; desk_state: DeskState }>(
      'SELECT * FROM guichet.desk_hello($1, $2)',
      [desk, publicKey],
    );
    const row = rows[0]!;
    return { headSeq: Number(row.head_seq), headHash: row.head_hash, receivedSeq: Number(row.received_seq), state: row.desk_state };
  }

  /** The anchor check's report; answers the desk's state as the centre now records it. */
  async checkin(desk: string, report: { centralSeq: number; localSeq: number; localHash: string | null }): Promise<DeskState> {
    const { rows } = await this.client.query<{ state: DeskState }>('SELECT guichet.desk_checkin($1, $2, $3, $4) AS state', [
      desk,
      report.centralSeq,
      report.localSeq,
      report.localHash,
    ]);
    return rows[0]!.state;
  }

  /** Sends one batch; resolves once it is committed (a single statement: all or nothing). */
  async insert(desk: string, rows: readonly HashedRecord[]): Promise<void> {
    await this.client.query({ name: 'guichet-insert-events', text: INSERT_EVENTS, values: insertParameters(desk, rows) });
  }

  /** Closes without waiting: a stalled connection must not hold the forwarder. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.client.end().catch(() => undefined);
  }
}
