/**
 * A real electron-builder run (`--linux dir`) on the built app, with a stand-in for the
 * Electron binary (none can be downloaded here) and therefore without the fuses, which need
 * the real binary: what goes into app.asar, what stays outside it, and the extra resource.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltCli, ROOT } from './support/built-cli';

const asar = createRequire(import.meta.url)('@electron/asar') as { listPackage(path: string): string[] };
const scratch = mkdtempSync(join(tmpdir(), 'guichet-package-'));
const output = join(scratch, 'dist');
const resources = join(output, 'linux-unpacked', 'resources');
let run: ReturnType<typeof spawnSync>;

beforeAll(() => {
  ensureBuiltCli();
  const electronDist = join(scratch, 'electron');
  mkdirSync(join(electronDist, 'resources'), { recursive: true });
  writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(electronDist, 'electron'), 0o755);
  writeFileSync(join(electronDist, 'version'), '45.4.1');
  writeFileSync(join(electronDist, 'LICENSE'), '');
  const config = join(ROOT, `.package-test-${process.pid}.yml`);
  writeFileSync(config, `extends: ./electron-builder.yml\nelectronDist: ${electronDist}\nelectronFuses: null\ndirectories:\n  output: ${output}\n`);
  try {
    run = spawnSync(join(ROOT, 'node_modules', '.bin', 'electron-builder'), ['--linux', 'dir', '--config', config, '--publish', 'never'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 240_000,
    });
  } finally {
    rmSync(config, { force: true });
  }
}, 300_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('electron-builder on the built app (stand-in Electron binary)', () => {
  it('packs the built app into app.asar: out/ and package.json, no sources, no dev tools', () => {
    expect(run.status, String(run.stdout) + String(run.stderr)).toBe(0);
    const files = asar.listPackage(join(resources, 'app.asar'));
    expect(files).toEqual(expect.arrayContaining(['/package.json', '/out/main/index.js', '/out/main/guichet-audit.js', '/out/preload/index.cjs', '/out/renderer/index.html']));
    expect(files.some((f) => f.startsWith('/src/') || f.startsWith('/test/') || f.startsWith('/bin/'))).toBe(false);
    for (const dev of ['tsx', 'electron', 'vite', 'vitest', '@playwright', 'electron-builder', 'typescript'])
      expect(files.some((f) => f.startsWith(`/node_modules/${dev}/`)), dev).toBe(false);
    expect(files.some((f) => f.endsWith('.map'))).toBe(false);
    expect(files).toContain('/node_modules/ldapts/package.json');
  });

  it('keeps better-sqlite3’s native binary on disk next to the asar, without its C sources', () => {
    const unpacked = join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3');
    expect(existsSync(join(unpacked, 'prebuilds', 'linux-x64.node'))).toBe(true);
    expect(existsSync(join(unpacked, 'src'))).toBe(false);
    expect(existsSync(join(unpacked, 'deps'))).toBe(false);
  });

  it('ships the example configuration as an extra resource', () => {
    expect(existsSync(join(resources, 'guichet.example.yaml'))).toBe(true);
  });
});
