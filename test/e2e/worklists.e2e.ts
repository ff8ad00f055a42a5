/**
 * The morning's worklists, in Chromium: the supervisor opens the worklists, reads each count
 * and when it was taken, opens the locked accounts, moves with the arrows and opens a card
 * with Enter, comes back to the same list, pages on, exports it to CSV, refreshes the counts;
 * every opening is on record; each screen through axe. The keyboard project runs it again.
 */
import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { ConsolePage } from './console-page';
import { openConsolePage } from './console-page';
import { signInAs } from './desk-steps';
import { expectAccessible } from './support/a11y';

let app: ConsolePage;

test.beforeAll(async () => {
  app = await openConsolePage({
    fixture: { people: 400, passwordMaxAgeDays: 365 },
    overrides: {
      worklists: { pageSize: 10 },
      directory: { passwordPolicyDn: 'cn=default,ou=policies,dc=univ-demo,dc=fr' } as never,
    },
  });
  await signInAs(app.page, app.fixture, 'supervisor');
});
test.afterAll(async () => {
  await app?.close();
});

const viewed = () =>
  (app.console.services.auditDb.prepare("SELECT outcome, details FROM events WHERE action = 'worklist-viewed' AND outcome <> 'pending' ORDER BY seq").all() as Array<{ outcome: string; details: string }>).map((r) => ({
    outcome: r.outcome,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));

test("the morning's worklists: counts with their time, a list moved with the arrows, a card opened with Enter, the way back, the next page, the export", async () => {
  const { page, fixture } = app;
  const locked = [...fixture.people.filter((p) => p.pwdAccountLockedTime !== undefined), fixture.agents.find((a) => a.kind === 'locked-agent')!];
  await page.getByRole('button', { name: 'Listes', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Listes de travail');
  const lockedTile = page.getByTestId('worklist-locked');
  await expect(lockedTile.getByTestId('worklist-count')).toHaveText(`${locked.length} comptes`);
  await expect(page.getByTestId('worklists-taken-at')).toContainText('Comptes pris le');
  const never = page.getByTestId('worklist-never-activated');
  await expect(never).toContainText('Rentrée le 01/09/');
  await expect(never.getByRole('group')).toContainText('Étudiant·e');
  await expect(page.getByTestId('worklist-password-expiring').getByTestId('worklist-count')).not.toHaveText('—');
  await app.screenshot('worklists-morning');
  await expectAccessible(page, 'worklists: the counts');

  // The locked accounts, sorted by the directory; the keyboard is on the list at once.
  await lockedTile.getByRole('button', { name: /Verrouillés en ce moment/ }).click();
  const list = page.getByRole('listbox', { name: 'Liste « Verrouillés en ce moment »' });
  await expect(list).toBeFocused();
  await expect(list.getByRole('option')).toHaveCount(Math.min(10, locked.length));
  await expect(page.getByTestId('worklist-status')).toHaveText(`Page 1 sur ${Math.ceil(locked.length / 10)}`);
  await page.keyboard.press('ArrowDown');
  const second = list.getByRole('option').nth(1);
  await expect(second).toHaveAttribute('aria-selected', 'true');
  const chosenLogin = (await second.locator('td.mono').innerText()).trim();
  await app.screenshot('worklists-locked');
  await expectAccessible(page, 'worklists: the locked list');
  expect(viewed().at(-1)).toEqual({ outcome: 'success', details: { list: 'locked', page: 1, count: locked.length } });

  await page.keyboard.press('Enter');
  const person = fixture.people.find((p) => p.login === chosenLogin);
  const familyName = person ? person.familyName : fixture.agents.find((a) => a.login === chosenLogin)!.displayName.split(' ').at(-1)!;
  await expect(page.getByTestId('account-card').getByRole('heading', { level: 1 })).toContainText(familyName);
  await expect(page.getByTestId('account-card').getByTestId('state-badge').first()).toBeVisible();
  // Its opening is on record with the list it came from.
  const opened = app.console.services.auditDb.prepare("SELECT details FROM events WHERE action = 'account-viewed' AND target_login = ? ORDER BY seq DESC").get(chosenLogin) as { details: string };
  expect(JSON.parse(opened.details)).toEqual({ source: 'worklist', list: 'locked' });

  // The way back: the same list, the same page.
  await page.getByRole('button', { name: 'Listes', exact: true }).click();
  await expect(page.getByRole('listbox', { name: 'Liste « Verrouillés en ce moment »' }).getByRole('option')).toHaveCount(Math.min(10, locked.length));
  if (locked.length > 10) {
    await page.getByRole('button', { name: 'Page suivante' }).click();
    await expect(page.getByTestId('worklist-status')).toHaveText(`Page 2 sur ${Math.ceil(locked.length / 10)}`);
    expect(viewed().at(-1)!.details).toMatchObject({ list: 'locked', page: 2 });
  }

  // A jump to page k of a longer list: typed, Enter; the keyboard is back on the list, its keys still work.
  const neverActivated = fixture.people.filter((p) => p.resourceState === '{COMPTE}I:SupannCree');
  const lastPage = Math.ceil(neverActivated.length / 10);
  expect(lastPage).toBeGreaterThanOrEqual(3);
  await page.getByTestId('worklist-never-activated').getByRole('button', { name: /Jamais activés/ }).click();
  const neverList = page.getByRole('listbox', { name: 'Liste « Jamais activés »' });
  await expect(neverList).toBeFocused();
  const jump = page.getByLabel(`Aller à la page (1 à ${lastPage})`);
  await jump.fill(String(lastPage + 5));
  await jump.press('Enter');
  await expect(page.getByTestId('worklist-jump').getByRole('alert')).toHaveText(`Un numéro de page de 1 à ${lastPage}.`);
  await expect(page.getByTestId('worklist-status')).toHaveText(`Page 1 sur ${lastPage}`);
  await jump.fill(String(lastPage));
  await jump.press('Enter');
  await expect(page.getByTestId('worklist-status')).toHaveText(`Page ${lastPage} sur ${lastPage}`);
  await expect(neverList).toBeFocused();
  await expect(neverList.getByRole('option')).toHaveCount(neverActivated.length - (lastPage - 1) * 10);
  expect(viewed().at(-1)).toEqual({ outcome: 'success', details: { list: 'never-activated', page: lastPage, count: neverActivated.length } });
  await app.screenshot('worklists-jumped');
  await expectAccessible(page, 'worklists: a jump to the last page');
  await page.keyboard.press('PageUp');
  await expect(page.getByTestId('worklist-status')).toHaveText(`Page ${lastPage - 1} sur ${lastPage}`);

  // The export: on record, formula-safe, where the console keeps exports.
  await page.getByTestId('worklist-export').click();
  await expect(page.getByTestId('worklist-export-result')).toContainText(`(${neverActivated.length} comptes)`);
  const [exported] = app.console.services.auditDb.prepare("SELECT details FROM events WHERE action = 'worklist-exported'").all() as Array<{ details: string }>;
  const { fileName } = JSON.parse(exported!.details) as { fileName: string };
  const path = `${app.console.dataDir}/exports/${fileName}`;
  expect(existsSync(path)).toBe(true);
  expect(readFileSync(path, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(neverActivated.length + 1);

  // Counts again, on demand, an hour later by the console's clock: the new time is said.
  const before = await page.getByTestId('worklists-taken-at').innerText();
  const clock = app.console.clock.now;
  app.console.clock.now = () => new Date(Date.now() + 3_600_000);
  try {
    await page.getByTestId('worklists-refresh').click();
    await expect(page.getByTestId('worklists-taken-at')).not.toHaveText(before);
    await expect(page.getByTestId('worklists-taken-at')).toContainText('Comptes pris le');
  } finally {
    app.console.clock.now = clock;
  }

  // The journal tells the card's opening in words, with the list it came from.
  await page.getByRole('button', { name: 'Journal' }).click();
  await page.getByRole('combobox', { name: 'Action', exact: true }).selectOption({ label: 'Consultation de compte' });
  await page.getByRole('button', { name: 'Filtrer' }).click();
  const openings = page.getByTestId('audit-table').locator('[data-audit-seq]');
  await expect(openings.first()).toContainText(chosenLogin);
  await openings.first().click();
  await expect(page.getByTestId('audit-detail-words')).toContainText('Fiche ouverte depuis la liste de travail « Verrouillés en ce moment »');
  await app.screenshot('worklists-opening-in-journal');
});
