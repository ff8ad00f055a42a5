/** password:reset-generated, password:reset-chosen, password:self-change, account:unlock, account:reveal-login, adapted to the password services. */
import type { Handlers } from '../router';
import type { PasswordService } from './password-service';
import type { SelfChangeService } from './self-change-service';

export function passwordHandlers(password: PasswordService, selfChange: SelfChangeService) {
  return {
    'password:reset-generated': (request) => password.resetGenerated(request),
    'password:reset-chosen': (request) => password.resetChosen(request),
    'password:self-change': (request) => selfChange.change(request),
    'account:unlock': (request) => password.unlock(request),
    'account:reveal-login': (request) => password.revealLogin(request),
  } satisfies Handlers;
}
