/** The desk's Ed25519 signing key: sealed like the checkpoint's HMAC key, its public half kept in clear next to the trail and offered to the central registry. */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { loadSigningKey } from './checkpoint';
import { publicKeyBase64, publicKeyFromBase64, signerFromSeed, type Ed25519Signer } from './ed25519';
import type { Keystore } from './keystore';

export type DeskSigningKey = Ed25519Signer;

/** The sealed 32-byte seed (same file format and keystores as the checkpoint's HMAC key). */
export const signingKeyPathFor = (dbPath: string): string => `${dbPath}.ed25519.key`;
/** The public half in base64, in clear: what `guichet-audit key` prints when the keystore is out of reach. */
export const publicKeyPathFor = (dbPath: string): string => `${dbPath}.ed25519.pub`;

/** The public key written next to the database; null when absent or not a key. Anyone with the folder can replace it. */
export function readDeclaredPublicKey(dbPath: string): KeyObject | null {
  try {
    return publicKeyFromBase64(readFileSync(publicKeyPathFor(dbPath), 'utf8'));
  } catch {
    return null;
  }
}

let processDeskKey: string | null = null;

/**
 * The desk's public key (raw 32 bytes, base64) as opened by this process's audit store, for
 * the central registry; null before the store has opened a signing key (or without one).
 */
export function deskPublicKey(): string | null {
  return processDeskKey;
}

/**
 * Opens (or, when `create`, makes) the desk's signing key, sealed by the keystores like the
 * checkpoint's HMAC key, and writes its public half in clear next to the database. Null when
 * it is absent and not to be created, or sealed by a keystore not given here.
 * `replacedPublicKey`: the clear copy named another key (it is rewritten from the sealed one).
 */
export function loadDeskSigningKey(
  dbPath: string,
  keystores: readonly Keystore[],
  create: boolean,
): { key: DeskSigningKey; replacedPublicKey: boolean } | null {
  const seed = loadSigningKey(signingKeyPathFor(dbPath), keystores, create);
  if (!seed) return null;
  const key = signerFromSeed(seed);
  const declared = readDeclaredPublicKey(dbPath);
  const replacedPublicKey = declared !== null && publicKeyBase64(declared) !== key.publicKey;
  if (declared === null || replacedPublicKey) {
    const path = publicKeyPathFor(dbPath);
    try {
      writeFileSync(`${path}.tmp`, `${key.publicKey}\n`, { mode: 0o644 });
      renameSync(`${path}.tmp`, path);
    } catch {
      // A read-only copy (the CLI): the sealed key still signs; the clear copy is a convenience.
    }
  }
  processDeskKey = key.publicKey;
  return { key, replacedPublicKey };
}
