/** Whether a forwarding target is reached, since when not and why: what its status line says. */
import type { ForwardingProblem, ForwardingTargetStatus } from '../../shared/audit-forwarding';

export class DeliveryState {
  private down: { since: string; problem: ForwardingProblem } | null = null;
  private lastDeliveryAt: string | null = null;

  /** The first failure of an outage sets `since`; later ones only update the reason. */
  failed(problem: ForwardingProblem, at: Date): void {
    this.down ??= { since: at.toISOString(), problem };
    this.down.problem = problem;
  }

  reached(): void {
    this.down = null;
  }

  delivered(at: Date): void {
    this.down = null;
    this.lastDeliveryAt = at.toISOString();
  }

  status(pending: number): ForwardingTargetStatus {
    if (this.down) return { state: 'down', pending, since: this.down.since, problem: this.down.problem, lastDeliveryAt: this.lastDeliveryAt };
    return { state: pending === 0 ? 'up-to-date' : 'pending', pending, since: null, problem: null, lastDeliveryAt: this.lastDeliveryAt };
  }
}
