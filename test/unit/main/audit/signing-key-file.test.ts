/**
 * The sealed checkpoint key file on real files: written once and only by its owner, read
 * strictly, opened with the keystore it names, and a desk racing another to create it ends
 * up with the key that won on disk.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSigningKey, readKeyFile, writeKeyFile } from '../../../../src/main/audit/checkpoint';
import { createFileKeystore, openedKeystore, type Keystore } from '../../../../src/main/audit/keystore';
import { classifyStartError } from '../../../../src/main/shell/start-failure';
import { useKeyFolders } from './support/key-folders';

const folder = useKeyFolders('guichet-key-file-');

/** What the desk's start does with an error: the start-failure screen it picks. */
function startFailureOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return `${classifyStartError(error)}: ${(error as Error).message}`;
  }
  throw new Error('did not throw');
}

describe('the key file', () => {
  it('is written once, readable by its owner only, and never over a key already there', () => {
    // Mutations caught: written without mode 0600 / without the exclusive flag, or answering
    // that it was written when another process had written it first.
    const { keyFile } = folder();
    expect(writeKeyFile(keyFile, { keystore: 'file', backend: 'file', sealed: 'Zmlyc3Q=' })).toBe(true);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(writeKeyFile(keyFile, { keystore: 'file', backend: 'file', sealed: 'c2Vjb25k' })).toBe(false);
    expect(readKeyFile(keyFile)).toEqual({ v: 1, keystore: 'file', backend: 'file', sealed: 'Zmlyc3Q=' });
    // Any other failure is not "someone else wrote it": it is thrown.
    expect(() => writeKeyFile(join(keyFile, 'below'), { keystore: 'file', backend: 'file', sealed: 'AA==' })).toThrow(/ENOTDIR/);
  });

  it('reads as absent, unreadable, or the record, with the backend only when one was recorded', () => {
    const { dir, keyFile } = folder();
    expect(readKeyFile(keyFile)).toBeNull();
    const inFolder = join(dir, 'a-folder.key');
    mkdirSync(inFolder);
    expect(readKeyFile(inFolder)).toBe('unreadable');
    for (const text of ['{not json', '{"v":2,"keystore":"file","sealed":"AA=="}', '{"v":1,"sealed":"AA=="}', '{"v":1,"keystore":"file"}', 'null']) {
      writeFileSync(keyFile, text);
      expect(readKeyFile(keyFile), text).toBe('unreadable');
    }
    writeFileSync(keyFile, '{"v":1,"keystore":"safe-storage","sealed":"AA==","backend":7}');
    expect(readKeyFile(keyFile)).toEqual({ v: 1, keystore: 'safe-storage', sealed: 'AA==' });
    writeFileSync(keyFile, '{"v":1,"keystore":"safe-storage","sealed":"AA==","backend":"kwallet5"}');
    expect(readKeyFile(keyFile)).toEqual({ v: 1, keystore: 'safe-storage', sealed: 'AA==', backend: 'kwallet5' });
  });
});

describe('opening the signing key', () => {
  it('absent and not to be made (the CLI): no key, and no file made', () => {
    const { dir, keyFile } = folder();
    expect(loadSigningKey(keyFile, [createFileKeystore(dir)], false)).toBeNull();
    expect(() => statSync(keyFile)).toThrow(/ENOENT/);
  });

  it('to be made with no keystore available: the start stops on the signing-key screen', () => {
    const { dir, keyFile } = folder();
    expect(startFailureOf(() => loadSigningKey(keyFile, [createFileKeystore(dir, { create: false })], true))).toBe(
      "signing-key: Aucun coffre de clés disponible pour signer les points de contrôle de l'audit.",
    );
  });

  it('a damaged key file, or one its keystore cannot open, stops the start; neither makes a new key', () => {
    const { dir, keyFile } = folder();
    const files = createFileKeystore(dir);
    const key = loadSigningKey(keyFile, [files], true)!;
    const sealed = readFileSync(keyFile, 'utf8');
    writeFileSync(join(dir, 'audit-keystore.key'), Buffer.alloc(32, 9));
    expect(startFailureOf(() => loadSigningKey(keyFile, [createFileKeystore(dir)], true))).toBe(
      `signing-key: La clé de signature de l'audit (${keyFile}) ne peut pas être ouverte par le coffre « file » de ce poste.`,
    );
    writeFileSync(keyFile, '{"v":1,"keysto');
    expect(startFailureOf(() => loadSigningKey(keyFile, [files], true))).toBe(`signing-key: Le fichier de clé de l'audit est illisible : ${keyFile}`);
    expect(readFileSync(keyFile, 'utf8')).toBe('{"v":1,"keysto');
    writeFileSync(keyFile, sealed);
    expect(loadSigningKey(keyFile, [files], true)).toEqual(key);
  });

  it('a key file that cannot be read (a folder in its place) is an error, never a new key nor "no key"', () => {
    // Mutations caught: every read error taken for "absent".
    const { dir, keyFile } = folder();
    mkdirSync(keyFile);
    expect(() => loadSigningKey(keyFile, [createFileKeystore(dir)], true)).toThrow(/EISDIR/);
    expect(() => loadSigningKey(keyFile, [createFileKeystore(dir)], false)).toThrow(/EISDIR/);
  });

  it('is opened by the keystore the file names, even when another one is available and listed first', () => {
    // Mutations caught: the first keystore (or the first available one) used whatever the file names.
    const { dir, keyFile } = folder();
    const files = createFileKeystore(dir);
    const key = loadSigningKey(keyFile, [files], true)!;
    const os = openedKeystore('safe-storage', 'gnome_libsecret', Buffer.from('another blob'), Buffer.alloc(32, 1));
    expect(loadSigningKey(keyFile, [os, files], false)).toEqual(key);
    // The keystore it names, known but unavailable here: no key (the start reports it), not another keystore's try.
    const unavailable: Keystore = { ...files, available: false };
    expect(loadSigningKey(keyFile, [os, unavailable], true)).toBeNull();
    expect(loadSigningKey(keyFile, [os], true)).toBeNull();
  });

  it('two processes making the key at once: both end up with the key that won on disk', () => {
    // Mutations caught: the lost race thrown as an error, or this process keeping the key it
    // sealed but could not write (it would sign pins nobody can check against the file's key).
    const { dir, keyFile } = folder();
    const files = createFileKeystore(dir);
    let rival: Buffer | null = null;
    // The other process writes its key while this one is sealing its own.
    const racing: Keystore = {
      ...files,
      seal(data) {
        rival ??= loadSigningKey(keyFile, [files], true);
        return files.seal(data);
      },
    };
    const mine = loadSigningKey(keyFile, [racing], true);
    expect(rival).toHaveLength(32);
    expect(mine).toEqual(rival);
    expect(loadSigningKey(keyFile, [files], false)).toEqual(rival);
  });
});
