/**
 * Electron configuration scan: Electronegativity over `src/`, plus a probe built from the
 * options the shell really uses (`windowOptions()` written out as a literal, the CSP
 * header as a meta tag), because the scanner cannot follow a function call and would
 * otherwise never see `sandbox: true`. Every finding must be listed, with its reason, in
 * `.electronegativity-exceptions.json`; an exception nothing matches any more is an error
 * too, so the list stays honest.
 *
 *   npm run scan:electron              # prints the findings, exit 1 on anything unexplained
 *   npm run scan:electron -- --keep    # keeps the SARIF reports and prints where
 *
 * Electronegativity is run through its own runner, offline: its CLI fetches translations
 * and Electron's release list over the network, and on Node 24 a failed fetch retried by
 * its `got` 11 crashes the process ("onCancel handler was attached after the promise
 * settled"). `got` is replaced by a stub that always rejects, so the scan is deterministic,
 * and the release-list check (AvailableSecurityFixesGlobalCheck, network only) is skipped:
 * the Electron version is pinned and followed in DEPENDENCIES.md. The CLI would also write
 * CSV whatever `-o x.sarif` says (it reads an option it never declares); the runner is asked
 * for SARIF directly, and its report is read once complete (it is written without await).
 *
 * Electronegativity has no check for checklist items 18 (custom protocol instead of file://)
 * and 19 (fuses): `checklistFindings` adds them, read from src/main and electron-builder.yml,
 * and they go through the same exception list.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY, windowOptions } from '../src/main/window';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const EXCEPTIONS_FILE = join(ROOT, '.electronegativity-exceptions.json');

/** Checks that need the network; never run. */
const OFFLINE_EXCLUDED = ['AvailableSecurityFixesGlobalCheck'];
/** The probe holds options only: checks about code structure (handlers present) run on src/. */
const PROBE_EXCLUDED = [...OFFLINE_EXCLUDED, 'LimitNavigationGlobalCheck', 'PermissionRequestHandlerGlobalCheck'];

export interface Finding {
  rule: string;
  /** `src/...`, `(probe)/...`, or `N/A` for a project-wide finding. */
  file: string;
  line: number;
  level: string;
  message: string;
}

export interface ScanException {
  rule: string;
  file: string;
  reason: string;
}

export interface ScanReport {
  findings: Finding[];
  explained: Array<Finding & { reason: string }>;
  unexplained: Finding[];
  /** Exceptions that match no finding any more. */
  stale: ScanException[];
  /** Files the scanner could not parse (they would escape the scan). */
  parseErrors: string[];
  checks: number;
  seconds: number;
  sarifFiles: string[];
}

interface RunnerIssue {
  id: string;
}
interface RunnerResult {
  globalChecks: number;
  atomicChecks: number;
  errors: Array<{ file: string; message: string; tolerable: boolean }>;
  issues: RunnerIssue[];
}
type Runner = (options: Record<string, unknown>, forCli?: boolean) => Promise<RunnerResult>;

let runner: Runner | null = null;

/** Loads Electronegativity's runner with `got` stubbed out: no network, no crash. */
function loadRunner(): Runner {
  if (runner) return runner;
  const requireHere = createRequire(import.meta.url);
  const packageJson = requireHere.resolve('@doyensec/electronegativity/package.json');
  const requireThere = createRequire(packageJson);
  const gotPath = requireThere.resolve('got');
  const offline = Object.assign(() => Promise.reject(new Error('Electronegativity runs offline here')), {});
  Object.assign(offline, { default: offline, head: offline, get: offline });
  const cache = requireThere.cache as Record<string, unknown>;
  cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline, children: [], paths: [] };
  runner = requireThere('./dist/runner.js') as Runner;
  return runner;
}

/** An object literal in source form, keys unquoted, so the scanner reads it as code would be written. */
function literal(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${literal(v)}`);
  return `{ ${entries.join(', ')} }`;
}

/** The probe: the real BrowserWindow options and the real CSP, where the scanner can read them. */
export function writeProbe(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const options = windowOptions('/opt/guichet/resources/app.asar/out/preload/index.cjs');
  writeFileSync(
    join(dir, 'window-options.js'),
    [
      '// Generated by scripts/electron-scan.ts from src/main/window.ts windowOptions().',
      "const { BrowserWindow } = require('electron');",
      `const mainWindow = new BrowserWindow(${literal(options)});`,
      'module.exports = mainWindow;',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'index.html'),
    [
      '<!doctype html>',
      '<!-- Generated by scripts/electron-scan.ts: the CSP header set in src/main/index.ts (CONTENT_SECURITY_POLICY). -->',
      `<html><head><meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}"></head><body></body></html>`,
      '',
    ].join('\n'),
  );
}

