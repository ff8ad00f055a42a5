/** The session:* channels, adapted to the session service. */
import type { Handlers } from '../router';
import type { SessionService } from './session-service';

export function sessionHandlers(session: SessionService) {
  return {
    'session:sign-in': ({ login, password }) => session.signIn(login, password),
    'session:sign-out': () => session.signOut(),
    'session:lock': ({ reason }) => session.lock(reason),
    'session:resume': ({ password }) => session.resume(password),
    'session:current': () => session.info(),
  } satisfies Handlers;
}
