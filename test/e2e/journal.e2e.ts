/**
 * The journal as a supervisor reads it (issue 16, "The journal, for a supervisor"): free text
 * finds people, the agent and account filters suggest and take a prefix, one audit-viewed per
 * opening, the count shown and the export agree, the event in words, the CSV a spreadsheet
 * opens, the charts' colours. The events are written into the real trail of the console.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { AuditEventInput } from '../../src/shared/audit-events';
import { openConsolePage, type ConsolePage } from './console-page';

let app: ConsolePage;
let page: Page;

const MARIE = { login: 'mdurand', displayName: 'Marie Durand' };
const JEANNE = { login: 'jdupuis', displayName: 'Jeanne Dupuis' };
const viewed = (agent: typeof MARIE, login: string, dn: string | null = null): AuditEventInput => ({
  action: 'account-viewed',
  outcome: 'success',
  agent,
  target: { login, dn },
  details: { source: 'search' },
});

test.beforeAll(async () => {
  app = await openConsolePage();
  page = app.page;
  const { audit } = app.console.services;
  audit.append(viewed(MARIE, 'jdupont'));
  audit.append(viewed(MARIE, 'lmoreau', 'uid=lmoreau,ou=people,dc=univ-demo,dc=fr'));
  audit.append(viewed(JEANNE, 'jdupont2'));
  audit.append(viewed(JEANNE, 'rbernard', 'supannEmpId=E4521,ou=people,dc=univ-demo,dc=fr'));
  audit.append({
    action: 'consent-change',
    outcome: 'success',
    agent: JEANNE,
    target: { login: 'jdupont', dn: null },
    evidence: ['student-card'],
    details: { changes: { consents: { before: ['{SMS}ALERTES'], after: ['{SMS}ALERTES', '{PHOTO}TROMBINOSCOPE'] }, mobile: { before: null, after: '06******78' } } },
  });
  const reset = audit.beginIntent({
    action: 'password-reset',
    agent: MARIE,
    target: { login: 'jdupont', dn: null },
    evidence: ['identity-document'],
    details: { delivery: 'shown-at-desk', mustChangeAtNextLogin: true },
  });
  audit.settle(reset, 'success');
  // Enough kinds of action for the chart to need more than a handful of colours.
  const kinds: AuditEventInput[] = [
    { action: 'sign-out', outcome: 'success', agent: MARIE, details: { reason: 'user' } },
    { action: 'idle-lock', outcome: 'success', agent: MARIE, details: { idleMinutes: 5 } },
    { action: 'session-resumed', outcome: 'success', agent: MARIE, details: {} },
    { action: 'sign-in-refused', outcome: 'denied', agent: JEANNE, details: { reason: 'invalid-credentials' } },
    { action: 'verification-attempt', outcome: 'success', agent: MARIE, target: { login: 'jdupont', dn: null }, details: { method: 'student-card', matched: true } },
    { action: 'account-unlock', outcome: 'success', agent: MARIE, target: { login: 'lmoreau', dn: null }, evidence: ['student-card'], details: {} },
    { action: 'login-revealed', outcome: 'success', agent: JEANNE, target: { login: 'lmoreau', dn: null }, evidence: ['staff-card'], details: { channel: 'screen' } },
    { action: 'notification-sent', outcome: 'success', agent: MARIE, target: { login: 'jdupont', dn: null }, details: { channel: 'mail', recipient: 'j***@e***.fr', purpose: 'password-reset' } },
    { action: 'notification-failed', outcome: 'failure', agent: MARIE, target: { login: 'lmoreau', dn: null }, details: { channel: 'mail', recipient: 'l***@e***.fr', purpose: 'login-reminder', reason: 'timeout' } },
    { action: 'activation-step', outcome: 'success', agent: JEANNE, target: { login: 'rbernard', dn: null }, details: { step: 'charter-accepted' } },
  ];
  for (const kind of kinds) audit.append(kind);
});
test.afterAll(async () => {
  await app?.close();
});

async function openJournal(role: 'supervisor') {
  const agent = app.fixture.agents.find((a) => a.kind === role)!;
  await page.getByLabel('Identifiant').fill(agent.login);
  await page.getByLabel('Mot de passe').fill(agent.password);
  await page.getByLabel('Mot de passe').press('Enter');
  await expect(page.getByTestId('agent-badge')).toContainText(agent.displayName);
  await page.getByRole('button', { name: 'Journal' }).click();
  await expect(page.getByRole('heading', { name: 'Journal des actions' })).toBeVisible();
  return agent;
}

const rowsOf = () => page.getByTestId('audit-table').getByRole('row').filter({ has: page.getByRole('cell') });
/** One column's texts, read in one go (the list may re-render between two reads of a row). */
const column = (n: number) =>
  page
    .getByTestId('audit-table')
    .locator('[data-audit-seq]')
    .evaluateAll((rows, i) => rows.map((row) => row.querySelectorAll('[role="cell"]')[i]?.textContent?.trim() ?? ''), n);
