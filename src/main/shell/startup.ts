/**
 * The start of the desk app, as plain code over a small `app`/`dialog` surface (tests pass
 * fakes): configuration, the audit key, the services, then the window. Any failure before the
 * window opens shows a native error dialog (French, or English on an English system), goes
 * to the log file in the data folder, releases the single-instance lock and exits non-zero.
 * No configuration opens the first-run screen; the embedded demo only for the demo command.
 */
import { join } from 'node:path';
import { createLogger, type Logger } from '../logger';
import { loadConfig, MissingConfigError, CONFIG_FILE_NAME, type LoadedConfig } from '../config/load';
import { demoConfig } from '../config/demo-config';
import { unsafeEnvironmentProblems } from '../startup-guards';
import { prepareSigningKeystores, describeKeyRecordFr, type SafeStorageLike, type SigningKeyProblem } from '../audit/signing-key-vault';
import type { Keystore } from '../audit/keystore';
import type { Services, ServicesOptions } from '../services';
import type { DevSwitches } from './dev-switches';
import { describeStartFailure, shellLocale, UnsafeEnvironmentError, type ShellLocale, type StartFailure } from './start-failure';
import { firstRunPage } from './first-run';

/** The part of Electron's `app` the start uses. */
export interface StartApp {
  readonly isPackaged: boolean;
  getVersion(): string;
  getPreferredSystemLanguages(): string[];
  releaseSingleInstanceLock(): void;
  exit(code?: number): void;
}

export interface StartDialog {
  showErrorBox(title: string, content: string): void;
}

/** What the native audit module brings; loaded inside the start so that its absence is reported like any other failure. */
export interface ConsoleModules {
  createServices(options: ServicesOptions): Services;
  keyPathFor(dbPath: string): string;
}

export interface StartOptions {
  app: StartApp;
  dialog: StartDialog;
  argv: readonly string[];
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  dataDir: string;
  switches: DevSwitches;
  /** The documented example configuration shipped with the app. */
  exampleConfigPath: string;
  /** Electron's safeStorage; null outside Electron (the key then goes to the 0600 key file). */
  safeStorage: SafeStorageLike | null;
  loadConsole(): Promise<ConsoleModules>;
  isTrustedSender: ServicesOptions['isTrustedSender'];
  /** Where audit exports go: the save dialog and the file manager of the shell (export-files.ts). */
  exportFiles?: ServicesOptions['exportFiles'];
  openConsole(services: Services): void;
  openFirstRun(html: string): void;
  /** A warning that does not stop the start (the audit key alarm). */
  warn(title: string, body: string): void;
}

export type StartOutcome =
  | { kind: 'console'; services: Services }
  | { kind: 'first-run' }
  | { kind: 'failed'; failure: StartFailure };

export const LOG_FILE = join('logs', 'guichet.log');

function openLogger(dataDir: string): Logger {
  try {
    return createLogger({ file: join(dataDir, LOG_FILE) });
  } catch {
    // A data folder that cannot even hold a log: stderr still gets the lines.
    return createLogger({ file: null, echo: true });
  }
}

const KEY_ALARM = {
  fr: {
    title: 'Alerte : la clé de signature du journal d’audit est inutilisable',
    body: (p: SigningKeyProblem) =>
      `La clé existe mais ${p.reason === 'unseal-failed' ? 'le coffre ne parvient plus à l’ouvrir' : 'son coffre n’est pas disponible sur ce poste'} (${describeKeyRecordFr({ keystore: p.keystore === 'file' ? 'file' : 'os', backend: p.backend })}). ` +
      'Le journal continue d’enregistrer et de chaîner chaque action, mais ses points de contrôle ne sont plus signés. Cette alerte est inscrite au journal d’audit. Prévenez l’équipe informatique ; ne supprimez aucun fichier du dossier de données.',
  },
  en: {
    title: 'Alert: the audit trail signing key cannot be used',
    body: (p: SigningKeyProblem) =>
      `The key exists but ${p.reason === 'unseal-failed' ? 'its keystore can no longer open it' : 'its keystore is not available on this computer'} (${p.keystore}${p.backend ? `, ${p.backend}` : ''}). ` +
      'The trail still records and chains every action, but its checkpoints are no longer signed. This alert is recorded in the audit trail. Tell the IT team; do not delete any file of the data folder.',
  },
} as const;

function raiseKeyAlarm(services: Services, problem: SigningKeyProblem, locale: ShellLocale, warn: StartOptions['warn']): void {
  services.logger.log({ level: 'error', event: 'audit-key-unavailable', code: problem.reason, note: `${problem.keystore}/${problem.backend ?? '?'}` });
  // Recorded like any event: whoever reviews the trail sees when and why signing stopped.
  services.audit.append({ action: 'audit-key-unavailable', outcome: 'failure', agent: null, details: { ...problem } });
  warn(KEY_ALARM[locale].title, KEY_ALARM[locale].body(problem));
}

export async function startDesk(options: StartOptions): Promise<StartOutcome> {
  const { app, dataDir } = options;
  const locale = shellLocale(app.getPreferredSystemLanguages());
  const logger = openLogger(dataDir);
  let services: Services | null = null;
  try {
    const problems = unsafeEnvironmentProblems(options.env);
    if (problems.length > 0) throw new UnsafeEnvironmentError(problems);
    const demoUrl = options.switches.demoDirectoryUrl;
    let loaded: LoadedConfig;
    try {
      loaded = loadConfig({ argv: options.argv, env: options.env, dataDir, demo: demoUrl ? demoConfig(demoUrl) : undefined });
    } catch (error) {
      if (!(error instanceof MissingConfigError)) throw error;
      logger.log({ level: 'warn', event: 'first-run', note: error.message });
      options.openFirstRun(firstRunPage({ looked: error.looked, target: join(dataDir, CONFIG_FILE_NAME), example: options.exampleConfigPath }, locale));
      return { kind: 'first-run' };
    }
    const modules = await options.loadConsole();
    // Where createServices puts the trail: the key file sits next to it.
    const auditPath = loaded.config.audit.path ?? join(dataDir, 'audit.sqlite');
    const prepared = await prepareSigningKeystores({
      keyFile: modules.keyPathFor(auditPath),
      dataDir,
      safeStorage: options.safeStorage,
      platform: options.platform,
    });
    const keystores: Keystore[] = prepared.keystores;
    services = modules.createServices({
      config: loaded.config,
      configSource: { source: loaded.source, path: loaded.path },
      dataDir,
      version: app.getVersion(),
      isTrustedSender: options.isTrustedSender,
      keystores,
      logger,
      exportFiles: options.exportFiles ?? null,
    });
    if (prepared.problem) raiseKeyAlarm(services, prepared.problem, locale, options.warn);
    options.openConsole(services);
    return { kind: 'console', services };
  } catch (error) {
    await services?.close().catch(() => undefined);
    const failure = describeStartFailure(error, locale, logger.path);
    logger.log({ level: 'error', event: 'start-failed', code: failure.kind, note: failure.detail });
    options.dialog.showErrorBox(failure.title, failure.body);
    // Released first: a relaunch must not find the lock held and quit at once.
    app.releaseSingleInstanceLock();
    app.exit(failure.exitCode);
    return { kind: 'failed', failure };
  }
}
