/**
 * Each ready profile's demo in Chromium (resources/config: upvd, ubp, uphf), with screenshots
 * and axe on the institution's own screens; the `keyboard` project runs every journey again
 * keyboard-only. The seed page each journey follows is named in its title.
 */
import { expect, test } from '@playwright/test';
import { openConsolePage, type ConsolePage } from './console-page';
import { canBind, ddmmyyyy, openCardOf, signInAs } from './desk-steps';
import { expectAccessible } from './support/a11y';
import { certificateCodeOf, dossierNumberOf } from '../../resources/directory/institution-shape';
import type { InstitutionProfile } from '../../src/main/config/institution-profiles';

/** The describe's console on that profile, opened before its tests and closed after. */
function consoleOn(institution: InstitutionProfile): () => ConsolePage {
  let app: ConsolePage | undefined;
  test.beforeAll(async () => {
    app = await openConsolePage({ institution });
  });
  test.afterAll(async () => {
    await app?.close();
  });
  return () => app!;
}

const codeIn = (body: string) => /^\s*([0-9]{6,8})\s*$/m.exec(body)?.[1] ?? null;

test.describe('UPVD demo', () => {
  const consoleFor = consoleOn('upvd');

  test('UPVD "Sesame - Activer mon compte": the personal address confirmed by a code read on the phone, password and IT charter', async () => {
    const app = consoleFor();
    const { page, fixture, smtp } = app;
    const person = fixture.people.find((p) => p.key === null && p.state === 'neverActivated' && p.affiliation === 'student')!;
    await signInAs(page, fixture, 'agent');
    await openCardOf(page, person);
    await page.getByRole('button', { name: 'Activer mon compte' }).click();
    const wizard = page.getByTestId('activation-wizard');
    // The UPVD's own steps: no joker question, no SMS, photo or directory screens.
    await expect(wizard.getByRole('list', { name: 'Étapes de l’activation' }).getByRole('listitem')).toHaveText([
      /Vérification/,
      /Votre adresse mail personnelle/,
      /Votre mot de passe/,
      /Confirmation/,
    ]);
    await page.getByTestId('method-document').getByRole('combobox').selectOption('student-card');
    await page.getByRole('button', { name: 'Pièce vue et conforme' }).click();
    const next = wizard.getByRole('button', { name: 'Suivant' });
    await next.click();

    const step = page.getByTestId('step-personal-mail');
    await expect(page.getByTestId('screen-intro')).toContainText('Vous recevrez un mail qui vous permettra de confirmer votre adresse email');
    const address = `${person.login}.perso@example.org`;
    await step.getByLabel('Adresse mail personnelle (saisie par la personne)').fill(address);
    // Leaving before the address is confirmed is refused next to the field.
    await next.click();
    await expect(page.getByTestId('problem-personalMail')).toContainText('pas encore confirmée');
    const before = smtp.received.length;
    await step.getByRole('button', { name: 'Envoyer le code de confirmation' }).click();
    await expect(page.getByTestId('personal-mail-status')).toContainText('Code envoyé à');
    const code = codeIn((await smtp.waitFor(before + 1)).body)!;
    await step.getByLabel('Code reçu (lu par la personne)').fill(code);
    await app.screenshot('upvd-activation-1-personal-mail');
    await step.getByRole('button', { name: 'Vérifier le code' }).click();
    await expect(page.getByTestId('personal-mail-status')).toContainText('Adresse confirmée');
    await expectAccessible(page, 'UPVD activation: personal address confirmed');
    await next.click();

    const password = page.getByTestId('step-password');
    await expect(page.getByTestId('screen-intro')).toContainText("Merci d'utiliser au moins 3 types de caractères différents");
    const chosen = 'Catalan#Vigne42';
    await password.getByLabel('Nouveau mot de passe').fill(chosen);
    await password.getByLabel('Confirmation').fill(chosen);
    await expect(page.getByTestId('password-checklist').locator('[data-status="unmet"]')).toHaveCount(0);
    await password.getByLabel(/J'accepte les termes de la charte informatique de l'UPVD/).check();
    await app.screenshot('upvd-activation-2-password-charter');
    await next.click();
    await expect(page.getByTestId('step-confirmation')).toContainText(address);
    await wizard.getByRole('button', { name: 'Activer le compte' }).click();
    const done = page.getByTestId('activation-done');
    await expect(done).toContainText('Votre compte à l\'UPVD est activé', { timeout: 20_000 });
    await expect(done).not.toContainText('Question joker');
    await expectAccessible(page, 'UPVD activation done');
    await app.screenshot('upvd-activation-3-done');
    expect(await canBind(fixture, person, chosen)).toBe(true);
  });
});

