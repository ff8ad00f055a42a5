import { defineConfig } from '@playwright/test';

/**
 * Two projects over the same files: `desk` drives the console as the tests say (mouse and
 * keyboard); `keyboard` runs every journey again keyboard-only (test/e2e/support/keyboard-only.ts,
 * installed by openConsolePage): tests tagged @mouse-only say why they cannot.
 */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.e2e.ts',
  outputDir: 'test-results/e2e-artifacts',
  timeout: 90_000,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-report.json' }]],
  use: { trace: 'off', screenshot: 'only-on-failure' },
  projects: [
    { name: 'desk' },
    { name: 'keyboard', grepInvert: /@mouse-only/, metadata: { keyboardOnly: true } },
  ],
});
