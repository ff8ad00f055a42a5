/**
 * The audit command line as it ships: bin/guichet-audit.mjs over the built out/main/guichet-audit.js.
 * Built here when missing or older than the sources, so the test never runs a stale build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = process.cwd();
export const BIN = join(ROOT, 'bin', 'guichet-audit.mjs');
export const BUILT_CLI = join(ROOT, 'out', 'main', 'guichet-audit.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function ensureBuiltCli(): void {
  const sources = Math.max(...['src/main', 'src/cli', 'src/shared'].map((d) => newestSource(join(ROOT, d))));
  if (existsSync(BUILT_CLI) && statSync(BUILT_CLI).mtimeMs >= sources) return;
  const build = spawnSync(join(ROOT, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stdout}\n${build.stderr}`);
}
