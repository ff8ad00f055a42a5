import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { canonicalJson } from './canonical-json';
import type { Keystore } from './keystore';

/**
 * The checkpoint pins the chain's head outside the database: `{seq, headHash, at}`
 * signed with HMAC-SHA256. Whoever rewrites the database (deletes the last events, or
 * recomputes the whole chain) cannot produce a matching signature without the key,
 * which only the keystore can open.
 */
export interface Checkpoint {
  seq: number;
  headHash: string;
  at: string;
}

export type CheckpointRead =
  | { status: 'absent' }
  | { status: 'unreadable' }
  | { status: 'bad-signature'; checkpoint: Checkpoint }
  | { status: 'unsigned'; checkpoint: Checkpoint }
  | { status: 'ok'; checkpoint: Checkpoint };

export class SigningKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SigningKeyError';
  }
}

interface KeyFile {
  v: 1;
  keystore: string;
  sealed: string;
}

/**
 * Opens (or, when `create`, makes) the checkpoint signing key sealed in `keyFile`.
 * Returns null when the file is absent and not to be created, or when the keystore that
 * sealed it is not among those given (the CLI cannot open Electron's safeStorage).
 */
export function loadSigningKey(keyFile: string, keystores: readonly Keystore[], create: boolean): Buffer | null {
  let text: string | null = null;
  try {
    text = readFileSync(keyFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text === null) {
    if (!create) return null;
    const keystore = keystores.find((k) => k.available);
    if (!keystore) throw new SigningKeyError("Aucun coffre de clés disponible pour signer les points de contrôle de l'audit.");
    const key = randomBytes(32);
    const file: KeyFile = { v: 1, keystore: keystore.name, sealed: keystore.seal(key).toString('base64') };
    try {
      writeFileSync(keyFile, JSON.stringify(file), { mode: 0o600, flag: 'wx' });
      return key;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return loadSigningKey(keyFile, keystores, false);
    }
  }
  let file: KeyFile;
  try {
    file = JSON.parse(text) as KeyFile;
  } catch {
    throw new SigningKeyError(`Le fichier de clé de l'audit est illisible : ${keyFile}`);
  }
  const keystore = keystores.find((k) => k.name === file.keystore && k.available);
  if (!keystore) return null;
  try {
    return keystore.open(Buffer.from(file.sealed, 'base64'));
  } catch {
    throw new SigningKeyError(
      `La clé de signature de l'audit (${keyFile}) ne peut pas être ouverte par le coffre « ${file.keystore} » de ce poste.`,
    );
  }
}

const signature = (key: Buffer, checkpoint: Checkpoint): Buffer =>
  createHmac('sha256', key)
    .update(canonicalJson({ v: 1, seq: checkpoint.seq, headHash: checkpoint.headHash, at: checkpoint.at }))
    .digest();

const isCheckpoint = (value: unknown): value is Checkpoint & { sig: string } => {
  const c = value as Record<string, unknown> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    Number.isSafeInteger(c['seq']) &&
    typeof c['headHash'] === 'string' &&
    /^[0-9a-f]{64}$/.test(c['headHash']) &&
    typeof c['at'] === 'string' &&
    typeof c['sig'] === 'string'
  );
};

export function readCheckpoint(path: string, key: Buffer | null): CheckpointRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? { status: 'absent' } : { status: 'unreadable' };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { status: 'unreadable' };
  }
  if (!isCheckpoint(parsed)) return { status: 'unreadable' };
  const checkpoint: Checkpoint = { seq: parsed.seq, headHash: parsed.headHash, at: parsed.at };
  if (!key) return { status: 'unsigned', checkpoint };
  const given = Buffer.from(parsed.sig, 'hex');
  const expected = signature(key, checkpoint);
  const valid = given.length === expected.length && timingSafeEqual(given, expected);
  return valid ? { status: 'ok', checkpoint } : { status: 'bad-signature', checkpoint };
}

/**
 * Replaces the checkpoint atomically (temporary file + rename). Not fsynced on purpose:
 * it is written after the database commit, which is the durable point, so after a crash
 * it can only lag behind the chain, never claim a head that was not committed.
 */
export function writeCheckpoint(path: string, key: Buffer, checkpoint: Checkpoint): void {
  const body = JSON.stringify({ ...checkpoint, sig: signature(key, checkpoint).toString('hex') });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, body);
  renameSync(temp, path);
}