/** The fuses checklist item 19 asks for, as electron-builder's `electronFuses` names them. */
export const REQUIRED_FUSES: Record<string, boolean> = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
};

const FILE_PROTOCOL_USES: Array<[RegExp, string]> = [
  [/\.loadFile\s*\(/, 'loadFile() loads the page from file://'],
  [/['"`]file:\/\//, 'a file:// URL'],
  [/\b(registerFileProtocol|interceptFileProtocol)\b/, 'a file protocol handler'],
];

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.(ts|js|mjs|cjs)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Code lines only: comments may name file:// to say why it is not used. */
const codeOf = (line: string) => (/^\s*(\/\/|\*|\/\*)/.test(line) ? '' : line.replace(/\s\/\/\s.*$/, ''));

/** Checklist items 18 and 19, which Electronegativity does not check. Files are relative to `root`. */
export function checklistFindings(root: string): Finding[] {
  const findings: Finding[] = [];
  const add = (rule: string, file: string, line: number, message: string) => findings.push({ rule, file, line, level: 'error', message });
  for (const path of sourceFiles(join(root, 'src', 'main'))) {
    const file = relative(root, path).split('\\').join('/');
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((text, i) => {
        for (const [pattern, what] of FILE_PROTOCOL_USES)
          if (pattern.test(codeOf(text))) add('CHECKLIST_18_FILE_PROTOCOL', file, i + 1, `Item 18: ${what}; serve the app from a custom protocol.`);
      });
  }
  const shell = join(root, 'src', 'main', 'index.ts');
  const shellText = existsSync(shell) ? readFileSync(shell, 'utf8') : '';
  if (!/protocol\.registerSchemesAsPrivileged\(/.test(shellText) || !/protocol\.handle\(/.test(shellText))
    add('CHECKLIST_18_CUSTOM_PROTOCOL', 'src/main/index.ts', 0, 'Item 18: no privileged custom scheme registered before ready and handled with protocol.handle.');
  const builder = join(root, 'electron-builder.yml');
  const fuses = existsSync(builder) ? ((parseYaml(readFileSync(builder, 'utf8')) as { electronFuses?: Record<string, unknown> } | null)?.electronFuses ?? null) : null;
  for (const [fuse, wanted] of Object.entries(REQUIRED_FUSES)) {
    if (fuses?.[fuse] !== wanted)
      add('CHECKLIST_19_FUSES', 'electron-builder.yml', 0, `Item ${fuse === 'grantFileProtocolExtraPrivileges' ? 18 : 19}: electronFuses.${fuse} must be ${wanted}.`);
  }
  return findings;
}

interface Sarif {
  runs: Array<{
    results: Array<{
      ruleId: string;
      level: string;
      message: { text: string };
      locations?: Array<{ physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number } } }>;
    }>;
  }>;
}

/** Findings of one SARIF report, files prefixed with the scanned folder's label. */
export function readSarif(path: string, label: string): Finding[] {
  const sarif = JSON.parse(readFileSync(path, 'utf8')) as Sarif;
  return sarif.runs.flatMap((run) =>
    run.results.map((result) => {
      const location = result.locations?.[0]?.physicalLocation;
      const uri = location?.artifactLocation?.uri ?? 'file:///';
      return {
        rule: result.ruleId,
        file: uri === 'file:///' || uri === 'N/A' ? 'N/A' : `${label}/${uri.replace(/^\.?\/+/, '')}`,
        line: location?.region?.startLine ?? 0,
        level: result.level,
        message: result.message.text,
      };
    }),
  );
}

/** The runner writes its report with an unawaited fs.writeFile: wait until it parses. */
async function readSarifWhenWritten(path: string, label: string, timeoutMs = 10_000): Promise<Finding[]> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      return readSarif(path, label);
    } catch (error) {
      if (performance.now() > deadline) throw new Error(`no complete SARIF report at ${path}: ${String(error)}`);
      await new Promise((done) => setTimeout(done, 20));
    }
  }
}

export function readExceptions(path = EXCEPTIONS_FILE): ScanException[] {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { exceptions?: unknown };
  if (!Array.isArray(parsed.exceptions)) throw new Error(`${path}: "exceptions" must be an array`);
  return parsed.exceptions.map((e: unknown, i) => {
    const x = e as Partial<ScanException>;
    if (typeof x.rule !== 'string' || typeof x.file !== 'string' || typeof x.reason !== 'string' || x.reason.trim().length < 20) {
      throw new Error(`${path}: exception ${i} needs a rule, a file and a reason of a sentence or more`);
    }
    return { rule: x.rule, file: x.file, reason: x.reason };
  });
}

