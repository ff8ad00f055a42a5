/**
 * `npm test`: every tier in order (type-check, lint, unit, integration, build, e2e),
 * then one line "N passed, N failed" counting them all. Exits non-zero on any failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensurePrerequisites } from './prerequisites';

interface TierResult {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
  seconds: number;
}

const results: TierResult[] = [];
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const wanted = (tier: string) => only.length === 0 || only.includes(tier);

function run(command: string, args: string[]): { ok: boolean; seconds: number } {
  const started = Date.now();
  const child = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  return { ok: child.status === 0, seconds: (Date.now() - started) / 1000 };
}

function check(name: string, command: string, args: string[]): void {
  if (!wanted(name)) return;
  console.log(`\n=== ${name}`);
  const { ok, seconds } = run(command, args);
  results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, seconds });
}

function readJson(path: string): Record<string, unknown> | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

function vitestTier(name: 'unit' | 'integration'): void {
  if (!wanted(name)) return;
  console.log(`\n=== ${name}`);
  const report = `test-results/vitest-${name}.json`;
  rmSync(report, { force: true });
  const { ok, seconds } = run('vitest', ['run', '--project', name, '--reporter=default', '--reporter=json', `--outputFile=${report}`]);
  const json = readJson(report);
  const passed = Number(json?.['numPassedTests'] ?? 0);
  const failedTests = Number(json?.['numFailedTests'] ?? 0);
  const skipped = Number(json?.['numPendingTests'] ?? 0) + Number(json?.['numTodoTests'] ?? 0);
  // A crash before any report, or a failing suite with no failing test, still counts as a failure.
  const failed = failedTests > 0 ? failedTests : ok ? 0 : 1;
  results.push({ name, passed, failed, skipped, seconds });
}

function e2eTier(): void {
  if (!wanted('e2e')) return;
  console.log('\n=== e2e');
  const report = 'test-results/e2e-report.json';
  rmSync(report, { force: true });
  const { ok, seconds } = run('playwright', ['test']);
  const stats = (readJson(report)?.['stats'] ?? {}) as Record<string, number>;
  const passed = Number(stats['expected'] ?? 0) + Number(stats['flaky'] ?? 0);
  const failedTests = Number(stats['unexpected'] ?? 0);
  const failed = failedTests > 0 ? failedTests : ok ? 0 : 1;
  results.push({ name: 'e2e', passed, failed, skipped: Number(stats['skipped'] ?? 0), seconds });
}

mkdirSync('test-results', { recursive: true });
if (!ensurePrerequisites((line) => console.log(line))) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
check('typecheck', 'npm', ['run', '-s', 'typecheck']);
check('lint', 'npm', ['run', '-s', 'lint']);
vitestTier('unit');
vitestTier('integration');
check('build', 'electron-vite', ['build']);
if (wanted('e2e') && !existsSync('out/renderer/index.html')) run('electron-vite', ['build']);
e2eTier();

console.log('\n=== summary');
for (const r of results)
  console.log(`${r.name.padEnd(12)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed ${r.skipped ? `${r.skipped} skipped ` : ''}(${r.seconds.toFixed(1)} s)`);
const total = results.reduce((t, r) => ({ p: t.p + r.passed, f: t.f + r.failed, s: t.s + r.skipped }), { p: 0, f: 0, s: 0 });
console.log(`${total.p} passed, ${total.f} failed${total.s ? `, ${total.s} skipped` : ''}`);
process.exit(total.f > 0 ? 1 : 0);
