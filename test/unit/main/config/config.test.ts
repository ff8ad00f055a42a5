import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ConfigError, configFlag, loadConfig, MissingConfigError, parseConfig, readConfigFile } from '../../../../src/main/config/load';
import { demoConfig } from '../../../../src/main/config/demo-config';

const dir = () => mkdtempSync(join(tmpdir(), 'guichet-config-'));

describe('configuration', () => {
  it('uses the embedded demo directory only when the demo asks for it', () => {
    const loaded = loadConfig({ argv: [], env: {}, dataDir: dir(), demo: demoConfig() });
    expect(loaded.source).toBe('embedded-demo');
    expect(loaded.config.directory.urls[0]).toMatch(/^ldap:\/\/127\.0\.0\.1:/);
    expect(loaded.config.directory.attributes.studentId).toBe('supannEtuId');
    expect(loaded.config.session.idleLockMinutes).toBe(5);
  });

  it('finds nothing without a file or the demo, and says where it looked', () => {
    const data = dir();
    let error: unknown;
    try {
      loadConfig({ argv: [], env: {}, dataDir: data });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MissingConfigError);
    expect((error as MissingConfigError).looked).toEqual([
      { kind: 'flag', name: '--config' },
      { kind: 'env', name: 'GUICHET_CONFIG' },
      { kind: 'file', name: join(data, 'guichet.yaml') },
    ]);
  });

  it('reads the file in the data folder, then the env variable, then the flag (highest)', () => {
    const data = dir();
    const base = demoConfig();
    writeFileSync(join(data, 'guichet.yaml'), stringify({ ...base, institution: { name: 'Dans le dossier' } }));
    const envFile = join(dir(), 'env.json');
    writeFileSync(envFile, JSON.stringify({ ...base, institution: { name: 'Par variable' } }));
    const flagFile = join(dir(), 'flag.json');
    writeFileSync(flagFile, JSON.stringify({ ...base, institution: { name: 'Par option' } }));
    expect(loadConfig({ argv: [], env: {}, dataDir: data }).config.institution.name).toBe('Dans le dossier');
    expect(loadConfig({ argv: [], env: { GUICHET_CONFIG: envFile }, dataDir: data }).config.institution.name).toBe('Par variable');
    expect(
      loadConfig({ argv: ['electron', '.', `--config=${flagFile}`], env: { GUICHET_CONFIG: envFile }, dataDir: data }).config.institution.name,
    ).toBe('Par option');
  });

  it('names the field and what is expected when the file is wrong', () => {
    const file = join(dir(), 'bad.yaml');
    writeFileSync(file, 'directory:\n  urls: [ "http://ldap.univ.fr" ]\n  baseDn: 12\n  bogus: 1\n');
    try {
      readConfigFile(file);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toContain(file);
      expect(message).toContain('directory.urls.0');
      expect(message).toContain('directory.baseDn');
      expect(message).toContain('attendu string');
      expect(message).toContain('« bogus »');
      expect(message).toContain('directory.peopleBase');
    }
  });

  it('reports YAML syntax errors with the line', () => {
    const file = join(dir(), 'syntax.yaml');
    writeFileSync(file, 'directory:\n  urls: [\n  baseDn: x\n');
    expect(() => readConfigFile(file)).toThrow(/syntaxe YAML\/JSON invalide/);
  });

  it('refuses a missing explicit file instead of silently using the demo', () => {
    expect(() => loadConfig({ argv: ['--config', '/nonexistent/guichet.yaml'], env: {}, dataDir: dir() })).toThrow(/fichier introuvable/);
  });

  it('refuses an invalid student number pattern', () => {
    const input = demoConfig();
    expect(() => parseConfig({ ...input, directory: { ...input.directory, studentIdPattern: '([0-9' } }, null)).toThrow(
      /studentIdPattern/,
    );
  });

  it('parses --config in both forms', () => {
    expect(configFlag(['--config', 'a.yaml'])).toBe('a.yaml');
    expect(configFlag(['--config=b.yaml'])).toBe('b.yaml');
    expect(configFlag(['--other'])).toBeUndefined();
  });

  it('accepts the shipped SUPANN example', () => {
    const loaded = readConfigFile(join(import.meta.dirname, '../../../../resources/config/guichet.example.yaml'));
    expect(loaded.directory.tls.mode).toBe('ldaps');
    expect(loaded.directory.urls.length).toBeGreaterThan(1);
  });
});
