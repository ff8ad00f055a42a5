/**
 * The audit command line as it ships: bin/guichet-audit.mjs over the built out/main/guichet-audit.js.
 * Built here when missing or older than the sources, so the test never runs a stale build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
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

const fresh = () => {
  const sources = Math.max(...['src/main', 'src/cli', 'src/shared'].map((d) => newestSource(join(ROOT, d))));
  return existsSync(BUILT_CLI) && statSync(BUILT_CLI).mtimeMs >= sources;
};

/** Two test files may ask at once (vitest runs two workers): one builds, the other waits for it. */
export function ensureBuiltCli(): void {
  // Outside out/: the build empties that folder.
  const lock = join(ROOT, '.tmp', 'build-lock');
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (fresh()) return;
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`another build holds ${lock}`);
      // Left by a killed run: a build takes seconds, not minutes.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (fresh()) return;
    const build = spawnSync(join(ROOT, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stdout}\n${build.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
