/**
 * The review across desks in the real renderer (issue 12): a supervisor switches the journal
 * to "tous les postes" by keyboard, filters on an agent the centre knows from another desk
 * (suggested by the centre, not by this desk's trail), reads the charts and one event of
 * another desk, exports every desk (one file per desk, each verifying), all checked by axe.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startPostgres, type PostgresFixture } from '../../resources/central/postgres-fixture';
import { CentralForwarder } from '../../src/main/central-audit/central-forwarder';
import { CentralSession } from '../../src/main/central-audit/central-session';
import { LocalTrail } from '../../src/main/central-audit/local-trail';
import { verifyExportFile } from '../../src/main/audit/export-verify';
import { accountViewed, signIn, tempAudit, type TempAudit } from '../integration/support/audit-temp';
import { openConsolePage, type ConsolePage } from './console-page';
import { signInAs } from './desk-steps';
import { expectAccessible } from './support/a11y';

const NORTH = 'ACCUEIL-NORD';
const SOUTH = 'ACCUEIL-SUD';
/** An agent who works at the south desk only: this console's own trail never saw them. */
const SOUTH_AGENT = { login: 'lsaidi', displayName: 'Leïla Saïdi' };
let pg: PostgresFixture;
let app: ConsolePage;
let page: Page;
const desks: TempAudit[] = [];

async function forwardDesk(name: string, fill: (audit: TempAudit) => void): Promise<void> {
  const login = await pg.createDesk();
  const audit = tempAudit({ workstation: name });
  desks.push(audit);
  fill(audit);
  const forwarder = new CentralForwarder({
    trail: new LocalTrail(audit.store.db, 'central'),
    desk: name,
    connect: () => CentralSession.open({ host: '127.0.0.1', port: pg.port, database: pg.database, user: login.role, password: login.password }),
    pollMs: 50,
  });
  forwarder.start();
  await expect.poll(() => forwarder.status().state, { timeout: 20_000 }).toBe('up-to-date');
  await forwarder.close();
}

test.beforeAll(async () => {
  pg = await startPostgres();
  await forwardDesk(NORTH, ({ store }) => {
    for (let i = 0; i < 6; i += 1) store.append(i % 2 ? signIn() : accountViewed());
  });
  await forwardDesk(SOUTH, ({ store }) => {
    store.append(signIn(SOUTH_AGENT));
    store.append({ ...accountViewed(SOUTH_AGENT, { login: 'zoe.petit', dn: 'uid=zoe.petit,ou=people,dc=univ-demo,dc=fr' }), comment: 'appel du secrétariat' });
    const reset = store.beginIntent({
      action: 'password-reset',
      agent: SOUTH_AGENT,
      target: { login: 'zoe.petit', dn: null },
      evidence: ['student-card'],
      details: { delivery: 'shown-at-desk', mustChangeAtNextLogin: true },
    });
    store.settle(reset, 'success');
  });
  const own = await pg.createDesk();
  const reader = await pg.createReader();
  process.env['GUICHET_E2E_CENTRAL_PASSWORD'] = own.password;
  process.env['GUICHET_E2E_READER_PASSWORD'] = reader.password;
  app = await openConsolePage({
    overrides: {
      workstation: 'ACCUEIL-CENTRE-E2E',
      audit: {
        central: {
          url: `postgres://127.0.0.1:${pg.port}/${pg.database}?sslmode=disable`,
          role: own.role,
          passwordEnv: 'GUICHET_E2E_CENTRAL_PASSWORD',
          reader: { role: reader.role, passwordEnv: 'GUICHET_E2E_READER_PASSWORD' },
          pollMs: 200,
        },
      },
    },
  });
  page = app.page;
});
test.afterAll(async () => {
  await app?.close();
  for (const d of desks) d.cleanup();
  await pg?.stop();
});

const deskColumn = () =>
  page
    .getByTestId('audit-table')
    .locator('[data-audit-seq]')
    .evaluateAll((rows) => rows.map((row) => row.querySelector('[role="cell"]')?.textContent?.trim() ?? ''));

