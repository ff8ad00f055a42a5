/** The write side of the audit trail: events, intents and outcomes, composed from the chain, checkpoint, index and deferred parts. */
import type Database from 'better-sqlite3';
import type { AuditAction, AuditEventInput, AuditIntentInput, AuditOutcome } from '../../shared/audit-events';
import { silentLogger, type Logger } from '../logger';
import { isAuditUnavailable } from './audit-errors';
import { ChainAppender, type AppendedEvent } from './chain-appender';
import { loadSigningKey, slotPins } from './checkpoint';
import { checkPin, type SignedPin } from './checkpoint-pin';
import { CheckpointSchedule, type CheckpointFinding } from './checkpoint-schedule';
import { openDeskSigningKey, type DeskSigningKey } from './desk-signing-key';
import { openAuditDatabase } from './database';
import { DeferredOutcomes } from './deferred-outcomes';
import { EventPreparer, type IntentHandle, type PreparedEvent, type SettleInfo } from './event-preparer';
import type { Keystore } from './keystore';
import { TextIndexer } from './text-indexer';

export type { AppendedEvent } from './chain-appender';
export type { IntentHandle, PreparedEvent, SettleInfo } from './event-preparer';

export interface AuditStoreOptions {
  /** The SQLite file. The checkpoint and the sealed signing key sit next to it. */
  path: string;
  workstation: string;
  /** The first available one seals a new signing key; an existing key is opened by the one that sealed it. */
  keystores: readonly Keystore[];
  /** Actions that must carry a comment (config `audit.requireComment`). */
  requireComment?: readonly AuditAction[];
  now?: () => Date;
  busyTimeoutMs?: number;
  logger?: Logger;
  /** false (the CLI on a copy): never make a signing key; without one the checkpoint is left alone. */
  createSigningKey?: boolean;
  /** The checkpoint is written this long after the first event it does not pin yet (0: after every commit). */
  checkpointDelayMs?: number;
  /** ...or as soon as this many events are not pinned yet. */
  checkpointEvery?: number;
}

export const checkpointPathFor = (dbPath: string): string => `${dbPath}.checkpoint.json`;
export const keyPathFor = (dbPath: string): string => `${dbPath}.key`;

/**
 * Every write goes through `write`: outcomes kept from an outage first, then one chain
 * transaction, then the checkpoint schedule and the text index hear of it.
 */
export class AuditWriter {
  readonly db: Database.Database;
  readonly path: string;
  readonly checkpointPath: string;
  readonly workstation: string;
  /** HMAC key: signs the verify runs, checks the old-format checkpoints of trails from before Ed25519. */
  readonly signingKey: Buffer | null;
  /** Ed25519: signs checkpoints and exports. */
  readonly deskKey: DeskSigningKey | null;
  /** What the checkpoint said when this process opened the trail, if it no longer vouched for it. */
  readonly startupFinding: CheckpointFinding | null;
  protected readonly logger: Logger;
  protected readonly now: () => Date;
  protected readonly preparer: EventPreparer;
  protected readonly chain: ChainAppender;
  protected readonly checkpoints: CheckpointSchedule;
  protected readonly textIndex: TextIndexer;
  private readonly deferred: DeferredOutcomes;

