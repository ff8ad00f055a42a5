#!/usr/bin/env node
// guichet-audit from a checkout: runs the built JavaScript (out/main/guichet-audit.js, made by
// `npm run build`), never the TypeScript sources. Nothing but node: built-ins is loaded before the
// Node check: better-sqlite3 13 needs Node >= 22 and crashes older ones (Node 20 segfaults).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MIN_NODE_MAJOR = 22;
const REEXEC_ENV = 'GUICHET_AUDIT_REEXEC';
const self = fileURLToPath(import.meta.url);
const built = fileURLToPath(new URL('../out/main/guichet-audit.js', import.meta.url));
const args = process.argv.slice(2);

function refuse(sentence) {
  process.stderr.write(`${sentence}\n`);
  process.exit(2);
}

const major = Number(process.versions.node.split('.')[0]);
if (!(major >= MIN_NODE_MAJOR)) {
  // The project's own Node 24 (npm package `node`, a devDependency), when installed: run on it.
  const projectNode = fileURLToPath(new URL(`../node_modules/node/bin/node${process.platform === 'win32' ? '.exe' : ''}`, import.meta.url));
  if (existsSync(projectNode) && process.env[REEXEC_ENV] !== '1') {
    const run = spawnSync(projectNode, [self, ...args], { stdio: 'inherit', env: { ...process.env, [REEXEC_ENV]: '1' } });
    process.exit(run.status ?? 2);
  }
  refuse(
    `guichet-audit a besoin de Node.js ${MIN_NODE_MAJOR} ou plus récent (celui-ci est ${process.versions.node}) : lancez « npx guichet-audit ${args.join(' ')} » dans le dossier de Guichet après « npm install » (Node 24 du projet), ou « guichet --audit ${args.join(' ')} » avec l’application installée.`,
  );
}
if (!existsSync(built)) {
  refuse('guichet-audit n’est pas construit : lancez « npm run build » dans le dossier de Guichet, ou « guichet --audit … » avec l’application installée.');
}
const { runCli } = await import(pathToFileURL(built).href);
process.exitCode = await runCli(args);
