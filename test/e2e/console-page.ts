/**
 * One console for an e2e file: a fixture directory, the real services on a temp data
 * folder, and the built renderer in Chromium with the preload API routed to the router.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, type Page } from '@playwright/test';
import { installKeyboardOnly } from './support/keyboard-only';
import { startDirectory, type DirectoryFixture, type DirectoryFixtureOptions } from '../../resources/directory/fixture';
import { startConsole, type ConsoleHarness } from '../support/console-harness';
import { harnessSenderCheck, openChromiumHost, type ChromiumHost } from '../../scripts/lib/chromium-host';
import type { GuichetConfigInput } from '../../src/main/config/schema';
import { startSmtpPeer, type SmtpPeer } from '../integration/support/smtp-peer';
import { shapeDirectoryFor } from '../../resources/directory/institution-shape';
import { profileOverrides, readInstitutionProfile, type InstitutionProfile } from '../../src/main/config/institution-profiles';

export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'screenshots');

export interface ConsolePage {
  fixture: DirectoryFixture;
  console: ConsoleHarness;
  host: ChromiumHost;
  page: Page;
  /** A real SMTP server receiving the console's mail. */
  smtp: SmtpPeer;
  /** This run drives the page by keyboard only (the `keyboard` project): locator actions go through Tab, Enter, Space and arrows. */
  keyboardOnly: boolean;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Whether the test runs in the `keyboard` project (playwright.config.ts). */
export function keyboardOnlyRun(): boolean {
  try {
    return test.info().project.metadata['keyboardOnly'] === true;
  } catch {
    return false;
  }
}

/** `institution`: the console on that ready profile (resources/config), the directory shaped for it. */
export async function openConsolePage(
  options: { fixture?: DirectoryFixtureOptions; overrides?: Partial<GuichetConfigInput>; dataDir?: string; institution?: InstitutionProfile } = {},
): Promise<ConsolePage> {
  const fixture = await startDirectory({ people: 60, ...options.fixture });
  if (options.institution) await shapeDirectoryFor(fixture, options.institution);
  const profile = options.institution ? profileOverrides(readInstitutionProfile(options.institution)) : {};
  const smtp = await startSmtpPeer();
  let appUrl: string | null = null;
  const harness = startConsole({
    fixture,
    overrides: { ...profile, mail: smtp.mailConfig(), ...options.overrides },
    isTrustedSender: harnessSenderCheck(() => appUrl),
    logToFile: true,
    dataDir: options.dataDir,
  });
  const host = await openChromiumHost({ router: harness.services.router, onUrl: (url) => (appUrl = url) });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const keyboard = keyboardOnlyRun() ? installKeyboardOnly(host.page) : null;
  return {
    keyboardOnly: keyboard !== null,
    fixture,
    console: harness,
    host,
    smtp,
    page: host.page,
    async screenshot(name) {
      // The keyboard-only run repeats the journeys: its pictures would be the same (and cost time).
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      if (!keyboard) await host.page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      keyboard?.uninstall();
      await host.close();
      await harness.close();
      await smtp.close();
      await fixture.stop();
    },
  };
}
