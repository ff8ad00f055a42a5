import { afterEach, describe, expect, it, vi } from 'vitest';
import { LateSettler } from '../../../../src/main/audit/late-settler';
import { silentLogger } from '../../../../src/main/logger';

afterEach(() => {
  vi.useRealTimers();
});

/** A recheck that fails (directory away) `failures` times, then answers `applied`. */
function flakyRecheck(failures: number, applied: boolean) {
  let calls = 0;
  const recheck = vi.fn(async () => {
    calls += 1;
    if (calls <= failures) throw new Error('directory away');
    return applied;
  });
  return recheck;
}

describe('LateSettler', () => {
  it('keeps trying while the directory is away, then records what the entry says', async () => {
    vi.useFakeTimers();
    const settler = new LateSettler(silentLogger, [100, 200, 400]);
    const settle = vi.fn();
    const recheck = flakyRecheck(2, true);
    settler.watch({ recheck, settle });
    expect(settler.pending).toBe(1);
    await vi.advanceTimersByTimeAsync(100 + 200);
    expect(settle).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(400);
    expect(recheck).toHaveBeenCalledTimes(3);
    expect(settle).toHaveBeenCalledExactlyOnceWith('success');
    expect(settler.pending).toBe(0);
  });

  it('records a failure when the change is not there', async () => {
    vi.useFakeTimers();
    const settler = new LateSettler(silentLogger, [10]);
    const settle = vi.fn();
    settler.watch({ recheck: flakyRecheck(0, false), settle });
    await vi.advanceTimersByTimeAsync(10);
    expect(settle).toHaveBeenCalledExactlyOnceWith('failure');
  });

  it('gives up with unknown after its last try', async () => {
    vi.useFakeTimers();
    const settler = new LateSettler(silentLogger, [10, 20]);
    const settle = vi.fn();
    const recheck = flakyRecheck(99, true);
    settler.watch({ recheck, settle });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(recheck).toHaveBeenCalledTimes(2);
    expect(settle).toHaveBeenCalledExactlyOnceWith('unknown');
    expect(settler.pending).toBe(0);
  });

  it('at shutdown, whatever is still uncertain is recorded unknown, once, and no try runs after', async () => {
    vi.useFakeTimers();
    const settler = new LateSettler(silentLogger, [1_000]);
    const settle = vi.fn();
    const recheck = flakyRecheck(0, true);
    settler.watch({ recheck, settle });
    settler.watch({ recheck, settle });
    settler.close();
    expect(settle).toHaveBeenCalledTimes(2);
    expect(settle).toHaveBeenNthCalledWith(1, 'unknown');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(recheck).not.toHaveBeenCalled();
    expect(settle).toHaveBeenCalledTimes(2);
  });

  it('a recheck answering after shutdown changes nothing', async () => {
    vi.useFakeTimers();
    const settler = new LateSettler(silentLogger, [10]);
    const settle = vi.fn();
    let answer: (applied: boolean) => void = () => undefined;
    settler.watch({ recheck: () => new Promise<boolean>((resolve) => (answer = resolve)), settle });
    await vi.advanceTimersByTimeAsync(10);
    settler.close();
    answer(true);
    await vi.advanceTimersByTimeAsync(10);
    expect(settle).toHaveBeenCalledExactlyOnceWith('unknown');
  });
});
