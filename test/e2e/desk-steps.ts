/** What the e2e files of the desk do again and again: sign in, open a card, call the bridge as a page could, change the directory as root, try a bind. */
import { expect, type Page } from '@playwright/test';
import { Attribute, Change, Client } from 'ldapts';
import type { DirectoryFixture, FixturePerson } from '../../resources/directory/fixture';
import { openConsolePage, type ConsolePage } from './console-page';

export async function signInAs(page: Page, fixture: DirectoryFixture, kind: 'agent' | 'supervisor'): Promise<void> {
  const agent = fixture.agents.find((a) => a.kind === kind)!;
  await page.getByLabel('Identifiant').fill(agent.login);
  await page.getByLabel('Mot de passe').fill(agent.password);
  await page.getByLabel('Mot de passe').press('Enter');
  await expect(page.getByTestId('agent-badge')).toContainText(agent.displayName);
}

/** A console for one e2e file, an agent already signed in. */
export async function openAgentConsole(): Promise<ConsolePage> {
  const app = await openConsolePage();
  await signInAs(app.page, app.fixture, 'agent');
  return app;
}

/** The results for `login` (exactly one row of that login once the search has answered). */
export async function searchLogin(page: Page, login: string) {
  await page.getByRole('button', { name: 'Recherche', exact: true }).click();
  await page.getByRole('searchbox').fill(login);
  const row = page.getByRole('listbox', { name: 'Résultats' }).getByRole('option').filter({ hasText: login });
  await expect(row).toHaveCount(1);
  return row;
}

export async function openCardOf(page: Page, person: FixturePerson): Promise<void> {
  const row = await searchLogin(page, person.login);
  await row.click();
  await expect(page.getByTestId('account-card').getByRole('heading', { level: 1 })).toContainText(person.familyName);
  // The verification is read after the card: wait for the band to speak of this card.
  await expect(page.getByTestId('verification-banner')).toBeVisible();
}

/** A call straight through the preload bridge, as a compromised or broken page could make it. */
export function viaBridge(page: Page, method: string, request: unknown): Promise<{ ok: boolean; error?: { code: string; details?: Record<string, unknown> } }> {
  return page.evaluate(
    ([m, r]) => (globalThis as unknown as { guichet: Record<string, (r: unknown) => Promise<never>> }).guichet[m as string]!(r),
    [method, request] as const,
  );
}

/** Replaces an attribute's values as the directory's root (to stage a state the fixture does not have). */
export async function replaceAsRoot(fixture: DirectoryFixture, dn: string, type: string, values: string[]): Promise<void> {
  const client = new Client({ url: fixture.url, timeout: 3000, connectTimeout: 3000 });
  try {
    await client.bind(fixture.rootDn, fixture.rootPassword);
    await client.modify(dn, new Change({ operation: 'replace', modification: new Attribute({ type, values }) }));
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

export async function canBind(fixture: DirectoryFixture, person: FixturePerson, password: string): Promise<boolean> {
  const client = new Client({ url: fixture.url, timeout: 3000, connectTimeout: 3000 });
  try {
    await client.bind(person.dn, password);
    return true;
  } catch {
    return false;
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

export const ddmmyyyy = (yyyymmdd: string): string => `${yyyymmdd.slice(6, 8)}/${yyyymmdd.slice(4, 6)}/${yyyymmdd.slice(0, 4)}`;

/** WCAG contrast ratio of two CSS colours (`rgb(r, g, b)`). */
export function contrast(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, bl] = (css.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
