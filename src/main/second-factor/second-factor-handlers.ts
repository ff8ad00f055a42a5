/** second-factor:start-enrolment, :confirm-enrolment, :cancel-enrolment, :remove, adapted to the second-factor service. */
import type { Handlers } from '../router';
import type { SecondFactorService } from './second-factor-service';

export function secondFactorHandlers(secondFactor: SecondFactorService) {
  return {
    'second-factor:start-enrolment': ({ dn }) => secondFactor.startEnrolment(dn),
    'second-factor:confirm-enrolment': (request) => secondFactor.confirmEnrolment(request),
    'second-factor:cancel-enrolment': ({ dn, enrolmentId }) => secondFactor.cancelEnrolment(dn, enrolmentId),
    'second-factor:remove': (request) => secondFactor.remove(request),
  } satisfies Handlers;
}
