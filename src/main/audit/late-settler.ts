/** The late settler: reads back, once the directory answers again, a change whose answer was lost, and records its outcome. */
import type { Logger } from '../logger';

/** What the settler does with an operation whose outcome nobody knew when it ended. */
export interface LateSettlement {
  /** Reads the entry back: true when the change is there, false when it is not; throws while the directory is away. */
  recheck: () => Promise<boolean>;
  /** Writes the intent's outcome: `success`/`failure` once known, `unknown` when the settler gives up. */
  settle: (outcome: 'success' | 'failure' | 'unknown') => void;
}

/** From the fault: a few quick tries (a restarted server), then a slower rhythm, about ten minutes in all. */
export const LATE_SETTLE_DELAYS_MS: readonly number[] = [1_000, 2_000, 5_000, 10_000, 30_000, 60_000, 120_000, 180_000, 180_000];

/**
 * Operations whose answer was lost with the directory (killed, network cut) end with
 * OUTCOME_UNKNOWN for the agent, and their intent stays open: the trail shows them as
 * "outcome unknown" meanwhile. The settler reads the entry back when the directory is there
 * again and writes what really happened (`success` or `failure`). After its last try, or
 * when the console closes, it writes `unknown`. A crash leaves the intent open, which the
 * trail shows as unknown too: in every case the record tells no more than is known.
 */
export class LateSettler {
  private readonly jobs = new Set<{ settlement: LateSettlement; timer: NodeJS.Timeout | null }>();

  constructor(
    private readonly logger: Logger,
    private readonly delaysMs: readonly number[] = LATE_SETTLE_DELAYS_MS,
  ) {}

  /** Operations still waiting for their outcome. */
  get pending(): number {
    return this.jobs.size;
  }

  watch(settlement: LateSettlement): void {
    const job = { settlement, timer: null as NodeJS.Timeout | null };
    this.jobs.add(job);
    const attempt = (index: number): void => {
      if (index >= this.delaysMs.length) return this.finish(job, 'unknown');
      job.timer = setTimeout(() => {
        job.timer = null;
        settlement.recheck().then(
          (applied) => this.finish(job, applied ? 'success' : 'failure'),
          () => {
            if (this.jobs.has(job)) attempt(index + 1);
          },
        );
      }, this.delaysMs[index]);
      job.timer.unref?.();
    };
    attempt(0);
  }

  /** At shutdown: whatever is still uncertain is recorded as such. */
  close(): void {
    for (const job of [...this.jobs]) this.finish(job, 'unknown');
  }

  private finish(job: { settlement: LateSettlement; timer: NodeJS.Timeout | null }, outcome: 'success' | 'failure' | 'unknown'): void {
    if (!this.jobs.delete(job)) return;
    if (job.timer) clearTimeout(job.timer);
    try {
      job.settlement.settle(outcome);
    } catch {
      // settle() keeps what it cannot write (see withAudit): nothing more to do here.
    }
    this.logger.log({ level: outcome === 'unknown' ? 'warn' : 'info', event: 'late-settlement', note: outcome });
  }
}
