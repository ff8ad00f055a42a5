/** The photo step: the person allows or refuses their photograph in the class lists (trombinoscopes). */
import { required, type StepKindModule } from './step-kit';

export const photoStep: StepKindModule = {
  kind: 'photo',
  fields: ['photoUse'],
  prepare: ({ request }) => ({ consents: { photoUse: required(request, 'photoUse') } }),
};
