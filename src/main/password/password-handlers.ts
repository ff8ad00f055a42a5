/** password:reset-generated, password:reset-chosen, account:unlock, account:reveal-login, adapted to the password service. */
import type { Handlers } from '../router';
import type { PasswordService } from './password-service';

export function passwordHandlers(password: PasswordService) {
  return {
    'password:reset-generated': (request) => password.resetGenerated(request),
    'password:reset-chosen': (request) => password.resetChosen(request),
    'account:unlock': (request) => password.unlock(request),
    'account:reveal-login': (request) => password.revealLogin(request),
  } satisfies Handlers;
}
