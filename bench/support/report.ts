/** What every benchmark prints and reports: figures with their target and verdict, and a few statistics helpers. */
import { loadavg } from 'node:os';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: string;
  pass?: boolean;
  note?: string;
}

/** The figures of one run, each printed as it is measured (names padded to `nameWidth`). */
export function figureTable(nameWidth: number, targetWidth = 16): { figures: Figure[]; figure: (f: Figure) => void } {
  const figures: Figure[] = [];
  const figure = (f: Figure) => {
    figures.push(f);
    const verdict = f.pass === undefined ? '' : f.pass ? '  OK' : '  MANQUÉ';
    console.log(`  ${f.name.padEnd(nameWidth)} ${String(f.value).padStart(10)} ${f.unit.padEnd(8)} ${(f.target ?? '').padEnd(targetWidth)}${verdict}${f.note ? `  (${f.note})` : ''}`);
  };
  return { figures, figure };
}

export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;
export const load = (): number[] => loadavg().map((n) => round(n, 2));
export const percentile = (samples: number[], p: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};
