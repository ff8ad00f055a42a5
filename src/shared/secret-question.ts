/**
 * The secret question and answer chosen at activation: how an answer is compared (its
 * normalised form, the one hashed) and what makes a question or an answer unacceptable. Pure;
 * the wizard says it when its step is left, main refuses the same before writing.
 */

/** œ/æ expanded, accents dropped, lower case, ’ as ', single spaces, trimmed: "  Saint-Étienne " is "saint-etienne". */
export function normalizeSecretAnswer(answer: string): string {
  return answer
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'Oe')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'Ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

export const QUESTION_LENGTH = { min: 5, max: 200 } as const;

/** The question as it is stored: single spaces, trimmed. */
export const cleanQuestion = (question: string): string => question.replace(/\s+/g, ' ').trim();

export type QuestionProblem = 'missing' | 'too-short' | 'too-long' | 'invalid';

export function questionProblem(question: string): QuestionProblem | null {
  const cleaned = cleanQuestion(question);
  if (cleaned === '') return 'missing';
  if (CONTROL.test(cleaned)) return 'invalid';
  if (cleaned.length < QUESTION_LENGTH.min) return 'too-short';
  return cleaned.length > QUESTION_LENGTH.max ? 'too-long' : null;
}

export type AnswerProblem = 'missing' | 'invalid' | 'too-short' | 'in-question';

/** Long enough in its normalised form, and not given away by the question itself (whole words: "mer" is not in "mère"). */
export function answerProblem(answer: string, question: string, minLength: number): AnswerProblem | null {
  const normalised = normalizeSecretAnswer(answer);
  if (normalised === '') return 'missing';
  if (CONTROL.test(answer)) return 'invalid';
  if ([...normalised].length < minLength) return 'too-short';
  const words = (text: string) => ` ${normalizeSecretAnswer(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
  if (words(answer).trim() !== '' && words(question).includes(words(answer))) return 'in-question';
  return null;
}
