/**
 * Opens (or makes) the audit checkpoint key through the OS keystore before the audit store
 * is built, with Electron 45's asynchronous safeStorage calls (the synchronous ones are
 * deprecated), and says truthfully what sealed it, or why it can no longer be opened.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SigningKeyStatus } from '../../shared/contract/app';
import { readKeyFile, writeKeyFile, type KeyFile } from './checkpoint';
import { createFileKeystore, FILE_KEYSTORE_NAME, openedKeystore, type Keystore } from './keystore';

export const SAFE_STORAGE_KEYSTORE_NAME = 'safe-storage';

/** The non-deprecated part of Electron's `safeStorage` (structural: no electron import). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  /** Linux only: which password store Chromium picked. */
  getSelectedStorageBackend(): string;
}

/** Why an existing key cannot be used: the start raises an alarm and records it. */
export interface SigningKeyProblem {
  reason: 'keystore-unavailable' | 'unseal-failed';
  /** The keystore the key file names. */
  keystore: string;
  backend: string | null;
}

export interface PreparedKeystores {
  /** For the audit store: it opens the key with these (none when the key cannot be opened). */
  keystores: Keystore[];
  problem: SigningKeyProblem | null;
}

/** The OS keystore asked to seal a new key refused (a Keychain prompt denied...): the start fails. */
export class KeystoreRefusedError extends Error {
  constructor(readonly backend: string) {
    super(`The OS keystore (${backend}) refused to seal the audit signing key.`);
    this.name = 'KeystoreRefusedError';
  }
}

/**
 * What safeStorage stands on. On Linux `basic_text` is a fixed, public password (no keyring
 * was found): it protects nothing, so a new key goes to the 0600 key file instead, which
 * says so plainly. `unknown` means the app is not ready yet.
 */
export function safeStorageBackend(platform: NodeJS.Platform, safeStorage: SafeStorageLike): string {
  if (platform === 'win32') return 'dpapi';
  if (platform === 'darwin') return 'keychain';
  return safeStorage.getSelectedStorageBackend();
}

const WEAK_BACKENDS = new Set(['basic_text', 'unknown']);

async function osKeystoreUsable(safeStorage: SafeStorageLike | null, backend: string | null): Promise<boolean> {
  if (!safeStorage || !backend || WEAK_BACKENDS.has(backend)) return false;
  try {
    return await safeStorage.isAsyncEncryptionAvailable();
  } catch {
    return false;
  }
}

/** Re-seals in place (write aside, then rename) when the keystore rotated its own key. */
async function reseal(keyFile: string, record: KeyFile, key: Buffer, safeStorage: SafeStorageLike): Promise<Buffer | null> {
  try {
    const sealed = await safeStorage.encryptStringAsync(key.toString('base64'));
    const aside = `${keyFile}.reseal`;
    writeFileSync(aside, JSON.stringify({ ...record, sealed: sealed.toString('base64') }), { mode: 0o600 });
    renameSync(aside, keyFile);
    return sealed;
  } catch {
    return null;
  }
}

