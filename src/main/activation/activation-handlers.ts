/** activation:offer, the personal address's code, abandon and activation:complete, adapted to the activation service. */
import type { Handlers } from '../router';
import type { ActivationService } from './activation-service';

export function activationHandlers(activation: ActivationService) {
  return {
    'activation:offer': ({ dn }) => activation.offer(dn),
    'activation:send-mail-code': ({ dn, personalMail }) => activation.sendMailCode(dn, personalMail),
    'activation:check-mail-code': ({ dn, personalMail, code }) => activation.checkMailCode(dn, personalMail, code),
    'activation:abandon': ({ dn }) => activation.abandon(dn),
    'activation:complete': (request) => activation.complete(request),
  } satisfies Handlers;
}
