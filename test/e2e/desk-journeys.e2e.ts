import { expect, test, type Page } from '@playwright/test';
import { openConsolePage, type ConsolePage } from './console-page';
import { canBind as canBindIn, ddmmyyyy, signInAs as signInTo } from './desk-steps';
import type { FixturePerson } from '../../resources/directory/people-generator';

let app: ConsolePage;

test.beforeAll(async () => {
  app = await openConsolePage();
});
test.afterAll(async () => {
  await app?.close();
});

const STRONG = 'Quartz-Velours-92!';
const codeIn = (body: string) => /^\s*([0-9]{6,8})\s*$/m.exec(body)?.[1] ?? null;

const signInAs = (page: Page, kind: 'agent' | 'supervisor') => signInTo(page, app.fixture, kind);

async function openCard(page: Page, person: FixturePerson) {
  await page.getByRole('button', { name: 'Recherche' }).click();
  await page.getByRole('searchbox').fill(person.login);
  await expect(page.getByRole('listbox', { name: 'Résultats' }).getByRole('option')).toHaveCount(1);
  await page.getByRole('searchbox').press('Enter');
  await expect(page.getByTestId('account-card').getByRole('heading', { level: 1 })).toContainText(person.familyName);
}

const canBind = (person: FixturePerson, password: string) => canBindIn(app.fixture, person, password);

test('verify by document, generated reset with the slip; then identifier + birth date and e-mail code, chosen password', async () => {
  const { page, fixture, smtp } = app;
  const person = fixture.named['active']!;
  await signInAs(page, 'agent');
  await openCard(page, person);

  const banner = page.getByTestId('verification-banner');
  await expect(banner).toContainText('Identité NON vérifiée');
  await expect(page.getByRole('button', { name: 'Mot de passe provisoire' })).toBeDisabled();
  await app.screenshot('reset-1-not-verified');

  await page.getByTestId('method-document').getByRole('combobox').selectOption('national-id');
  await page.getByRole('button', { name: 'Pièce vue et conforme' }).click();
  await expect(banner).toContainText('Identité vérifiée');
  await expect(banner).toContainText('expire dans');

  await page.getByRole('button', { name: 'Mot de passe provisoire' }).click();
  // The current password stops working: asked first, Enter confirms.
  await expect(page.getByTestId('confirm-reset')).toBeVisible();
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('generated-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(person.login);
  await expect(dialog).toContainText('Vous devez le changer à votre première connexion.');
  const generated = (await page.getByTestId('generated-password').locator('span').allTextContents()).join('');
  expect(generated.length).toBeGreaterThanOrEqual(12);
  await app.screenshot('reset-2-generated-slip');
  expect(await canBind(person, generated)).toBe(true);
  await page.getByRole('button', { name: 'Mot de passe remis' }).click();
  await expect(dialog).toBeHidden();
  const state = JSON.stringify(await page.evaluate(() => (globalThis as unknown as { __guichetState: () => unknown }).__guichetState()));
  expect(state).not.toContain(generated);

  // A new verification, the self-service way: identifier + date of birth, then a code by mail.
  await page.getByRole('button', { name: 'Annuler la vérification' }).click();
  await expect(banner).toContainText('Identité NON vérifiée');
  const identifier = page.getByTestId('method-identifier');
  await identifier.getByLabel('Identifiant déclaré par la personne').fill(person.studentIds[0]!);
  await identifier.getByLabel('Date de naissance déclarée').fill(ddmmyyyy(person.dateOfBirth));
  await identifier.getByRole('button', { name: 'Vérifier' }).click();
  await expect(page.getByTestId('identifier-result')).toHaveText('Concordant.');
  await expect(identifier.getByLabel('Date de naissance déclarée')).toHaveValue('');
  await expect(page.getByRole('button', { name: 'Mot de passe choisi par la personne' })).toBeDisabled();

  const before = smtp.received.length;
  await page.getByTestId('method-code').getByRole('button', { name: /Envoyer un code/ }).click();
  const mail = await smtp.waitFor(before + 1);
  const code = codeIn(mail.body);
  expect(code).not.toBeNull();
  await page.getByLabel('Code reçu').fill(code!);
  await page.getByTestId('method-code').getByRole('button', { name: 'Vérifier' }).click();
  await expect(page.getByTestId('code-result')).toHaveText('Concordant.');
  await expect(banner).toContainText('Identité vérifiée');
  await app.screenshot('reset-3-verified-by-code');

  await page.getByRole('button', { name: 'Mot de passe choisi par la personne' }).click();
  const privacy = page.getByTestId('privacy-screen');
  await privacy.getByLabel('Nouveau mot de passe').fill(`${person.login}a`);
  const checklist = page.getByTestId('password-checklist');
  await expect(checklist.locator('[data-rule="length"]')).toHaveAttribute('data-status', 'unmet');
  await expect(checklist.locator('[data-rule="not-login"]')).toHaveAttribute('data-status', 'unmet');
  await expect(checklist.locator('[data-rule="upper"]')).toHaveAttribute('data-status', 'unmet');
  await expect(privacy.getByRole('button', { name: 'Enregistrer' })).toBeDisabled();
  await app.screenshot('reset-4-checklist-failing');
  await privacy.getByLabel('Nouveau mot de passe').fill(STRONG);
  await privacy.getByLabel('Confirmation').fill(STRONG);
  await expect(checklist.locator('[data-status="unmet"]')).toHaveCount(0);
  await expect(privacy.getByRole('button', { name: 'Enregistrer' })).toBeEnabled({ timeout: 15_000 });
  await app.screenshot('reset-5-checklist-ok');
  await privacy.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByTestId('chosen-result')).toContainText('Nouveau mot de passe enregistré');
  expect(await canBind(person, STRONG)).toBe(true);
  // The notification went out without the password.
  for (const m of smtp.received) expect(m.raw).not.toContain(STRONG);
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
});

