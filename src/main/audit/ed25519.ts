/** Ed25519 with node:crypto: a key pair from a 32-byte seed, public keys as base64 of their raw 32 bytes, signatures as base64url. */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

// RFC 8410: an Ed25519 private key in PKCS#8 is this fixed prefix followed by the 32-byte seed.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface Ed25519Signer {
  /** The raw 32-byte public key in base64: printed by the CLI, registered centrally. */
  readonly publicKey: string;
  readonly verifyKey: KeyObject;
  /** Ed25519 signature of the UTF-8 text, base64url without padding. */
  sign(message: string): string;
}

export class PublicKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PublicKeyError';
  }
}

export function signerFromSeed(seed: Buffer): Ed25519Signer {
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const verifyKey = createPublicKey(privateKey);
  return {
    publicKey: publicKeyBase64(verifyKey),
    verifyKey,
    sign: (message) => sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64url'),
  };
}

/** A public key given as base64 (or base64url) of its 32 raw bytes; throws PublicKeyError otherwise. */
export function publicKeyFromBase64(text: string): KeyObject {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) throw new PublicKeyError('clé publique Ed25519 invalide : 32 octets en base64 attendus');
  const x = trimmed.replace(/=$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
}

export const publicKeyBase64 = (key: KeyObject): string => Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url').toString('base64');

/** True when `signature` (base64url) is the Ed25519 signature of `message` under `key`. */
export function verifySignature(key: KeyObject, message: string, signature: string): boolean {
  const bytes = Buffer.from(signature, 'base64url');
  if (bytes.length !== 64) return false;
  try {
    return verify(null, Buffer.from(message, 'utf8'), key, bytes);
  } catch {
    return false;
  }
}

/** What a person compares by eye: the first 16 bytes of SHA-256 over the raw key, in groups of four hex digits. */
export function keyFingerprint(publicKey: string | KeyObject): string {
  const raw = Buffer.from(typeof publicKey === 'string' ? publicKey : publicKeyBase64(publicKey), 'base64');
  return createHash('sha256').update(raw).digest('hex').slice(0, 32).match(/.{4}/g)!.join(' ');
}
