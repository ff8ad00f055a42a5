/**
 * The guichet-audit command line (entry point: src/cli/guichet-audit.ts, bin/guichet-audit.mjs).
 * Kept under main/ so the type-checked project covers it.
 */
import { parseArgs } from 'node:util';
import { auditFilterSchema } from '../../shared/audit-events';
import { EXIT_USAGE, exportCommand, keyCommand, statsCommand, verifyCommand, type CliIo } from './audit-cli-commands';
import {
  CENTRAL_PASSWORD_ENV,
  centralMigrateCommand,
  exportCentralCommand,
  isCentralUrl,
  statsCentralCommand,
  verifyAgainstCommand,
  verifyCentralCommand,
} from '../central-audit/central-cli';

export const USAGE = `Usage :
  guichet-audit verify <audit.sqlite | export.jsonl | export.csv> [--public-key <clé>] [--key-dir <dossier>]
                [--reference <export signé>]...
  guichet-audit key <audit.sqlite | export> [--key-dir <dossier>]
  guichet-audit export <audit.sqlite> --format csv|jsonl [--sep ';'] -o <fichier>
                [--from AAAA-MM-JJ] [--to AAAA-MM-JJ] [--agent login] [--action action]
                [--outcome success|failure|denied|unknown] [--target login] [--text texte]
                [--no-record]
  guichet-audit stats <audit.sqlite | export>

Centre d'audit (PostgreSQL ; rôle de lecture, mot de passe dans ${CENTRAL_PASSWORD_ENV}) :
  guichet-audit verify <audit.sqlite> --against postgres://rôle@hôte/guichet_audit [--desk poste]
  guichet-audit verify postgres://rôle@hôte/guichet_audit [--desk poste]
  guichet-audit export postgres://rôle@hôte/guichet_audit --desk poste --format csv|jsonl -o <fichier> [filtres]
  guichet-audit stats postgres://rôle@hôte/guichet_audit
  guichet-audit central-migrate postgres://guichet_owner@hôte/guichet_audit
  (TLS vérifié, --ca <fichier> pour l'autorité ; ?sslmode=disable vers 127.0.0.1 seulement)

--public-key : la clé publique Ed25519 du poste telle qu'enregistrée (base64, affichée par
  « guichet-audit key ») ; sans elle, une signature n'est vérifiée que sous la clé que le
  dossier ou l'export déclare lui-même, ce qui ne prouve pas qui l'a faite.
--reference : un export signé de ce journal ; le premier événement qui n'est plus tel
  qu'exporté est nommé, même si la chaîne a été recalculée après lui.

Codes de sortie : 0 intègre et authentifié / terminé, 1 intégrité rompue ou non garantie,
2 erreur d'usage ou de fichier, 3 intègre mais non authentifié (clé non enregistrée, export
non signé, ou réserve consignée au journal).`;

const consoleIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export async function runCli(argv: readonly string[], io: CliIo = consoleIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        sep: { type: 'string' },
        out: { type: 'string', short: 'o' },
        from: { type: 'string' },
        to: { type: 'string' },
        agent: { type: 'string' },
        action: { type: 'string' },
        outcome: { type: 'string' },
        target: { type: 'string' },
        text: { type: 'string' },
        'key-dir': { type: 'string' },
        'public-key': { type: 'string' },
        reference: { type: 'string', multiple: true },
        'no-record': { type: 'boolean' },
        against: { type: 'string' },
        desk: { type: 'string' },
        ca: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.err(`Option invalide : ${(error as Error).message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  const [command, file, ...extra] = positionals;
  if (values.help || !command) {
    io.out(USAGE);
    return values.help ? 0 : EXIT_USAGE;
  }
  if (!file || extra.length > 0) {
    io.err(`Un seul fichier attendu.\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const central = { caFile: values.ca, desk: values.desk };
  try {
    switch (command) {
      case 'verify':
      {
        const local = { keyDir: values['key-dir'], publicKey: values['public-key'], references: values.reference };
        if (isCentralUrl(file)) return await verifyCentralCommand(file, central, io);
        if (values.against) return await verifyAgainstCommand(file, values.against, { ...central, ...local }, io);
        return await verifyCommand(file, local, io);
      }
      case 'key':
        return await keyCommand(file, { keyDir: values['key-dir'] }, io);
      case 'stats':
        return isCentralUrl(file) ? await statsCentralCommand(file, central, io) : await statsCommand(file, io);
      case 'central-migrate':
        return await centralMigrateCommand(file, central, io);
      case 'export': {
        if (values.format !== 'csv' && values.format !== 'jsonl') {
          io.err('--format csv ou --format jsonl est requis.');
          return EXIT_USAGE;
        }
        const separator = values.sep ?? ',';
        if (separator !== ',' && separator !== ';') {
          io.err("--sep accepte ',' ou ';'.");
          return EXIT_USAGE;
        }
        if (!values.out) {
          io.err('-o <fichier> est requis.');
          return EXIT_USAGE;
        }
        const filter = auditFilterSchema.safeParse({
          from: values.from,
          to: values.to,
          agent: values.agent,
          action: values.action,
          outcome: values.outcome,
          target: values.target,
          text: values.text,
        });
        if (!filter.success) {
          const field = filter.error.issues[0]?.path.join('.') ?? '?';
          io.err(`Filtre invalide : --${field}`);
          return EXIT_USAGE;
        }
        if (isCentralUrl(file))
          return await exportCentralCommand(file, { ...central, format: values.format, separator, filter: filter.data, out: values.out }, io);
        return await exportCommand(
          file,
          {
            format: values.format,
            separator,
            filter: filter.data,
            out: values.out,
            record: !values['no-record'],
            keyDir: values['key-dir'],
          },
          io,
        );
      }
      default:
        io.err(`Commande inconnue : ${command}\n\n${USAGE}`);
        return EXIT_USAGE;
    }
  } catch (error) {
    io.err(`Erreur : ${(error as Error).message}`);
    return EXIT_USAGE;
  }
}

