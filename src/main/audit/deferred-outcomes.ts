/** Outcomes that could not be written when settled, kept in memory and written before the next event. */
import type { AuditOutcome } from '../../shared/audit-events';
import type { ChainAppender } from './chain-appender';
import type { EventPreparer, IntentHandle, SettleInfo } from './event-preparer';

/** Meanwhile their intents read `unknown`; at shutdown the ones still here stay so. */
export class DeferredOutcomes {
  private readonly waiting: Array<{ handle: IntentHandle; outcome: AuditOutcome; info: SettleInfo }> = [];

  constructor(
    private readonly preparer: EventPreparer,
    private readonly chain: ChainAppender,
  ) {}

  /** How many are waiting for the disk to come back. */
  get count(): number {
    return this.waiting.length;
  }

  keep(handle: IntentHandle, outcome: AuditOutcome, info: SettleInfo): void {
    this.waiting.push({ handle, outcome, info });
  }

  /** Writes them oldest first, one transaction each; the first that fails stops it, and it and the rest stay kept. */
  writeAll(): void {
    while (this.waiting.length > 0) {
      const { handle, outcome, info } = this.waiting[0]!;
      this.chain.commit([this.preparer.outcome(handle, outcome, info)]);
      this.waiting.shift();
    }
  }
}
