/**
 * Issue 16 "One truth on screen", items 1-7, and issue 15 item 7: what the band, the badges,
 * the card lines and the buttons say about an account never contradict each other, and main
 * refuses what the screen does not offer. Each test failed on the start commit (ef86844).
 */
import { expect, test } from '@playwright/test';
import { openConsolePage, type ConsolePage } from './console-page';
import { canBind, openAgentConsole, contrast, ddmmyyyy, openCardOf, replaceAsRoot, searchLogin, signInAs, viaBridge } from './desk-steps';
import { NAMED_PERSON_PASSWORD } from '../../resources/directory/fixture';

let app: ConsolePage;

test.beforeAll(async () => {
  app = await openAgentConsole();
});
test.afterAll(async () => {
  await app?.close();
});

const band = () => app.page.getByTestId('verification-banner');
const button = (name: string) => app.page.getByRole('button', { name, exact: true });

test('item 1: identifier + date of birth says exactly what it allows, and what the rest still needs', async () => {
  const { page, fixture } = app;
  const person = fixture.named['active']!;
  await openCardOf(page, person);
  const method = page.getByTestId('method-identifier');
  await method.getByLabel('Identifiant déclaré par la personne').fill(person.studentIds[0]!);
  await method.getByLabel('Date de naissance déclarée').fill(ddmmyyyy(person.dateOfBirth));
  await method.getByRole('button', { name: 'Vérifier' }).click();
  await expect(page.getByTestId('identifier-result')).toHaveText('Concordant.');
  // Not "verified" while every password action is still off.
  await expect(band()).not.toContainText('Identité vérifiée');
  await expect(band()).toHaveAttribute('data-tone', 'partial');
  await expect(page.getByTestId('band-allows')).toHaveText('Permet : Consentements.');
  await expect(page.getByTestId('band-needs')).toContainText(
    'Pour Mot de passe provisoire, Mot de passe choisi, Rappel de l’identifiant : il faut encore Pièce d’identité, ou Code par courriel personnel.',
  );
  await expect(button('Mot de passe provisoire')).toBeDisabled();
  await app.screenshot('after-1-band-identifier-only');
  await page.getByRole('button', { name: 'Annuler la vérification' }).click();
});

test('item 3: an expired or suspended account gets no password action nor slip, only who can help; main refuses them too', async () => {
  const { page, fixture } = app;
  for (const [key, words] of [
    ['expired', 'Compte expiré'],
    ['suspended', 'Compte suspendu'],
  ] as const) {
    const person = fixture.named[key]!;
    await openCardOf(page, person);
    await page.getByRole('button', { name: 'Pièce vue et conforme' }).click();
    await expect(band()).toContainText('Permet : Consentements.');
    for (const name of ['Mot de passe provisoire', 'Mot de passe choisi par la personne', 'Rappeler l’identifiant', 'Débloquer le compte']) await expect(button(name)).toHaveCount(0);
    await expect(page.getByTestId('actions-closed')).toContainText(words);
    await expect(page.getByTestId('actions-closed')).toContainText('À qui s’adresser : la scolarité.');
    await app.screenshot(`after-3-${key}-account`);
    const refused = await viaBridge(page, 'resetPasswordGenerated', { dn: person.dn });
    expect(refused).toMatchObject({ ok: false, error: { code: 'ACCOUNT_STATE', details: { reason: key, fixer: 'registrar' } } });
    expect(await canBind(fixture, person, NAMED_PERSON_PASSWORD)).toBe(true);
  }
});

