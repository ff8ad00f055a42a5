/** The signed checkpoint that pins the chain's head outside the database, and its signing key. */
import { createHmac, createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import { closeSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
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

/** The sealed signing key on disk; `backend` (absent in files written before it existed) says what sealed it. */
export interface KeyFile {
  v: 1;
  keystore: string;
  backend?: string;
  sealed: string;
}

/** The key file's record without the sealed key: absent (null), unreadable, or who sealed it. */
export function readKeyFile(keyFile: string): KeyFile | 'unreadable' | null {
  let text: string;
  try {
    text = readFileSync(keyFile, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : 'unreadable';
  }
  try {
    const file = JSON.parse(text) as Partial<KeyFile>;
    if (file.v !== 1 || typeof file.keystore !== 'string' || typeof file.sealed !== 'string') return 'unreadable';
    return { v: 1, keystore: file.keystore, sealed: file.sealed, ...(typeof file.backend === 'string' ? { backend: file.backend } : {}) };
  } catch {
    return 'unreadable';
  }
}

/** Writes a new key file (never over an existing one: false when another process wrote it first). */
export function writeKeyFile(keyFile: string, record: Omit<KeyFile, 'v'>): boolean {
  try {
    writeFileSync(keyFile, JSON.stringify({ v: 1, ...record }), { mode: 0o600, flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  }
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
    const sealed = keystore.seal(key).toString('base64');
    if (writeKeyFile(keyFile, { keystore: keystore.name, backend: keystore.backend, sealed })) return key;
    return loadSigningKey(keyFile, keystores, false);
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

const keyObjects = new WeakMap<Buffer, KeyObject>();

/** HMAC-SHA256 with the key as a KeyObject: a raw Buffer key costs three times as much per call. */
export function hmac(key: Buffer, text: string): Buffer {
  let keyObject = keyObjects.get(key);
  if (!keyObject) keyObjects.set(key, (keyObject = createSecretKey(key)));
  return createHmac('sha256', keyObject).update(text).digest();
}

const signature = (key: Buffer, checkpoint: Checkpoint): Buffer =>
  hmac(
    key,
    canonicalJson({ v: 1, seq: checkpoint.seq, headHash: checkpoint.headHash, at: checkpoint.at }),
  );

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

/**
 * The checkpoint file holds two fixed-size slots; a checkpoint for seq n goes to slot n % 2,
 * written in place with one positioned write. No rename: on ext4 a rename over an existing
 * file forces the new data to disk, which cost more than the database commit itself.
 * A write torn by a power cut damages one slot only; the other still holds the previous head.
 */
export const CHECKPOINT_SLOT_BYTES = 256;

function parseSlot(text: string): (Checkpoint & { sig: string }) | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return isCheckpoint(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function readCheckpoint(path: string, key: Buffer | null): CheckpointRead {
  let content: Buffer;
  try {
    content = readFileSync(path);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? { status: 'absent' } : { status: 'unreadable' };
  }
  if (content.length === 0) return { status: 'absent' };
  const slots = [0, 1]
    .map((slot) => parseSlot(content.subarray(slot * CHECKPOINT_SLOT_BYTES, (slot + 1) * CHECKPOINT_SLOT_BYTES).toString('utf8')))
    .filter((slot): slot is Checkpoint & { sig: string } => slot !== null)
    .sort((a, b) => b.seq - a.seq);
  const newest = slots[0];
  if (!newest) return { status: 'unreadable' };
  const plain = (c: Checkpoint): Checkpoint => ({ seq: c.seq, headHash: c.headHash, at: c.at });
  if (!key) return { status: 'unsigned', checkpoint: plain(newest) };
  for (const slot of slots) {
    const given = Buffer.from(slot.sig, 'hex');
    const expected = signature(key, plain(slot));
    // Any readable slot with a wrong signature is forgery, not a torn write.
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 'bad-signature', checkpoint: plain(slot) };
  }
  return { status: 'ok', checkpoint: plain(newest) };
}

/**
 * Writes checkpoints after each commit (see CHECKPOINT_SLOT_BYTES). Not fsynced on purpose:
 * it follows the database commit, which is the durable point, so after a crash it can only
 * lag behind the chain, never claim a head that was not committed.
 */
export class CheckpointWriter {
  private fd: number | null = null;
  /** What this writer last put in the file, and the file's identity and times just after. */
  private last: { checkpoint: Checkpoint; stamp: string } | null = null;

  constructor(
    private readonly path: string,
    private readonly key: Buffer,
  ) {}

  write(checkpoint: Checkpoint): void {
    const body = JSON.stringify({ ...checkpoint, sig: signature(this.key, checkpoint).toString('hex') });
    if (Buffer.byteLength(body) >= CHECKPOINT_SLOT_BYTES) throw new Error('checkpoint too large for its slot');
    const slot = Buffer.alloc(CHECKPOINT_SLOT_BYTES, ' ');
    slot.write(body, 0, 'utf8');
    slot[CHECKPOINT_SLOT_BYTES - 1] = 0x0a;
    this.fd ??= openCheckpointFile(this.path);
    this.last = null;
    writeSync(this.fd, slot, 0, CHECKPOINT_SLOT_BYTES, (checkpoint.seq % 2) * CHECKPOINT_SLOT_BYTES);
    const stamp = fileStamp(this.path);
    if (stamp) this.last = { checkpoint: { ...checkpoint }, stamp };
  }

  /**
   * The checkpoint this writer last wrote, if the file at the path is still that very file
   * with the same size and modification/change times (another process writing it, a copy
   * or a rename over it change them); null when it must be read again. File times tick
   * coarsely (a few ms): another process writing within the same tick goes unseen, and this
   * writer may then pin its own, older head over it. The checkpoint then lags the chain for
   * a moment; it can never claim more than the chain holds, so verify is not misled.
   */
  untouchedSinceWrite(): Checkpoint | null {
    if (!this.last) return null;
    return fileStamp(this.path) === this.last.stamp ? this.last.checkpoint : null;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

function fileStamp(path: string): string | null {
  try {
    const st = statSync(path, { bigint: true });
    return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
  } catch {
    return null;
  }
}

function openCheckpointFile(path: string): number {
  try {
    return openSync(path, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    try {
      return openSync(path, 'wx+', 0o644);
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code !== 'EEXIST') throw again;
      return openSync(path, 'r+');
    }
  }
}

/** One-off write (tests, tools): same format as CheckpointWriter. */
export function writeCheckpoint(path: string, key: Buffer, checkpoint: Checkpoint): void {
  const writer = new CheckpointWriter(path, key);
  try {
    writer.write(checkpoint);
  } finally {
    writer.close();
  }
}