  constructor(options: AuditStoreOptions) {
    this.path = options.path;
    this.checkpointPath = checkpointPathFor(options.path);
    this.workstation = options.workstation;
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? (() => new Date());
    this.db = openAuditDatabase(options.path, { busyTimeoutMs: options.busyTimeoutMs });
    try {
      const create = options.createSigningKey ?? true;
      this.signingKey = loadSigningKey(keyPathFor(options.path), options.keystores, create);
      const desk = this.signingKey ? openDeskSigningKey(options.path, this.signingKey) : null;
      this.deskKey = desk?.key ?? null;
      if (desk?.replacedPublicKey) this.logger.log({ level: 'error', event: 'audit-public-key', note: 'replaced' });
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.preparer = new EventPreparer(this.workstation, options.requireComment);
    this.chain = new ChainAppender(this.db, this.now);
    this.checkpoints = new CheckpointSchedule(this.db, {
      checkpointPath: this.checkpointPath,
      signer: this.deskKey,
      hmacKey: this.signingKey,
      logger: this.logger,
      delayMs: options.checkpointDelayMs ?? 1_000,
      every: options.checkpointEvery ?? 256,
    });
    this.textIndex = new TextIndexer(this.db, { logger: this.logger });
    this.deferred = new DeferredOutcomes(this.preparer, this.chain);
    this.startupFinding = this.checkpoints.inspectAtStart();
    if (this.startupFinding) this.recordFinding(this.startupFinding);
  }

  /**
   * The newest checkpoint as the desk signed it (Ed25519), after pinning what is pending: the
   * centre can keep it as the desk's own signed word for that head. Null without a desk key.
   */
  signedHead(): SignedPin | null {
    if (!this.deskKey) return null;
    this.flushCheckpoint();
    const keys = { hmac: null, publicKey: this.deskKey.verifyKey };
    return slotPins(this.checkpointPath)
      .filter((pin) => pin.v === 2 && checkPin(pin, keys) === 'valid')
      .sort((a, b) => b.seq - a.seq)[0] ?? null;
  }

  /** The committed head of the chain (what the central anchor compares); null for an empty trail. */
  head(): { seq: number; hash: string; at: string } | null {
    const row = this.db.prepare('SELECT seq, lower(hex(hash)) AS hash, at FROM events ORDER BY seq DESC LIMIT 1').get();
    return (row as { seq: number; hash: string; at: string } | undefined) ?? null;
  }

  /** A finished event (sign-in, view, notification...). Throws AUDIT_UNAVAILABLE when it cannot be written. */
  append(event: AuditEventInput): AppendedEvent {
    return this.write([this.preparer.event(event)])[0]!;
  }

  /** Many finished events in one transaction (imports, benchmark fixtures): same validation and chain. */
  appendMany(events: readonly AuditEventInput[]): AppendedEvent[] {
    return this.write(events.map((event) => this.preparer.event(event)));
  }

  /**
   * Records the intent (outcome pending) before the directory is touched. If this throws
   * (AUDIT_UNAVAILABLE, or a refused event), the caller must not perform the action.
   */
  beginIntent(intent: AuditIntentInput): IntentHandle {
    const parsed = this.preparer.parseIntent(intent);
    const [written] = this.write([this.preparer.intent(parsed)]);
    return { seq: written!.seq, action: parsed.action, intent: parsed };
  }

  /**
   * Writes the outcome linked to its intent. When the trail is unavailable the outcome is
   * kept in memory and written before the next event; the intent meanwhile reads `unknown`.
   */
  settle(handle: IntentHandle, outcome: AuditOutcome, info: SettleInfo = {}): AppendedEvent {
    const prepared = this.preparer.outcome(handle, outcome, info);
    try {
      return this.write([prepared])[0]!;
    } catch (error) {
      if (isAuditUnavailable(error)) this.deferred.keep(handle, outcome, info);
      throw error;
    }
  }

  /** Outcomes waiting for the disk to come back (see settle). */
  get deferredOutcomes(): number {
    return this.deferred.count;
  }

  /** Writes the pending checkpoint now (close, verify, export do it). */
  flushCheckpoint(): void {
    this.checkpoints.flush();
  }

  /**
   * Brings the free-text index up to the head, in transactions of a few thousand events.
   * Runs a second after writes, at once every 2,000 events, and before any free-text query
   * (so a search always sees every event). Returns how many events were indexed.
   */
  indexPending(): number {
    return this.textIndex.indexPending();
  }

  close(): void {
    if (!this.db.open) return;
    try {
      this.deferred.writeAll();
    } catch {
      // Left as unknown intents: nothing more can be done at shutdown.
    }
    this.checkpoints.flush();
    try {
      this.textIndex.indexPending();
    } catch {
      // Caught up at the next start.
    }
    this.checkpoints.close();
    try {
      this.db.pragma('optimize');
    } catch {
      // Statistics only.
    }
    this.db.close();
  }

  /**
   * Puts the finding in the chain itself, where nobody without the key can remove it unseen
   * (the checkpoint written just after pins it). Not again for the same evidence at each start.
   */
  private recordFinding(finding: CheckpointFinding): void {
    this.logger.log({ level: 'error', event: 'audit-checkpoint-at-start', note: finding.kind });
    try {
      const last = this.db.prepare("SELECT details FROM events WHERE action = 'integrity-alarm' ORDER BY seq DESC LIMIT 1").pluck().get() as
        | string
        | undefined;
      const previous = last ? (JSON.parse(last) as CheckpointFinding) : null;
      const same = previous?.kind === finding.kind && previous.pinnedSeq === finding.pinnedSeq && previous.vouchedSeq === finding.vouchedSeq;
      if (same && (finding.kind === 'checkpoint-forged' || finding.kind === 'checkpoint-contradicted')) return;
      this.append({ action: 'integrity-alarm', outcome: 'failure', agent: null, details: finding });
    } catch {
      this.logger.log({ level: 'error', event: 'audit-checkpoint-at-start', code: 'AUDIT_UNAVAILABLE' });
    }
  }

  protected write(events: PreparedEvent[]): AppendedEvent[] {
    if (this.deferred.count > 0) this.deferred.writeAll();
    const written = this.chain.commit(events);
    if (written.length === 0) return written;
    this.checkpoints.pinCommitted(written);
    this.textIndex.schedule(written.length);
    return written;
  }
}
