/**
 * One console for an e2e file: a fixture directory, the real services on a temp data
 * folder, and the built renderer in Chromium with the preload API routed to the router;
 * and the two steps every desk journey starts with (sign in, open a person's card).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { startDirectory, type DirectoryFixture, type DirectoryFixtureOptions, type FixturePerson } from '../../resources/directory/fixture';
import { startConsole, type ConsoleHarness } from '../support/console-harness';
import { harnessSenderCheck, openChromiumHost, type ChromiumHost } from '../../scripts/lib/chromium-host';
import type { GuichetConfigInput } from '../../src/main/config/schema';
import { startSmtpPeer, type SmtpPeer } from '../integration/support/smtp-peer';

export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'screenshots');

export interface ConsolePage {
  fixture: DirectoryFixture;
  console: ConsoleHarness;
  host: ChromiumHost;
  page: Page;
  /** A real SMTP server receiving the console's mail. */
  smtp: SmtpPeer;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function openConsolePage(
  options: { fixture?: DirectoryFixtureOptions; overrides?: Partial<GuichetConfigInput>; dataDir?: string } = {},
): Promise<ConsolePage> {
  const fixture = await startDirectory({ people: 60, ...options.fixture });
  const smtp = await startSmtpPeer();
  let appUrl: string | null = null;
  const harness = startConsole({
    fixture,
    overrides: { mail: smtp.mailConfig(), ...options.overrides },
    isTrustedSender: harnessSenderCheck(() => appUrl),
    logToFile: true,
    dataDir: options.dataDir,
  });
  const host = await openChromiumHost({ router: harness.services.router, onUrl: (url) => (appUrl = url) });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    fixture,
    console: harness,
    host,
    smtp,
    page: host.page,
    async screenshot(name) {
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await host.page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await host.close();
      await harness.close();
      await smtp.close();
      await fixture.stop();
    },
  };
}

/** Signs in as the fixture's agent of that kind, from the sign-in screen. */
export async function signInAs(page: Page, fixture: DirectoryFixture, kind: 'agent' | 'supervisor'): Promise<void> {
  const agent = fixture.agents.find((a) => a.kind === kind)!;
  await page.getByLabel('Identifiant').fill(agent.login);
  await page.getByLabel('Mot de passe').fill(agent.password);
  await page.getByLabel('Mot de passe').press('Enter');
  await expect(page.getByTestId('agent-badge')).toContainText(agent.displayName);
}

/** Finds the person by login and opens their card. */
export async function openCard(page: Page, person: Pick<FixturePerson, 'login' | 'familyName'>): Promise<void> {
  await page.getByRole('button', { name: 'Recherche', exact: true }).click();
  await page.getByRole('searchbox').fill(person.login);
  const options = page.getByRole('listbox', { name: 'Résultats' }).getByRole('option');
  // The results of this search, not the previous one's still on screen.
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText(person.login);
  await page.getByRole('searchbox').press('Enter');
  await expect(page.getByTestId('account-card').getByRole('heading', { level: 1 })).toContainText(person.familyName);
}
