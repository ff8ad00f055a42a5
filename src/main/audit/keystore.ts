/** Sealing the checkpoint key at rest: the OS keystore under Electron, a user-only key file elsewhere. */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Seals small secrets (the checkpoint signing key) at rest. The Electron shell opens the
 * key through safeStorage (DPAPI, Keychain, libsecret/KWallet) before the store is built
 * (see signing-key-vault.ts); plain Node (tests, CLI, benchmarks) uses a key file readable
 * only by the user.
 */
export interface Keystore {
  /** Recorded next to each sealed blob so the right keystore is used to open it. */
  readonly name: string;
  /** What really protects the key (`file`, `dpapi`, `keychain`, `gnome_libsecret`, `kwallet5`...), recorded with it. */
  readonly backend: string;
  readonly available: boolean;
  seal(data: Buffer): Buffer;
  open(sealed: Buffer): Buffer;
}

export const FILE_KEYSTORE_NAME = 'file';
export const KEYSTORE_FILE_NAME = 'audit-keystore.key';

function readOrCreateMasterKey(file: string): Buffer {
  try {
    const key = readFileSync(file);
    if (key.length === 32) return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, randomBytes(32), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  chmodSync(file, 0o600);
  return readFileSync(file);
}

/**
 * AES-256-GCM under a random 32-byte key kept in `<dir>/audit-keystore.key` (mode 0600).
 * `create: false` (the CLI): only an existing key file is used, none is made.
 */
export function createFileKeystore(dir: string, options: { create?: boolean } = {}): Keystore {
  const file = join(dir, KEYSTORE_FILE_NAME);
  let master: Buffer | null = null;
  const key = () => (master ??= readOrCreateMasterKey(file));
  return {
    name: FILE_KEYSTORE_NAME,
    backend: FILE_KEYSTORE_NAME,
    available: options.create !== false || existsSync(file),
    seal(data) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key(), iv);
      const body = Buffer.concat([cipher.update(data), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key(), sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
    },
  };
}

/**
 * A keystore whose one sealed blob was opened ahead of time (safeStorage only decrypts
 * asynchronously, the audit store opens its key synchronously): it opens that blob and
 * nothing else, and seals nothing.
 */
export function openedKeystore(name: string, backend: string, sealed: Buffer, key: Buffer): Keystore {
  return {
    name,
    backend,
    available: true,
    seal() {
      throw new Error('this keystore only opens the key it was given');
    },
    open(blob) {
      if (!blob.equals(sealed)) throw new Error('not the sealed key this keystore was given');
      return Buffer.from(key);
    },
  };
}
