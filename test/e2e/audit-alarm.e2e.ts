/** The desk opens a trail whose checkpoint was wiped while it was off: the integrity badge says so at once, and keeps saying it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { createAuditStore } from '../../src/main/audit/audit-store';
import { createFileKeystore } from '../../src/main/audit/keystore';
import { blankSlot, dropPinLog } from '../integration/support/checkpoint-files';
import { openConsolePage, type ConsolePage } from './console-page';

let app: ConsolePage;
const dataDir = mkdtempSync(join(tmpdir(), 'guichet-alarm-'));

test.beforeAll(async () => {
  // A trail the desk wrote earlier, each event pinned: slot 0 holds n° 6, slot 1 n° 5.
  const path = join(dataDir, 'audit.sqlite');
  const earlier = createAuditStore({ path, workstation: 'GUICHET-TEST-01', keystores: [createFileKeystore(dataDir)], checkpointDelayMs: 0 });
  for (let i = 0; i < 6; i += 1) earlier.append({ action: 'sign-in', outcome: 'success', agent: { login: 'mdurand', displayName: 'Marie Durand' }, details: { mode: 'online', role: 'agent' } });
  earlier.close();
  // Then, desk off: the last event deleted, the newest slot wiped, the pin log removed.
  const raw = new Database(path);
  raw.exec('DROP TRIGGER events_no_delete');
  raw.prepare('DELETE FROM events WHERE seq = 6').run();
  raw.close();
  blankSlot(`${path}.checkpoint.json`, 0);
  dropPinLog(`${path}.checkpoint.json`);
  app = await openConsolePage({ dataDir });
});
test.afterAll(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a supervisor sees the alarm the desk recorded at start, before and after the trail is verified again', async () => {
  const { page, fixture } = app;
  const supervisor = fixture.agents.find((a) => a.kind === 'supervisor')!;
  await page.getByLabel('Identifiant').fill(supervisor.login);
  await page.getByLabel('Mot de passe').fill(supervisor.password);
  await page.getByLabel('Mot de passe').press('Enter');
  await expect(page.getByTestId('agent-badge')).toContainText(supervisor.displayName);
  await page.getByRole('button', { name: 'Journal' }).click();
  await expect(page.getByRole('heading', { name: 'Journal des actions' })).toBeVisible();

  const badge = page.getByTestId('integrity-badge');
  await expect(badge).toHaveClass(/integrity-danger/);
  await expect(badge.getByTestId('integrity-alarm')).toContainText(
    'le point de contrôle était endommagé : rien ne garantit qu’aucun événement après le n° 5 n’a été supprimé',
  );
  await page.getByRole('button', { name: 'Vérification complète' }).click();
  await expect(badge).toContainText('Journal intègre jusqu’au n° ');
  await expect(badge).toContainText('avec réserve');
  await expect(badge.getByTestId('integrity-alarm')).toBeVisible();
  await expect(badge).toHaveClass(/integrity-danger/);
  // The alarm is an event of the trail like any other.
  await expect(page.getByTestId('audit-table').getByRole('row').filter({ hasText: 'Alerte d’intégrité' })).toHaveCount(1);
  await app.screenshot('audit-integrity-alarm');
});
