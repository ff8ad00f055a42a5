#!/usr/bin/env node
// Runs the TypeScript CLI without a build step: tsx's ESM loader compiles it on the fly.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import(new URL('../src/cli/guichet-audit.ts', import.meta.url).href);
process.exitCode = await runCli(process.argv.slice(2));
