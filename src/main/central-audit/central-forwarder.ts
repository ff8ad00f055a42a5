/**
 * The background forwarder of the desk's trail to the central store: after the local
 * watermark, in batches, at-least-once (the centre skips what it already holds), off the
 * append path (timers and awaits between small synchronous reads), with backoff while the
 * centre is down. Runs the external anchor check at every connection and periodically.
 */
import type { AnchorAlarmKind, AnchorStatus, ForwardingTargetStatus } from '../../shared/audit-forwarding';
import type { HashedRecord } from '../audit/audit-chain';
import { silentLogger, type Logger } from '../logger';
import { anchorAlarm, compareWithCentre, type AnchorComparison } from './central-anchor';
import type { CentralHello, CentralSession, DeskState } from './central-session';
import { DeliveryState } from './delivery-state';
import { forwardingProblem } from './forwarding-problem';
import { WatermarkWrites, type LocalTrail } from './local-trail';
import { CLOSE_WAIT_MS, Pacer, settledWithin } from './pacer';

/** What the anchor found, for the desk's audit record and banner. */
export interface AnchorFinding {
  kind: AnchorAlarmKind;
  centralSeq: number;
  centralHash: string | null;
  localSeq: number;
  localHash: string | null;
  centralState: DeskState;
}

export interface CentralForwarderOptions {
  trail: LocalTrail;
  /** The desk's id at the centre: its workstation name. */
  desk: string;
  /** Opens a session (connect, schema check); throws when the centre cannot be reached. */
  connect: () => Promise<CentralSession>;
  /** The desk's Ed25519 public key (base64 raw), registered centrally when present. */
  publicKey?: () => string | null;
  batchSize?: number;
  pollMs?: number;
  anchorEveryMs?: number;
  backoff?: { firstMs: number; maxMs: number };
  now?: () => Date;
  logger?: Logger;
  /** Called once per distinct alarm (records the audit event, raises the banner). */
  onAlarm?: (finding: AnchorFinding) => void;
  /** Tests: runs after a batch is committed centrally, before the local watermark is written. */
  afterCentralCommit?: (lastSeq: number) => void;
  /** Called after each acknowledged batch (benchmarks measure the lag with it). */
  onDelivered?: (batch: { firstSeq: number; lastSeq: number; at: Date }) => void;
}

export class CentralForwarder {
  private readonly pacer: Pacer;
  private readonly batchSize: number;
  private readonly anchorEveryMs: number;
  private readonly now: () => Date;
  private readonly logger: Logger;
  private session: CentralSession | null = null;
  private loop: Promise<void> | null = null;
  private readonly delivery = new DeliveryState();
  private anchor: AnchorStatus = { state: 'unchecked', kind: null, centralSeq: null, localSeq: null, checkedAt: null };
  private lastAlarmKey: string | null = null;
  /** The last seq the centre acknowledged in this session (the local watermark may lag it by a second). */
  private acked = 0;