export async function prepareSigningKeystores(options: {
  keyFile: string;
  /** Where the file keystore keeps its master key (the data folder). */
  dataDir: string;
  /** Electron's safeStorage; null outside Electron. */
  safeStorage: SafeStorageLike | null;
  platform: NodeJS.Platform;
}): Promise<PreparedKeystores> {
  const { keyFile, safeStorage } = options;
  const backend = safeStorage ? safeStorageBackend(options.platform, safeStorage) : null;
  const record = readKeyFile(keyFile);
  // An unreadable key file is left to the store, which refuses it: a start error, loud.
  if (record === 'unreadable') return { keystores: [createFileKeystore(options.dataDir)], problem: null };
  if (record === null) {
    if (!(await osKeystoreUsable(safeStorage, backend))) return { keystores: [createFileKeystore(options.dataDir)], problem: null };
    const key = randomBytes(32);
    // The key sits next to the trail, whose folder (config audit.path) may not exist yet.
    mkdirSync(dirname(keyFile), { recursive: true });
    let sealed: Buffer;
    try {
      sealed = await safeStorage!.encryptStringAsync(key.toString('base64'));
    } catch {
      throw new KeystoreRefusedError(backend!);
    }
    if (!writeKeyFile(keyFile, { keystore: SAFE_STORAGE_KEYSTORE_NAME, backend: backend!, sealed: sealed.toString('base64') })) {
      return prepareSigningKeystores(options); // another process made it first: open theirs
    }
    return { keystores: [openedKeystore(SAFE_STORAGE_KEYSTORE_NAME, backend!, sealed, key)], problem: null };
  }
  const sealed = Buffer.from(record.sealed, 'base64');
  const named = { keystore: record.keystore, backend: record.backend ?? null };
  if (record.keystore === SAFE_STORAGE_KEYSTORE_NAME) {
    if (!safeStorage || !(await safeStorage.isAsyncEncryptionAvailable().catch(() => false)))
      return { keystores: [], problem: { reason: 'keystore-unavailable', ...named } };
    try {
      const opened = await safeStorage.decryptStringAsync(sealed);
      const key = Buffer.from(opened.result, 'base64');
      if (key.length !== 32) throw new Error('not a signing key');
      const current = (opened.shouldReEncrypt && (await reseal(keyFile, record, key, safeStorage))) || sealed;
      return { keystores: [openedKeystore(record.keystore, record.backend ?? backend ?? 'unknown', current, key)], problem: null };
    } catch {
      return { keystores: [], problem: { reason: 'unseal-failed', ...named } };
    }
  }
  if (record.keystore === FILE_KEYSTORE_NAME) {
    // Never create a new master key here: that would only hide that the old one is gone.
    const files = createFileKeystore(options.dataDir, { create: false });
    if (!files.available) return { keystores: [], problem: { reason: 'keystore-unavailable', ...named } };
    try {
      const key = files.open(sealed);
      return { keystores: [openedKeystore(FILE_KEYSTORE_NAME, FILE_KEYSTORE_NAME, sealed, key)], problem: null };
    } catch {
      return { keystores: [], problem: { reason: 'unseal-failed', ...named } };
    }
  }
  return { keystores: [], problem: { reason: 'keystore-unavailable', ...named } };
}

const keystoreKind = (name: string): SigningKeyStatus['keystore'] =>
  name === SAFE_STORAGE_KEYSTORE_NAME ? 'os' : name === FILE_KEYSTORE_NAME ? 'file' : null;

/** What sealed the key in `keyFile`, from the file alone (the CLI cannot open an OS keystore). */
export function keyRecordOf(keyFile: string): Omit<SigningKeyStatus, 'state'> | 'unreadable' | null {
  const record = readKeyFile(keyFile);
  if (record === null || record === 'unreadable') return record;
  return { keystore: keystoreKind(record.keystore), backend: record.backend ?? (record.keystore === FILE_KEYSTORE_NAME ? FILE_KEYSTORE_NAME : null) };
}

/** The integrity panel's key line: who sealed the key, and whether this process holds it. */
export function signingKeyStatus(keyFile: string, opened: boolean): SigningKeyStatus {
  const record = keyRecordOf(keyFile);
  if (record === null) return { state: 'absent', keystore: null, backend: null };
  if (record === 'unreadable') return { state: 'unavailable', keystore: null, backend: null };
  return { state: opened ? 'sealed' : 'unavailable', ...record };
}

/** The same in one French line, for `guichet-audit stats` and the start alarm. */
export function describeKeyRecordFr(record: Omit<SigningKeyStatus, 'state'> | 'unreadable' | null): string {
  if (record === null) return 'aucune (points de contrôle non signés)';
  if (record === 'unreadable') return 'fichier de clé illisible';
  if (record.keystore === 'os') return `scellée par le coffre du système (${record.backend ?? 'mécanisme non enregistré'})`;
  if (record.keystore === 'file') return 'scellée par le fichier de clé du dossier de données (audit-keystore.key, lisible par le seul utilisateur)';
  return 'scellée par un coffre inconnu de cette version';
}
