/** The directory step: the person is visible in the institution's internal directory, or hidden (red list). */
import { required, type StepKindModule } from './step-kit';

export const directoryStep: StepKindModule = {
  kind: 'directory',
  fields: ['hiddenFromDirectory'],
  prepare: ({ request }) => ({ consents: { hiddenFromDirectory: required(request, 'hiddenFromDirectory') } }),
};
