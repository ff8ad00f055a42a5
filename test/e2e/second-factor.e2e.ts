/**
 * The second factor at the desk, in Chromium on the real services and a real slapd with the
 * otp overlay: enrolment with a code the test computes from the QR code it decodes off a
 * screenshot of the privacy screen; the lost device removed by a supervisor; the person's
 * own sign-in as evidence (password, then password + code); the key gone after the step
 * and on lock, from the page and from the store. axe checks each screen on the way (the
 * keyboard project runs the same journeys keyboard-only).
 */
import { expect, test, type Page } from '@playwright/test';
import { NAMED_PERSON_PASSWORD } from '../../resources/directory/fixture';
import { bindResult, Phone, readQrPng, scan } from '../support/authenticator';
import { openConsolePage, type ConsolePage } from './console-page';
import { openCardOf as openCard, signInAs as signInWith } from './desk-steps';
import { expectAccessible } from './support/a11y';

const ONLINE = 'https://www.univ-demo.fr/double-authentification';
let app: ConsolePage;
const signInAs = (page: Page, kind: 'agent' | 'supervisor') => signInWith(page, app.fixture, kind);

test.beforeAll(async () => {
  app = await openConsolePage({ overrides: { secondFactor: { enabled: true, enrolOnlineUrl: ONLINE } } });
});
test.afterAll(async () => {
  await app?.close();
});

async function documentSeen(page: Page) {
  await page.getByTestId('method-document').getByRole('combobox').selectOption('national-id');
  await page.getByRole('button', { name: 'Pièce vue et conforme' }).click();
  await expect(page.getByTestId('method-document')).toHaveAttribute('data-status', 'done');
}


/** A screenshot and, in the desk run, axe over the page as it is (the keyboard run repeats the same screens). */
async function picture(name: string) {
  await app.screenshot(name);
  if (!app.keyboardOnly) await expectAccessible(app.page, name);
}

const storeText = (page: Page) => page.evaluate(() => JSON.stringify((globalThis as unknown as { __guichetState: () => unknown }).__guichetState()));

test('enrol an authenticator: the phone scans the QR code off the screen, its first code is checked, then it signs the person in', async () => {
  const { page, fixture } = app;
  const person = fixture.named['noMobile']!;
  await signInAs(page, 'agent');
  await openCard(page, person);
  const panel = page.getByTestId('second-factor');
  await expect(page.getByTestId('second-factor-status')).toHaveText('Double authentification : non activée');
  await expect(panel).toContainText(`en ligne sur ${ONLINE}`);
  await expect(panel.getByRole('button', { name: 'Enregistrer un appareil' })).toBeDisabled();
  await picture('2fa-1-card-not-enabled');

  await documentSeen(page);
  await panel.getByRole('button', { name: 'Enregistrer un appareil' }).click();
  const screen = page.getByTestId('enrolment-screen');
  await expect(screen).toBeVisible();
  // Keyboard first: the code field has the focus.
  await expect(screen.getByLabel('Code affiché par l’application')).toBeFocused();
  await picture('2fa-2-enrolment-privacy-screen');

  // The person's phone: what a camera reads off the screen.
  const phone = scan(readQrPng(await page.getByTestId('enrolment-qr').screenshot()));
  const shownKey = (await page.getByTestId('enrolment-key').locator('span').allTextContents()).join('');
  expect(phone.totp.secret.base32).toBe(shownKey);
  expect(phone.totp.issuer).toBe('Université de démonstration');
  expect(phone.totp.label).toBe(person.login);

  await page.keyboard.type(phone.wrongCode());
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('enrolment-code-error')).toHaveText(/Code incorrect : 4 essais restants/);
  await expect(screen.getByLabel('Code affiché par l’application')).toHaveValue('');
  await picture('2fa-3-wrong-code');

  await page.keyboard.type(phone.code());
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('second-factor-result')).toContainText('Nouvel appareil enregistré');
  await expect(screen).toBeHidden();
  await expect(page.getByTestId('second-factor-status')).toContainText('Double authentification : activée (application) depuis le');
  await expect(page.getByTestId('second-factor-status')).toContainText('dernier code accepté le');
  await picture('2fa-4-enrolled');

  // The key is gone from the page and from the store; the directory now asks for the code.
  expect(await page.content()).not.toContain(shownKey.slice(0, 8));
  expect(await storeText(page)).not.toContain(shownKey.slice(0, 8));
  expect(await bindResult(app.fixture.url, person.dn, NAMED_PERSON_PASSWORD)).toBe(49);
  expect(await bindResult(app.fixture.url, person.dn, `${NAMED_PERSON_PASSWORD}${phone.nextCode()}`)).toBe(0);

  // A second enrolment started, then the screen locked (Ctrl+L): the key leaves with everything else.
  await panel.getByRole('button', { name: 'Remplacer l’appareil' }).click();
  await expect(screen).toBeVisible();
  await expect(screen).toContainText('L’appareil actuel cessera de fonctionner');
  const second = (await page.getByTestId('enrolment-key').locator('span').allTextContents()).join('');
  await page.keyboard.press('Control+l');
  await expect(page.getByTestId('enrolment-screen')).toHaveCount(0);
  expect(await page.content()).not.toContain(second.slice(0, 8));
  expect(await storeText(page)).not.toContain(second.slice(0, 8));
  await app.screenshot('2fa-5-locked-key-gone');
  await page.getByLabel('Mot de passe').fill(app.fixture.agents.find((a) => a.kind === 'agent')!.password);
  await page.getByLabel('Mot de passe').press('Enter');
  await expect(page.getByTestId('account-card')).toBeVisible();
  await expect(page.getByTestId('enrolment-screen')).toHaveCount(0);
  // Nothing was written: the first phone still signs the person in.
  expect(await bindResult(app.fixture.url, person.dn, `${NAMED_PERSON_PASSWORD}${phone.code(Date.now() + 60_000)}`)).toBe(0);
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
});

