/**
 * Local verifier of agents' passwords, for signing in while no directory server answers
 * (offline sessions can only review the audit). After each successful online sign-in the
 * agent's password is stored as a salted, memory-hard scrypt hash (never the password),
 * with the role and display name, in a small JSON file of the data folder (mode 0600).
 * A verifier older than `audit.offlineVerifierDays` is refused and dropped.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Role } from '../../shared/domain';

/** N = 2^15, r = 8, p = 1: ~32 MiB and some tens of ms per check. */
const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
const MAXMEM = 128 * PARAMS.N * PARAMS.r * 2;

export interface OfflineVerifier {
  login: string;
  dn: string;
  displayName: string;
  role: Role;
  /** ISO time of the online sign-in that stored it. */
  storedAt: string;
  salt: string;
  hash: string;
  params: { N: number; r: number; p: number };
}

interface VerifierFile {
  version: 1;
  agents: Record<string, OfflineVerifier>;
}

/** Always this module's parameters: a file edited to ask for a huge N must not exhaust memory. */
function scrypt(password: string, salt: Buffer): Promise<Buffer> {
  const options: ScryptOptions = { ...PARAMS, maxmem: MAXMEM };
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

const keyOf = (login: string) => login.trim().toLowerCase();

export interface OfflineVerifierStore {
  /** After an online sign-in: (re)stores the agent's verifier. */
  remember(agent: { login: string; dn: string; displayName: string; role: Role }, password: string, now: Date): Promise<void>;
  /** The stored agent when the password matches a verifier that has not expired; null otherwise. */
  verify(login: string, password: string, now: Date): Promise<OfflineVerifier | null>;
  readonly path: string;
}

export function createOfflineVerifierStore(options: { dataDir: string; validityDays: number }): OfflineVerifierStore {
  const path = join(options.dataDir, 'agent-verifiers.json');
  const maxAgeMs = options.validityDays * 24 * 3600 * 1000;

  const load = (): VerifierFile => {
    if (!existsSync(path)) return { version: 1, agents: {} };
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as VerifierFile;
      return parsed && parsed.version === 1 && typeof parsed.agents === 'object' ? parsed : { version: 1, agents: {} };
    } catch {
      return { version: 1, agents: {} };
    }
  };
  const save = (file: VerifierFile) => {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(file, null, 1), { mode: 0o600 });
    renameSync(tmp, path);
  };
  const expired = (v: OfflineVerifier, now: Date) => {
    const at = Date.parse(v.storedAt);
    return Number.isNaN(at) || now.getTime() - at > maxAgeMs || now.getTime() < at - 5 * 60_000;
  };

  return {
    path,
    async remember(agent, password, now) {
      if (options.validityDays <= 0) return;
      const salt = randomBytes(SALT_LENGTH);
      const hash = await scrypt(password, salt);
      const file = load();
      for (const [k, v] of Object.entries(file.agents)) if (expired(v, now)) delete file.agents[k];
      file.agents[keyOf(agent.login)] = {
        login: agent.login,
        dn: agent.dn,
        displayName: agent.displayName,
        role: agent.role,
        storedAt: now.toISOString(),
        salt: salt.toString('base64'),
        hash: hash.toString('base64'),
        params: { ...PARAMS },
      };
      save(file);
    },
    async verify(login, password, now) {
      const file = load();
      const stored = options.validityDays > 0 ? file.agents[keyOf(login)] : undefined;
      // Same work whether or not the login is known: timing does not tell.
      const candidate = await scrypt(password, stored ? Buffer.from(stored.salt, 'base64') : randomBytes(SALT_LENGTH));
      if (!stored) return null;
      const expected = Buffer.from(stored.hash, 'base64');
      const match = expected.length === candidate.length && timingSafeEqual(expected, candidate);
      if (expired(stored, now)) {
        delete file.agents[keyOf(login)];
        save(file);
        return null;
      }
      return match ? stored : null;
    },
  };
}
