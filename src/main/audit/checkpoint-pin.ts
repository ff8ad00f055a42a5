/** One signed pin of the chain's head, as a checkpoint slot or a pin-log record holds it: v2 signed with the desk's Ed25519 key, v1 (trails from before) with its HMAC key. */
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { verifySignature } from './ed25519';

export interface Checkpoint {
  seq: number;
  headHash: string;
  at: string;
}

export type PinFormat = 1 | 2;
export interface SignedPin extends Checkpoint {
  v: PinFormat;
  sig: string;
}

/** What a reader can check pins with. */
export interface PinKeys {
  /** The HMAC key: checks v1 pins (null: the CLI away from the desk's keystore). */
  hmac: Buffer | null;
  /** The desk's Ed25519 public key: checks v2 pins (null: unknown). */
  publicKey: KeyObject | null;
}

export interface PinSigner {
  sign(message: string): string;
}

/** `unverifiable`: no key for its format here; `forged`: the key is here and the signature does not match. */
export type PinCheck = 'valid' | 'forged' | 'unverifiable';

/** Fixed size: slots are rewritten in place, and the pin log is read record by record. */
export const PIN_RECORD_BYTES = 256;

const keyObjects = new WeakMap<Buffer, KeyObject>();

/** HMAC-SHA256 with the key as a KeyObject: a raw Buffer key costs three times as much per call. */
export function hmac(key: Buffer, text: string): Buffer {
  let keyObject = keyObjects.get(key);
  if (!keyObject) keyObjects.set(key, (keyObject = createSecretKey(key)));
  return createHmac('sha256', keyObject).update(text).digest();
}

export const plainCheckpoint = (c: Checkpoint): Checkpoint => ({ seq: c.seq, headHash: c.headHash, at: c.at });

const v1Message = (c: Checkpoint) => canonicalJson({ v: 1, seq: c.seq, headHash: c.headHash, at: c.at });
// The type keeps a checkpoint signature from ever being taken for an export's, under the same key.
const v2Message = (c: Checkpoint) => canonicalJson({ type: 'guichet-audit-checkpoint', v: 2, seq: c.seq, headHash: c.headHash, at: c.at });

export function signPin(signer: PinSigner, checkpoint: Checkpoint): SignedPin {
  return { v: 2, ...plainCheckpoint(checkpoint), sig: signer.sign(v2Message(checkpoint)) };
}

/** The old format, only ever written by trails from before Ed25519 (and by tests that rebuild one). */
export function signLegacyPin(key: Buffer, checkpoint: Checkpoint): SignedPin {
  return { v: 1, ...plainCheckpoint(checkpoint), sig: hmac(key, v1Message(checkpoint)).toString('hex') };
}

export function checkPin(pin: SignedPin, keys: PinKeys): PinCheck {
  if (pin.v === 2) {
    if (!keys.publicKey) return 'unverifiable';
    return verifySignature(keys.publicKey, v2Message(pin), pin.sig) ? 'valid' : 'forged';
  }
  if (!keys.hmac) return 'unverifiable';
  const given = Buffer.from(pin.sig, 'hex');
  const expected = hmac(keys.hmac, v1Message(pin));
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'valid' : 'forged';
}

/** One record: the pin's JSON, padded with spaces, ending in a line feed. */
export function encodePin(pin: SignedPin): Buffer {
  const body = JSON.stringify(pin.v === 2 ? pin : { ...plainCheckpoint(pin), sig: pin.sig });
  if (Buffer.byteLength(body) >= PIN_RECORD_BYTES) throw new Error('checkpoint too large for its slot');
  const record = Buffer.alloc(PIN_RECORD_BYTES, ' ');
  record.write(body, 0, 'utf8');
  record[PIN_RECORD_BYTES - 1] = 0x0a;
  return record;
}

export type DecodedRecord = { kind: 'blank' } | { kind: 'torn' } | { kind: 'pin'; pin: SignedPin };

const isPinShape = (c: Record<string, unknown>): boolean =>
  Number.isSafeInteger(c['seq']) &&
  (c['seq'] as number) >= 0 &&
  typeof c['headHash'] === 'string' &&
  /^[0-9a-f]{64}$/.test(c['headHash']) &&
  typeof c['at'] === 'string' &&
  typeof c['sig'] === 'string';

/**
 * Blank: nothing was ever written there, or it was wiped (spaces, NUL bytes, past the end).
 * Torn: something is there but not a whole pin (a write cut short, or an edit).
 */
export function decodePin(record: Buffer): DecodedRecord {
  const text = record.toString('utf8');
  if (/^[\s\0]*$/.test(text)) return { kind: 'blank' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: 'torn' };
  }
  const c = parsed as Record<string, unknown> | null;
  if (typeof c !== 'object' || c === null || Array.isArray(c) || !isPinShape(c)) return { kind: 'torn' };
  const v = c['v'] === undefined ? 1 : c['v'];
  if (v !== 1 && v !== 2) return { kind: 'torn' };
  return { kind: 'pin', pin: { v, seq: c['seq'] as number, headHash: c['headHash'] as string, at: c['at'] as string, sig: c['sig'] as string } };
}
