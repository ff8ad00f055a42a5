/** consents:get and consents:update, adapted to the consents service. */
import type { Handlers } from '../router';
import type { ConsentsService } from './consents-service';

export function consentsHandlers(consents: ConsentsService) {
  return {
    'consents:get': ({ dn }) => consents.get(dn),
    'consents:update': (request) => consents.update(request),
  } satisfies Handlers;
}
