/** The wizard's form as activation:complete's fields: only those of the institution's step kinds (main refuses any other). Pure. */
import type { ActivationStepKind } from '../../../../shared/institution';
import type { ActivationChoices } from './activation-slice';
import { questionOf, type WizardForm } from './activation-checks';

export function choicesOf(form: WizardForm, kinds: readonly ActivationStepKind[]): ActivationChoices {
  const has = (kind: ActivationStepKind) => kinds.includes(kind);
  return {
    ...(has('question') ? { secretQuestion: questionOf(form).trim(), secretAnswer: form.answer } : {}),
    ...(has('sms') ? { smsAlerts: form.smsAlerts === true, ...(form.smsAlerts && form.mobile.trim() ? { mobile: form.mobile.trim() } : {}) } : {}),
    ...(has('photo') ? { photoUse: form.photoUse === true } : {}),
    ...(has('directory') ? { hiddenFromDirectory: form.hiddenFromDirectory === true } : {}),
    ...(has('personal-mail') ? { personalMail: form.personalMail.trim() } : {}),
    password: form.password,
    ...(has('charter') ? { charterAccepted: true as const } : {}),
  };
}
