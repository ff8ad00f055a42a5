/**
 * The card completed (issue 14), in Chromium: the password's expiry with "expire dans N jours"
 * from the directory's policy, the last successful sign-in kept by slapd's lastbind overlay,
 * and the directory photo shown only once the agent asks, hidden again, gone when the next
 * person's card opens and after sign-out; the card through axe with the photo shown.
 */
import { expect, test } from '@playwright/test';
import type { ConsolePage } from './console-page';
import { openConsolePage } from './console-page';
import { canBind, openCardOf, signInAs, viaBridge } from './desk-steps';
import { expectAccessible } from './support/a11y';
import { NAMED_PERSON_PASSWORD } from '../../resources/directory/fixture';
import { passwordExpiry } from '../../src/shared/sign-in-times';
import type { AccountCard } from '../../src/shared/account';

let app: ConsolePage;

test.beforeAll(async () => {
  // The harness configures what this directory keeps: its default policy (here 90 days) and lastbind's authTimestamp.
  app = await openConsolePage({ fixture: { passwordMaxAgeDays: 90 } });
  await signInAs(app.page, app.fixture, 'agent');
});
test.afterAll(async () => {
  await app?.close();
});

test('the password section says when the password expires and when the person last signed in; the photo only on request', async () => {
  const { page, fixture } = app;
  const person = fixture.named['active']!;
  // The person signs in elsewhere (the ENT): the directory keeps when.
  const boundAt = Date.now();
  expect(await canBind(fixture, person, NAMED_PERSON_PASSWORD)).toBe(true);
  await openCardOf(page, person);
  // The named people's passwords were set on fixed days: what the screen says is the model's answer on today's clock.
  const card = ((await viaBridge(page, 'openAccount', { dn: person.dn, refresh: true })) as unknown as { value: AccountCard }).value;
  expect(card.passwordPolicy).toEqual({ reading: 'read', maxAgeSeconds: 90 * 86_400 });
  // lastbind wrote the bind just made (its precision is a minute).
  expect(card.lastSignIn.reading).toBe('read');
  expect(Math.abs(Date.parse((card.lastSignIn as { at: string }).at) - boundAt)).toBeLessThan(60_000);
  const expiry = passwordExpiry({ hasPassword: card.hasPassword, changedAt: card.password.lastChange, policy: card.passwordPolicy, now: Date.now() });
  const field = page.getByTestId('field-expiry');
  if (expiry.kind === 'expires') await expect(field).toContainText(expiry.days === 0 ? ': expire dans moins d’un jour' : new RegExp(`: expire dans ${expiry.days} jours?$`));
  else if (expiry.kind === 'expired') await expect(field).toContainText('expiré depuis le');
  else throw new Error(`a 90-day policy and a password set: an expiry date, not ${expiry.kind}`);
  const { at } = expiry;
  await expect(field).toContainText(`le ${at.slice(8, 10)}/${at.slice(5, 7)}/${at.slice(0, 4)}`);
  await expect(page.getByTestId('field-last-sign-in')).toContainText(/aujourd’hui/);
  // No photo until the agent asks for it.
  const panel = page.getByTestId('directory-photo');
  await expect(panel.getByRole('img')).toHaveCount(0);
  await panel.getByRole('button', { name: 'Voir la photo de l’annuaire' }).click();
  const photo = panel.getByRole('img', { name: `Photo de l’annuaire de ${person.displayName}` });
  await expect(photo).toBeVisible();
  expect(await photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expect(panel).toContainText('jamais exportée ni enregistrée');
  await app.screenshot('card-expiry-last-sign-in-photo');
  // No message key printed raw anywhere on the card (an identifier kind without a hint showed 'verify.identifierHints.studentId').
  expect(await page.locator('main').innerText()).not.toMatch(/\b(verify|desk|actions|account|lifecycle|note|photo|cardTimes|worklists)\.[a-zA-Z]+(\.[a-zA-Z]+)?\b/);
  await expectAccessible(page, 'card with expiry, last sign-in and the photo shown');
  await panel.getByRole('button', { name: 'Masquer la photo' }).click();
  await expect(panel.getByRole('img')).toHaveCount(0);

  // Shown again, then the next person's card: the photo does not follow.
  await panel.getByRole('button', { name: 'Voir la photo de l’annuaire' }).click();
  await expect(photo).toBeVisible();
  await openCardOf(page, fixture.named['noMobile']!);
  await expect(page.getByTestId('directory-photo').getByRole('img')).toHaveCount(0);
  await expect(page.getByTestId('field-last-sign-in')).toContainText('aucune depuis qu’elle est suivie');
  await page.getByTestId('directory-photo').getByRole('button', { name: 'Voir la photo de l’annuaire' }).click();
  await expect(page.getByTestId('directory-photo')).toContainText('Aucune photo dans l’annuaire.');
});
