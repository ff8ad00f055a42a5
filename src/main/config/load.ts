/** Finding, reading and validating the institution's configuration file (flag, environment, data folder, demo). */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { configSchema, type GuichetConfig, type GuichetConfigInput } from './schema';
import { journeysProblems } from './journeys';

export const CONFIG_FILE_NAME = 'guichet.yaml';
export const CONFIG_ENV = 'GUICHET_CONFIG';
export const CONFIG_FLAG = '--config';

export interface LoadedConfig {
  config: GuichetConfig;
  source: 'embedded-demo' | 'file';
  path: string | null;
}

/** A configuration problem, worded for the IT team: which file, which field, what is expected. */
export class ConfigError extends Error {
  constructor(
    readonly path: string | null,
    readonly problems: string[],
  ) {
    super(`Configuration invalide${path ? ` (${path})` : ''} :\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Where the configuration was looked for, in order, when none was found. */
export interface ConfigPlace {
  kind: 'flag' | 'env' | 'file';
  /** `--config`, `GUICHET_CONFIG`, or the file's path. */
  name: string;
}

/** No configuration anywhere (and no demo asked for): the shell shows its first-run screen. */
export class MissingConfigError extends Error {
  constructor(readonly looked: ConfigPlace[]) {
    super(`Aucune configuration trouvée (${looked.map((p) => p.name).join(', ')})`);
    this.name = 'MissingConfigError';
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.length > 0 ? issue.path.join('.') : '(racine)';
  switch (issue.code) {
    case 'invalid_type':
      return `champ « ${field} » : attendu ${issue.expected}`;
    case 'unrecognized_keys':
      return `champ « ${field} » : clé(s) inconnue(s) ${issue.keys.map((k) => `« ${k} »`).join(', ')}`;
    case 'invalid_value':
      return `champ « ${field} » : valeurs possibles ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return `champ « ${field} » : au minimum ${String(issue.minimum)}${issue.origin === 'string' ? ' caractère(s)' : issue.origin === 'array' ? ' élément(s)' : ''}`;
    case 'too_big':
      return `champ « ${field} » : au maximum ${String(issue.maximum)}`;
    case 'invalid_format':
      return `champ « ${field} » : format attendu : ${issue.message}`;
    default:
      return `champ « ${field} » : ${issue.message}`;
  }
}

export function parseConfig(input: unknown, path: string | null): GuichetConfig {
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) throw new ConfigError(path, parsed.error.issues.map(describeIssue));
  const config = parsed.data;
  try {
    new RegExp(config.directory.studentIdPattern);
  } catch {
    throw new ConfigError(path, ['champ « directory.studentIdPattern » : expression régulière invalide']);
  }
  const problems = journeysProblems(config);
  if (problems.length > 0) throw new ConfigError(path, problems);
  return config;
}

export function readConfigFile(path: string): GuichetConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, [`fichier illisible (${(error as NodeJS.ErrnoException).code ?? 'erreur'})`]);
  }
  let data: unknown;
  try {
    data = parseYaml(text, { prettyErrors: true });
  } catch (error) {
    const line = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    throw new ConfigError(path, [`syntaxe YAML/JSON invalide${line ? ` à la ligne ${line}` : ''}`]);
  }
  return parseConfig(data ?? {}, path);
}

/** The value of `--config=path` or `--config path`, if given. */
export function configFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === CONFIG_FLAG) return argv[i + 1];
    if (arg.startsWith(`${CONFIG_FLAG}=`)) return arg.slice(CONFIG_FLAG.length + 1);
  }
  return undefined;
}

/**
 * Where the configuration comes from, first match wins: the `--config` flag, the
 * GUICHET_CONFIG environment variable, `guichet.yaml` in the app's data folder. The
 * embedded demo directory configuration is used only when `demo` is given (the demo
 * command); otherwise nothing found is a MissingConfigError naming where it looked.
 */
export function loadConfig(options: {
  argv: readonly string[];
  env: Record<string, string | undefined>;
  dataDir: string;
  demo?: GuichetConfigInput;
}): LoadedConfig {
  const explicit = configFlag(options.argv) ?? options.env[CONFIG_ENV];
  if (explicit) {
    const path = resolve(explicit);
    if (!existsSync(path)) throw new ConfigError(path, ['fichier introuvable']);
    return { config: readConfigFile(path), source: 'file', path };
  }
  const inDataDir = join(options.dataDir, CONFIG_FILE_NAME);
  if (existsSync(inDataDir)) return { config: readConfigFile(inDataDir), source: 'file', path: inDataDir };
  if (!options.demo) {
    throw new MissingConfigError([
      { kind: 'flag', name: CONFIG_FLAG },
      { kind: 'env', name: CONFIG_ENV },
      { kind: 'file', name: inDataDir },
    ]);
  }
  return { config: parseConfig(options.demo, null), source: 'embedded-demo', path: null };
}
