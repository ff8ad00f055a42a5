/**
 * The desk app's start and quit, with a fake Electron `app`, `dialog` and safeStorage (no
 * Electron binary runs here) over the real services, real SQLite files and real data
 * folders: every failure before the window is a dialog, a log line, a released lock and a
 * non-zero exit; no configuration is the first-run screen; every quit path settles open intents.
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { demoConfig } from '../../src/main/config/demo-config';
import { createServices, type Services } from '../../src/main/services';
import { keyPathFor } from '../../src/main/audit/audit-writer';
import { openAuditDatabase } from '../../src/main/audit/database';
import { devSwitches } from '../../src/main/shell/dev-switches';
import { closeOnEveryQuit } from '../../src/main/shell/quit';
import { startDesk, LOG_FILE, type StartOptions } from '../../src/main/shell/startup';
import type { SafeStorageLike } from '../../src/main/audit/signing-key-vault';
import type { AppStatus } from '../../src/shared/contract/app';

const folders: string[] = [];
const opened: Services[] = [];
afterEach(async () => {
  for (const services of opened.splice(0)) await services.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function dataFolder(config?: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-start-'));
  folders.push(dir);
  if (config !== undefined) writeFileSync(join(dir, 'guichet.yaml'), typeof config === 'string' ? config : stringify(config));
  return dir;
}

/** A keyring that seals by wrapping; `refuse` makes it deny like a declined Keychain prompt. */
function fakeSafeStorage(options: { available?: boolean; refuse?: boolean; backend?: string } = {}): SafeStorageLike {
  return {
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    encryptStringAsync: async (text) => {
      if (options.refuse) throw new Error('User interaction is not allowed.');
      return Buffer.from(`sealed:${text}`);
    },
    decryptStringAsync: async (blob) => {
      const text = blob.toString();
      if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return { shouldReEncrypt: false, result: text.slice('sealed:'.length) };
    },
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
  };
}

interface Run {
  options: StartOptions;
  calls: string[];
  errors: Array<{ title: string; body: string }>;
  warnings: Array<{ title: string; body: string }>;
  firstRun: string[];
  exitCode: number | null;
}

function starter(dataDir: string, more: Partial<StartOptions> & { packaged?: boolean; languages?: string[] } = {}): Run {
  const run: Run = { calls: [], errors: [], warnings: [], firstRun: [], exitCode: null, options: null as never };
  const packaged = more.packaged ?? true;
  run.options = {
    app: {
      isPackaged: packaged,
      getVersion: () => '0.1.0',
      getPreferredSystemLanguages: () => more.languages ?? ['fr-FR'],
      releaseSingleInstanceLock: () => run.calls.push('release-lock'),
      exit: (code) => {
        run.calls.push(`exit ${code}`);
        run.exitCode = code ?? 0;
      },
    },
    dialog: { showErrorBox: (title, body) => (run.calls.push('error-dialog'), run.errors.push({ title, body })) },
    argv: ['guichet'],
    env: {},
    platform: 'linux',
    dataDir,
    switches: devSwitches({ isPackaged: packaged, env: more.env ?? {} }),
    exampleConfigPath: '/opt/Guichet/resources/guichet.example.yaml',
    safeStorage: fakeSafeStorage(),
    loadConsole: async () => ({ createServices, keyPathFor }),
    isTrustedSender: () => true,
    openConsole: (services) => {
      run.calls.push('console');
      opened.push(services);
    },
    openFirstRun: (html) => (run.calls.push('first-run'), run.firstRun.push(html)),
    warn: (title, body) => run.warnings.push({ title, body }),
    ...more,
  };
  return run;
}

