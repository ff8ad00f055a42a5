/**
 * The one enrolment waiting for the person's first code: the new secret, held in this
 * process only, for one agent (one sign-in of that agent) and one account, for a few
 * minutes. It is wiped (its bytes zeroed, the reference dropped) when the code is
 * accepted and the write is over, on cancel, on a new enrolment, on expiry, on lock and
 * on sign-out: never written anywhere, never logged.
 */
import { randomBytes, randomFillSync } from 'node:crypto';
import { GuichetError } from '../../shared/result';
import { dnKey, type DeskAgent } from '../verification/verification-store';

export interface PendingEnrolment {
  readonly id: string;
  readonly dnKey: string;
  readonly agentLogin: string;
  readonly agentSignedInAt: string;
  /**
   * The raw key bytes, alone in their own memory: every view made of them (the TOTP's
   * key, the value sent to the directory) sees the zeros `wipe` writes.
   */
  readonly secret: Uint8Array<ArrayBuffer>;
  readonly expiresAt: Date;
  /** Wrong first codes so far. */
  tries: number;
}

export interface PendingEnrolments {
  /** Starts an enrolment for this account, wiping any other; the secret is generated here. */
  open(dn: string, agent: DeskAgent, lifetimeMs: number): PendingEnrolment;
  /** The enrolment `id`, if it is this agent's, for this account, and not expired; NOT_FOUND otherwise. */
  get(id: string, dn: string, agent: DeskAgent): PendingEnrolment;
  /** Wipes the enrolment `id` (or whichever is pending); true when there was one. */
  wipe(id?: string): boolean;
  /** Whether an enrolment is waiting (tests and the session's clear). */
  readonly pending: boolean;
}

/** 160 bits: RFC 4226's recommended key length, and what every authenticator app takes. */
const SECRET_BYTES = 20;

export function createPendingEnrolments(now: () => Date): PendingEnrolments {
  let current: (PendingEnrolment & { timer: NodeJS.Timeout }) | null = null;

  function wipe(id?: string): boolean {
    if (!current || (id !== undefined && current.id !== id)) return false;
    current.secret.fill(0);
    clearTimeout(current.timer);
    current = null;
    return true;
  }

  return {
    open(dn, agent, lifetimeMs) {
      wipe();
      const enrolment = {
        id: randomBytes(16).toString('hex'),
        dnKey: dnKey(dn),
        agentLogin: agent.login,
        agentSignedInAt: agent.signedInAt,
        secret: randomFillSync(new Uint8Array(SECRET_BYTES)),
        expiresAt: new Date(now().getTime() + lifetimeMs),
        tries: 0,
        // Gone at expiry even if nobody comes back for it.
        timer: setTimeout(() => wipe(enrolment.id), lifetimeMs),
      };
      enrolment.timer.unref?.();
      current = enrolment;
      return enrolment;
    },
    get(id, dn, agent) {
      const found = current;
      const mine = found && found.id === id && found.dnKey === dnKey(dn) && found.agentLogin === agent.login && found.agentSignedInAt === agent.signedInAt;
      if (!mine || now().getTime() >= found.expiresAt.getTime()) {
        if (mine) wipe(id);
        throw new GuichetError('NOT_FOUND', 'this enrolment is over: start again', { reason: 'enrolment-over' });
      }
      return found;
    },
    wipe,
    get pending() {
      return current !== null;
    },
  };
}
