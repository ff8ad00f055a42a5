/** The secret question step (UPHF's "Question Joker"): the question kept on one line, the answer checked in its normalised form and stored as a salted hash. */
import { first, values } from '../../directory/account-entry';
import { answerProblem, cleanQuestion, questionProblem } from '../../../shared/secret-question';
import { GuichetError } from '../../../shared/result';
import { hashSecretAnswer } from '../../password/secret-answer-hash';
import { required, type StepKindModule } from './step-kit';

/** The question as stored: single spaces, trimmed. INVALID_REQUEST {step: 'question', field, reason} otherwise (shared/secret-question.ts). */
export function checkQuestion(question: string): string {
  const problem = questionProblem(question);
  if (problem) throw new GuichetError('INVALID_REQUEST', 'secretQuestion: invalid', { step: 'question', field: 'secretQuestion', reason: problem });
  return cleanQuestion(question);
}

/** The answer, checked in its normalised form (the one hashed); it is never echoed in the error. */
export function checkAnswer(answer: string, question: string, minLength: number): void {
  const problem = answerProblem(answer, question, minLength);
  if (problem) throw new GuichetError('INVALID_REQUEST', `secretAnswer: ${problem}`, { step: 'question', field: 'secretAnswer', reason: problem });
}

export const questionStep: StepKindModule = {
  kind: 'question',
  fields: ['secretQuestion', 'secretAnswer'],
  prepare({ request, entry, config }) {
    const a = config.directory.attributes;
    const question = checkQuestion(required(request, 'secretQuestion'));
    const answer = required(request, 'secretAnswer');
    checkAnswer(answer, question, config.activation.minAnswerLength);
    return {
      entry: {
        modifications: [
          { operation: 'replace', type: a.secretQuestion, values: [question] },
          { operation: 'replace', type: a.secretAnswerHash, values: [hashSecretAnswer(answer)] },
        ],
        record: 'security-question-set',
        changes: { securityQuestionSet: { before: first(entry, a.secretQuestion) !== null, after: true } },
        holds: (now) => values(now, a.secretQuestion)[0] === question,
        needsAuxiliaryClass: true,
      },
    };
  },
};
