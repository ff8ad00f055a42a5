/** When a forwarder runs next: at once between batches (after yielding), after a poll when idle, after a growing backoff when down. */
export class Pacer {
  stopped = false;
  private delayMs: number;
  private timer: NodeJS.Timeout | null = null;
  private release: (() => void) | null = null;

  constructor(
    private readonly pollMs: number,
    private readonly backoffMs: { firstMs: number; maxMs: number },
  ) {
    this.delayMs = backoffMs.firstMs;
  }

  /** Lets timers, I/O and desk actions run between two batches. */
  yield(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }

  /** A pause between batches while the desk is busy. */
  rest(ms: number): Promise<void> {
    return ms > 0 ? this.sleep(ms) : this.yield();
  }

  /** Up to date: look again after the poll interval, or at once on wake(). */
  idle(): Promise<void> {
    return this.sleep(this.pollMs);
  }

  /** Down: wait, then double the next wait (with jitter, so many desks do not retry in step), up to the maximum. */
  backoff(): Promise<void> {
    const wait = this.delayMs * (0.8 + Math.random() * 0.4);
    this.delayMs = Math.min(this.delayMs * 2, this.backoffMs.maxMs);
    return this.sleep(wait);
  }

  /** A session is up again: the next outage starts from the first delay. */
  connected(): void {
    this.delayMs = this.backoffMs.firstMs;
  }

  wake(): void {
    this.release?.();
  }

  stop(): void {
    this.stopped = true;
    this.release?.();
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        if (this.timer) clearTimeout(this.timer);
        this.timer = null;
        this.release = null;
        resolve();
      };
      this.release = done;
      this.timer = setTimeout(done, ms);
      // A waiting forwarder never keeps the process alive.
      this.timer.unref();
    });
  }
}

/** How long closing a forwarder waits for the batch in flight. */
export const CLOSE_WAIT_MS = 2_000;

/** Waits for `work` (if any), at most `ms`. */
export async function settledWithin(work: Promise<unknown> | null, ms: number): Promise<void> {
  if (!work) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work.catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
