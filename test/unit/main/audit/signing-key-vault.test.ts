/**
 * Opening the audit checkpoint key: Electron's safeStorage is a fake here (no Electron binary
 * runs on these machines), the key files are real. Each way a key can become unusable is told
 * apart, none silently makes a new key, and a new key records what sealed it.
 */
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSigningKey } from '../../../../src/main/audit/checkpoint';
import { createFileKeystore, KEYSTORE_FILE_NAME } from '../../../../src/main/audit/keystore';
import { describeKeyRecordFr, keyRecordOf, prepareSigningKeystores, signingKeyStatus, type SafeStorageLike } from '../../../../src/main/audit/signing-key-vault';
import { useKeyFolders } from './support/key-folders';

const folder = useKeyFolders('guichet-key-vault-');

function keyring(overrides: Partial<SafeStorageLike> & { rotated?: boolean } = {}): SafeStorageLike & { sealedCount: number } {
  const ring: SafeStorageLike & { sealedCount: number } = {
    sealedCount: 0,
    isAsyncEncryptionAvailable: async () => true,
    encryptStringAsync: async (text: string): Promise<Buffer> => {
      ring.sealedCount += 1;
      return Buffer.from(`v${ring.sealedCount}:${text}`);
    },
    decryptStringAsync: async (blob: Buffer) => {
      const [version, text] = blob.toString().split(':');
      if (!version?.startsWith('v') || text === undefined) throw new Error('cannot decrypt');
      return { shouldReEncrypt: overrides.rotated === true && version === 'v1', result: text };
    },
    getSelectedStorageBackend: () => 'gnome_libsecret',
    ...overrides,
  };
  return ring;
}

async function makeKey(safeStorage: SafeStorageLike | null) {
  const place = folder();
  const prepared = await prepareSigningKeystores({ ...place, dataDir: place.dir, safeStorage, platform: 'linux' });
  const key = loadSigningKey(place.keyFile, prepared.keystores, true);
  return { ...place, key, prepared };
}