test('item 4: a locked, a suspended and a pre-created account each say one thing', async () => {
  const { page, fixture } = app;
  await openCardOf(page, fixture.named['locked']!);
  await expect(page.getByTestId('field-state')).not.toContainText('la personne peut se connecter');
  await expect(page.getByTestId('field-state')).toContainText('bloqué après trop d’échecs');
  await expect(page.getByTestId('account-card').locator('[data-badge="locked"]')).toHaveText('Bloqué');
  await app.screenshot('after-4-locked-card');

  await openCardOf(page, fixture.named['suspended']!);
  await expect(page.getByTestId('account-card')).not.toContainText('verrouillé');
  await expect(page.getByTestId('field-activation').locator('dd')).toHaveText('Déjà activé');
  await expect(page.getByTestId('account-card')).not.toContainText('activation impossible');
  await app.screenshot('after-4-suspended-card');

  const preCreated = fixture.named['preCreated']!;
  await openCardOf(page, preCreated);
  await expect(page.getByTestId('activation-offer')).toHaveCount(0);
  await expect(page.getByTestId('activation-not-offered')).toContainText('pré-créé');
  await expect(page.getByTestId('activation-not-offered')).toContainText('À qui s’adresser : la scolarité.');
  await expect(page.getByTestId('field-activation')).toContainText('inscription doit d’abord être finalisée');
  await app.screenshot('after-4-precreated-card');
  // Main: not offered, and a completion is refused before anything is written.
  expect(await viaBridge(page, 'activationOffer', { dn: preCreated.dn })).toMatchObject({ ok: true, value: { offered: false, reason: 'pre-created', fixer: 'registrar' } });
  await page.getByRole('button', { name: 'Pièce vue et conforme' }).click();
  const completion = await viaBridge(page, 'completeActivation', {
    dn: preCreated.dn,
    secretQuestion: 'Nom de mon premier vélo ?',
    secretAnswer: 'Rouge-Gorge',
    smsAlerts: false,
    photoUse: false,
    hiddenFromDirectory: false,
    password: 'Quartz-Velours-92!',
    charterAccepted: true,
  });
  expect(completion).toMatchObject({ ok: false, error: { code: 'ACCOUNT_STATE', details: { reason: 'pre-created' } } });
});

test('item 5: a temporary password not yet changed and a red-listed person show it in the results and the card header', async () => {
  const { page, fixture } = app;
  const pending = fixture.named['resetPending']!;
  const row = await searchLogin(page, pending.login);
  await expect(row).toContainText('Mot de passe provisoire non changé');
  await expect(row.locator('[data-badge="reset-pending"]')).toHaveText('Mot de passe provisoire non changé');
  await app.screenshot('after-5-results-reset-pending');
  const redListed = fixture.named['redListed']!;
  await expect((await searchLogin(page, redListed.login)).locator('[data-badge="red-list"]')).toHaveText('Liste rouge');
  await app.screenshot('after-5-results-red-list');
  await openCardOf(page, redListed);
  await expect(page.locator('.card-head [data-badge="red-list"]')).toHaveText('Liste rouge');
  await openCardOf(page, pending);
  await expect(page.locator('.card-head [data-badge="reset-pending"]')).toBeVisible();
  await app.screenshot('after-5-card-reset-pending');
});

test('item 7: a disabled button is drawn as disabled, its text still readable (AA)', async () => {
  const { page, fixture } = app;
  await openCardOf(page, fixture.named['active']!);
  const style = (name: string) =>
    button(name).evaluate((el) => {
      // The page's own window (this file is type-checked without the DOM library).
      const view = el.ownerDocument.defaultView as unknown as { getComputedStyle: (e: unknown) => Record<'backgroundColor' | 'color' | 'borderTopStyle' | 'cursor', string> };
      const s = view.getComputedStyle(el);
      return { background: s.backgroundColor, color: s.color, border: s.borderTopStyle, cursor: s.cursor };
    });
  const disabled = await style('Mot de passe choisi par la personne');
  const enabled = await style('Pièce vue et conforme');
  await expect(button('Mot de passe choisi par la personne')).toBeDisabled();
  await expect(button('Pièce vue et conforme')).toBeEnabled();
  expect(disabled.background).not.toBe(enabled.background);
  expect(disabled.border).toBe('dashed');
  expect(disabled.cursor).toBe('not-allowed');
  expect(contrast(disabled.color, disabled.background)).toBeGreaterThanOrEqual(4.5);
  await app.screenshot('after-7-disabled-buttons');
});

