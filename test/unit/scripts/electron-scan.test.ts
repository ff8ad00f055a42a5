/**
 * The Electron configuration scan (Electronegativity over src/ and over the real window
 * options and CSP): no finding without a written reason, no reason without a finding,
 * no file the scanner could not parse. And the scan is not blind: an insecure window
 * written the same way is reported.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checklistFindings, readExceptions, scanElectron } from '../../../scripts/electron-scan';

// The scan parses all of src/: 70 s at a load average of 22 on 2 shared cores.
const SCAN_TIMEOUT = 240_000;
const scratch = mkdtempSync(join(tmpdir(), 'guichet-electron-scan-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('Electron configuration scan', () => {
  it(
    'finds nothing in src/ or in the real window options that is not explained',
    async () => {
      const report = await scanElectron();
      process.stdout.write(`electron-scan: ${report.checks} checks, ${report.findings.length} findings (all explained), ${report.seconds} s\n`);
      expect(report.parseErrors).toEqual([]);
      expect(report.unexplained.map((f) => `${f.rule} ${f.file}:${f.line} ${f.message}`)).toEqual([]);
      expect(report.stale.map((e) => `${e.rule} ${e.file}`)).toEqual([]);
      // The probe holds the real options: sandbox and context isolation pass there.
      const probe = report.findings.filter((f) => f.file.startsWith('(probe)/'));
      expect(probe.map((f) => f.rule)).not.toContain('SANDBOX_JS_CHECK');
      expect(probe.map((f) => f.rule)).not.toContain('CONTEXT_ISOLATION_JS_CHECK');
      expect(probe.map((f) => f.rule)).not.toContain('NODE_INTEGRATION_JS_CHECK');
      // Checklist items 18 (custom protocol, no file://) and 19 (fuses): not a finding, explained or not.
      expect(report.findings.filter((f) => f.rule.startsWith('CHECKLIST_'))).toEqual([]);
    },
    SCAN_TIMEOUT,
  );

  it('gives every exception a reason', () => {
    for (const exception of readExceptions()) expect(exception.reason.length).toBeGreaterThan(60);
  });

  it(
    'reports an insecure window and a weak CSP as unexplained',
    async () => {
      const dir = join(scratch, 'insecure');
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, 'main.js'),
        [
          "const { BrowserWindow } = require('electron');",
          'const a = new BrowserWindow({ webPreferences: { sandbox: false, contextIsolation: false, webSecurity: false } });',
          // Electronegativity skips nodeIntegration where `sandbox` is written at all: a second window.
          'const b = new BrowserWindow({ webPreferences: { nodeIntegration: true } });',
          "a.loadURL('http://example.com/');",
          "b.loadURL('http://example.com/');",
          '',
        ].join('\n'),
      );
      writeFileSync(
        join(dir, 'index.html'),
        `<html><head><meta http-equiv="Content-Security-Policy" content="default-src * 'unsafe-inline' 'unsafe-eval'"></head></html>\n`,
      );
      const report = await scanElectron({ inputs: [{ dir, label: 'insecure' }] });
      const rules = report.unexplained.map((f) => f.rule);
      expect(rules).toEqual(
        expect.arrayContaining(['SANDBOX_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK', 'NODE_INTEGRATION_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'CSP_GLOBAL_CHECK']),
      );
      expect(report.unexplained.every((f) => f.file === 'N/A' || f.file.startsWith('insecure/'))).toBe(true);
      // Nothing of src/ was scanned here, so every src/ and probe exception reads stale.
      expect(report.stale.length).toBe(readExceptions().length);
    },
    SCAN_TIMEOUT,
  );

  it('reports a shell that loads file:// or sets no fuses (checklist items 18 and 19)', async () => {
    const root = join(scratch, 'file-protocol-app');
    mkdirSync(join(root, 'src', 'main'), { recursive: true });
    writeFileSync(
      join(root, 'src', 'main', 'index.ts'),
      [
        "import { app, BrowserWindow } from 'electron';",
        '// file:// is named in this comment only, which is no finding',
        "app.whenReady().then(() => new BrowserWindow().loadFile('out/renderer/index.html'));",
        "const url = `file://${__dirname}/index.html`;",
        '',
      ].join('\n'),
    );
    writeFileSync(join(root, 'electron-builder.yml'), 'electronFuses:\n  runAsNode: true\n  onlyLoadAppFromAsar: true\n');
    const findings = checklistFindings(root);
    expect(findings.filter((f) => f.rule === 'CHECKLIST_18_FILE_PROTOCOL').map((f) => `${f.file}:${f.line}`)).toEqual(['src/main/index.ts:3', 'src/main/index.ts:4']);
    expect(findings.map((f) => f.rule)).toContain('CHECKLIST_18_CUSTOM_PROTOCOL');
    const fuses = findings.filter((f) => f.rule === 'CHECKLIST_19_FUSES').map((f) => f.message);
    expect(fuses).toHaveLength(5);
    expect(fuses.join('\n')).toContain('electronFuses.runAsNode must be false');
    expect(fuses.join('\n')).not.toContain('onlyLoadAppFromAsar');
    const report = await scanElectron({ inputs: [], checklistRoot: root });
    expect(report.unexplained.map((f) => f.rule)).toEqual(expect.arrayContaining(['CHECKLIST_18_FILE_PROTOCOL', 'CHECKLIST_19_FUSES']));
  });
});
