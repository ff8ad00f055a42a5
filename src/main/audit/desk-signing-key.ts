/** The desk's Ed25519 signing key: derived from the sealed checkpoint key (same keystore, no second secret), its public half kept in clear next to the trail and offered to the central registry. */
import { hkdfSync, type KeyObject } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { publicKeyBase64, publicKeyFromBase64, signerFromSeed, type Ed25519Signer } from './ed25519';

export type DeskSigningKey = Ed25519Signer;

/** The public half in base64, in clear: what `guichet-audit key` prints when the keystore is out of reach. */
export const publicKeyPathFor = (dbPath: string): string => `${dbPath}.ed25519.pub`;

const DERIVATION_INFO = 'guichet-audit desk Ed25519 signing key v1';

/**
 * The Ed25519 seed is HKDF-SHA256 of the checkpoint's HMAC key, which the keystore seals
 * (safeStorage, or the 0600 key file). So it is exactly as well kept as that key, opens
 * wherever that key opens (the shell unseals it before the store starts), and every trail
 * that already had an HMAC key gets its Ed25519 key without a migration. Whoever holds the
 * HMAC key can sign as the desk: it was already enough to forge the old HMAC checkpoints.
 */
export function deskKeyFromCheckpointKey(hmacKey: Buffer): DeskSigningKey {
  return signerFromSeed(Buffer.from(hkdfSync('sha256', hmacKey, Buffer.alloc(0), DERIVATION_INFO, 32)));
}

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
 * the central registry; null before the store has opened its key (or without one).
 */
export function deskPublicKey(): string | null {
  return processDeskKey;
}

/**
 * The desk's signing key from the opened checkpoint key, its public half written in clear
 * next to the database. `replacedPublicKey`: the clear copy named another key (rewritten).
 */
export function openDeskSigningKey(dbPath: string, hmacKey: Buffer): { key: DeskSigningKey; replacedPublicKey: boolean } {
  const key = deskKeyFromCheckpointKey(hmacKey);
  const declared = readDeclaredPublicKey(dbPath);
  const replacedPublicKey = declared !== null && publicKeyBase64(declared) !== key.publicKey;
  if (declared === null || replacedPublicKey) {
    const path = publicKeyPathFor(dbPath);
    try {
      writeFileSync(`${path}.tmp`, `${key.publicKey}\n`, { mode: 0o644 });
      renameSync(`${path}.tmp`, path);
    } catch {
      // A read-only copy: the key still signs; the clear copy is a convenience.
    }
  }
  processDeskKey = key.publicKey;
  return { key, replacedPublicKey };
}
