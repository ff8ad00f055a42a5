/**
 * The packaging configuration, checked with electron-builder's own loader and schema
 * (`npm run package` needs the Electron binary, which these machines cannot download), and
 * the promises the README makes about it: targets, fuses, native module outside the asar,
 * the example configuration shipped, nothing downloaded at install time.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, matchesGlob, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';

const ROOT = process.cwd();
const CONFIG_FILE = 'electron-builder.yml';
const quietDebug = { isEnabled: false, add() {} } as unknown as Parameters<typeof validateConfiguration>[1];
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  productName: string;
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
};

const load = () => getConfig(ROOT, join(ROOT, CONFIG_FILE), null);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

const targetsOf = (platform: Configuration['linux'] | Configuration['win'] | Configuration['mac']) =>
  ((platform?.target ?? []) as Array<string | { target: string }>).map((t) => (typeof t === 'string' ? t : t.target));

describe('packaging configuration (electron-builder)', () => {
  it('passes electron-builder’s own schema validation', async () => {
    const config = await load();
    await expect(validateConfiguration(config, quietDebug)).resolves.toBeUndefined();
    // CPU-bound (electron-builder's whole schema): ~3 s on a quiet machine, over the 5 s default on a loaded one.
  }, 60_000);

  it('is really validated: a misspelt option or a wrong value is refused by the same check', async () => {
    const config = await load();
    await expect(validateConfiguration({ ...config, electronFuse: { runAsNode: false } } as Configuration, quietDebug)).rejects.toThrow(/electronFuse/);
    await expect(validateConfiguration({ ...config, electronFuses: { runAsNode: 'no' } } as unknown as Configuration, quietDebug)).rejects.toThrow(
      /runAsNode/,
    );
  });

  it('builds .deb and AppImage, NSIS and dmg, as Guichet', async () => {
    const config = await load();
    expect(config.productName).toBe('Guichet');
    expect(packageJson.productName).toBe('Guichet');
    expect(targetsOf(config.linux)).toEqual(['deb', 'AppImage']);
    expect(targetsOf(config.win)).toEqual(['nsis']);
    expect(targetsOf(config.mac)).toEqual(['dmg']);
    expect(packageJson.scripts['package']).toMatch(/^electron-vite build && electron-builder /);
    expect(packageJson.devDependencies['electron-builder']).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('sets the fuses of checklist item 19', async () => {
    const fuses = (await load()).electronFuses;
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('keeps better-sqlite3’s native binaries out of the asar, and only them', async () => {
    const config = await load();
    const patterns = config.asarUnpack as string[];
    expect(config.asar).toBe(true);
    const all = filesUnder(join(ROOT, 'node_modules', 'better-sqlite3')).map((f) => relative(ROOT, f).split('\\').join('/'));
    const unpacked = all.filter((f) => patterns.some((p) => matchesGlob(f, p)));
    const linux = unpacked.filter((f) => f.endsWith('/prebuilds/linux-x64.node'));
    expect(linux).toHaveLength(1);
    expect(unpacked.every((f) => f.endsWith('.node'))).toBe(true);
  });

  it('ships the built app only, and the example configuration as an extra resource', async () => {
    const config = await load();
    // electron-builder's loader turns the list into one filter set.
    const filters = (config.files as Array<{ filter: string[] }>).flatMap((f) => f.filter);
    expect(filters).toEqual(expect.arrayContaining(['out/**/*', 'package.json']));
    expect(filters.some((f) => f.startsWith('src') || f.startsWith('bin'))).toBe(false);
    expect(config.extraResources).toEqual([{ from: 'resources/config/guichet.example.yaml', to: 'guichet.example.yaml' }]);
    expect(existsSync(join(ROOT, 'resources/config/guichet.example.yaml'))).toBe(true);
    // The better-sqlite3 prebuild loads in Electron through N-API: no rebuild (which would download headers).
    expect(config.npmRebuild).toBe(false);
  });

  it('installs without downloading anything: only reviewed install scripts, none that fetches a binary', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { hasInstallScript?: boolean }>;
    };
    const withScripts = Object.entries(lock.packages)
      .filter(([, p]) => p.hasInstallScript)
      .map(([path]) => path.replace(/^.*node_modules\//, ''))
      .sort();
    // Reviewed in DEPENDENCIES.md: each copies or checks files shipped in its own package.
    expect(withScripts).toEqual(['electron-winstaller', 'es5-ext', 'esbuild', 'node']);
  });
});
