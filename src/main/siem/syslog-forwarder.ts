/**
 * Forwards each local event once to the SIEM: after its own watermark, a batch per TLS
 * session, at-least-once (a batch whose delivery is not confirmed is sent again), with
 * backoff while the receiver is down. Off the append path, like the central forwarder.
 */
import type { ForwardingTargetStatus } from '../../shared/audit-forwarding';
import { silentLogger, type Logger } from '../logger';
import { DeliveryState } from '../central-audit/delivery-state';
import { forwardingProblem } from '../central-audit/forwarding-problem';
import type { LocalTrail } from '../central-audit/local-trail';
import { CLOSE_WAIT_MS, Pacer, settledWithin } from '../central-audit/pacer';
import { formatSyslogMessage, octetCounted, type SyslogIdentity } from './rfc5424';
import type { SyslogConfig } from './syslog-config';
import { deliverFrames } from './syslog-session';

export interface SyslogForwarderOptions {
  trail: LocalTrail;
  config: SyslogConfig;
  identity: Omit<SyslogIdentity, 'facility' | 'appName' | 'enterpriseId'>;
  backoff?: { firstMs: number; maxMs: number };
  now?: () => Date;
  logger?: Logger;
}

export class SyslogForwarder {
  private readonly pacer: Pacer;
  private readonly delivery = new DeliveryState();
  private readonly identity: SyslogIdentity;
  private readonly now: () => Date;
  private readonly logger: Logger;
  private loop: Promise<void> | null = null;

  constructor(private readonly options: SyslogForwarderOptions) {
    const { config } = options;
    this.identity = { ...options.identity, facility: config.facility, appName: config.appName, enterpriseId: config.enterpriseId };
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger ?? silentLogger;
    this.pacer = new Pacer(config.pollMs, options.backoff ?? { firstMs: 1_000, maxMs: 60_000 });
  }

  start(): void {
    this.loop ??= this.run();
  }

  wake(): void {
    this.pacer.wake();
  }

  status(): ForwardingTargetStatus {
    return this.delivery.status(this.options.trail.pendingAfter(this.options.trail.watermark()));
  }

  async close(): Promise<void> {
    this.pacer.stop();
    await settledWithin(this.loop, CLOSE_WAIT_MS);
  }

  private async run(): Promise<void> {
    const { trail, config } = this.options;
    while (!this.pacer.stopped) {
      // A trail shortened under the watermark (deleted events) resumes from its head.
      const head = trail.head()?.seq ?? 0;
      if (trail.watermark() > head) trail.setWatermark(head);
      const batch = trail.after(trail.watermark(), config.batchSize);
      if (batch.length === 0) {
        await this.pacer.idle();
        continue;
      }
      try {
        await deliverFrames(config, batch.map((r) => octetCounted(formatSyslogMessage(r, this.identity))).join(''));
        trail.setWatermark(batch[batch.length - 1]!.seq);
        this.delivery.delivered(this.now());
        this.pacer.connected();
        await this.pacer.yield();
      } catch (error) {
        if (this.pacer.stopped) break;
        const problem = forwardingProblem(error);
        this.delivery.failed(problem, this.now());
        this.logger.log({ level: 'warn', event: 'syslog-forward', code: problem });
        await this.pacer.backoff();
      }
    }
  }
}
