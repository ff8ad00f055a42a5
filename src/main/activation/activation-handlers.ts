/** activation:offer and activation:complete, adapted to the activation service. */
import type { Handlers } from '../router';
import type { ActivationService } from './activation-service';

export function activationHandlers(activation: ActivationService) {
  return {
    'activation:offer': ({ dn }) => activation.offer(dn),
    'activation:complete': (request) => activation.complete(request),
  } satisfies Handlers;
}
