import { expect, test } from '@playwright/test';
import { openConsolePage, type ConsolePage } from './console-page';
import { READING_MS } from '../../src/renderer/src/features/lookup/search-pacing';

let app: ConsolePage;

test.beforeAll(async () => {
  // A short idle delay so the test sees the lock without waiting minutes.
  app = await openConsolePage({ overrides: { session: { idleLockMinutes: 0.1 } } });
});
test.afterAll(async () => {
  await app?.close();
});

const agentOf = (kind: string) => app.fixture.agents.find((a) => a.kind === kind)!;

async function signIn(login: string, password: string) {
  const { page } = app;
  await page.getByLabel('Identifiant').fill(login);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByLabel('Mot de passe').press('Enter');
}

test('refuses a wrong password without saying which field was wrong', async () => {
  const agent = agentOf('agent');
  await signIn(agent.login, 'not-the-password');
  await expect(app.page.getByTestId('signin-error')).toHaveText('Identifiant ou mot de passe incorrect.');
  await expect(app.page.getByLabel('Mot de passe')).toHaveValue('');
});

test('refuses a directory account that is not a helpdesk agent', async () => {
  const other = agentOf('not-agent');
  await signIn(other.login, other.password);
  await expect(app.page.getByTestId('signin-error')).toHaveText('Ce compte n’est pas un compte d’agent du guichet.');
  await app.page.getByLabel('Identifiant').fill('');
});

test('sign in, search by name, open a card, idle lock, resume, sign out', async () => {
  const { page, fixture } = app;
  const agent = agentOf('agent');
  const person = fixture.named['homonymA']!;
  const twin = fixture.named['homonymB']!;
  await signIn(agent.login, agent.password);
  await expect(page.getByTestId('agent-badge')).toContainText(agent.displayName);
  await expect(page.getByRole('heading', { name: 'Rechercher une personne' })).toBeVisible();

  await page.getByRole('searchbox').fill(`${person.familyName} ${person.givenName}`);
  const rows = page.getByRole('listbox', { name: 'Résultats' }).getByRole('option');
  await expect(rows.filter({ hasText: person.login })).toHaveCount(1);
  await expect(rows.filter({ hasText: twin.login })).toHaveCount(1);
  await expect(page.getByTestId('lookup-info')).toContainText('Recherche par nom');
  await app.screenshot('lookup-homonyms');

  // Keyboard only: the agent reads the list (Enter never picks the first of several people not yet seen), arrows to the person's row, Enter opens the card.
  await page.waitForTimeout(READING_MS);
  const index = await rows.evaluateAll((els, login) => els.findIndex((e) => e.textContent?.includes(login)), person.login);
  for (let i = 0; i < index; i += 1) await page.getByRole('searchbox').press('ArrowDown');
  await page.getByRole('searchbox').press('Enter');
  const card = page.getByTestId('account-card');
  await expect(card).toBeVisible();
  await expect(card.getByRole('heading', { level: 1 })).toContainText(person.displayName);
  await expect(card).toContainText(person.login);
  await expect(card).not.toContainText(person.dateOfBirth);
  await app.screenshot('account-card');

  // Idle: after 6 s without activity the session locks and the card disappears.
  await expect(page.getByTestId('lock-screen')).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('body')).not.toContainText(person.familyName);
  await app.screenshot('idle-lock');
  // Even a call straight through the bridge is refused while locked.
  const locked = await page.evaluate(
    (q) => (globalThis as unknown as { guichet: { searchDirectory: (r: unknown) => Promise<unknown> } }).guichet.searchDirectory({ query: q }),
    person.login,
  );
  expect(locked).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });

  await page.getByLabel('Mot de passe').fill(agent.password);
  await page.getByRole('button', { name: 'Reprendre' }).click();
  await expect(page.getByTestId('account-card')).toContainText(person.login);

  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('heading', { name: 'Connexion de l’agent' })).toBeVisible();
  const state = JSON.stringify(await page.evaluate(() => (globalThis as unknown as { __guichetState: () => unknown }).__guichetState()));
  for (const personal of [person.login, person.familyName, person.dn, twin.login, agent.login])
    expect(state, `store still holds ${personal}`).not.toContain(personal);
  await expect(page.locator('body')).not.toContainText(person.familyName);
});

test('the directory stops mid-session: clear message and banner, no hang, the audit review stays reachable', async () => {
  const { page, fixture } = app;
  const agent = agentOf('agent');
  const person = fixture.named['active']!;
  await signIn(agent.login, agent.password);
  await page.getByRole('searchbox').fill(person.login);
  await expect(page.getByRole('listbox', { name: 'Résultats' }).getByRole('option')).toHaveCount(1);

  fixture.kill();
  const started = Date.now();
  await page.getByRole('searchbox').fill(person.familyName);
  await expect(page.getByRole('alert').filter({ hasText: 'L’annuaire est injoignable. Réessayez' })).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 10_000 });
  // Within the configured timeouts (connect 1.5 s, operation 3 s), not a hang.
  expect(Date.now() - started).toBeLessThan(10_000);
  await expect(page.getByRole('searchbox')).toBeDisabled();
  await app.screenshot('directory-down-mid-session');

  await page.getByRole('button', { name: 'Journal' }).click();
  await expect(page.getByRole('heading', { name: 'Journal des actions' })).toBeVisible();
  await expect(page.getByTestId('audit-table').getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByTestId('integrity-badge')).toContainText('Journal intègre');

  // Back up: the retry with backoff clears the banner by itself.
  await fixture.restart();
  await expect(page.getByTestId('offline-banner')).toHaveCount(0, { timeout: 20_000 });
});
