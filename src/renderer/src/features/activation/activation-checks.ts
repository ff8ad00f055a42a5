/**
 * What is wrong with each screen of the activation wizard, checked when it is left, by the
 * rules main applies (shared/secret-question.ts, shared/phone-number.ts): each step kind of
 * the screen (the institution's, shared/institution.ts) has its own checks. Pure.
 */
import type { ActivationStep } from '../../../../shared/contract/activation';
import type { ActivationStepKind } from '../../../../shared/institution';
import { answerProblem, questionProblem } from '../../../../shared/secret-question';
import { mobileProblem, type PhoneRegions } from '../../../../shared/phone-number';

export interface WizardForm {
  questionChoice: string;
  customQuestion: string;
  answer: string;
  smsAlerts: boolean | null;
  mobile: string;
  photoUse: boolean | null;
  hiddenFromDirectory: boolean | null;
  password: string;
  confirm: string;
  charterAccepted: boolean;
  personalMail: string;
  /** The address as it was when its code matched; null until then. */
  personalMailConfirmed: string | null;
}

export const initialForm: WizardForm = {
  questionChoice: '',
  customQuestion: '',
  answer: '',
  smsAlerts: null,
  mobile: '',
  photoUse: null,
  hiddenFromDirectory: null,
  password: '',
  confirm: '',
  charterAccepted: false,
  personalMail: '',
  personalMailConfirmed: null,
};

/** The fields a message can be next to; each with the problem's key under `activation.problems`. */
export type WizardField = 'verification' | 'question' | 'customQuestion' | 'answer' | 'smsAlerts' | 'mobile' | 'photoUse' | 'hiddenFromDirectory' | 'password' | 'confirm' | 'charter' | 'personalMail';
export type StepProblems = Partial<Record<WizardField, string>>;

export interface StepContext {
  /** The verification allows the activation now. */
  verified: boolean;
  registeredMobile: string | null;
  minAnswerLength: number;
  regions: PhoneRegions;
  /** No password rule known to fail (the live checklist; one still computed is checked by main at the end). */
  passwordRulesMet: boolean;
}

export const questionOf = (form: WizardForm): string => (form.questionChoice === 'custom' ? form.customQuestion : form.questionChoice);

/** The problems of one step kind. */
function kindProblems(kind: ActivationStepKind, form: WizardForm, ctx: StepContext): StepProblems {
  const problems: StepProblems = {};
  switch (kind) {
    case 'question': {
      if (form.questionChoice === '') problems.question = 'question.missing';
      else if (form.questionChoice === 'custom') {
        const q = questionProblem(form.customQuestion);
        if (q) problems.customQuestion = `question.${q}`;
      }
      const a = answerProblem(form.answer, questionOf(form), ctx.minAnswerLength);
      if (a) problems.answer = `answer.${a}`;
      break;
    }
    case 'sms':
      if (form.smsAlerts === null) problems.smsAlerts = 'choice';
      else {
        const m = mobileProblem({ smsAlerts: form.smsAlerts, mobile: form.smsAlerts ? form.mobile : '' }, ctx.registeredMobile !== null, ctx.regions);
        if (m) problems.mobile = m;
      }
      break;
    case 'photo':
      if (form.photoUse === null) problems.photoUse = 'choice';
      break;
    case 'directory':
      if (form.hiddenFromDirectory === null) problems.hiddenFromDirectory = 'choice';
      break;
    case 'personal-mail':
      if (form.personalMail.trim() === '') problems.personalMail = 'personalMail.missing';
      else if (!mailConfirmed(form)) problems.personalMail = 'personalMail.unconfirmed';
      break;
    case 'password':
      if (form.password === '' || !ctx.passwordRulesMet) problems.password = 'password.rules';
      if (form.confirm !== form.password) problems.confirm = 'password.confirm';
      break;
    case 'charter':
      if (!form.charterAccepted) problems.charter = 'charter';
      break;
  }
  return problems;
}

/** The address typed is the one its code confirmed. */
export const mailConfirmed = (form: WizardForm): boolean =>
  form.personalMailConfirmed !== null && form.personalMailConfirmed.trim().toLowerCase() === form.personalMail.trim().toLowerCase();

/** Every problem of a screen: the verification's, or those of each of its step kinds (UPHF's when none are given). */
export function stepProblems(step: ActivationStep, form: WizardForm, ctx: StepContext, kinds: readonly ActivationStepKind[] = defaultKinds(step)): StepProblems {
  if (step === 'verification') return ctx.verified ? {} : { verification: 'verification' };
  if (step === 'confirmation') return {};
  return Object.assign({}, ...kinds.map((kind) => kindProblems(kind, form, ctx))) as StepProblems;
}

/** The console's own screens: the charter under the password. */
const defaultKinds = (step: ActivationStep): ActivationStepKind[] =>
  step === 'verification' || step === 'confirmation' ? [] : step === 'password' ? ['password', 'charter'] : [step];
