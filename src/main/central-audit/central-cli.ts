/**
 * guichet-audit against the central store: verify every desk's chain (or one), compare a
 * desk's file with the centre (--against), export one desk's chain in the local export
 * format, count by desk, action, outcome and agent, and apply the schema (central-migrate).
 * Read commands connect with a read-only role; the password comes from the environment.
 */
import { resolve } from 'node:path';
import pg from 'pg';
import type { CentralFilter } from './central-filter';
import { centralHead, centralTally, listDesks, verifyDesk } from './central-reader';
import { writeDeskExport } from './central-export';
import { pgClientConfig } from './central-connection';
import { assertCentralSchema, migrateCentral } from './central-migrate';
import { compareWithCentre, anchorAlarm } from './central-anchor';
import { LocalTrail } from './local-trail';
import { openAuditDatabase } from '../audit/database';
import type { CsvSeparator } from '../audit/audit-csv';
import { EXIT_BROKEN, EXIT_OK, EXIT_USAGE, printTally, verifyCommand, type CliIo } from '../audit/audit-cli-commands';
import { REASONS_FR } from '../audit/audit-cli-verify';

export const CENTRAL_PASSWORD_ENV = 'GUICHET_CENTRAL_PASSWORD';

export const isCentralUrl = (value: string): boolean => /^postgres(ql)?:\/\//i.test(value);

const fr = (n: number) => n.toLocaleString('fr-FR');

export interface CentralCliOptions {
  caFile?: string;
  env?: Record<string, string | undefined>;
}

/** A client for `postgres://role@host[:port]/db[?sslmode=…]`: TLS verify-full unless sslmode=disable (loopback only). */
function clientFor(url: string, options: CentralCliOptions): pg.Client {
  const parsed = new URL(url);
  if (parsed.password) throw new Error(`pas de mot de passe dans l'URL : mettez-le dans la variable ${CENTRAL_PASSWORD_ENV}`);
  if (!parsed.username) throw new Error("le rôle manque dans l'URL (postgres://rôle@hôte/base)");
  const env = options.env ?? process.env;
  const password = env[CENTRAL_PASSWORD_ENV] ?? env['PGPASSWORD'];
  if (!password) throw new Error(`mot de passe absent : variable ${CENTRAL_PASSWORD_ENV}`);
  const user = decodeURIComponent(parsed.username);
  parsed.username = '';
  const client = new pg.Client(
    pgClientConfig({ url: parsed.toString(), user, password, caFile: options.caFile, connectTimeoutMs: 10_000, queryTimeoutMs: 600_000, applicationName: 'guichet-audit' }),
  );
  client.on('error', () => undefined);
  return client;
}

/** Connected, and refused when the centre's schema is not this version's. */
async function connect(url: string, options: CentralCliOptions): Promise<pg.Client> {
  const client = clientFor(url, options);
  await client.connect();
  try {
    await assertCentralSchema(client);
  } catch (error) {
    await client.end();
    throw error;
  }
  return client;
}

async function withClient<T>(url: string, options: CentralCliOptions, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connect(url, options);
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Every desk's chain (or one desk's), every hash recomputed; exit 1 when one is broken, marked or has rows kept aside. */
export async function verifyCentralCommand(url: string, options: CentralCliOptions & { desk?: string }, io: CliIo): Promise<number> {
  return withClient(url, options, async (client) => {
    const desks = (await listDesks(client)).filter((d) => !options.desk || d.id === options.desk);
    if (desks.length === 0) {
      io.err(options.desk ? `Poste inconnu du centre : ${options.desk}` : 'Aucun poste enregistré au centre.');
      return EXIT_USAGE;
    }
    let exit = EXIT_OK;
    for (const desk of desks) {
      const v = await verifyDesk(client, desk);
      const range = v.fromSeq === null ? 'aucun événement' : `n° ${v.fromSeq} à ${v.headSeq}`;
      const notes = [
        v.state === 'ok' ? null : v.state === 'forked' ? 'poste signalé : historique divergent' : 'poste signalé : journal local revenu en arrière',
        v.forks > 0 ? `${fr(v.forks)} événement(s) mis de côté (hors chaîne)` : null,
        v.alarms > 0 ? `${fr(v.alarms)} alerte(s) d'ancrage` : null,
      ].filter(Boolean);
      if (v.broken) {
        io.out(`ALTÉRÉ : poste ${desk.id}, premier numéro en défaut ${v.broken.firstBadSeq} — ${REASONS_FR[v.broken.reason]}.`);
        exit = EXIT_BROKEN;
      } else {
        io.out(`${notes.length > 0 ? 'SIGNALÉ' : 'Intègre'} : poste ${desk.id}, ${fr(v.events)} événement(s) vérifié(s) (${range})${notes.length > 0 ? ` ; ${notes.join(' ; ')}` : ''}.`);
        if (notes.length > 0) exit = EXIT_BROKEN;
      }
      if (desk.publicKey) io.out(`  clé publique du poste : ${desk.publicKey}`);
    }
    return exit;
  });
}