const countShown = async () => Number(/^(\d+) événements? pour ce filtre/.exec((await page.getByTestId('audit-count').textContent())!)![1]);

test('free text finds people, filters suggest and take a prefix, and filtering is not a new viewing', async () => {
  const supervisor = await openJournal('supervisor');
  const text = page.getByLabel('Texte libre');
  await expect(text).toBeFocused();

  // A name of an agent, an identifier of a DN, a login of an account.
  await text.fill('Dupuis');
  await text.press('Enter');
  await expect.poll(() => column(2)).toEqual(Array(6).fill(JEANNE.login));
  await text.fill('E4521');
  await text.press('Enter');
  await expect.poll(() => column(4)).toEqual(['rbernard']);
  await text.fill('lmoreau');
  await text.press('Enter');
  await expect.poll(() => column(4)).toEqual(['lmoreau', 'lmoreau', 'lmoreau', 'lmoreau']);
  await app.screenshot('journal-1-free-text-login');
  await text.fill('');

  // The account filter: a prefix suggests, arrows move, Enter picks (exact), Enter again filters.
  const account = page.getByRole('combobox', { name: 'Compte concerné' });
  await account.fill('jdup');
  const list = page.getByRole('listbox', { name: 'Compte concerné' });
  await expect(list.getByRole('option')).toHaveText(['jdupont', 'jdupont2']);
  await app.screenshot('journal-2-account-suggestions');
  await account.press('ArrowDown');
  await account.press('ArrowDown');
  await expect(account).toHaveAttribute('aria-activedescendant', /option-1$/);
  await account.press('Enter');
  await expect(account).toHaveValue('jdupont2');
  await expect(list).toBeHidden();
  await account.press('Enter');
  await expect.poll(() => column(4)).toEqual(['jdupont2']);
  // Typed and not picked: every login that starts so.
  await account.fill('jdup');
  await account.press('Escape');
  await expect(list).toBeHidden();
  await account.press('Enter');
  await expect.poll(async () => new Set(await column(4))).toEqual(new Set(['jdupont', 'jdupont2']));
  await account.fill('');

  // The agent filter suggests by name too.
  const agentFilter = page.getByRole('combobox', { name: 'Agent' });
  await agentFilter.fill('jea');
  await expect(page.getByRole('listbox', { name: 'Agent' }).getByRole('option')).toHaveText([/jdupuis — Jeanne Dupuis/]);
  await agentFilter.press('ArrowDown');
  await agentFilter.press('Enter');
  await expect(agentFilter).toHaveValue('jdupuis');
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect.poll(async () => new Set(await column(2))).toEqual(new Set([JEANNE.login]));
  await page.getByRole('button', { name: 'Effacer' }).click();

  // One opening of the screen, several filters: one audit-viewed on record.
  const views = app.console.services.audit.query({ action: 'audit-viewed', agent: supervisor.login }, { login: supervisor.login, role: 'supervisor' }).events;
  expect(views).toHaveLength(1);
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
});

