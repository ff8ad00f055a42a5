/** Every activation step kind's module, by kind (the verification and the confirmation are the runner's own). */
import type { ActivationStepKind } from '../../../shared/institution';
import { charterStep } from './charter';
import { directoryStep } from './directory';
import { passwordStep } from './password';
import { personalMailStep } from './personal-mail';
import { photoStep } from './photo';
import { questionStep } from './question';
import { smsStep } from './sms';
import type { StepKindModule } from './step-kit';

export const STEP_MODULES: Readonly<Record<ActivationStepKind, StepKindModule>> = {
  question: questionStep,
  sms: smsStep,
  photo: photoStep,
  directory: directoryStep,
  'personal-mail': personalMailStep,
  password: passwordStep,
  charter: charterStep,
};

/** The order the entry's values are recorded in, whatever the screens' order. */
export const ENTRY_ORDER: readonly ActivationStepKind[] = ['question', 'sms', 'photo', 'directory', 'personal-mail', 'charter'];
