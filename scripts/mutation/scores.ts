/**
 * Scores of a Stryker JSON report (mutation-testing-report-schema), with the mutants that
 * bench/results/mutation/EQUIVALENTS.md lists as equivalent taken out of the count.
 */
import { readFileSync } from 'node:fs';

interface ReportMutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number } };
}

export interface ReportJson {
  files: Record<string, { mutants: ReportMutant[] }>;
}

/**
 * One line of EQUIVALENTS.md: "- `path:line:column Mutator replacement` reason"; a key holding
 * backticks (a template literal emptied: StringLiteral ``) is fenced with three, as Markdown does.
 */
export interface Equivalent {
  key: string;
  reason: string;
}

export interface ModuleScore {
  mutants: number;
  killed: number;
  survived: number;
  noCoverage: number;
  timeout: number;
  invalid: number;
  equivalent: number;
  /** Killed (or timed out) over every valid mutant, in percent. */
  raw: number;
  /** The same with the listed equivalents out of the denominator. */
  score: number;
  /** Survivors or untested mutants not listed as equivalent, as EQUIVALENTS.md keys. */
  open: string[];
}

/** The key a mutant is listed under: where it is, which mutator, what it writes (whitespace folded). */
export function mutantKey(file: string, mutant: ReportMutant): string {
  const replacement = (mutant.replacement ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
  return `${file}:${mutant.location.start.line}:${mutant.location.start.column} ${mutant.mutatorName} ${replacement}`.trim();
}

export function readEquivalents(path: string): Equivalent[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const found: Equivalent[] = [];
  for (const line of text.split('\n')) {
    const match = /^- (`+)(.+?)\1 (.+)$/.exec(line);
    if (match) found.push({ key: match[2]!.trim(), reason: match[3]!.trim() });
  }
  return found;
}

const UNTESTED = new Set(['Survived', 'NoCoverage']);

export function scoreReport(report: ReportJson, equivalents: readonly Equivalent[]): ModuleScore {
  const listed = new Set(equivalents.map((e) => e.key));
  const score: ModuleScore = { mutants: 0, killed: 0, survived: 0, noCoverage: 0, timeout: 0, invalid: 0, equivalent: 0, raw: 0, score: 0, open: [] };
  for (const [file, { mutants }] of Object.entries(report.files)) {
    for (const mutant of mutants) {
      score.mutants += 1;
      if (mutant.status === 'Killed') score.killed += 1;
      else if (mutant.status === 'Timeout') score.timeout += 1;
      else if (mutant.status === 'Survived') score.survived += 1;
      else if (mutant.status === 'NoCoverage') score.noCoverage += 1;
      else score.invalid += 1;
      if (!UNTESTED.has(mutant.status)) continue;
      const key = mutantKey(file, mutant);
      if (listed.has(key)) score.equivalent += 1;
      else score.open.push(key);
    }
  }
  const detected = score.killed + score.timeout;
  const valid = detected + score.survived + score.noCoverage;
  score.raw = valid === 0 ? 100 : (100 * detected) / valid;
  score.score = valid - score.equivalent === 0 ? 100 : (100 * detected) / (valid - score.equivalent);
  return score;
}