const logLines = (dataDir: string) =>
  readFileSync(join(dataDir, LOG_FILE), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

async function status(services: Services): Promise<AppStatus> {
  const result = await services.router.dispatch('app:status', {}, { id: 1, url: 'app://guichet/index.html' });
  if (!result.ok) throw new Error(result.error.code);
  return result.value as AppStatus;
}

describe('a start that fails loudly and cleanly', () => {
  it('a bad configuration: French dialog naming the field, log line, lock released, exit 2', async () => {
    const dataDir = dataFolder({ ...demoConfig(), session: { idleLockMinutes: 'five' } });
    const run = starter(dataDir);
    const outcome = await startDesk(run.options);
    expect(outcome.kind).toBe('failed');
    expect(run.calls).toEqual(['error-dialog', 'release-lock', 'exit 2']);
    expect(run.errors[0]!.title).toBe('La configuration de Guichet est invalide');
    expect(run.errors[0]!.body).toContain('session.idleLockMinutes');
    expect(run.errors[0]!.body).toContain(join(dataDir, 'guichet.yaml'));
    expect(run.errors[0]!.body).toContain(join(dataDir, LOG_FILE));
    expect(logLines(dataDir).at(-1)).toMatchObject({ level: 'error', event: 'start-failed', code: 'config' });
  });

  it('speaks English on an English system', async () => {
    const run = starter(dataFolder('institution: [unclosed'), { languages: ['en-GB', 'fr-FR'] });
    await startDesk(run.options);
    expect(run.errors[0]!.title).toBe('The Guichet configuration is invalid');
    expect(run.errors[0]!.body).toMatch(/^Fix the configuration file/);
    expect(run.exitCode).toBe(2);
  });

  it('a database newer than the app: says to update, leaves it untouched, exit 1', async () => {
    const dataDir = dataFolder(demoConfig());
    const db = new Database(join(dataDir, 'audit.sqlite'));
    db.pragma('user_version = 99');
    db.close();
    const run = starter(dataDir);
    await startDesk(run.options);
    expect(run.calls).toEqual(['error-dialog', 'release-lock', 'exit 1']);
    expect(run.errors[0]!.title).toBe('La base d’audit vient d’une version plus récente de Guichet');
    const after = new Database(join(dataDir, 'audit.sqlite'), { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(99);
    after.close();
    expect(logLines(dataDir).at(-1)).toMatchObject({ event: 'start-failed', code: 'database-newer' });
  });

  it('the keystore refused to seal the audit key: dialog, nothing written, exit 1', async () => {
    const dataDir = dataFolder(demoConfig());
    const run = starter(dataDir, { safeStorage: fakeSafeStorage({ refuse: true }) });
    await startDesk(run.options);
    expect(run.calls).toEqual(['error-dialog', 'release-lock', 'exit 1']);
    expect(run.errors[0]!.title).toBe('Le coffre de clés du système a refusé');
    expect(existsSync(keyPathFor(join(dataDir, 'audit.sqlite')))).toBe(false);
  });

  it('the native audit module cannot load: dialog, exit 1', async () => {
    const dataDir = dataFolder(demoConfig());
    const missing = Object.assign(new Error('better_sqlite3.node: cannot open shared object file: No such file or directory'), {
      code: 'ERR_DLOPEN_FAILED',
    });
    const run = starter(dataDir, { loadConsole: () => Promise.reject(missing) });
    await startDesk(run.options);
    expect(run.calls).toEqual(['error-dialog', 'release-lock', 'exit 1']);
    expect(run.errors[0]!.title).toBe('Un composant de Guichet est absent ou incompatible');
    expect(logLines(dataDir).at(-1)).toMatchObject({ code: 'native-module' });
  });

  it('an environment that would skip certificate checks: dialog, exit 3', async () => {
    const run = starter(dataFolder(demoConfig()), { env: { NODE_TLS_REJECT_UNAUTHORIZED: '0' } });
    await startDesk(run.options);
    expect(run.calls).toEqual(['error-dialog', 'release-lock', 'exit 3']);
    expect(run.errors[0]!.body).toContain('NODE_TLS_REJECT_UNAUTHORIZED=0');
  });
});

describe('configuration at start', () => {
  it('none in a packaged app: the first-run screen says where it looked and what to put there', async () => {
    const dataDir = dataFolder();
    // The demo variable changes nothing once packaged.
    const run = starter(dataDir, { env: { GUICHET_DEMO_URL: 'ldap://127.0.0.1:10389' } });
    const outcome = await startDesk(run.options);
    expect(outcome.kind).toBe('first-run');
    expect(run.calls).toEqual(['first-run']);
    const html = run.firstRun[0]!;
    expect(html).toContain('Guichet n’est pas encore configuré');
    expect(html).toContain('<code>--config=chemin/guichet.yaml</code>');
    expect(html).toContain('<code>GUICHET_CONFIG</code>');
    expect(html).toContain(`<code>${join(dataDir, 'guichet.yaml')}</code>`);
    expect(html).toContain('/opt/Guichet/resources/guichet.example.yaml');
    expect(html).not.toMatch(/<script|\sstyle=|\son\w+=/i);
    expect(existsSync(join(dataDir, 'audit.sqlite'))).toBe(false);
  });

  it('the embedded demo only for the demo command (unpackaged, GUICHET_DEMO_URL on loopback)', async () => {
    const run = starter(dataFolder(), { packaged: false, env: { GUICHET_DEMO_URL: 'ldap://127.0.0.1:10389' } });
    const outcome = await startDesk(run.options);
    expect(outcome.kind).toBe('console');
    if (outcome.kind !== 'console') return;
    expect(outcome.services.configSource).toEqual({ source: 'embedded-demo', path: null });
    expect(outcome.services.config.directory.urls).toEqual(['ldap://127.0.0.1:10389']);
  });
});

describe('keystore truth at start', () => {
  it('a new key is sealed by the OS keystore, and the key file and app:status say which backend', async () => {
    const dataDir = dataFolder(demoConfig());
    const run = starter(dataDir, { safeStorage: fakeSafeStorage({ backend: 'kwallet5' }) });
    const outcome = await startDesk(run.options);
    if (outcome.kind !== 'console') throw new Error(outcome.kind);
    expect(JSON.parse(readFileSync(keyPathFor(join(dataDir, 'audit.sqlite')), 'utf8'))).toMatchObject({ keystore: 'safe-storage', backend: 'kwallet5' });
    expect((await status(outcome.services)).audit.signingKey).toEqual({ state: 'sealed', keystore: 'os', backend: 'kwallet5' });
    expect(outcome.services.audit.signingKey).not.toBeNull();
  });

  it('Linux without a keyring (basic_text): the key goes to the 0600 key file, and says so', async () => {
    const dataDir = dataFolder(demoConfig());
    const run = starter(dataDir, { safeStorage: fakeSafeStorage({ backend: 'basic_text' }) });
    const outcome = await startDesk(run.options);
    if (outcome.kind !== 'console') throw new Error(outcome.kind);
    expect((await status(outcome.services)).audit.signingKey).toEqual({ state: 'sealed', keystore: 'file', backend: 'file' });
    expect(run.warnings).toEqual([]);
  });

  it('a key that can no longer be unsealed: an alarm at start and a recorded event, never silently unsigned', async () => {
    const dataDir = dataFolder(demoConfig());
    const first = starter(dataDir);
    const outcome = await startDesk(first.options);
    if (outcome.kind !== 'console') throw new Error(outcome.kind);
    await outcome.services.close();
    opened.splice(0);
    // The next start: the keyring is gone (another session type, a wiped keyring).
    const second = starter(dataDir, { safeStorage: fakeSafeStorage({ available: false }) });
    const again = await startDesk(second.options);
    if (again.kind !== 'console') throw new Error(again.kind);
    expect(second.warnings).toHaveLength(1);
    expect(second.warnings[0]!.title).toBe('Alerte : la clé de signature du journal d’audit est inutilisable');
    expect(second.warnings[0]!.body).toContain('ne sont plus signés');
    expect((await status(again.services)).audit.signingKey).toEqual({ state: 'unavailable', keystore: 'os', backend: 'gnome_libsecret' });
    const events = again.services.audit.query({ action: 'audit-key-unavailable' }, { login: '', role: 'supervisor' }).events;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ outcome: 'failure', agent: null, details: { reason: 'keystore-unavailable', keystore: 'safe-storage', backend: 'gnome_libsecret' } });
    expect(logLines(dataDir).some((l) => l['event'] === 'audit-key-unavailable')).toBe(true);
    // The key file is kept: the keyring may come back.
    expect(JSON.parse(readFileSync(keyPathFor(join(dataDir, 'audit.sqlite')), 'utf8'))).toMatchObject({ keystore: 'safe-storage' });
  });
});

describe('every quit path closes the services', () => {
  class FakeApp extends EventEmitter {
    quits = 0;
    exits: number[] = [];
    quit() {
      this.quits += 1;
      const event = { prevented: false, preventDefault() { this.prevented = true; } };
      this.emit('before-quit', event);
      if (!event.prevented) this.emit('will-quit', event);
    }
    exit(code = 0) {
      this.exits.push(code);
    }
  }

  /** A console with one reset whose answer was lost: its intent waits for the late settler. */
  async function consoleWithOpenIntent() {
    const dataDir = dataFolder(demoConfig());
    const outcome = await startDesk(starter(dataDir).options);
    if (outcome.kind !== 'console') throw new Error(outcome.kind);
    opened.splice(0);
    const services = outcome.services;
    const handle = services.audit.beginIntent({
      action: 'password-reset',
      agent: { login: 'agent.accueil', displayName: 'Agent Accueil' },
      target: { login: 'jdupont', dn: 'uid=jdupont,ou=people,dc=univ-demo,dc=fr' },
      evidence: ['student-card'],
      details: { delivery: 'shown-at-desk', mustChangeAtNextLogin: true },
    });
    services.lateSettler.watch({ recheck: () => Promise.reject(new Error('directory away')), settle: (o) => void services.audit.settle(handle, o) });
    return { services, auditPath: services.auditPath, handle };
  }

  const outcomeOf = (auditPath: string, intentSeq: number) => {
    const db = openAuditDatabase(auditPath, { readonly: true });
    try {
      return db.prepare('SELECT outcome FROM events WHERE intent_seq = ?').pluck().get(intentSeq);
    } finally {
      db.close();
    }
  };

  it('Cmd+Q / app.quit(): the quit waits for the services, the open intent is recorded unknown, then the app quits', async () => {
    const { services, auditPath, handle } = await consoleWithOpenIntent();
    const app = new FakeApp();
    const control = closeOnEveryQuit({ app, close: () => services.close() });
    const event = { prevented: false, preventDefault() { this.prevented = true; } };
    app.emit('before-quit', event);
    expect(event.prevented).toBe(true);
    await expect.poll(() => app.quits).toBe(1);
    expect(control.closed).toBe(true);
    expect(outcomeOf(auditPath, handle.seq)).toBe('unknown');
    expect(services.lateSettler.pending).toBe(0);
  });

  it('the last window closed goes through the same quit', async () => {
    const { services, auditPath, handle } = await consoleWithOpenIntent();
    const app = new FakeApp();
    closeOnEveryQuit({ app, close: () => services.close() });
    app.emit('window-all-closed');
    await expect.poll(() => outcomeOf(auditPath, handle.seq)).toBe('unknown');
    expect(app.quits).toBe(2);
  });

  it('a system shutdown (powerMonitor) and a Windows session end close the services too', async () => {
    const shutdown = await consoleWithOpenIntent();
    const app = new FakeApp();
    const power = new EventEmitter();
    closeOnEveryQuit({ app, powerMonitor: power, close: () => shutdown.services.close() });
    let delayed = false;
    power.emit('shutdown', { preventDefault: () => (delayed = true) });
    expect(delayed).toBe(true);
    await expect.poll(() => outcomeOf(shutdown.auditPath, shutdown.handle.seq)).toBe('unknown');

    const logoff = await consoleWithOpenIntent();
    const windowsApp = new FakeApp();
    const control = closeOnEveryQuit({ app: windowsApp, close: () => logoff.services.close() });
    control.sessionEnding();
    await expect.poll(() => windowsApp.exits).toEqual([0]);
    expect(outcomeOf(logoff.auditPath, logoff.handle.seq)).toBe('unknown');
  });

  it('a close that hangs does not keep the app alive', async () => {
    const app = new FakeApp();
    closeOnEveryQuit({ app, close: () => new Promise(() => undefined), timeoutMs: 50 });
    app.emit('before-quit', { preventDefault() {} });
    await expect.poll(() => app.quits).toBe(1);
  });
});
