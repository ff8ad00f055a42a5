/**
 * Issue 14 at the desk, in Chromium: a reset under a required comment and ticket (the form
 * says so first, refuses in place, then goes through with them on record), a suspension with
 * its reason, a validity extension; each screen through axe. The keyboard project runs the
 * same journeys without a mouse.
 */
import { expect, test } from '@playwright/test';
import type { ConsolePage } from './console-page';
import { openConsolePage } from './console-page';
import { openCardOf, signInAs } from './desk-steps';
import { expectAccessible } from './support/a11y';

let app: ConsolePage;

test.beforeAll(async () => {
  app = await openConsolePage({
    overrides: { audit: { requireComment: ['password-reset'], requireTicket: ['password-reset', 'account-suspend'], ticketPattern: '^INC\\d{7}$', ticketExample: 'INC0012345' } },
  });
  await signInAs(app.page, app.fixture, 'supervisor');
});
test.afterAll(async () => {
  await app?.close();
});

const rowsOf = (login: string, action: string) =>
  app.console.services.auditDb.prepare('SELECT outcome, comment, details FROM events WHERE target_login = ? AND action = ? ORDER BY seq').all(login, action) as Array<{
    outcome: string;
    comment: string | null;
    details: string;
  }>;

test('a reset with a required comment and ticket: said before, refused next to the fields, done with both on record', async () => {
  const { page, fixture } = app;
  const person = fixture.named['homonymA']!;
  await openCardOf(page, person);
  await page.getByRole('button', { name: 'Pièce vue et conforme' }).click();
  const note = page.getByTestId('actions-note');
  await expect(note).toContainText('Commentaire (obligatoire)');
  await expect(note).toContainText('Référence du ticket (obligatoire)');
  await expect(note).toContainText('Au format INC0012345.');
  // One note on the card, for every form on it: the reset requires it, the consents do not, and say so where they are.
  await expect(page.getByTestId('account-card').getByRole('group', { name: 'Note de l’agent (journal)' })).toHaveCount(1);
  await expect(note).toContainText('Commentaire (obligatoire) pour : Réinitialisation du mot de passe');
  await expect(page.getByTestId('consents-panel')).toContainText('Note de l’agent : commentaire facultatif ; référence du ticket facultative.');
  // Refused in place, before the confirmation is even asked; the agent is taken to the field.
  await page.getByRole('button', { name: 'Mot de passe provisoire' }).click();
  await expect(note.getByRole('alert').first()).toHaveText('Un commentaire est obligatoire pour cette action.');
  await expect(note.getByLabel(/Commentaire/)).toBeFocused();
  await expect(page.getByTestId('confirm-reset')).toHaveCount(0);
  expect(rowsOf(person.login, 'password-reset')).toEqual([]);
  await note.getByLabel(/Commentaire/).fill('mot de passe oublié');
  await note.getByLabel(/Référence du ticket/).fill('REQ-42');
  await page.getByRole('button', { name: 'Mot de passe provisoire' }).click();
  await expect(note.getByRole('alert')).toContainText('n’a pas le format attendu');
  await app.screenshot('lifecycle-reset-ticket-refused');
  await expectAccessible(page, 'reset with a required ticket, refused');
  await note.getByLabel(/Référence du ticket/).fill('INC0012345');
  await page.getByRole('button', { name: 'Mot de passe provisoire' }).click();
  await page.getByTestId('confirm-reset').getByRole('button', { name: 'Oui, donner un mot de passe provisoire' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  const rows = rowsOf(person.login, 'password-reset');
  expect(rows.map((r) => r.outcome)).toEqual(['pending', 'success']);
  expect(rows[0]!.comment).toBe('mot de passe oublié');
  expect(JSON.parse(rows[0]!.details)).toMatchObject({ ticket: 'INC0012345' });
  await app.screenshot('lifecycle-reset-with-ticket');
  await page.keyboard.press('Escape');
});

test('a suspension with its reason: confirmed in a dialog, the card reads suspended and offers reactivation', async () => {
  const { page, fixture } = app;
  const person = fixture.named['noMobile']!;
  await openCardOf(page, person);
  await page.getByTestId('lifecycle-suspend').click();
  const dialog = page.getByTestId('lifecycle-dialog-suspend');
  await expect(dialog.getByRole('heading')).toHaveText(`Suspendre le compte ${person.login} ?`);
  await dialog.getByRole('button', { name: 'Suspendre' }).click();
  await expect(dialog.getByRole('alert').first()).toHaveText('Choisissez un motif dans la liste.');
  await dialog.getByLabel('Motif').selectOption('fraud-suspected');
  await dialog.getByLabel(/Référence du ticket/).fill('INC0000042');
  await dialog.getByLabel(/Commentaire/).fill('signalé par la scolarité');
  await app.screenshot('lifecycle-suspend-dialog');
  await expectAccessible(page, 'suspension dialog');
  await dialog.getByRole('button', { name: 'Suspendre' }).click();
  await expect(page.getByTestId('lifecycle-done')).toContainText('Compte suspendu.');
  await expect(page.getByTestId('lifecycle-reactivate')).toBeVisible();
  await expect(page.getByTestId('lifecycle-suspend')).toHaveCount(0);
  await expect(page.getByTestId('account-card')).toContainText(/suspendu/i);
  const rows = rowsOf(person.login, 'account-suspend');
  expect(rows.map((r) => r.outcome)).toEqual(['pending', 'success']);
  expect(JSON.parse(rows[0]!.details)).toMatchObject({ reason: 'fraud-suspected', person: 'absent', ticket: 'INC0000042' });
  await app.screenshot('lifecycle-suspended');
});

test('a validity extension: the new end typed jj/mm/aaaa within the bound, the card shows it', async () => {
  const { page, fixture } = app;
  const person = fixture.named['noPersonalMail']!;
  await openCardOf(page, person);
  await page.getByTestId('lifecycle-extend-validity').click();
  const dialog = page.getByTestId('lifecycle-dialog-extend-validity');
  await expect(dialog).toContainText('Validité actuelle : jusqu’au 31/08/2027.');
  await dialog.getByLabel(/Nouvelle date de fin/).fill('30/09/2027');
  await dialog.getByLabel('Motif').selectOption('enrolment-pending');
  await dialog.getByLabel('La personne est présente au guichet').check();
  await app.screenshot('lifecycle-extend-dialog');
  await expectAccessible(page, 'extension dialog');
  await dialog.getByRole('button', { name: 'Prolonger' }).click();
  await expect(page.getByTestId('lifecycle-done')).toContainText('Validité prolongée.');
  await expect(page.getByTestId('account-card')).toContainText('au 30/09/2027');
  expect(JSON.parse(rowsOf(person.login, 'validity-extend')[1]!.details)).toMatchObject({ reason: 'enrolment-pending', person: 'present-unverified' });
  await app.screenshot('lifecycle-extended');
});

test('the journal finds an action by its ticket (exactly, any case) and its detail shows the ticket and the comment', async () => {
  const { page } = app;
  const person = app.fixture.named['noMobile']!;
  await page.getByRole('button', { name: 'Journal' }).click();
  await expect(page.getByRole('heading', { name: 'Journal des actions' })).toBeVisible();
  const ticket = page.getByLabel('Ticket', { exact: true });
  await ticket.fill('REQ 42');
  await expect(page.getByRole('alert').filter({ hasText: 'Pas une référence de ticket' })).toBeVisible();
  await ticket.fill('inc0000042');
  await ticket.press('Enter');
  const rows = page.getByTestId('audit-table').locator('[data-audit-seq]');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(person.login);
  await rows.first().click();
  await expect(page.getByTestId('audit-detail-ticket')).toHaveText('INC0000042');
  await expect(page.getByTestId('audit-detail')).toContainText('signalé par la scolarité');
  // The reason and the person's presence in words, not only under "Détails techniques".
  const words = page.getByTestId('audit-detail-words');
  const said = (label: string) => words.locator(`dt:text-is("${label}") + dd`);
  await expect(said('Ce qui a été fait')).toHaveText('compte suspendu');
  await expect(said('Motif')).toHaveText('Usurpation d’identité suspectée');
  await expect(said('La personne')).toHaveText('n’était pas au guichet (identité non vérifiée)');
  await app.screenshot('lifecycle-journal-ticket');
  await expectAccessible(page, 'journal filtered by ticket, with the detail');
});
