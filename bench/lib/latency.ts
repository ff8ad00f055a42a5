/** What the latency benchmarks share: percentiles, rounding, the machine and its load (other work on a shared machine skews the tails). */
import { cpus, loadavg, totalmem } from 'node:os';

export const round = (n: number, digits = 3): number => Math.round(n * 10 ** digits) / 10 ** digits;

const percentile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

export interface LatencyStats {
  p50: number;
  p95: number;
  mean: number;
  n: number;
}

export function latencyStats(samples: readonly number[]): LatencyStats {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: round(percentile(s, 0.5)), p95: round(percentile(s, 0.95)), mean: round(s.reduce((a, b) => a + b, 0) / s.length), n: s.length };
}

/** The 1-minute load average now. */
export const loadNow = (): number => round(loadavg()[0]!, 2);

export function machine(loadAtStart: number) {
  return {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    memoryGiB: round(totalmem() / 2 ** 30),
    loadAverage: { start: loadAtStart, end: loadNow() },
  };
}

/** `--name value` or `--name=value` from the command line. */
export function argValue(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}
