/**
 * The lookup as an agent types at the counter, keyboard only: the screen always describes
 * what is typed, numbers copied from a card are found and their key can be overridden,
 * Enter right after typing opens the person once, "Retour à la recherche" starts clean.
 */
import { expect, test, type Page } from '@playwright/test';
import { openConsolePage, type ConsolePage } from './console-page';
import { READING_MS } from '../../src/renderer/src/features/lookup/search-pacing';

let app: ConsolePage;

test.beforeAll(async () => {
  app = await openConsolePage();
  const agent = app.fixture.agents.find((a) => a.kind === 'agent')!;
  const { page } = app;
  await page.getByLabel('Identifiant').fill(agent.login);
  await page.getByLabel('Mot de passe').fill(agent.password);
  await page.getByLabel('Mot de passe').press('Enter');
  await expect(page.getByTestId('agent-badge')).toContainText(agent.displayName);
});
test.afterAll(async () => {
  await app?.close();
});

const box = (page: Page) => page.getByRole('searchbox');
const rows = (page: Page) => page.getByRole('listbox', { name: 'Résultats' }).getByRole('option');
const info = (page: Page) => page.getByTestId('lookup-info');

/** Clears the box the way an agent does: select all, delete. */
async function clearBox(page: Page) {
  await box(page).press('Control+A');
  await box(page).press('Backspace');
}

test('a one-character query leaves nothing of the previous search on screen', async () => {
  const { page, fixture } = app;
  const person = fixture.named.active;
  await box(page).pressSequentially(person.login, { delay: 40 });
  await expect(rows(page)).toHaveCount(1);
  await expect(info(page)).toHaveText('Recherche par identifiant ou alias : 1 résultat');
  await clearBox(page);
  await box(page).pressSequentially('j');
  await expect(rows(page)).toHaveCount(0);
  await expect(info(page)).toHaveText('Tapez au moins 2 caractères ; ↑ ↓ pour choisir, Entrée pour ouvrir.');
  // And it stays so: no late answer brings the old list back.
  await page.waitForTimeout(400);
  await expect(rows(page)).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText(person.familyName);
  await app.screenshot('lookup-one-character');
  await clearBox(page);
});

test('a student number typed in groups is found as a student number; the key is overridden from the keyboard', async () => {
  const { page, fixture } = app;
  const person = fixture.named.active;
  const id = person.studentIds[0]!;
  const grouped = `${id.slice(0, 2)} ${id.slice(2, 5)} ${id.slice(5)}`;
  await box(page).pressSequentially(grouped, { delay: 30 });
  await expect(info(page)).toHaveText(`Recherche par n° étudiant (${id}) : 1 résultat`);
  await expect(rows(page).filter({ hasText: person.login })).toHaveCount(1);
  const choices = page.getByTestId('key-choices');
  await expect(choices).toContainText('Chercher plutôt comme :');
  await app.screenshot('lookup-grouped-number');

  // Alt+3 is the third key offered (login): the number is no login, nobody is found.
  const third = choices.getByRole('button').nth(2);
  await expect(third).toHaveAttribute('aria-keyshortcuts', 'Alt+3');
  await expect(third).toContainText('Identifiant');
  await box(page).press('Alt+Digit3');
  await expect(info(page)).toHaveText('Recherche par identifiant (choisi) : 0 résultat');
  await expect(page.getByLabel('Chercher par')).toHaveValue('login');
  await expect(box(page)).toBeFocused();
  // Alt+1 is now "Automatique": back to the guess.
  await expect(choices.getByRole('button').first()).toContainText('Automatique');
  await box(page).press('Alt+Digit1');
  await expect(info(page)).toHaveText(`Recherche par n° étudiant (${id}) : 1 résultat`);
  await clearBox(page);
});

test('Enter pressed right after typing opens the person typed, once, never the previous result', async () => {
  const { page, fixture, host } = app;
  const first = fixture.named.active;
  const second = fixture.named.staff;
  await box(page).pressSequentially(first.login, { delay: 30 });
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page)).toContainText(first.login);
  // The previous person is on screen; the agent types the next one and presses Enter at once.
  await clearBox(page);
  const opensBefore = host.calls.filter((c) => c === 'account:open').length;
  await box(page).pressSequentially(second.login, { delay: 20 });
  await box(page).press('Enter');
  const card = page.getByTestId('account-card');
  await expect(card.getByRole('heading', { level: 1 })).toContainText(second.displayName);
  await page.waitForTimeout(300);
  expect(host.calls.filter((c) => c === 'account:open').length - opensBefore).toBe(1);
  await expect(card).not.toContainText(first.login);
  await card.getByRole('button', { name: 'Retour à la recherche' }).click();
});

test('"Retour à la recherche" starts clean for the next person in the queue', async () => {
  const { page, fixture } = app;
  const person = fixture.named.faculty;
  await box(page).pressSequentially(person.familyName, { delay: 30 });
  await expect(rows(page).filter({ hasText: person.login })).toHaveCount(1);
  const index = await rows(page).evaluateAll((els, login) => els.findIndex((e) => e.textContent?.includes(login)), person.login);
  for (let i = 0; i < index; i += 1) await box(page).press('ArrowDown');
  await box(page).press('Enter');
  const card = page.getByTestId('account-card');
  await expect(card).toContainText(person.login);
  await card.getByRole('button', { name: 'Retour à la recherche' }).click();
  await expect(box(page)).toHaveValue('');
  await expect(box(page)).toBeFocused();
  await expect(rows(page)).toHaveCount(0);
  await expect(info(page)).toHaveText('Tapez au moins 2 caractères ; ↑ ↓ pour choisir, Entrée pour ouvrir.');
  await expect(page.locator('body')).not.toContainText(person.familyName);
  // The header's "Compte" has no card to go back to.
  await page.getByRole('button', { name: 'Compte' }).click();
  await expect(page.getByTestId('account-card')).toHaveCount(0);
  await page.getByRole('button', { name: 'Recherche' }).click();
  await app.screenshot('lookup-next-person');
});

test('Enter on a name typed fast shows the people to choose from, then opens the one chosen', async () => {
  const { page, fixture } = app;
  const [a, b] = [fixture.named.homonymA, fixture.named.homonymB];
  await box(page).pressSequentially(`${a.givenName} ${a.familyName}`, { delay: 20 });
  await box(page).press('Enter');
  await expect(rows(page).filter({ hasText: a.login })).toHaveCount(1);
  await expect(rows(page).filter({ hasText: b.login })).toHaveCount(1);
  await expect(page.getByTestId('account-card')).toHaveCount(0);
  // Still no card once the list has been read: Enter then opens the row chosen.
  await page.waitForTimeout(READING_MS);
  await expect(page.getByTestId('account-card')).toHaveCount(0);
  const index = await rows(page).evaluateAll((els, login) => els.findIndex((e) => e.textContent?.includes(login)), b.login);
  for (let i = 0; i < index; i += 1) await box(page).press('ArrowDown');
  await box(page).press('Enter');
  await expect(page.getByTestId('account-card')).toContainText(b.login);
  await page.getByTestId('account-card').getByRole('button', { name: 'Retour à la recherche' }).click();
});
