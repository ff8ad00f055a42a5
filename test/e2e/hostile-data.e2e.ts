/**
 * Hostile directory data: a person whose names, login and other fields hold markup and
 * script, a right-to-left override, zero-width characters, formulas and NUL is found, shown
 * (lookup, card, audit) and exported as inert text; nothing in it ever runs, and the CSP
 * blocks an inline script injected on purpose.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openConsolePage, type ConsolePage } from './console-page';
import { addHostilePerson, tryAddLogin, type HostilePerson } from '../../resources/directory/hostile-person';
import { CsvReader, unprefixCell } from '../../src/main/audit/audit-csv';

let app: ConsolePage;
let hostile: HostilePerson & { dn: string };
/** Every channel that reached the router, in order (wrapped below, whatever the caller). */
const routed: string[] = [];
const consoleErrors: string[] = [];
const dialogs: string[] = [];
/** Requests for "x": what an <img src=x> built from the data would fetch. */
const strayImageRequests: string[] = [];

// eslint-disable-next-line no-control-regex, no-misleading-character-class -- exactly the characters the data holds
const INVISIBLE = /[\u0000\u200B\u200D\u202E\uFEFF]/;

/** The page's document, as far as these checks use it (this file type-checks without the DOM library). */
interface PageDocument {
  body: { textContent: string | null; insertAdjacentHTML(position: string, html: string): void };
  querySelectorAll(selector: string): { length: number };
  addEventListener(type: string, listener: (event: { effectiveDirective: string; sample: string }) => void): void;
  createElement(tag: string): { textContent: string | null };
  getElementById(id: string): { append(node: unknown): void; remove(): void } | null;
}

test.beforeAll(async () => {
  app = await openConsolePage();
  hostile = await addHostilePerson(app.fixture);
  const router = app.console.services.router;
  const dispatch = router.dispatch.bind(router);
  router.dispatch = (channel, payload, sender) => {
    routed.push(String(channel));
    return dispatch(channel, payload, sender);
  };
  const { page } = app;
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/x') strayImageRequests.push(r.url());
  });
  // The page is already loaded: listen for CSP violations from now on (no reload in this file).
  await page.evaluate(() => {
    const document = (globalThis as unknown as { document: PageDocument }).document;
    const w = globalThis as unknown as { __csp: Array<{ directive: string; sample: string }> };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push({ directive: e.effectiveDirective, sample: e.sample }));
  });
});
test.afterAll(async () => {
  await app?.close();
});

const globals = (page: Page) =>
  page.evaluate(() => {
    const w = globalThis as unknown as { __hostile?: unknown; __csp: Array<{ directive: string; sample: string }>; __cspProbe?: unknown; __cspProbe2?: unknown };
    return { hostile: w.__hostile ?? null, csp: w.__csp, probe: w.__cspProbe ?? null, probe2: w.__cspProbe2 ?? null };
  });

/** Nothing from the data became an element or ran. */
async function expectInert(page: Page, where: string) {
  const dom = await page.evaluate(() => {
    const document = (globalThis as unknown as { document: PageDocument }).document;
    return {
      images: document.querySelectorAll('img').length,
      handlers: document.querySelectorAll('[onerror],[onload],[onclick]').length,
      inlineScripts: document.querySelectorAll('script:not([src])').length,
      bold: document.querySelectorAll('b').length,
    };
  });
  expect(dom, where).toEqual({ images: 0, handlers: 0, inlineScripts: 0, bold: 0 });
  const g = await globals(page);
  expect(g.hostile, `${where}: a payload ran`).toBeNull();
  expect(g.csp, `${where}: the data caused a CSP violation (markup became elements)`).toEqual([]);
  expect(routed, `${where}: the payload's IPC call fired`).not.toContain('session:lock');
  expect(strayImageRequests, `${where}: an <img src=x> was built`).toEqual([]);
  expect(dialogs).toEqual([]);
  // Invisible characters never reach the screen raw: each one is a visible marker.
  const text = await page.evaluate(() => (globalThis as unknown as { document: PageDocument }).document.body.textContent ?? '');
  expect(INVISIBLE.test(text), `${where}: a raw invisible character is on screen`).toBe(false);
}

/** Channels the screens of this journey call; anything else (e.g. session:lock) is unexpected. */
const EXPECTED_CHANNELS = new Set([
  'app:status',
  'session:sign-in',
  'session:current',
  'directory:search',
  'account:open',
  'verification:status',
  'consents:get',
  'activation:offer',
  'audit:query',
  'audit:stats',
  'audit:verify',
  'audit:event',
  'audit:history',
  'audit:export',
  'audit:export-progress',
]);