test('the count shown is what the export holds; the CSV opens on French column names, times with their offset', async () => {
  await openJournal('supervisor');
  await expect(rowsOf().first()).toBeVisible();
  const shown = await countShown();
  // Something happens at the desk meanwhile: the list, its count and its export stay as read.
  app.console.services.audit.append(viewed(MARIE, 'jdupont'));
  await page.getByLabel('Format d’export').selectOption('csv-semicolon');
  await page.getByRole('button', { name: 'Exporter le filtre' }).click();
  await expect(page.getByTestId('export-count')).toHaveText(`${shown} événements exportés`);
  await app.screenshot('journal-3-export-agrees');
  const path = (await page.getByTestId('export-path').textContent())!.replace(/^.* : /, '').trim();
  await expect(page.getByTestId('export-path')).toContainText('dossier des exports de ce poste');
  const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
  expect(lines[0]!.split(';').slice(0, 4)).toEqual(['N°', 'Date et heure (heure du guichet)', 'Action', 'Résultat']);
  expect(lines[1]).toMatch(/^#guichet-audit-export;/);
  // Europe/Paris in winter or summer, as the desk's browser says.
  expect(lines[2]!.split(';')[1]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0[12]:00$/);
  const verify = await import('../../src/main/audit/export-verify');
  expect(await verify.verifyExportFile(path)).toMatchObject({ intact: true });
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
});

test('an event in words; its raw JSON and hashes behind "Détails techniques"; a colour and a pattern per action', async () => {
  await openJournal('supervisor');
  await page.getByRole('combobox', { name: 'Action', exact: true }).selectOption({ label: 'Modification des consentements' });
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect.poll(() => column(3)).toEqual(['Modification des consentements']);
  const row = rowsOf().first();
  await row.focus();
  await row.press('Enter');
  const detail = page.getByTestId('audit-detail');
  await expect(detail.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(detail.getByTestId('audit-detail-changes').getByRole('listitem')).toHaveText([
    'photo (trombinoscopes) : refusée → acceptée',
    'téléphone mobile : (vide) → 06******78',
  ]);
  await expect(detail.getByTestId('audit-detail-evidence')).toHaveText('carte d’étudiant vue');
  await expect(detail).not.toContainText('"after"');
  await expect(detail).not.toContainText('{PHOTO}');
  const toggle = detail.getByRole('button', { name: 'Détails techniques' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await app.screenshot('journal-4-detail-in-words');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(detail.getByTestId('audit-detail-technical')).toContainText('{PHOTO}TROMBINOSCOPE');
  await expect(detail.getByTestId('audit-detail-technical')).toContainText(/[0-9a-f]{64}/);
  await app.screenshot('journal-5-detail-technical');
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();
  await expect(row).toBeFocused();

  await page.getByRole('button', { name: 'Effacer' }).click();
  await expect.poll(() => page.getByTestId('legend-item').count()).toBeGreaterThanOrEqual(12);
  const bars = await page.locator('[data-testid="audit-charts"] rect[data-action]').evaluateAll((rects) =>
    rects.map((r) => [r.getAttribute('data-action'), r.getAttribute('data-colour'), r.getAttribute('fill')] as const),
  );
  const colourOf = new Map(bars.map(([action, colour]) => [action, colour]));
  expect(new Set(colourOf.values()).size).toBe(colourOf.size);
  for (const [action, , fill] of bars) expect(fill).toBe(`url(#audit-pattern-${action})`);
  await expect(page.getByTestId('legend-item').filter({ hasText: 'Modification des consentements (1)' })).toBeVisible();
  await page.getByText('Voir les chiffres en tableau').click();
  await expect(page.getByRole('columnheader', { name: 'Réinitialisation du mot de passe' })).toBeVisible();
  await app.screenshot('journal-6-charts');
});