test('the whole assisted activation, then a consent change with its history', async () => {
  const { page, fixture } = app;
  const person = fixture.named['neverActivated']!;
  await signInAs(page, 'agent');
  await openCard(page, person);
  await expect(page.getByTestId('activation-offer')).toBeVisible();
  await page.getByRole('button', { name: 'Commencer l’activation' }).click();
  const wizard = page.getByTestId('activation-wizard');
  await expect(wizard).toBeVisible();
  const next = wizard.getByRole('button', { name: 'Suivant' });
  // Leaving a step checks it: without a verification the wizard stays and says why, next to the band.
  await next.click();
  await expect(page.getByTestId('problem-verification')).toBeVisible();
  await expect(page.getByTestId('step-question')).toBeHidden();
  await app.screenshot('activation-1-verification');

  await page.getByTestId('method-document').getByRole('combobox').selectOption('student-card');
  await page.getByRole('button', { name: 'Pièce vue et conforme' }).click();
  await expect(next).toBeEnabled();
  await next.click();

  await expect(page.getByTestId('step-question')).toBeVisible();
  await page.getByTestId('step-question').getByRole('combobox').selectOption({ index: 1 });
  await page.getByLabel('Réponse (saisie par la personne)').fill('Réponse-Canari');
  await app.screenshot('activation-2-question');
  await next.click();

  await page.getByTestId('step-sms').getByLabel('Oui, j’accepte').check();
  await page.getByLabel('Téléphone mobile').fill('06 12 34 56 78');
  await app.screenshot('activation-3-sms');
  await next.click();
  // Back keeps what was entered.
  await wizard.getByRole('button', { name: 'Précédent' }).click();
  await expect(page.getByLabel('Téléphone mobile')).toHaveValue('06 12 34 56 78');
  await next.click();

  await page.getByTestId('step-photo').getByLabel('Oui, j’accepte').check();
  await app.screenshot('activation-4-photo');
  await next.click();
  await page.getByTestId('step-directory').getByLabel('Visible dans l’annuaire interne').check();
  await app.screenshot('activation-5-directory');
  await next.click();

  const step = page.getByTestId('step-password');
  await step.getByLabel('Nouveau mot de passe').fill(STRONG);
  await step.getByLabel('Confirmation').fill(STRONG);
  await expect(page.getByTestId('password-checklist').locator('[data-status="unmet"]')).toHaveCount(0);
  await next.click();
  await expect(page.getByTestId('problem-charter')).toContainText('Règlement intérieur');
  await step.getByLabel(/règlement intérieur/).check();
  await app.screenshot('activation-6-password');
  await next.click();

  await expect(page.getByTestId('step-confirmation')).toContainText('06 12 34 56 78');
  await app.screenshot('activation-7-confirmation');
  await wizard.getByRole('button', { name: 'Activer le compte' }).click();
  const done = page.getByTestId('activation-done');
  await expect(done).toContainText('Le compte est maintenant activé', { timeout: 20_000 });
  await expect(done).toContainText(person.login);
  await app.screenshot('activation-8-done');
  expect(await canBind(person, STRONG)).toBe(true);

  await done.getByRole('button', { name: 'Retour au compte' }).click();
  await expect(page.getByTestId('state-badge').first()).toContainText('Actif');
  const consents = page.getByTestId('consents-panel');
  await consents.getByRole('group', { name: 'Usage de la photo (trombinoscopes)' }).getByRole('radio', { name: 'Non, je refuse' }).check();
  await consents.getByRole('button', { name: 'Enregistrer les consentements' }).click();
  await expect(page.getByTestId('consents-saved')).toBeVisible();
  await consents.getByRole('button', { name: /Historique des consentements/ }).click();
  await expect(page.getByTestId('consent-history').getByRole('listitem')).not.toHaveCount(0);
  await app.screenshot('consents-changed');
});
