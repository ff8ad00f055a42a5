/**
 * What the agent sees of issue 15 items 1 and 5 and of the generated passwords (issue 16):
 * a person whose personal address holds an injected header is shown "adresse inutilisable"
 * (card and code method, with whom to ask), no code can be asked for, and the reset's
 * notice says that address was skipped; the chosen-password checklist shows "mot de passe
 * trop courant" live; the generated password uses only the easy-to-type characters.
 */
import { expect, test, type Page } from '@playwright/test';
import { openConsolePage, type ConsolePage } from './console-page';
import { HOSTILE_ADDRESSES, replaceValues } from '../../resources/directory/hostile-person';
import type { FixturePerson } from '../../resources/directory/people-generator';
import { passwordAlphabet } from '../../src/main/password/generate';
import { BUILT_IN_PROFILES } from '../../src/shared/password-profiles';

let app: ConsolePage;
let person: FixturePerson;

test.beforeAll(async () => {
  app = await openConsolePage();
  person = app.fixture.people.find((p) => p.key === null && p.affiliation === 'student' && p.state === 'active' && p.password !== null && p.personalMail)!;
  expect(await replaceValues(app.fixture, person.dn, { supannMailPerso: HOSTILE_ADDRESSES.headerInjection })).toBeNull();
});
test.afterAll(async () => {
  await app?.close();
});

async function signIn(page: Page) {
  const agent = app.fixture.agents.find((a) => a.kind === 'agent')!;
  await page.getByLabel('Identifiant').fill(agent.login);
  await page.getByLabel('Mot de passe').fill(agent.password);
  await page.getByLabel('Mot de passe').press('Enter');
  await expect(page.getByTestId('agent-badge')).toContainText(agent.displayName);
}

async function openCard(page: Page, who: FixturePerson) {
  await page.getByRole('button', { name: 'Recherche' }).click();
  await page.getByRole('searchbox').fill(who.login);
  await expect(page.getByRole('listbox', { name: 'Résultats' }).getByRole('option')).toHaveCount(1);
  await page.getByRole('searchbox').press('Enter');
  await expect(page.getByTestId('account-card').getByRole('heading', { level: 1 })).toContainText(who.familyName);
}

test('an injected personal address: "adresse inutilisable" on the card and the code method, nothing sent, the notice says so', async () => {
  const { page, smtp } = app;
  await signIn(page);
  await openCard(page, person);
  const card = page.getByTestId('account-card');
  await expect(card.getByTestId('unusable-address').first()).toContainText('adresse inutilisable');
  await expect(card).not.toContainText('x@y.z');
  const code = page.getByTestId('method-code');
  await expect(code.getByTestId('unusable-address')).toContainText('la scolarité (étudiants) ou le service des ressources humaines (personnels)');
  await expect(code.getByRole('button', { name: /Envoyer un code/ })).toHaveCount(0);
  await app.screenshot('unusable-address-card');

  await page.getByTestId('method-document').getByRole('combobox').selectOption('student-card');
  await page.getByRole('button', { name: 'Pièce vue et conforme' }).click();
  const before = smtp.received.length;
  await page.getByRole('button', { name: 'Mot de passe provisoire' }).click();
  // The reset is confirmed first (issue 16): Enter confirms.
  await expect(page.getByTestId('confirm-reset')).toBeVisible();
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('generated-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('notice-unusable')).toContainText('Aucune notification envoyée à l’adresse personnelle');
  const generated = (await page.getByTestId('generated-password').locator('span').allTextContents()).join('');
  const easy = passwordAlphabet(BUILT_IN_PROFILES.uphf).all;
  expect(generated).toHaveLength(15);
  expect([...generated].filter((ch) => !easy.includes(ch))).toEqual([]);
  await app.screenshot('unusable-address-reset-notice');
  // Only the institutional address got the notice.
  await smtp.waitFor(before + 1);
  expect(smtp.received.slice(before).map((m) => m.to)).toEqual([[person.mail]]);
  await page.getByRole('button', { name: 'Mot de passe remis' }).click();
  await expect(dialog).toBeHidden();
});

test('the checklist says "mot de passe trop courant" live, and clears it for a strong one', async () => {
  const { page } = app;
  await page.getByRole('button', { name: 'Mot de passe choisi par la personne' }).click();
  const privacy = page.getByTestId('privacy-screen');
  const checklist = page.getByTestId('password-checklist');
  const rule = checklist.locator('[data-rule="not-common"]');
  await privacy.getByLabel('Nouveau mot de passe').fill('Marseille2024!');
  await expect(rule).toHaveAttribute('data-status', 'unmet');
  await expect(rule).toContainText('mot de passe trop courant');
  await privacy.getByLabel('Confirmation').fill('Marseille2024!');
  await expect(privacy.getByRole('button', { name: 'Enregistrer' })).toBeDisabled();
  await app.screenshot('checklist-too-common');
  await privacy.getByLabel('Nouveau mot de passe').fill('Azerty2024!!');
  await expect(rule).toHaveAttribute('data-status', 'unmet');
  await privacy.getByLabel('Nouveau mot de passe').fill('Boussole-hibou-27&Glacier');
  await privacy.getByLabel('Confirmation').fill('Boussole-hibou-27&Glacier');
  await expect(rule).toHaveAttribute('data-status', 'met');
  await expect(checklist.locator('[data-status="unmet"]')).toHaveCount(0);
  await expect(privacy.getByRole('button', { name: 'Enregistrer' })).toBeEnabled({ timeout: 15_000 });
});