// @mouse-only: a directory check, no page.
test('slapd refuses NUL in a login (RDN) but keeps it in names', { tag: '@mouse-only' }, async () => {
  // 34 = invalidDNSyntax: NUL cannot be part of a DN. The hostile person's sn and displayName
  // do hold NUL (Directory String accepts it), so the console receives it from there.
  expect(await tryAddLogin(app.fixture, 'nul\u0000login')).toBe(34);
  expect(hostile.familyName).toContain('\u0000');
  expect(hostile.displayName).toContain('\u0000');
});

test('hostile data is found, shown and exported as inert text; nothing it holds runs', async () => {
  const { page, fixture } = app;
  const agent = fixture.agents.find((a) => a.kind === 'agent')!;
  expect(agent.password).toBe('Guichet-Demo-2026!');
  await page.getByLabel('Identifiant').fill(agent.login);
  await page.getByLabel('Mot de passe').fill(agent.password);
  await page.getByLabel('Mot de passe').press('Enter');
  await expect(page.getByTestId('agent-badge')).toContainText(agent.displayName);
  const fromHere = routed.length;

  // Lookup: plain letters still find the person, whatever the zero-width characters.
  await page.getByRole('searchbox').fill(hostile.searchText);
  const rows = page.getByRole('listbox', { name: 'Résultats' }).getByRole('option');
  await expect(rows).toHaveCount(1);
  const row = rows.first();
  // The markup is text, shown literally; the RLO, zero-width characters and NUL are markers.
  await expect(row).toContainText('<script>globalThis.__hostile=\'displayName\'</script>Mal⟨U+200B⟩lory⟨U+200D⟩⟨U+FEFF⟩ ⟨U+202E⟩Vautrin⟨U+0000⟩<img src=x onerror="globalThis.__hostile=\'displayName\';guichet.lockSession({})">');
  await expect(row).toContainText('=1+1<img src=x onerror="globalThis.__hostile=\'uid\';guichet.lockSession({})">⟨U+202E⟩exe.txt⟨U+200B⟩');
  await expect(row).toContainText('<b>⟨U+202E⟩4242</b>');
  await expect(row.getByTestId('hidden-char').filter({ hasText: '⟨U+202E⟩' }).first()).toHaveAttribute('title', 'Caractère invisible ou de contrôle U+202E');
  // Each value sits in its own <bdi>: the RLO cannot reorder the cells' other text.
  expect(await row.locator('bdi').count()).toBeGreaterThanOrEqual(3);
  await app.screenshot('hostile-lookup');
  await expectInert(page, 'lookup');

  // Card.
  await row.click();
  const card = page.getByTestId('account-card');
  await expect(card).toBeVisible();
  const heading = card.getByRole('heading', { level: 1 });
  await expect(heading).toContainText('M. <script>globalThis.__hostile=\'displayName\'</script>Mal⟨U+200B⟩lory');
  await expect(card.getByTestId('hidden-chars-warning')).toContainText('caractères invisibles ou de contrôle');
  await expect(card).toContainText('Vautrin<img src=x onerror="globalThis.__hostile=\'sn\';guichet.lockSession({})">⟨U+202E⟩exe.txt⟨U+0000⟩');
  await expect(card).toContainText('@SUM(1+1)<img src=x onerror="globalThis.__hostile=\'alias\';guichet.lockSession({})">⟨U+200D⟩');
  await expect(card).toContainText('-2+3<img src=x onerror="globalThis.__hostile=\'eppn\';guichet.lockSession({})">@univ-demo.fr');
  await expect(card).toContainText('+<img src=x onerror="globalThis.__hostile=\'uniqueId\';guichet.lockSession({})">⟨U+FEFF⟩@univ-demo.fr');
  await expect(card).toContainText(hostile.mail); // ASCII only: slapd refuses U+202E in an IA5 String
  await expect(card).toContainText('student<img src=x onerror="globalThis.__hostile=\'affiliation\';guichet.lockSession({})">');
  // The verification and desk panels loaded for this person too (no refusal blocked the card).
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.waitForTimeout(1500); // an <img onerror> would have fired by now
  await app.screenshot('hostile-card');
  await expectInert(page, 'card');

  // Audit: the agent's own events, including the view of this person.
  await page.getByRole('button', { name: 'Journal' }).click();
  await expect(page.getByRole('heading', { name: 'Journal des actions' })).toBeVisible();
  const table = page.getByTestId('audit-table');
  const viewed = table.getByRole('row').filter({ hasText: 'Consultation de compte' });
  await expect(viewed).toHaveCount(1);
  await expect(viewed).toContainText('=1+1<img src=x onerror="globalThis.__hostile=\'uid\';guichet.lockSession({})">⟨U+202E⟩exe.txt⟨U+200B⟩');
  await viewed.click();
  const target = page.getByTestId('audit-detail-target');
  await expect(target).toContainText('=1+1<img src=x onerror=');
  // The DN is among the technical details, inert too.
  await page.getByTestId('audit-detail').getByRole('button', { name: 'Détails techniques' }).click();
  await expect(page.getByTestId('audit-detail-technical')).toContainText(',ou=people,dc=univ-demo,dc=fr');
  await expect(page.getByTestId('integrity-badge')).toContainText('Journal intègre');
  await app.screenshot('hostile-audit');
  await expectInert(page, 'audit');

  // Exports: CSV (comma) and JSON Lines.
  const exportAs = async (label: string, format: string) => {
    const shown = page.getByTestId('export-result');
    const before = (await shown.count()) > 0 ? await shown.textContent() : null;
    await page.getByLabel('Format d’export').selectOption(format);
    await page.getByRole('button', { name: 'Exporter le filtre' }).click();
    const result = page.getByTestId('export-result');
    await expect(result).toContainText(label);
    await expect(result).not.toHaveText(before ?? '');
    return (await result.textContent())!.split(' : ').at(-1)!.trim();
  };
  const csvPath = await exportAs('.csv', 'csv');
  const jsonlPath = await exportAs('.jsonl', 'jsonl');

  const csv = readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, '');
  const reader = new CsvReader(',');
  const records = [...reader.feed(csv), ...reader.end()];
  expect(records.length).toBeGreaterThan(2);
  const cells = records.flat();
  // No cell a spreadsheet would evaluate: = + - @ (tab, CR) are prefixed with a quote.
  expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
  expect(cells).toContain(`'${hostile.login}`);
  expect(cells.map(unprefixCell)).toContain(hostile.login);

  const lines = readFileSync(jsonlPath, 'utf8').split('\n').filter((l) => l !== '');
  const events = lines.map((l) => JSON.parse(l) as { target?: { login: string; dn: string | null } | null });
  const about = events.filter((e) => e.target?.login === hostile.login);
  expect(about.length).toBeGreaterThanOrEqual(1);
  expect(about[0]!.target!.dn).toMatch(/,ou=people,dc=univ-demo,dc=fr$/);

  // The command-line tool still finds both exports intact, signed by this desk's key.
  const deskKey = app.console.services.audit.deskKey!.publicKey;
  for (const [file, kind] of [
    [csvPath, 'CSV'],
    [jsonlPath, 'JSONL'],
  ] as const) {
    const run = spawnSync('npm', ['run', '--silent', 'audit-cli', '--', 'verify', file, '--public-key', deskKey], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Intègre : export ${kind} de`));
  }
  await expectInert(page, 'export');

  // Every call the page made was one these screens make.
  const made = routed.slice(fromHere);
  expect(made).toContain('account:open');
  expect(made.filter((c) => !EXPECTED_CHANNELS.has(c))).toEqual([]);
  expect(app.host.calls.slice(-made.length)).toEqual(made);
});

// @mouse-only: markup injected by script to probe the CSP; no person drives it.
test('the CSP blocks an inline handler and an inline script injected into the page', { tag: '@mouse-only' }, async () => {
  const { page } = app;
  const before = routed.length;
  await page.evaluate(() => {
    const document = (globalThis as unknown as { document: PageDocument }).document;
    // An inline handler on markup inserted as HTML (an <img> that fails to load)...
    document.body.insertAdjacentHTML(
      'beforeend',
      '<div id="csp-probe"><img src="/csp-probe-missing.png" onerror="globalThis.__cspProbe=1;guichet.lockSession({})"></div>',
    );
    // ...and a script element built by code (HTML-inserted <script> never runs anyway).
    const script = document.createElement('script');
    script.textContent = 'globalThis.__cspProbe2 = 1; guichet.lockSession({});';
    document.getElementById('csp-probe')!.append(script);
  });
  // Both policies (the <meta> in index.html and the header the shell sets) report each block.
  await expect
    .poll(async () => [...new Set((await globals(page)).csp.map((v) => v.directive))].sort())
    .toEqual(['script-src-attr', 'script-src-elem']);
  const g = await globals(page);
  expect(g.probe).toBeNull();
  expect(g.probe2).toBeNull();
  expect(consoleErrors.some((e) => e.includes('Content Security Policy'))).toBe(true);
  expect(routed.slice(before)).not.toContain('session:lock');
  await app.screenshot('hostile-csp-probe');
  await page.evaluate(() => (globalThis as unknown as { document: PageDocument }).document.getElementById('csp-probe')?.remove());
  // The session is still open: no lock reached the router.
  await expect(page.getByTestId('agent-badge')).toBeVisible();
});
