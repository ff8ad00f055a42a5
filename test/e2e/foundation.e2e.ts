import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { schemaVersion } from '../../src/main/audit/database';
import { openConsolePage, type ConsolePage } from './console-page';

let app: ConsolePage;

test.beforeAll(async () => {
  app = await openConsolePage();
});
test.afterAll(async () => {
  await app?.close();
});

test('shows the French frame and a real app status from the directory and the audit database', async () => {
  const { page } = app;
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  // Signed out, the navigation offers only the sign-in screen.
  await expect(page.getByRole('navigation').getByRole('button')).toHaveText(['Connexion']);
  await expect(page.getByRole('heading', { name: 'Connexion de l’agent' })).toBeVisible();
  await expect(page.getByTestId('directory-status')).toHaveText(/Annuaire joignable/);
  const version = schemaVersion(app.console.services.auditDb);
  expect(version).toBeGreaterThan(0);
  const footer = page.getByTestId('footer-info');
  await expect(footer).toContainText(`schéma v${version}`);
  await expect(footer).toContainText(app.console.services.configSource.path!);
  await expect(footer).toContainText('Poste : GUICHET-TEST-01');
  expect(app.host.calls).toContain('app:status');
  expect(existsSync(await app.screenshot('foundation-frame-fr'))).toBe(true);
});

test('switches to English and back', async () => {
  const { page } = app;
  await page.getByLabel('Langue').selectOption('en');
  await expect(page.getByRole('heading', { name: 'Agent sign-in' })).toBeVisible();
  await expect(page.getByTestId('directory-status')).toHaveText(/Directory reachable/);
  await app.screenshot('foundation-frame-en');
  await page.getByLabel('Language').selectOption('fr');
  await expect(page.getByRole('heading', { name: 'Connexion de l’agent' })).toBeVisible();
});

test('says the directory is unreachable when slapd stops, and recovers when it is back', async () => {
  const { page, fixture } = app;
  fixture.kill();
  await page.reload();
  await expect(page.getByTestId('directory-status')).toHaveText(/Annuaire injoignable/, { timeout: 10_000 });
  await expect(page.getByTestId('offline-banner')).toBeVisible();
  await app.screenshot('foundation-directory-down');
  await fixture.restart();
  await page.getByRole('button', { name: 'Réessayer' }).click();
  await expect(page.getByTestId('directory-status')).toHaveText(/Annuaire joignable/, { timeout: 10_000 });
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);
});

// @mouse-only: a hostile page calling the bridge by script; nothing is typed or clicked.
test('a page that is not the console cannot call the bridge', { tag: '@mouse-only' }, async () => {
  const { page } = app;
  await page.goto('about:blank');
  const result = await page.evaluate(async () => {
    const w = globalThis as unknown as { __guichetInvoke: (c: string, p: unknown) => Promise<unknown> };
    return w.__guichetInvoke('app:status', {});
  });
  expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  await page.goto(app.host.url);
  await expect(page.getByTestId('directory-status')).toHaveText(/Annuaire joignable/);
});
