/** What is wrong with each step of the activation wizard, checked when the step is left, by the rules main applies (shared/secret-question.ts, shared/phone-number.ts). Pure. */
import type { ActivationStep } from '../../../../shared/contract/activation';
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
};

/** The fields a message can be next to; each with the problem's key under `activation.problems`. */
export type WizardField = 'verification' | 'question' | 'customQuestion' | 'answer' | 'smsAlerts' | 'mobile' | 'photoUse' | 'hiddenFromDirectory' | 'password' | 'confirm' | 'charter';
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

export function stepProblems(step: ActivationStep, form: WizardForm, ctx: StepContext): StepProblems {
  const problems: StepProblems = {};
  switch (step) {
    case 'verification':
      if (!ctx.verified) problems.verification = 'verification';
      break;
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
    case 'password':
      if (form.password === '' || !ctx.passwordRulesMet) problems.password = 'password.rules';
      if (form.confirm !== form.password) problems.confirm = 'password.confirm';
      if (!form.charterAccepted) problems.charter = 'charter';
      break;
    case 'confirmation':
      break;
  }
  return problems;
}
