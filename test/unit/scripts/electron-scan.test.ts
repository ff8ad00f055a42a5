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
import { readExceptions, scanElectron } from '../../../scripts/electron-scan';

const SCAN_TIMEOUT = 60_000;
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
});
