import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openConsolePage, type ConsolePage } from './console-page';

let app: ConsolePage;

test.beforeAll(async () => {
  app = await openConsolePage();
});
test.afterAll(async () => {
  await app?.close();
});

test('a supervisor reviews the audit offline: filter, open an event, export, integrity badge', async () => {
  const { page, fixture } = app;
  const supervisor = fixture.agents.find((a) => a.kind === 'supervisor')!;
  const signIn = async () => {
    await page.getByLabel('Identifiant').fill(supervisor.login);
    await page.getByLabel('Mot de passe').fill(supervisor.password);
    await page.getByLabel('Mot de passe').press('Enter');
  };

  // Online first: this leaves the local verifier that allows an offline sign-in later.
  await signIn();
  await expect(page.getByTestId('agent-badge')).toContainText(supervisor.displayName);
  await page.getByRole('searchbox').fill(fixture.named['active']!.login);
  await expect(page.getByRole('listbox', { name: 'Résultats' }).getByRole('option')).toHaveCount(1);
  await page.getByRole('searchbox').press('Enter');
  await expect(page.getByTestId('account-card')).toBeVisible();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();

  // The directory goes away.
  fixture.kill();
  await page.reload();
  await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 10_000 });
  await signIn();
  await expect(page.getByTestId('agent-badge')).toContainText('hors ligne');
  await expect(page.getByRole('heading', { name: 'Journal des actions' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Recherche' })).toBeDisabled();

  const badge = page.getByTestId('integrity-badge');
  await expect(badge).toContainText('Journal intègre');
  // What protects the checkpoint key, as the trail's own key file records it (file keystore here).
  await expect(badge.getByTestId('integrity-key')).toHaveText('Clé de signature dans le fichier de clé du dossier de données (protégé par les droits du compte)');
  const table = page.getByTestId('audit-table');
  await expect(table.getByRole('row').nth(1)).toBeVisible();

  await page.getByRole('combobox', { name: 'Action', exact: true }).selectOption({ label: 'Consultation de compte' });
  await page.getByRole('button', { name: 'Filtrer' }).click();
  const rows = table.getByRole('row').filter({ hasText: 'Consultation de compte' });
  await expect(rows).toHaveCount(1);
  await expect(table.getByRole('row').filter({ hasText: 'Connexion' })).toHaveCount(0);
  await rows.first().click();
  const detail = page.getByTestId('audit-detail');
  await expect(detail).toContainText(fixture.named['active']!.login);
  await expect(detail).toContainText('GUICHET-TEST-01');
  await app.screenshot('audit-offline-detail');

  await page.getByLabel('Format d’export').selectOption('csv-semicolon');
  await page.getByRole('button', { name: 'Exporter le filtre' }).click();
  const result = page.getByTestId('export-result');
  await expect(result).toContainText('1 événement exporté');
  const path = (await page.getByTestId('export-path').textContent())!.split(' : ').at(-1)!.trim();
  expect(existsSync(path)).toBe(true);
  const csv = readFileSync(path, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain(';');
  expect(csv).toContain(fixture.named['active']!.login);
  await app.screenshot('audit-offline-export');

  // Opening the review and exporting were themselves recorded.
  const own = app.console.services.audit.query({ action: 'audit-exported' }, { login: supervisor.login, role: 'supervisor' }, {});
  expect(own.events.length).toBe(1);
});