test('issue 15 item 7: a garbled account state offers no action and says whom to ask; main refuses too', async () => {
  const { page, fixture } = app;
  const person = fixture.people.find((p) => p.key === null && p.state === 'neverActivated' && p.affiliation === 'student')!;
  await replaceAsRoot(fixture, person.dn, 'supannRessourceEtatDate', ['{COMPTE}Z:SupannCree::']);
  await openCardOf(page, person);
  await expect(page.getByTestId('activation-offer')).toHaveCount(0);
  await expect(band()).toContainText('Aucune action possible');
  await expect(band()).toHaveAttribute('data-tone', 'no-action');
  await expect(band()).toContainText('L’état du compte n’a pas pu être lu');
  await expect(band()).toContainText('À qui s’adresser : l’équipe de l’annuaire (DSI).');
  await expect(page.getByTestId('activation-offer')).toHaveCount(0);
  await expect(page.locator('[data-badge="standing"]').first()).toHaveText('État illisible');
  await expect(page.getByRole('button', { name: 'Pièce vue et conforme' })).toBeDisabled();
  await expect(page.getByTestId('account-card').getByRole('button', { name: 'Commencer l’activation' })).toHaveCount(0);
  await app.screenshot('after-15-7-garbled-state');
  expect(await viaBridge(page, 'activationOffer', { dn: person.dn })).toMatchObject({ ok: true, value: { offered: false, reason: 'state-unreadable' } });
  expect(await viaBridge(page, 'revealLogin', { dn: person.dn })).toMatchObject({ ok: false, error: { code: 'ACCOUNT_STATE', details: { reason: 'state-unreadable', fixer: 'directory-team' } } });
});

// Last in the file: the page's clock is faked from here on.
test('item 2: an expired verification turns every action off and says "vérification expirée, à refaire"', async () => {
  const { page, fixture, console: harness } = app;
  const person = fixture.named['twoStudentNumbers']!;
  await openCardOf(page, person);
  await page.getByRole('button', { name: 'Pièce vue et conforme' }).click();
  await expect(button('Mot de passe provisoire')).toBeEnabled();
  await expect(page.getByTestId('method-document')).toContainText('✓ fait');

  await page.clock.install();
  const shift = 10 * 60_000 + 1_000;
  harness.clock.now = () => new Date(Date.now() + shift);
  await page.clock.fastForward(shift);
  await expect(band()).toContainText('Vérification expirée, à refaire', { timeout: 5_000 });
  for (const name of ['Mot de passe provisoire', 'Mot de passe choisi par la personne', 'Rappeler l’identifiant']) await expect(button(name)).toBeDisabled();
  await expect(page.getByTestId('method-document')).not.toContainText('✓ fait');
  await expect(page.getByTestId('method-document')).toContainText('expiré, à refaire');
  await expect(page.getByTestId('why-reset-generated')).toHaveText('Vérification expirée, à refaire.');
  await app.screenshot('after-2-expired-verification');
  // Main says the same, and the screen keeps saying it after a reload of the state.
  expect(await viaBridge(page, 'resetPasswordGenerated', { dn: person.dn })).toMatchObject({ ok: false, error: { code: 'VERIFICATION_REQUIRED', details: { reason: 'expired' } } });
  expect(await viaBridge(page, 'verificationStatus', { dn: person.dn })).toMatchObject({ ok: true, value: { expired: true, active: false } });
});

test('item 6: with mail not configured, no code is offered, the reason is said, and the band does not ask for one', async () => {
  const other = await openConsolePage({ overrides: { mail: { enabled: false } } });
  try {
    const { page, fixture } = other;
    await signInAs(page, fixture, 'agent');
    const person = fixture.named['active']!;
    await openCardOf(page, person);
    const method = page.getByTestId('method-code');
    await expect(method.getByRole('button', { name: /Envoyer un code/ })).toHaveCount(0);
    await expect(page.getByTestId('method-problem-email-code')).toContainText('l’envoi de courriels n’est pas configuré');
    await expect(page.getByTestId('verification-banner')).not.toContainText('Code par courriel');
    await expect(page.getByTestId('band-needs')).toContainText('Pour Mot de passe provisoire, Mot de passe choisi, Rappel de l’identifiant : il faut Pièce d’identité.');
    await other.screenshot('after-6-mail-not-configured');
    expect(await viaBridge(page, 'sendVerificationCode', { dn: person.dn })).toMatchObject({ ok: false, error: { code: 'MAIL_FAILED', details: { reason: 'mail-disabled' } } });
  } finally {
    await other.close();
  }
});
