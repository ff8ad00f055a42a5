/** npm run mutation's score: killed over valid mutants, listed equivalents out of the count, the rest printed as open. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEquivalents, scoreReport, type ReportJson } from '../../../scripts/mutation/scores';

const mutant = (status: string, line: number, mutatorName = 'EqualityOperator', replacement = 'a >= b') => ({
  id: `${line}-${status}`,
  mutatorName,
  replacement,
  status,
  location: { start: { line, column: 5 } },
});

const report: ReportJson = {
  files: {
    'src/a.ts': {
      mutants: [
        mutant('Killed', 1),
        mutant('Killed', 2),
        mutant('Timeout', 3),
        mutant('Survived', 4),
        mutant('NoCoverage', 5, 'BlockStatement', '{\n  }'),
        mutant('CompileError', 6),
        mutant('Ignored', 7),
      ],
    },
  },
};

describe('mutation scores', () => {
  it('counts killed and timed-out mutants over the valid ones; compile errors and ignored ones are not valid', () => {
    const score = scoreReport(report, []);
    expect(score).toMatchObject({ mutants: 7, killed: 2, timeout: 1, survived: 1, noCoverage: 1, invalid: 2, equivalent: 0 });
    expect(score.raw).toBeCloseTo(60, 6);
    expect(score.score).toBeCloseTo(60, 6);
    expect(score.open).toEqual(['src/a.ts:4:5 EqualityOperator a >= b', 'src/a.ts:5:5 BlockStatement { }']);
  });

  it('takes the mutants EQUIVALENTS.md lists out of the score, not out of the raw score', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-mutation-'));
    const path = join(dir, 'EQUIVALENTS.md');
    writeFileSync(path, '# Equivalent mutants\n\n- `src/a.ts:4:5 EqualityOperator a >= b` both sides are equal there.\n- not a listed line\n');
    const listed = readEquivalents(path);
    expect(listed).toEqual([{ key: 'src/a.ts:4:5 EqualityOperator a >= b', reason: 'both sides are equal there.' }]);
    const score = scoreReport(report, listed);
    expect(score.equivalent).toBe(1);
    expect(score.score).toBeCloseTo(75, 6);
    expect(score.raw).toBeCloseTo(60, 6);
    expect(score.open).toEqual(['src/a.ts:5:5 BlockStatement { }']);
    expect(readEquivalents(join(dir, 'missing.md'))).toEqual([]);
    // A key with backticks in it (an emptied template literal) is fenced with three.
    writeFileSync(path, '- ``` src/a.ts:9:5 StringLiteral `` ``` an empty stamp is never kept.\n');
    expect(readEquivalents(path)).toEqual([{ key: 'src/a.ts:9:5 StringLiteral ``', reason: 'an empty stamp is never kept.' }]);
  });
});