async function scanFolder(input: string, label: string, exclude: string[], sarifPath: string, electronVersion: string) {
  const run = loadRunner();
  // The runner logs its (failed) translation fetch; nothing else useful goes to the console.
  const log = console.log;
  console.log = () => {};
  let result: RunnerResult;
  try {
    result = await run(
      {
        input,
        output: sarifPath,
        isSarif: true,
        customScan: [],
        excludeFromScan: exclude,
        isRelative: true,
        isVerbose: true,
        electronVersionOverride: electronVersion,
        parserPlugins: [],
      },
      false,
    );
  } finally {
    console.log = log;
  }
  return {
    findings: await readSarifWhenWritten(sarifPath, label),
    checks: result.globalChecks + result.atomicChecks,
    parseErrors: result.errors.filter((e) => !e.tolerable).map((e) => `${e.file}: ${e.message}`),
  };
}

/** Scans src/ and the probe, and sorts every finding into explained or unexplained. */
export interface ScanInput {
  dir: string;
  /** Prefix of the findings' file names, e.g. `src`. */
  label: string;
  /** Check class names to skip (default: the network-only ones). */
  exclude?: string[];
}

export async function scanElectron(
  options: {
    root?: string;
    exceptionsPath?: string;
    keepSarif?: boolean;
    inputs?: ScanInput[];
    /** Where checklist items 18 and 19 are checked (src/main, electron-builder.yml); the project's own unless `inputs` are given. */
    checklistRoot?: string | null;
  } = {},
): Promise<ScanReport> {
  const started = performance.now();
  const root = options.root ?? ROOT;
  const work = mkdtempSync(join(tmpdir(), 'guichet-electron-scan-'));
  const electronVersion = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> })
    .devDependencies['electron']!.replace(/^[^\d]*/, '');
  try {
    const probeDir = join(work, 'probe');
    writeProbe(probeDir);
    const inputs: ScanInput[] = options.inputs ?? [
      { dir: join(root, 'src'), label: 'src', exclude: OFFLINE_EXCLUDED },
      { dir: probeDir, label: '(probe)', exclude: PROBE_EXCLUDED },
    ];
    const findings: Finding[] = [];
    const parseErrors: string[] = [];
    const sarifFiles: string[] = [];
    let checks = 0;
    for (const [i, input] of inputs.entries()) {
      const sarifPath = join(work, `report-${i}.sarif`);
      const scanned = await scanFolder(input.dir, input.label, input.exclude ?? OFFLINE_EXCLUDED, sarifPath, electronVersion);
      findings.push(...scanned.findings);
      parseErrors.push(...scanned.parseErrors);
      checks = Math.max(checks, scanned.checks);
      sarifFiles.push(sarifPath);
    }
    const checklistRoot = options.checklistRoot === undefined ? (options.inputs ? null : root) : options.checklistRoot;
    if (checklistRoot) findings.push(...checklistFindings(checklistRoot));
    const exceptions = readExceptions(options.exceptionsPath ?? EXCEPTIONS_FILE);
    const explained: ScanReport['explained'] = [];
    const unexplained: Finding[] = [];
    for (const finding of findings) {
      const exception = exceptions.find((e) => e.rule === finding.rule && e.file === finding.file);
      if (exception) explained.push({ ...finding, reason: exception.reason });
      else unexplained.push(finding);
    }
    const stale = exceptions.filter((e) => !findings.some((f) => f.rule === e.rule && f.file === e.file));
    return {
      findings,
      explained,
      unexplained,
      stale,
      parseErrors,
      checks,
      seconds: Math.round((performance.now() - started) / 100) / 10,
      sarifFiles: options.keepSarif ? sarifFiles : [],
    };
  } finally {
    if (!options.keepSarif) rmSync(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const keep = process.argv.includes('--keep');
  const report = await scanElectron({ keepSarif: keep });
  const where = (f: Finding) => `${f.rule}  ${f.file}${f.line ? `:${f.line}` : ''}`;
  process.stdout.write(`Electronegativity: ${report.checks} checks, ${report.findings.length} findings, ${report.seconds} s\n`);
  for (const f of report.explained) process.stdout.write(`  explained    ${where(f)}\n`);
  for (const f of report.unexplained) process.stdout.write(`  UNEXPLAINED  ${where(f)}\n               ${f.message}\n`);
  for (const e of report.stale) process.stdout.write(`  STALE        ${e.rule}  ${e.file} (no such finding any more: remove the exception)\n`);
  for (const e of report.parseErrors) process.stdout.write(`  UNPARSED     ${e}\n`);
  if (keep) process.stdout.write(`SARIF: ${report.sarifFiles.join(', ')}\n`);
  const bad = report.unexplained.length + report.stale.length + report.parseErrors.length;
  process.stdout.write(bad === 0 ? 'No unexplained finding.\n' : `${bad} problem(s): explain, fix or remove them in .electronegativity-exceptions.json\n`);
  process.exitCode = bad === 0 ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void main();
}
