/**
 * What a failed start tells the person in front of the desk PC: which kind of problem, in
 * French (English when the system is), what to do about it, and the exit code. Matched on
 * error names, not classes, so this file loads without the native audit module.
 */

export type ShellLocale = 'fr' | 'en';

export type StartFailureKind =
  | 'unsafe-environment'
  | 'config'
  | 'keystore-refused'
  | 'signing-key'
  | 'database-newer'
  | 'database'
  | 'native-module'
  | 'internal';

export interface StartFailure {
  kind: StartFailureKind;
  exitCode: number;
  title: string;
  /** The dialog's text: what happened, what to do, the technical detail and where the log is. */
  body: string;
  /** The error's own message, for the log. */
  detail: string;
}

/** English when the system's first preferred language is English, French otherwise. */
export function shellLocale(languages: readonly string[]): ShellLocale {
  return /^en\b/i.test(languages[0] ?? '') ? 'en' : 'fr';
}

/** Refused by the start guards (startup-guards.ts): an environment that would leak or skip TLS checks. */
export class UnsafeEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join(' ; '));
    this.name = 'UnsafeEnvironmentError';
  }
}

const NATIVE_LOAD = /ERR_DLOPEN_FAILED|better[-_]sqlite3|NODE_MODULE_VERSION|\.node\b|napi/i;

export function classifyStartError(error: unknown): StartFailureKind {
  const e = error as { name?: unknown; code?: unknown; message?: unknown; reason?: unknown } | null;
  const name = typeof e?.name === 'string' ? e.name : '';
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  if (name === 'UnsafeEnvironmentError') return 'unsafe-environment';
  if (name === 'ConfigError') return 'config';
  if (name === 'KeystoreRefusedError') return 'keystore-refused';
  if (name === 'SigningKeyError') return 'signing-key';
  if (name === 'AuditDatabaseError') return e?.reason === 'newer' ? 'database-newer' : 'database';
  if (code === 'ERR_DLOPEN_FAILED' || ((code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') && NATIVE_LOAD.test(message)))
    return 'native-module';
  if (name === 'SqliteError' || code.startsWith('SQLITE_')) return 'database';
  return 'internal';
}

const TEXTS: Record<ShellLocale, Record<StartFailureKind, { title: string; advice: string }>> = {
  fr: {
    'unsafe-environment': {
      title: 'Guichet refuse de démarrer dans cet environnement',
      advice: 'Une variable d’environnement désactiverait la vérification des certificats ou afficherait des mots de passe. Retirez-la, puis relancez Guichet.',
    },
    config: {
      title: 'La configuration de Guichet est invalide',
      advice: 'Corrigez le fichier de configuration (le champ en cause est nommé ci-dessous), puis relancez Guichet.',
    },
    'keystore-refused': {
      title: 'Le coffre de clés du système a refusé',
      advice: 'Guichet doit y sceller la clé qui signe son journal d’audit. Relancez Guichet et autorisez l’accès quand le système le demande ; sinon, contactez l’équipe informatique.',
    },
    'signing-key': {
      title: 'La clé de signature du journal d’audit est illisible',
      advice: 'Le fichier de clé à côté de la base d’audit est endommagé. Ne le supprimez pas : contactez l’équipe informatique.',
    },
    'database-newer': {
      title: 'La base d’audit vient d’une version plus récente de Guichet',
      advice: 'Installez la version de Guichet la plus récente sur ce poste. La base n’a pas été modifiée.',
    },
    database: {
      title: 'La base d’audit ne peut pas être ouverte',
      advice: 'Vérifiez l’espace disque et les droits sur le dossier de données, puis relancez Guichet ; sinon, contactez l’équipe informatique.',
    },
    'native-module': {
      title: 'Un composant de Guichet est absent ou incompatible',
      advice: 'Le module natif de la base d’audit (better-sqlite3) n’a pas pu être chargé. Réinstallez Guichet ; si le problème persiste, contactez l’équipe informatique.',
    },
    internal: {
      title: 'Guichet n’a pas pu démarrer',
      advice: 'Relancez Guichet ; si le problème persiste, transmettez le journal ci-dessous à l’équipe informatique.',
    },
  },
  en: {
    'unsafe-environment': {
      title: 'Guichet refuses to start in this environment',
      advice: 'An environment variable would disable certificate checks or print passwords. Remove it, then start Guichet again.',
    },
    config: {
      title: 'The Guichet configuration is invalid',
      advice: 'Fix the configuration file (the field at fault is named below), then start Guichet again.',
    },
    'keystore-refused': {
      title: 'The system keystore refused',
      advice: 'Guichet must seal the key that signs its audit trail there. Start Guichet again and allow access when the system asks; otherwise, contact the IT team.',
    },
    'signing-key': {
      title: 'The audit trail signing key cannot be read',
      advice: 'The key file next to the audit database is damaged. Do not delete it: contact the IT team.',
    },
    'database-newer': {
      title: 'The audit database comes from a newer Guichet',
      advice: 'Install the latest Guichet on this computer. The database was not changed.',
    },
    database: {
      title: 'The audit database cannot be opened',
      advice: 'Check the disk space and the rights on the data folder, then start Guichet again; otherwise, contact the IT team.',
    },
    'native-module': {
      title: 'A Guichet component is missing or incompatible',
      advice: 'The audit database native module (better-sqlite3) could not be loaded. Reinstall Guichet; if the problem persists, contact the IT team.',
    },
    internal: {
      title: 'Guichet could not start',
      advice: 'Start Guichet again; if the problem persists, send the log below to the IT team.',
    },
  },
};

const EXIT_CODES: Partial<Record<StartFailureKind, number>> = { config: 2, 'unsafe-environment': 3 };

export function describeStartFailure(error: unknown, locale: ShellLocale, logPath: string | null): StartFailure {
  const kind = classifyStartError(error);
  const text = TEXTS[locale][kind];
  const detail = error instanceof Error ? error.message : String(error);
  const colon = locale === 'en' ? ':' : ' :';
  const log = logPath ? `\n\n${locale === 'en' ? 'Log' : 'Journal'}${colon} ${logPath}` : '';
  const body = `${text.advice}\n\n${locale === 'en' ? 'Details' : 'Détail'}${colon} ${detail}${log}`;
  return { kind, exitCode: EXIT_CODES[kind] ?? 1, title: text.title, body, detail };
}
