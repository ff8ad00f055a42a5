/** bench:central's report: each part of the run (forwarding, review, or all) kept with its own date, load and settings. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import type { Figure } from './report';

export interface PhaseReport {
  at: string;
  loadAverage: { start: number[]; end: number[] };
  durationSeconds: number;
  settings: Record<string, number>;
  figures: Figure[];
}

/** Phase 5's figures (the charts and their floors), which a "charts" part measures apart from phase 4. */
const CHART_FIGURE = /^(central charts|local charts|without counts|floor: a round trip)/;

/** Writes `part` into `out`, keeping the other parts' figures from the last run that measured them (a "charts" part takes phase 5's figures out of "review"). */
export function writePhaseReport(out: string, name: 'all' | 'forwarding' | 'review' | 'charts', part: PhaseReport): void {
  let phases: Record<string, PhaseReport> = {};
  try {
    phases = (JSON.parse(readFileSync(out, 'utf8')) as { phases?: Record<string, PhaseReport> }).phases ?? {};
  } catch {
    // No report yet, or one from before the report had parts: start afresh.
  }
  if (name === 'all') phases = {};
  else delete phases['all'];
  if (name === 'review') delete phases['charts'];
  const review = phases['review'];
  if (name === 'charts' && review) phases['review'] = { ...review, figures: review.figures.filter((f) => !CHART_FIGURE.test(f.name)) };
  phases[name] = part;
  const report = {
    benchmark: 'central',
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.versions.node, postgres: '15' },
    phases,
  };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
}