  constructor(private readonly options: CentralForwarderOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.anchorEveryMs = options.anchorEveryMs ?? 300_000;
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger ?? silentLogger;
    this.pacer = new Pacer(options.pollMs ?? 1_000, options.backoff ?? { firstMs: 1_000, maxMs: 60_000 });
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** New local events: look now rather than at the next poll. */
  wake(): void {
    this.pacer.wake();
  }

  status(): ForwardingTargetStatus {
    const { trail } = this.options;
    return this.delivery.status(trail.pendingAfter(Math.max(this.acked, trail.watermark())));
  }

  anchorStatus(): AnchorStatus {
    return { ...this.anchor };
  }

  /** Stops at once; waits a moment for a batch in flight, never for a stalled centre (quitting must not hang). */
  async close(): Promise<void> {
    this.pacer.stop();
    this.session?.close();
    await settledWithin(this.loop, CLOSE_WAIT_MS);
  }

  private async run(): Promise<void> {
    while (!this.pacer.stopped) {
      try {
        this.session = await this.options.connect();
        if (this.pacer.stopped) break;
        await this.forward(this.session);
      } catch (error) {
        if (this.pacer.stopped) break;
        const problem = forwardingProblem(error);
        this.delivery.failed(problem, this.now());
        this.logger.log({ level: 'warn', event: 'central-forward', code: problem });
        this.session?.close();
        this.session = null;
        await this.pacer.backoff();
      }
    }
    this.session?.close();
  }

  /** One connected session: hello and anchor, then batches until the session fails or the forwarder closes. */
  private async forward(session: CentralSession): Promise<void> {
    const { trail, desk } = this.options;
    let hello = await session.hello(desk, this.options.publicKey?.() ?? null);
    // Resume after what the centre says it received, the local watermark and the local head,
    // whichever is lowest: a centre restored from backup, a watermark written ahead of a lost
    // commit, or a trail shortened under it, all end with the missing events sent (again).
    // Taken before the anchor check, whose alarm is itself a new event to send.
    const watermark = Math.min(trail.watermark(), hello.receivedSeq, trail.head()?.seq ?? 0);
    if (watermark !== trail.watermark()) trail.setWatermark(watermark);
    await this.checkAnchor(session, hello);
    this.delivery.reached();
    this.pacer.connected();
    this.acked = watermark;
    const watermarks = new WatermarkWrites(trail, watermark);
    let anchoredAt = Date.now();
    const send = (rows: HashedRecord[]) => {
      const sent = session.insert(desk, rows);
      // Awaited below; a batch still in flight when the forwarder stops fails quietly.
      sent.catch(() => undefined);
      return { rows, sent, started: Date.now(), head: trail.head()?.seq ?? 0 };
    };
    // One batch always in flight while catching up: the next one is read while the centre
    // works, and the local bookkeeping (the watermark's commit) happens after it is sent.
    let inflight = null as ReturnType<typeof send> | null;
    try {
      while (!this.pacer.stopped) {
        if (!inflight) {
          watermarks.flush();
          if (Date.now() - anchoredAt >= this.anchorEveryMs) {
            hello = await session.hello(desk, this.options.publicKey?.() ?? null);
            await this.checkAnchor(session, hello);
            anchoredAt = Date.now();
          }
          const batch = trail.after(this.acked, this.batchSize);
          if (batch.length > 0) inflight = send(batch);
          else await this.pacer.idle();
          continue;
        }
        const { rows, sent, started, head } = inflight;
        const firstSeq = rows[0]!.seq;
        const lastSeq = rows[rows.length - 1]!.seq;
        const next = trail.after(lastSeq, this.batchSize);
        await sent;
        inflight = null;
        this.options.afterCentralCommit?.(lastSeq);
        this.acked = lastSeq;
        // The desk wrote meanwhile: it is busy, and its actions come first. Catching up then
        // takes at most a third of the time (the machine's cores and disk are shared).
        // Otherwise the next batch goes first and the watermark's commit overlaps it.
        if ((trail.head()?.seq ?? 0) > head) {
          watermarks.delivered(lastSeq, next.length === 0);
          await this.pacer.rest(2 * (Date.now() - started));
          if (next.length > 0 && !this.pacer.stopped) inflight = send(next);
        } else {
          if (next.length > 0) inflight = send(next);
          watermarks.delivered(lastSeq, next.length === 0);
        }
        const at = this.now();
        this.delivery.delivered(at);
        this.options.onDelivered?.({ firstSeq, lastSeq, at });
        await this.pacer.yield();
      }
    } finally {
      watermarks.flushQuietly();
    }
  }

  private async checkAnchor(session: CentralSession, hello: CentralHello): Promise<void> {
    const { trail, desk } = this.options;
    const head = trail.head();
    const comparison: AnchorComparison = compareWithCentre(hello, head, hello.headSeq > 0 ? trail.hashAt(hello.headSeq) : null);
    const state = await session.checkin(desk, comparison.report);
    const kind = anchorAlarm(comparison, state);
    this.anchor = {
      state: kind ? 'alarm' : 'ok',
      kind,
      centralSeq: hello.headSeq,
      localSeq: comparison.report.localSeq,
      checkedAt: this.now().toISOString(),
    };
    if (!kind) return;
    // Once per finding, not once per check: the alarm's own record moves the local head.
    const key = `${kind}:${hello.headSeq}`;
    if (key === this.lastAlarmKey) return;
    this.lastAlarmKey = key;
    this.logger.log({ level: 'error', event: 'central-anchor-alarm', code: kind });
    this.options.onAlarm?.({
      kind,
      centralSeq: hello.headSeq,
      centralHash: hello.headHash,
      localSeq: comparison.report.localSeq,
      localHash: comparison.report.localHash || null,
      centralState: state,
    });
  }
}