test.describe('UBP demo', () => {
  const consoleFor = consoleOn('ubp');

  test('UBP "Kit de survie ENT", cas n°2 "Mot de passe oublié": dossier number + birth date, then the enrolment-certificate code', async () => {
    const app = consoleFor();
    const { page, fixture } = app;
    const person = fixture.named.active;
    await signInAs(page, fixture, 'agent');
    await openCardOf(page, person);
    const identifier = page.getByTestId('method-identifier');
    // The only identifier UBP asks for, in its words.
    await expect(identifier.getByRole('combobox', { name: 'Identifiant déclaré' }).getByRole('option')).toHaveText(['Numéro de dossier']);
    await identifier.getByLabel('Identifiant déclaré par la personne').fill(dossierNumberOf(person));
    await identifier.getByLabel('Date de naissance déclarée').fill(ddmmyyyy(person.dateOfBirth));
    await identifier.getByRole('button', { name: 'Vérifier' }).click();
    await expect(page.getByTestId('identifier-result')).toHaveText('Concordant.');
    // Not enough for a reset at UBP: the certificate code is still missing.
    await expect(page.getByRole('button', { name: 'Mot de passe provisoire' })).toBeDisabled();

    const method = page.getByTestId('method-document-code');
    await expect(method).toContainText('Code du certificat de scolarité');
    await expect(method).toContainText('en haut à gauche de la feuille contenant vos certificats de scolarité');
    await method.getByLabel('Code lu par la personne').fill('ZZZ999');
    await method.getByRole('button', { name: 'Vérifier' }).click();
    await expect(page.getByTestId('document-code-result')).toHaveText('Non concordant.');
    await expect(page.getByRole('button', { name: 'Mot de passe provisoire' })).toBeDisabled();
    await app.screenshot('ubp-reset-1-wrong-certificate-code');
    await method.getByLabel('Code lu par la personne').fill(certificateCodeOf(person).toLowerCase());
    await method.getByRole('button', { name: 'Vérifier' }).click();
    await expect(page.getByTestId('document-code-result')).toHaveText('Concordant.');
    // Enough for every password action (enrolling a second factor still asks for stronger evidence).
    await expect(page.getByTestId('verification-banner')).toContainText('Permet : Mot de passe provisoire, Mot de passe choisi, Rappel de l’identifiant, Consentements.');
    await expect(page.getByRole('button', { name: 'Mot de passe provisoire' })).toBeEnabled();
    await expectAccessible(page, 'UBP verification with the certificate code');
    await app.screenshot('ubp-reset-2-verified');
    // The code typed leaves the screen once it served.
    await expect(method.getByLabel('Code lu par la personne')).toHaveValue('');
  });

  test('UBP cas n°1 "Obtenir votre compte": dossier number + birth date, a password, the identifiers to note down', async () => {
    const app = consoleFor();
    const { page, fixture } = app;
    const person = fixture.people.find((p) => p.key === null && p.state === 'neverActivated' && p.affiliation === 'student')!;
    await openCardOf(page, person);
    await page.getByRole('button', { name: 'Obtenir votre compte' }).click();
    const identifier = page.getByTestId('method-identifier');
    await identifier.getByLabel('Identifiant déclaré par la personne').fill(dossierNumberOf(person));
    await identifier.getByLabel('Date de naissance déclarée').fill(ddmmyyyy(person.dateOfBirth));
    await identifier.getByRole('button', { name: 'Vérifier' }).click();
    await expect(page.getByTestId('identifier-result')).toHaveText('Concordant.');
    const wizard = page.getByTestId('activation-wizard');
    const next = wizard.getByRole('button', { name: 'Suivant' });
    await next.click();
    const password = page.getByTestId('step-password');
    const chosen = 'Puy-de-Dome!Volcan7';
    await password.getByLabel('Nouveau mot de passe').fill(chosen);
    await password.getByLabel('Confirmation').fill(chosen);
    await expect(page.getByTestId('password-checklist').locator('[data-status="unmet"]')).toHaveCount(0);
    await expect(page.getByTestId('step-charter')).toHaveCount(0);
    await next.click();
    await wizard.getByRole('button', { name: 'Activer le compte' }).click();
    const done = page.getByTestId('activation-done');
    await expect(done).toContainText('Notez vos identifiants', { timeout: 20_000 });
    await expect(done).toContainText(person.login);
    await app.screenshot('ubp-activation-done');
    expect(await canBind(fixture, person, chosen)).toBe(true);
  });
});

test.describe('UPHF demo', () => {
  const consoleFor = consoleOn('uphf');

  test('UPHF "Étudiant - Activer son ENT": Sésame’s words on the card and the wizard, its four identifiers', async () => {
    const app = consoleFor();
    const { page, fixture } = app;
    await signInAs(page, fixture, 'agent');
    await openCardOf(page, fixture.named.neverActivated);
    await expect(page.getByTestId('method-identifier').getByRole('combobox', { name: 'Identifiant déclaré' }).getByRole('option')).toHaveText([
      'Numéro étudiant',
      'Numéro INE',
      'Numéro personnel',
      'UID (Identifiant Unique)',
    ]);
    await page.getByRole('button', { name: 'Activer mon compte' }).click();
    await expect(page.getByTestId('activation-wizard').getByRole('list', { name: 'Étapes de l’activation' }).getByRole('listitem')).toHaveText([
      /Vérification/,
      /Question Joker/,
      /Alertes SMS/,
      /Photo/,
      /Annuaire interne/,
      /Mot de passe/,
      /Confirmation/,
    ]);
    await expectAccessible(page, 'UPHF activation wizard');
    await app.screenshot('uphf-activation-steps');
  });
});
