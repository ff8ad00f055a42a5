/** What a failed start says, and in which language: classification by error name and code, French unless the system is English. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../src/main/config/load';
import { SigningKeyError } from '../../../../src/main/audit/checkpoint';
import { KeystoreRefusedError } from '../../../../src/main/audit/signing-key-vault';
import { auditModeArgs } from '../../../../src/main/shell/audit-mode';
import { firstRunPage } from '../../../../src/main/shell/first-run';
import { classifyStartError, describeStartFailure, shellLocale, UnsafeEnvironmentError } from '../../../../src/main/shell/start-failure';

describe('start failure', () => {
  it('speaks English only when the system’s first language is English', () => {
    expect(shellLocale(['en-US', 'fr-FR'])).toBe('en');
    expect(shellLocale(['en'])).toBe('en');
    expect(shellLocale(['fr-FR', 'en-US'])).toBe('fr');
    expect(shellLocale(['de-DE'])).toBe('fr');
    expect(shellLocale([])).toBe('fr');
  });

  it('tells each kind of failure apart, without loading the native module to do it', () => {
    const named = (name: string, extra: object = {}) => Object.assign(new Error('x'), { name }, extra);
    expect(classifyStartError(new ConfigError('/etc/guichet.yaml', ['champ « a » : attendu string']))).toBe('config');
    expect(classifyStartError(new KeystoreRefusedError('keychain'))).toBe('keystore-refused');
    expect(classifyStartError(new SigningKeyError('illisible'))).toBe('signing-key');
    expect(classifyStartError(new UnsafeEnvironmentError(['NODE_TLS_REJECT_UNAUTHORIZED=0']))).toBe('unsafe-environment');
    expect(classifyStartError(named('AuditDatabaseError', { reason: 'newer' }))).toBe('database-newer');
    expect(classifyStartError(named('AuditDatabaseError', { reason: 'older' }))).toBe('database');
    expect(classifyStartError(named('SqliteError', { code: 'SQLITE_CORRUPT' }))).toBe('database');
    expect(classifyStartError(Object.assign(new Error("Cannot find module 'better-sqlite3'"), { code: 'ERR_MODULE_NOT_FOUND' }))).toBe('native-module');
    expect(classifyStartError(Object.assign(new Error('x.node: invalid ELF header'), { code: 'ERR_DLOPEN_FAILED' }))).toBe('native-module');
    expect(classifyStartError(Object.assign(new Error("Cannot find module './chunk.js'"), { code: 'ERR_MODULE_NOT_FOUND' }))).toBe('internal');
    expect(classifyStartError('a string')).toBe('internal');
  });

  it('gives the advice, the detail and the log path, with exit codes 2 (configuration), 3 (environment), 1 otherwise', () => {
    const fr = describeStartFailure(new ConfigError('/etc/g.yaml', ['champ « directory.urls » : attendu array']), 'fr', '/home/a/.config/Guichet/logs/guichet.log');
    expect(fr.exitCode).toBe(2);
    expect(fr.body).toContain('Détail : Configuration invalide (/etc/g.yaml)');
    expect(fr.body).toMatch(/Journal : \/home\/a\/\.config\/Guichet\/logs\/guichet\.log$/);
    expect(describeStartFailure(new UnsafeEnvironmentError(['x']), 'en', null)).toMatchObject({ exitCode: 3, title: 'Guichet refuses to start in this environment' });
    expect(describeStartFailure(new Error('boom'), 'en', null)).toMatchObject({ kind: 'internal', exitCode: 1, body: expect.stringContaining('Details: boom') });
  });

  it('the first-run page escapes the paths it shows, in English too', () => {
    const html = firstRunPage({ looked: [{ kind: 'file', name: '/home/<b>x</b>/guichet.yaml' }], target: '/home/<b>x</b>/guichet.yaml', example: '/opt/a&b.yaml' }, 'en');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Guichet is not configured yet');
    expect(html).toContain('/home/&lt;b&gt;x&lt;/b&gt;/guichet.yaml');
    expect(html).toContain('/opt/a&amp;b.yaml');
    expect(html).not.toContain('<b>x</b>');
  });

  it('reads `guichet --audit …` as the audit command line', () => {
    expect(auditModeArgs(['/opt/Guichet/guichet', '--audit', 'verify', '/x/audit.sqlite'])).toEqual(['verify', '/x/audit.sqlite']);
    expect(auditModeArgs(['electron', '.', '--audit', 'stats', 'f'])).toEqual(['stats', 'f']);
    expect(auditModeArgs(['/opt/Guichet/guichet', '--config=/etc/g.yaml'])).toBeNull();
  });
});
