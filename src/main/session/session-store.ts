/** The agent signed in at this desk (one at a time), and the check every channel makes of it. */
import type { Role } from '../../shared/domain';
import { GuichetError } from '../../shared/result';

/** The agent signed in at this desk. One at a time: the console is a single-window app. */
export interface AgentSession {
  login: string;
  displayName: string;
  dn: string;
  role: Role;
  /** false when signed in with the local verifier while the directory is unreachable. */
  online: boolean;
  signedInAt: string;
  /** Idle lock: personal data hidden until the agent types their password again. */
  locked: boolean;
}

export interface SessionStore {
  current(): AgentSession | null;
  set(session: AgentSession | null): void;
  /** The signed-in, unlocked agent, or a NOT_SIGNED_IN / SESSION_LOCKED error. */
  require(options?: { role?: Role; online?: boolean }): AgentSession;
  /** Called after every change (sign-in, lock, resume, sign-out): what only this session may see is dropped there. */
  onChange(listener: (session: AgentSession | null) => void): void;
}

export function createSessionStore(): SessionStore {
  let session: AgentSession | null = null;
  const listeners: Array<(session: AgentSession | null) => void> = [];
  return {
    current: () => session,
    set(next) {
      session = next;
      for (const listener of listeners) listener(next);
    },
    onChange(listener) {
      listeners.push(listener);
    },
    require(options = {}) {
      if (!session) throw new GuichetError('NOT_SIGNED_IN', 'no agent is signed in');
      if (session.locked) throw new GuichetError('SESSION_LOCKED', 'the session is locked');
      if (options.role === 'supervisor' && session.role !== 'supervisor')
        throw new GuichetError('FORBIDDEN', 'supervisor role required');
      if (options.online && !session.online)
        throw new GuichetError('DIRECTORY_UNAVAILABLE', 'signed in offline: directory actions are unavailable');
      return session;
    },
  };
}
