/**
 * guichet-audit: the supervisor's offline tool for the local audit trail, no GUI needed.
 *
 *   guichet-audit verify <audit.sqlite | export.jsonl | export.csv> [--key-dir <dossier>]
 *   guichet-audit export <audit.sqlite> --format csv|jsonl [--sep ';'] [--from --to --agent
 *                        --action --outcome --target --text] -o <fichier> [--no-record]
 *   guichet-audit stats <audit.sqlite | export>
 *
 * Exit status: 0 intact / done, 1 integrity broken (the first bad sequence number is
 * printed), 2 usage or file error.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runCli } from '../main/audit/audit-cli';

export { runCli };

const invokedDirectly = (() => {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();

if (invokedDirectly) process.exitCode = await runCli(process.argv.slice(2));