test('lost device: the removal needs the ID document and, for staff, a supervisor; the card then says what the person must do', async () => {
  const { page, fixture } = app;
  const staff = fixture.tokenHolders.staffEnrolled;
  await signInAs(page, 'agent');
  await openCard(page, staff);
  await expect(page.getByTestId('second-factor-status')).toContainText('activée (application) depuis le');
  await expect(page.getByTestId('second-factor-status')).toContainText('dernier code accepté le');
  await documentSeen(page);
  const panel = page.getByTestId('second-factor');
  await expect(panel.getByRole('button', { name: 'Appareil perdu : le retirer' })).toBeDisabled();
  await expect(panel).toContainText('Réservé à un·e superviseur·e');
  // The band says it in the same words as for the other actions.
  await expect(page.getByTestId('verification-banner')).toContainText('Retrait de l’appareil de double authentification : réservé à un·e superviseur·e');
  await app.screenshot('2fa-6-removal-needs-supervisor');
  await page.getByRole('button', { name: 'Se déconnecter' }).click();

  await signInAs(page, 'supervisor');
  await openCard(page, staff);
  await documentSeen(page);
  await panel.getByRole('button', { name: 'Appareil perdu : le retirer' }).click();
  const confirm = page.getByTestId('remove-confirm');
  await expect(confirm).toContainText('Ses codes ne seront plus acceptés');
  await expect(confirm.getByRole('button', { name: 'Retirer l’appareil' })).toBeFocused();
  await picture('2fa-7-removal-confirm');
  const mails = app.smtp.received.length;
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('second-factor-result')).toContainText(`La personne doit en enregistrer un nouveau : ici au guichet, ou en ligne sur ${ONLINE}`);
  await expect(page.getByTestId('second-factor-status')).toHaveText('Double authentification : non activée');
  await picture('2fa-8-removed');
  expect(await bindResult(app.fixture.url, staff.dn, NAMED_PERSON_PASSWORD)).toBe(0);
  const notice = await app.smtp.waitFor(mails + 1);
  expect(notice.body).toContain(ONLINE);
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
});

test('evidence: the person signs in on the privacy screen; the agent is told each failure counts towards the lockout', async () => {
  const { page, fixture } = app;
  const person = fixture.named['active']!;
  await signInAs(page, 'agent');
  await openCard(page, person);
  const method = page.getByTestId('method-sign-in');
  await expect(method).toContainText('Chaque essai manqué compte aussi comme un échec de connexion');
  await method.getByRole('button', { name: 'Connexion de la personne…' }).click();
  const screen = page.getByTestId('person-sign-in-screen');
  await expect(screen.getByLabel('Mot de passe de la personne')).toBeFocused();
  await expect(screen.getByLabel('Code de l’application')).toHaveCount(0);
  await page.keyboard.type('Pas-Le-Bon-Mot-2026!');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sign-in-result')).toContainText('Connexion refusée');
  await expect(page.getByTestId('sign-in-lockout')).toContainText('Déjà 1 échec récent sur ce compte.');
  await picture('2fa-9-sign-in-refused');

  await method.getByRole('button', { name: 'Connexion de la personne…' }).click();
  await expect(screen).toBeVisible();
  await app.screenshot('2fa-10-sign-in-privacy-screen');
  await page.keyboard.type(NAMED_PERSON_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sign-in-result')).toContainText('la personne s’est authentifiée');
  await expect(page.getByTestId('verification-banner')).toContainText('Connexion de la personne');
  await expect(page.getByTestId('verification-banner')).toContainText('Permet : Consentements, Enregistrement d’un appareil de double authentification');
  await expect(page.getByTestId('second-factor').getByRole('button', { name: 'Enregistrer un appareil' })).toBeEnabled();
  expect(await storeText(page)).not.toContain(NAMED_PERSON_PASSWORD);
  await app.screenshot('2fa-11-verified-by-sign-in');

  // With an authenticator: the screen asks for the code too.
  const holder = fixture.tokenHolders.enrolled;
  await openCard(page, holder);
  await page.getByTestId('method-sign-in').getByRole('button', { name: 'Connexion de la personne…' }).click();
  await page.keyboard.type(NAMED_PERSON_PASSWORD);
  await page.keyboard.press('Tab');
  await expect(screen.getByLabel('Code de l’application')).toBeFocused();
  const code = new Phone(holder.totpSecret).nextCode();
  await page.keyboard.type(code);
  await picture('2fa-12-sign-in-with-code');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sign-in-result')).toContainText('la personne s’est authentifiée');
  await expect(page.getByTestId('verification-banner')).toContainText('Enregistrement d’un appareil de double authentification');
  expect(await storeText(page)).not.toContain(code);
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
});
