/**
 * The desk's footer and alarm banner for the central audit store, in the real renderer: a desk
 * whose data folder no longer holds what the centre holds for it (an emptier folder put back)
 * shows the anchor alarm; the footer says where forwarding stands.
 */
import { expect, test } from '@playwright/test';
import { startPostgres, type PostgresFixture } from '../../resources/central/postgres-fixture';
import { CentralForwarder } from '../../src/main/central-audit/central-forwarder';
import { CentralSession } from '../../src/main/central-audit/central-session';
import { LocalTrail } from '../../src/main/central-audit/local-trail';
import { signIn, tempAudit } from '../integration/support/audit-temp';
import { openConsolePage, type ConsolePage } from './console-page';

const DESK = 'GUICHET-E2E-CENTRE';
let pg: PostgresFixture;
let app: ConsolePage;

test.beforeAll(async () => {
  pg = await startPostgres();
  const desk = await pg.createDesk();
  // The centre already holds 40 events of this desk, from the folder as it was before.
  const before = tempAudit({ workstation: DESK });
  for (let i = 0; i < 40; i += 1) before.store.append(signIn());
  const earlier = new CentralForwarder({
    trail: new LocalTrail(before.store.db, 'central'),
    desk: DESK,
    connect: () => CentralSession.open({ host: '127.0.0.1', port: pg.port, database: pg.database, user: desk.role, password: desk.password }),
    pollMs: 50,
  });
  earlier.start();
  await expect.poll(() => earlier.status().state, { timeout: 20_000 }).toBe('up-to-date');
  await earlier.close();
  before.cleanup();
  process.env['GUICHET_E2E_CENTRAL_PASSWORD'] = desk.password;
  app = await openConsolePage({
    overrides: {
      workstation: DESK,
      audit: { central: { url: `postgres://127.0.0.1:${pg.port}/${pg.database}?sslmode=disable`, role: desk.role, passwordEnv: 'GUICHET_E2E_CENTRAL_PASSWORD', pollMs: 200 } },
    },
  });
});
test.afterAll(async () => {
  await app?.close();
  await pg?.stop();
});

test('a folder holding less than the centre: the alarm banner, the footer line, the alarm on record', async () => {
  const { page, console: harness } = app;
  await expect.poll(() => harness.services.forwarding.status().anchor?.state, { timeout: 20_000 }).toBe('alarm');
  await page.reload();
  const banner = page.getByTestId('anchor-alarm');
  await expect(banner).toBeVisible();
  await expect(banner).toHaveAttribute('role', 'alert');
  await expect(banner).toContainText("Alerte d’intégrité : le journal de ce poste est plus court que ce que détient le centre d’audit (n° 40 au centre");
  await expect(page.getByTestId('forwarding-status')).toHaveText(/^Centre d’audit : (à jour|\d+ événements? en attente)$/);
  const agent = app.fixture.agents.find((a) => a.kind === 'agent')!;
  await page.getByLabel('Identifiant').fill(agent.login);
  await page.getByLabel('Mot de passe').fill(agent.password);
  await page.getByLabel('Mot de passe').press('Enter');
  await expect(page.getByTestId('agent-badge')).toContainText(agent.displayName);
  await expect(banner).toBeVisible();
  await app.screenshot('central-anchor-alarm');
  const recorded = harness.services.auditDb.prepare("SELECT details FROM events WHERE action = 'audit-anchor-alarm'").pluck().all() as string[];
  expect(recorded.map((d) => JSON.parse(d))).toEqual([expect.objectContaining({ kind: 'shorter', centralSeq: 40 })]);
});