describe('audit signing key vault', () => {
  it('seals a new key with the OS keystore and opens the same key on the next start', async () => {
    const ring = keyring();
    const made = await makeKey(ring);
    expect(made.key).toHaveLength(32);
    expect(JSON.parse(readFileSync(made.keyFile, 'utf8'))).toMatchObject({ v: 1, keystore: 'safe-storage', backend: 'gnome_libsecret' });
    const again = await prepareSigningKeystores({ keyFile: made.keyFile, dataDir: made.dir, safeStorage: ring, platform: 'linux' });
    expect(again.problem).toBeNull();
    expect(loadSigningKey(made.keyFile, again.keystores, true)).toEqual(made.key);
    expect(signingKeyStatus(made.keyFile, true)).toEqual({ state: 'sealed', keystore: 'os', backend: 'gnome_libsecret' });
  });

  it('makes the folder of a trail configured elsewhere (audit.path) before sealing its key there', async () => {
    const place = folder();
    const keyFile = join(place.dir, 'not', 'yet', 'audit.sqlite.key');
    const prepared = await prepareSigningKeystores({ keyFile, dataDir: place.dir, safeStorage: keyring(), platform: 'linux' });
    expect(loadSigningKey(keyFile, prepared.keystores, true)).toHaveLength(32);
  });

  it('names the Windows and macOS keystores', async () => {
    const win = folder();
    await prepareSigningKeystores({ ...win, dataDir: win.dir, safeStorage: keyring(), platform: 'win32' });
    expect(keyRecordOf(win.keyFile)).toEqual({ keystore: 'os', backend: 'dpapi' });
    expect(describeKeyRecordFr(keyRecordOf(win.keyFile))).toBe('scellée par le coffre du système (dpapi)');
  });

  it('re-seals in place when the keystore rotated its key, and the key stays the same', async () => {
    const ring = keyring({ rotated: true });
    const made = await makeKey(ring);
    const before = readFileSync(made.keyFile, 'utf8');
    const again = await prepareSigningKeystores({ keyFile: made.keyFile, dataDir: made.dir, safeStorage: ring, platform: 'linux' });
    expect(readFileSync(made.keyFile, 'utf8')).not.toBe(before);
    expect(JSON.parse(readFileSync(made.keyFile, 'utf8')).sealed).toBe(Buffer.from(`v2:${made.key!.toString('base64')}`).toString('base64'));
    expect(loadSigningKey(made.keyFile, again.keystores, true)).toEqual(made.key);
  });

  it('without a usable OS keystore (none, or basic_text), a new key goes to the file keystore and says so', async () => {
    for (const safeStorage of [null, keyring({ getSelectedStorageBackend: () => 'basic_text' }), keyring({ isAsyncEncryptionAvailable: async () => false })]) {
      const made = await makeKey(safeStorage);
      expect(made.prepared.problem).toBeNull();
      expect(keyRecordOf(made.keyFile)).toEqual({ keystore: 'file', backend: 'file' });
      expect(existsSync(join(made.dir, KEYSTORE_FILE_NAME))).toBe(true);
    }
  });

  it('a key the keystore can no longer open, or whose keystore is gone, is a problem, never a new key', async () => {
    const made = await makeKey(keyring());
    const before = readFileSync(made.keyFile, 'utf8');
    const cannot = await prepareSigningKeystores({
      keyFile: made.keyFile,
      dataDir: made.dir,
      safeStorage: keyring({ decryptStringAsync: async () => Promise.reject(new Error('wrong keyring')) }),
      platform: 'linux',
    });
    expect(cannot).toEqual({ keystores: [], problem: { reason: 'unseal-failed', keystore: 'safe-storage', backend: 'gnome_libsecret' } });
    const gone = await prepareSigningKeystores({ keyFile: made.keyFile, dataDir: made.dir, safeStorage: null, platform: 'linux' });
    expect(gone.problem).toEqual({ reason: 'keystore-unavailable', keystore: 'safe-storage', backend: 'gnome_libsecret' });
    // The store then runs without a key, and the file is kept for when the keyring is back.
    expect(loadSigningKey(made.keyFile, [...gone.keystores, createFileKeystore(made.dir)], true)).toBeNull();
    expect(readFileSync(made.keyFile, 'utf8')).toBe(before);
    expect(signingKeyStatus(made.keyFile, false)).toEqual({ state: 'unavailable', keystore: 'os', backend: 'gnome_libsecret' });
  });

  it('a file-keystore key whose master key was deleted or replaced is a problem, and no master key is made', async () => {
    const made = await makeKey(null);
    const master = join(made.dir, KEYSTORE_FILE_NAME);
    writeFileSync(master, Buffer.alloc(32, 7));
    const replaced = await prepareSigningKeystores({ keyFile: made.keyFile, dataDir: made.dir, safeStorage: null, platform: 'linux' });
    expect(replaced.problem).toEqual({ reason: 'unseal-failed', keystore: 'file', backend: 'file' });
    unlinkSync(master);
    const deleted = await prepareSigningKeystores({ keyFile: made.keyFile, dataDir: made.dir, safeStorage: null, platform: 'linux' });
    expect(deleted.problem).toEqual({ reason: 'keystore-unavailable', keystore: 'file', backend: 'file' });
    expect(existsSync(master)).toBe(false);
  });

  it('reads key files written before the backend was recorded', () => {
    const place = folder();
    writeFileSync(place.keyFile, JSON.stringify({ v: 1, keystore: 'safe-storage', sealed: 'AA==' }));
    expect(keyRecordOf(place.keyFile)).toEqual({ keystore: 'os', backend: null });
    expect(describeKeyRecordFr(keyRecordOf(place.keyFile))).toBe('scellée par le coffre du système (mécanisme non enregistré)');
    writeFileSync(place.keyFile, '{not json');
    expect(keyRecordOf(place.keyFile)).toBe('unreadable');
  });
});
