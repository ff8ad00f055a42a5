/**
 * `npm run mutation [-- --module NAME[,NAME]] [--concurrency N] [--force] [--only FILE:FROM-TO] [--rescore] [--list]`: StrykerJS over the
 * security-critical modules, one module at a time, each against the test files that guard it.
 * Writes bench/results/mutation/<module>/{mutation.html,mutation.json,incremental.json} and
 * bench/results/mutation/summary.json, and prints the score per module.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MUTATION_MODULES, type MutationModule } from './mutation/modules';
import { readEquivalents, scoreReport, type ModuleScore, type ReportJson } from './mutation/scores';

const RESULTS = join('bench', 'results', 'mutation');
const EQUIVALENTS = join(RESULTS, 'EQUIVALENTS.md');
const TARGET = 90;
// Copied into Stryker's sandbox: compiles the mutated files and what they import, not the whole project.
const checkerTsconfigPath = (module: MutationModule) => `tsconfig.mutation.${module.name}.json`;

const { values } = parseArgs({
  options: {
    module: { type: 'string', multiple: true },
    concurrency: { type: 'string', default: '2' },
    list: { type: 'boolean', default: false },
    // Stryker's incremental mode reuses the result of a module-level ("static") mutant even when
    // the tests changed: --force tests every mutant again (and rewrites the incremental file).
    force: { type: 'boolean', default: false },
    // Scores the reports already written again (after editing EQUIVALENTS.md), without running Stryker.
    rescore: { type: 'boolean', default: false },
    // With --force: tests again only the mutants on these lines of the module's files (`file:from-to`);
    // Stryker keeps every other result of the incremental file.
    only: { type: 'string', multiple: true },
  },
});

if (values.list) {
  for (const m of MUTATION_MODULES) console.log(`${m.name.padEnd(16)} ${m.what}`);
  process.exit(0);
}

// A name picks that module; "audit" also picks every audit-* module.
const picks = (name: string, module: MutationModule) => module.name === name || module.name.startsWith(`${name}-`);
const asked = (values.module ?? []).flatMap((m) => m.split(',')).filter(Boolean);
const unknown = asked.filter((name) => !MUTATION_MODULES.some((m) => picks(name, m)));
if (unknown.length > 0) {
  console.error(`Unknown module ${unknown.join(', ')}; known: ${MUTATION_MODULES.map((m) => m.name).join(', ')}`);
  process.exit(2);
}
const chosen = asked.length === 0 ? MUTATION_MODULES : MUTATION_MODULES.filter((m) => asked.some((name) => picks(name, m)));
const only = values.only ?? [];
const fileOf = (spec: string) => spec.replace(/:\d+-\d+$/, '');
if (only.length > 0 && (chosen.length !== 1 || !values.force || only.some((spec) => !/:\d+-\d+$/.test(spec) || !chosen[0]!.mutate.some((m) => fileOf(m) === fileOf(spec))))) {
  console.error('--only takes --force, one --module, and `file:from-to` ranges of that module\'s files.');
  process.exit(2);
}

function checkerTsconfig(module: MutationModule): object {
  const tier =
    module.tier === 'web'
      ? { lib: ['ES2023', 'DOM', 'DOM.Iterable'], types: [], jsx: 'react-jsx' }
      : { lib: ['ES2023'], types: ['node'] };
  return {
    extends: './tsconfig.base.json',
    compilerOptions: { ...tier, noEmit: true },
    // The renderer's `window.guichet` is declared by the preload's API file.
    files: [...module.mutate.map(fileOf), ...(module.tier === 'web' ? ['src/preload/api.ts'] : [])],
  };
}

function strykerConfig(module: MutationModule): object {
  const dir = join(RESULTS, module.name);
  return {
    packageManager: 'npm',
    testRunner: 'vitest',
    // Forks, not threads: a test may set process.umask(), which worker threads refuse.
    vitest: { configFile: 'vitest.mutation.config.ts', related: false, pool: 'forks' },
    checkers: ['typescript'],
    tsconfigFile: checkerTsconfigPath(module),
    coverageAnalysis: 'perTest',
    mutate: only.length > 0 ? only : module.mutate,
    concurrency: Number(values.concurrency),
    incremental: true,
    incrementalFile: join(dir, 'incremental.json'),
    reporters: ['html', 'json', 'progress'],
    htmlReporter: { fileName: join(dir, 'mutation.html') },
    jsonReporter: { fileName: join(dir, 'mutation.json') },
    // One folder per module, so that two modules can run at once.
    tempDirName: join('.stryker-tmp', module.name),
    ignorePatterns: ['.stryker-tmp', 'out', 'dist', 'test-results', 'playwright-report', 'bench/results', 'docs', '.tmp', '.scratch*', 'coverage'],
    timeoutMS: 10_000,
    thresholds: { high: TARGET, low: 80, break: null },
  };
}

function scoreOf(module: MutationModule): ModuleScore | null {
  const reportPath = join(RESULTS, module.name, 'mutation.json');
  if (!existsSync(reportPath)) return null;
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as ReportJson;
  return scoreReport(report, readEquivalents(EQUIVALENTS));
}

function runModule(module: MutationModule): { score: ModuleScore | null; seconds: number } {
  if (values.rescore) return { score: scoreOf(module), seconds: 0 };
  const dir = join(RESULTS, module.name);
  mkdirSync(dir, { recursive: true });
  mkdirSync('.stryker-tmp', { recursive: true });
  writeFileSync(checkerTsconfigPath(module), `${JSON.stringify(checkerTsconfig(module), null, 2)}\n`);
  const configPath = join('.stryker-tmp', `stryker.${module.name}.json`);
  writeFileSync(configPath, JSON.stringify(strykerConfig(module), null, 2));
  console.log(`\n=== ${module.name}: ${module.what} (${module.mutate.length} files, ${module.tests.length} test files)`);
  const started = Date.now();
  const run = spawnSync('npx', ['stryker', 'run', configPath, ...(values.force ? ['--force'] : [])], {
    stdio: 'inherit',
    env: { ...process.env, GUICHET_MUTATION_TESTS: JSON.stringify(module.tests), GUICHET_FUZZ_SHARE: '0.25' },
  });
  const seconds = Math.round((Date.now() - started) / 1000);
  if (run.status !== 0) {
    console.error(`Stryker failed on ${module.name} (exit ${run.status}).`);
    return { score: null, seconds };
  }
  return { score: scoreOf(module), seconds };
}

const summaryPath = join(RESULTS, 'summary.json');
// Read again before each write: another module may have finished in the meantime.
const readSummary = (): Record<string, unknown> => (existsSync(summaryPath) ? JSON.parse(readFileSync(summaryPath, 'utf8')) : {});
const rows: string[] = [];
let failed = false;
for (const module of chosen) {
  const { score, seconds } = runModule(module);
  if (score === null) {
    failed = true;
    rows.push(`${module.name.padEnd(16)} ${values.rescore ? 'no report yet' : 'run failed'}`);
    continue;
  }
  const passed = score.score >= TARGET;
  if (!passed) failed = true;
  const summary = readSummary();
  const previous = summary[module.name] as { seconds?: number; at?: string } | undefined;
  summary[module.name] = values.rescore
    ? { ...score, target: TARGET, passed, seconds: previous?.seconds ?? null, at: previous?.at ?? null }
    : { ...score, target: TARGET, passed, seconds, at: new Date().toISOString() };
  writeFileSync(summaryPath, `${JSON.stringify(summary, null, 2)}\n`);
  rows.push(
    `${module.name.padEnd(16)} ${score.score.toFixed(1).padStart(5)} % (raw ${score.raw.toFixed(1)} %)  ` +
      `${score.mutants} mutants: ${score.killed} killed, ${score.timeout} timeout, ${score.survived} survived, ` +
      `${score.noCoverage} no coverage, ${score.invalid} invalid, ${score.equivalent} listed equivalent  ${seconds} s  ${passed ? 'ok' : `below ${TARGET} %`}`,
  );
  for (const key of score.open) rows.push(`    open: ${key}`);
}
console.log(`\nMutation score per module (target ${TARGET} %, equivalents listed in ${EQUIVALENTS} out of the count):`);
for (const row of rows) console.log(row);
process.exit(failed ? 1 : 0);
