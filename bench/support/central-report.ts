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

/** Writes `part` into `out`, keeping the other part's figures from the last run that measured them. */
export function writePhaseReport(out: string, name: 'all' | 'forwarding' | 'review', part: PhaseReport): void {
  let phases: Record<string, PhaseReport> = {};
  try {
    phases = (JSON.parse(readFileSync(out, 'utf8')) as { phases?: Record<string, PhaseReport> }).phases ?? {};
  } catch {
    // No report yet, or one from before the report had parts: start afresh.
  }
  if (name === 'all') phases = {};
  else delete phases['all'];
  phases[name] = part;
  const report = {
    benchmark: 'central',
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.versions.node, postgres: '15' },
    phases,
  };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
}
