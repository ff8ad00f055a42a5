/**
 * The set-up of the canary tests: a fixture directory, a real SMTP peer, a console on its
 * own data folder writing its log to file, and the temp-folder variables pointed at a
 * folder of their own, so that every file the flows leave behind can be scanned.
 * Call `useCanaryDesk()` at the top of a file or a describe block: it registers the hooks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startDirectory, type DirectoryFixture } from '../../../resources/directory/fixture';
import type { GuichetConfigInput } from '../../../src/main/config/schema';
import { startConsole, type ConsoleHarness } from '../../support/console-harness';
import { redirectTempFolder } from './canary';
import { startSmtpPeer, type SmtpPeer } from './smtp-peer';

export interface CanaryDesk {
  fixture: DirectoryFixture;
  smtp: SmtpPeer;
  desk: ConsoleHarness;
  /** The console's data folder: audit database, WAL, log, exports. */
  deskDir: string;
  /** Where TMPDIR, TMP, TEMP and SQLITE_TMPDIR point while the file runs. */
  tempDir: string;
}

/** `name` tells the folders apart; `overrides` are the console's configuration beyond the mail peer. */
export function useCanaryDesk(name: string, overrides: Partial<GuichetConfigInput>): { readonly current: CanaryDesk } {
  let current: CanaryDesk | null = null;
  let fixture: DirectoryFixture | undefined;
  let smtp: SmtpPeer | undefined;
  let desk: ConsoleHarness | undefined;
  let deskDir: string | undefined;
  let temp: ReturnType<typeof redirectTempFolder> | undefined;
  beforeAll(async () => {
    fixture = await startDirectory({ people: 10 });
    smtp = await startSmtpPeer();
    deskDir = mkdtempSync(join(tmpdir(), `guichet-canary-${name}-`));
    temp = redirectTempFolder(`guichet-canary-${name}-temp-`);
    desk = startConsole({ fixture, dataDir: deskDir, logToFile: true, overrides: { mail: smtp.mailConfig(), ...overrides } });
    current = { fixture, smtp, desk, deskDir, tempDir: temp.dir };
  });
  afterAll(async () => {
    await desk?.close();
    await smtp?.close();
    await fixture?.stop();
    if (deskDir) rmSync(deskDir, { recursive: true, force: true });
    temp?.restore();
  });
  return {
    get current() {
      if (!current) throw new Error('the canary desk starts in beforeAll');
      return current;
    },
  };
}
