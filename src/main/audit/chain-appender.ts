/** Appends prepared events to the hash chain, one IMMEDIATE transaction each, with the head cached while `data_version` holds. */
import type Database from 'better-sqlite3';
import { GuichetError } from '../../shared/result';
import { chainHashHex, GENESIS_HASH, type ChainRecord } from './audit-chain';
import { guardWrite } from './audit-errors';
import type { PreparedEvent } from './event-preparer';

/** What an append returns: where the event sits in the chain. */
export interface AppendedEvent {
  seq: number;
  at: string;
  hash: string;
}

interface Head {
  seq: number;
  at: string;
  hash: Buffer;
  /** The same hash in hex: what the next event's hash is computed from. */
  hex: string;
}

/**
 * Every commit is one IMMEDIATE transaction that reads the head and inserts after it, so
 * two processes appending at once still build one chain.
 */
export class ChainAppender {
  private readonly statements;
  private readonly writeTx;
  /** The head this connection last committed, valid while `data_version` says nobody else wrote. */
  private knownHead: { head: Head; dataVersion: number } | null = null;
  private headInTransaction: { head: Head; dataVersion: number } | null = null;

  constructor(
    db: Database.Database,
    private readonly now: () => Date,
  ) {
    this.statements = {
      head: db.prepare('SELECT seq, at, hash FROM events ORDER BY seq DESC LIMIT 1'),
      dataVersion: db.prepare('PRAGMA data_version').pluck(),
      anchor: db.prepare('SELECT seq, hash, purged_at AS at FROM chain_anchor WHERE id = 1'),
      insert: db.prepare(
        `INSERT INTO events (seq, at, action, outcome, intent_seq, agent_login, agent_name, workstation, target_login,
           target_dn, evidence, directory_code, details, comment, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      openIntent: db.prepare('INSERT INTO open_intents (seq) VALUES (?)'),
      closeIntent: db.prepare('DELETE FROM open_intents WHERE seq = ?'),
    };
    this.writeTx = db.transaction((events: PreparedEvent[]) => this.insertAfterHead(events));
  }

  /** One IMMEDIATE transaction; the head it leaves is remembered for the next one. */
  commit(events: PreparedEvent[]): AppendedEvent[] {
    try {
      const written = guardWrite(() => this.writeTx.immediate(events));
      this.knownHead = this.headInTransaction;
      return written;
    } catch (error) {
      this.knownHead = null;
      throw error;
    } finally {
      this.headInTransaction = null;
    }
  }

  /** Any other write on this connection (the retention purge) must re-read the head. */
  forgetHead(): void {
    this.knownHead = null;
  }

  /** Inside an IMMEDIATE transaction (commit's, or the purge's): nobody else can move the head meanwhile. */
  insertAfterHead(events: PreparedEvent[]): AppendedEvent[] {
    const dataVersion = this.statements.dataVersion.get() as number;
    // `data_version` moves when another connection commits: until then the head is the one
    // this connection left, and reading it back (a Buffer per row) is skipped.
    let head = this.knownHead?.dataVersion === dataVersion ? this.knownHead.head : this.readHead();
    const written: AppendedEvent[] = [];
    for (const event of events) {
      if (event.closesIntent !== null && this.statements.closeIntent.run(event.closesIntent).changes !== 1)
        throw new GuichetError('CONFLICT', `intent ${event.closesIntent} is already settled`);
      // Times never go backwards along the chain (a clock stepped back is clamped), so a
      // date range is a seq range and the purge removes a prefix.
      const now = this.now().toISOString();
      const record: ChainRecord = { ...event, seq: head.seq + 1, at: now > head.at ? now : head.at };
      const hex = chainHashHex(head.hex, record);
      const hash = Buffer.from(hex, 'hex');
      this.statements.insert.run(
        record.seq,
        record.at,
        record.action,
        record.outcome,
        record.intentSeq,
        record.agentLogin,
        record.agentName,
        record.workstation,
        record.targetLogin,
        record.targetDn,
        record.evidence,
        record.directoryCode,
        record.details,
        record.comment,
        head.hash,
        hash,
      );
      if (event.opensIntent) this.statements.openIntent.run(record.seq);
      head = { seq: record.seq, at: record.at, hash, hex };
      written.push({ seq: record.seq, at: record.at, hash: hex });
    }
    this.headInTransaction = { head, dataVersion };
    return written;
  }

  private readHead(): Head {
    const row = (this.statements.head.get() ?? this.statements.anchor.get()) as Omit<Head, 'hex'> | undefined;
    const head = row ?? { seq: 0, at: '', hash: GENESIS_HASH };
    return { ...head, hex: head.hash.toString('hex') };
  }
}