/** The local verify, then the external anchor: the file must hold what the centre holds for its desk. */
export async function verifyAgainstCommand(file: string, url: string, options: CentralCliOptions & { keyDir?: string; desk?: string }, io: CliIo): Promise<number> {
  const local = await verifyCommand(file, { keyDir: options.keyDir }, io);
  if (local === EXIT_USAGE) return local;
  const db = openAuditDatabase(file, { readonly: true, cacheSizeKiB: 4_096 });
  try {
    const desk = options.desk ?? (db.prepare('SELECT workstation FROM events ORDER BY seq DESC LIMIT 1').pluck().get() as string | undefined);
    if (!desk) {
      io.err('Poste introuvable : la base est vide, précisez --desk.');
      return EXIT_USAGE;
    }
    return await withClient(url, options, async (client) => {
      const registered = (await listDesks(client)).find((d) => d.id === desk);
      if (!registered) {
        io.out(`Ancrage : le centre ne connaît pas le poste ${desk} (rien n'y a encore été transmis).`);
        return local;
      }
      const central = await centralHead(client, desk);
      const trail = new LocalTrail(db, 'central');
      const comparison = compareWithCentre(central, trail.head(), central.headSeq > 0 ? trail.hashAt(central.headSeq) : null);
      const kind = anchorAlarm(comparison, registered.state);
      const where = `centre : n° ${fr(central.headSeq)}, ce fichier : n° ${fr(comparison.report.localSeq)}`;
      if (kind === null) {
        io.out(`Ancrage vérifié : le fichier contient ce que le centre détient pour le poste ${desk} (${where}).`);
        return local;
      }
      const text = {
        shorter: 'le fichier est plus court que ce que détient le centre (événements supprimés ou ancienne copie restaurée)',
        diverged: 'le fichier diffère de ce que détient le centre (modifié ou remplacé)',
        flagged: `le centre signale ce poste (${registered.state === 'forked' ? 'historique divergent' : 'journal revenu en arrière'})`,
      }[kind];
      io.out(`ALERTE D'ANCRAGE : poste ${desk}, ${text} — ${where}.`);
      return EXIT_BROKEN;
    });
  } finally {
    db.close();
  }
}

/**
 * One desk's chain from the centre, in the local export format (central-export.ts), from one
 * read-only snapshot: the header's figures match the rows written.
 */
export async function exportCentralCommand(
  url: string,
  options: CentralCliOptions & { desk?: string; format: 'csv' | 'jsonl'; separator: CsvSeparator; filter: CentralFilter; out: string },
  io: CliIo,
): Promise<number> {
  if (!options.desk) {
    io.err("--desk <poste> est requis : un export est la chaîne d'un poste.");
    return EXIT_USAGE;
  }
  const desk = options.desk;
  const outPath = resolve(options.out);
  return withClient(url, options, async (client) => {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      const { count, fromSeq, toSeq } = await writeDeskExport(client, desk, outPath, options);
      const range = fromSeq === null ? 'aucun événement' : `n° ${fromSeq} à ${toSeq}`;
      io.out(`Export ${options.format.toUpperCase()} du poste ${desk} : ${fr(count)} événement(s) (${range}) → ${outPath}`);
      io.err("Note : un export depuis le centre n'est inscrit dans aucun journal (le rôle de lecture ne peut rien écrire).");
      return EXIT_OK;
    } finally {
      await client.query('COMMIT').catch(() => undefined);
    }
  });
}

export async function statsCentralCommand(url: string, options: CentralCliOptions, io: CliIo): Promise<number> {
  return withClient(url, options, async (client) => {
    const tally = await centralTally(client);
    printTally(tally, io);
    io.out('\nPar poste');
    for (const [desk, count] of [...tally.byDesk].sort((a, b) => b[1] - a[1])) io.out(`  ${desk.padEnd(40)} ${fr(count).padStart(12)}`);
    return EXIT_OK;
  });
}

/** Creates or upgrades the schema, as the owner role (resources/central/roles.sql). */
export async function centralMigrateCommand(url: string, options: CentralCliOptions, io: CliIo): Promise<number> {
  const client = clientFor(url, options);
  await client.connect();
  try {
    io.out(`Centre d'audit au schéma ${await migrateCentral(client)}.`);
    return EXIT_OK;
  } finally {
    await client.end();
  }
}
