/** The signed checkpoint: two slots pinning the chain's head outside the database, read strictly (a torn or blank slot is never passed over), and the sealed key loader. */
import { randomBytes } from 'node:crypto';
import { appendFileSync, closeSync, constants, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import {
  checkPin,
  decodePin,
  encodePin,
  PIN_RECORD_BYTES,
  plainCheckpoint,
  signPin,
  type Checkpoint,
  type PinFormat,
  type PinKeys,
  type PinSigner,
  type SignedPin,
} from './checkpoint-pin';
import type { Keystore } from './keystore';

export { hmac, type Checkpoint, type PinKeys } from './checkpoint-pin';

/**
 * The checkpoint pins the chain's head outside the database: `{seq, headHash, at}` signed
 * with the desk's Ed25519 key (v2; trails from before kept HMAC-SHA256 pins, v1, which still
 * verify with the HMAC key). Whoever rewrites the database (deletes the last events, or
 * recomputes the whole chain) cannot produce a matching signature without the private key,
 * which only the keystore can open; anyone with the public key can check it.
 *
 * Both slots always hold a pin once the file has been written by this version: a new file,
 * an old-format one, or one missing a slot gets the same pin in both. So a blank or torn slot
 * is never "not written yet": it means the newest pin may be gone, and the reader says
 * `damaged` instead of trusting the other, older slot (an attacker wiping the newest slot
 * must not roll the pin back).
 */
export type CheckpointRead =
  | { status: 'absent' }
  /** A well-formed pin whose signature does not match (forgery, or another desk's key). */
  | { status: 'bad-signature'; checkpoint: Checkpoint }
  /** A slot is blank or torn (or the file unreadable): nothing proves the head went no further than `vouched`. */
  | { status: 'damaged'; vouched: Checkpoint | null }
  /** The newest pin cannot be checked here (no key for its format). */
  | { status: 'unsigned'; checkpoint: Checkpoint; format: PinFormat }
  /** `complete`: both slots hold valid Ed25519 pins (nothing to migrate or fill). */
  | { status: 'ok'; checkpoint: Checkpoint; format: PinFormat; complete: boolean };

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

/**
 * The checkpoint file holds two fixed-size slots; a checkpoint for seq n goes to slot n % 2,
 * written in place with one positioned write. No rename: on ext4 a rename over an existing
 * file forces the new data to disk, which cost more than the database commit itself.
 * A write torn by a power cut damages one slot only; the other still holds an older head,
 * and the pin log (pin-log.ts) the newest.
 */
export const CHECKPOINT_SLOT_BYTES = PIN_RECORD_BYTES;

function readSlots(path: string): Buffer | 'absent' | 'unreadable' {
  try {
    const content = readFileSync(path);
    return content.length === 0 ? 'absent' : content;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'absent' : 'unreadable';
  }
}

/** The well-formed pins of both slots, unchecked (a reader checks those it relies on). */
export function slotPins(path: string): SignedPin[] {
  const content = readSlots(path);
  if (typeof content === 'string') return [];
  return [0, 1].flatMap((slot) => {
    const record = decodePin(content.subarray(slot * CHECKPOINT_SLOT_BYTES, (slot + 1) * CHECKPOINT_SLOT_BYTES));
    return record.kind === 'pin' ? [record.pin] : [];
  });
}

export function readCheckpoint(path: string, keys: PinKeys): CheckpointRead {
  const content = readSlots(path);
  if (content === 'absent') return { status: 'absent' };
  if (content === 'unreadable') return { status: 'damaged', vouched: null };
  const slots = [0, 1].map((slot) => decodePin(content.subarray(slot * CHECKPOINT_SLOT_BYTES, (slot + 1) * CHECKPOINT_SLOT_BYTES)));
  const pins = slots
    .flatMap((slot) => (slot.kind === 'pin' ? [{ pin: slot.pin, check: checkPin(slot.pin, keys) }] : []))
    .sort((a, b) => b.pin.seq - a.pin.seq);
  // Any readable slot with a wrong signature is forgery, not a torn write.
  const forged = pins.find((p) => p.check === 'forged');
  if (forged) return { status: 'bad-signature', checkpoint: plainCheckpoint(forged.pin) };
  // A file only ever written before Ed25519 may still have a slot that was never written.
  const legacy = pins.every((p) => p.pin.v === 1);
  const damaged = slots.some((slot) => slot.kind === 'torn' || (slot.kind === 'blank' && !legacy));
  const newest = pins[0];
  if (damaged || !newest) return { status: 'damaged', vouched: newest ? plainCheckpoint(newest.pin) : null };
  if (newest.check === 'unverifiable') return { status: 'unsigned', checkpoint: plainCheckpoint(newest.pin), format: newest.pin.v };
  const complete = pins.length === 2 && pins.every((p) => p.pin.v === 2 && p.check === 'valid');
  return { status: 'ok', checkpoint: plainCheckpoint(newest.pin), format: newest.pin.v, complete };
}

/**
 * Writes checkpoints after each commit (see CHECKPOINT_SLOT_BYTES), each also appended to
 * the pin log. Not fsynced on purpose: it follows the database commit, which is the durable
 * point, so after a crash it can only lag behind the chain, never claim a head that was not
 * committed.
 */
export class CheckpointWriter {
  private fd: number | null = null;
  /** What this writer last put in the file, and the file's identity and times just after. */
  private last: { checkpoint: Checkpoint; stamp: string } | null = null;

  constructor(
    private readonly path: string,
    private readonly signer: PinSigner,
    private readonly logPath: string | null = null,
  ) {}

  /** `bothSlots`: the file is new, old-format or was found damaged: fill both slots in one write. */
  write(checkpoint: Checkpoint, options: { bothSlots?: boolean } = {}): SignedPin {
    const pin = signPin(this.signer, checkpoint);
    const record = encodePin(pin);
    if (this.logPath) {
      try {
        appendFileSync(this.logPath, record, { mode: 0o644 });
      } catch {
        // The log only locates a rewrite; the slot is what vouches for the head.
      }
    }
    this.fd ??= openCheckpointFile(this.path);
    this.last = null;
    if (options.bothSlots) writeSync(this.fd, Buffer.concat([record, record]), 0, 2 * CHECKPOINT_SLOT_BYTES, 0);
    else writeSync(this.fd, record, 0, CHECKPOINT_SLOT_BYTES, (checkpoint.seq % 2) * CHECKPOINT_SLOT_BYTES);
    const stamp = fileStamp(this.path);
    if (stamp) this.last = { checkpoint: plainCheckpoint(checkpoint), stamp };
    return pin;
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

/** Read-write, created if missing, never truncated: one open(2), so no window for another process creating it in between. */
function openCheckpointFile(path: string): number {
  return openSync(path, constants.O_RDWR | constants.O_CREAT, 0o644);
}

/** One-off write of both slots (tests, tools): same format as CheckpointWriter. */
export function writeCheckpoint(path: string, signer: PinSigner, checkpoint: Checkpoint): void {
  const writer = new CheckpointWriter(path, signer);
  try {
    writer.write(checkpoint, { bothSlots: true });
  } finally {
    writer.close();
  }
}