test('every desk: source by keyboard, the centre’s suggestions, charts, another desk’s event, one file per desk', async () => {
  await signInAs(page, app.fixture, 'supervisor');
  await page.getByRole('button', { name: 'Journal' }).click();
  await expect(page.getByRole('heading', { name: 'Journal des actions' })).toBeVisible();

  // The source: radio buttons, the arrow moves to "tous les postes".
  const here = page.getByRole('radio', { name: 'Ce poste' });
  await expect(here).toBeChecked();
  await here.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Tous les postes (centre d’audit)' })).toBeChecked();
  await expect.poll(async () => new Set(await deskColumn())).toEqual(new Set([NORTH, SOUTH, 'ACCUEIL-CENTRE-E2E']));
  const standings = page.getByTestId('desk-standings');
  await expect(standings).toContainText(`${NORTH} : chaîne intègre jusqu’au n° 6`);
  await expect(standings).toContainText(`${SOUTH} : chaîne intègre jusqu’au n° 4`);
  await expectAccessible(page, 'central-review');

  // The agent filter suggests from the centre: the south desk's agent, by a piece of her name.
  const agent = page.getByRole('combobox', { name: 'Agent', exact: true });
  await agent.focus();
  await page.keyboard.type('saidi');
  const list = page.getByRole('listbox', { name: 'Agent' });
  await expect(list.getByRole('option')).toHaveText([/lsaidi/]);
  await expect(list.getByRole('option')).toContainText(SOUTH_AGENT.displayName);
  await app.screenshot('central-review-1-suggestions');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(agent).toHaveValue(SOUTH_AGENT.login);
  await page.keyboard.press('Enter');
  // An operation is one line (its outcome): three lines, all the south desk's.
  await expect.poll(deskColumn).toEqual([SOUTH, SOUTH, SOUTH]);
  await expect(page.getByTestId('audit-count')).toContainText('3 événements');
  const charts = page.getByTestId('audit-charts');
  await expect(charts.getByTestId('legend-item').filter({ hasText: 'Réinitialisation du mot de passe (1)' })).toBeVisible();
  await expect(charts.locator('#audit-chart-agent').locator('..')).toContainText('lsaidi');
  await app.screenshot('central-review-2-filtered-charts');

  // Another desk's event, by keyboard; Escape gives the focus back to its row.
  const row = page.getByTestId('audit-table').locator('[data-audit-seq]').first();
  await row.focus();
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('audit-detail');
  await expect(detail.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(detail).toContainText('Réinitialisation du mot de passe');
  await expect(detail).toContainText('zoe.petit');
  await expectAccessible(page, 'central-review-detail');
  await app.screenshot('central-review-3-detail');
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();
  await expect(row).toBeFocused();

  // Export: every desk of the list, one file per desk, each verifying on its own.
  await page.getByRole('button', { name: 'Effacer' }).click();
  await expect.poll(async () => (await deskColumn()).length).toBeGreaterThanOrEqual(6 + 3);
  await page.getByLabel('Format d’export').selectOption('jsonl');
  await page.getByRole('button', { name: 'Exporter le filtre' }).click();
  const result = page.getByTestId('export-path');
  await expect(result).toContainText('un fichier par poste (3)');
  await app.screenshot('central-review-4-export');
  const folder = (await result.textContent())!.replace(/^.*ce poste : /, '').trim();
  const files = readdirSync(folder).sort();
  expect(files).toHaveLength(3);
  for (const file of files) {
    const header = JSON.parse(readFileSync(join(folder, file), 'utf8').split('\n')[0]!) as { workstation: string };
    expect(file).toContain(header.workstation);
    expect(await verifyExportFile(join(folder, file))).toMatchObject({ intact: true });
  }
  await expectAccessible(page, 'central-review-export');
  const recorded = app.console.services.auditDb.prepare("SELECT outcome, details FROM events WHERE action = 'audit-exported' ORDER BY seq").all() as Array<{ outcome: string; details: string }>;
  expect(recorded.map((r) => r.outcome)).toEqual(['pending', 'success']);
});
