/**
 * What an activation writes, decided before the directory is touched. Pure: the entry as
 * read, the person's choices and the clock in; checks, modifications and audit changes out.
 *
 * Order (password last, state only when everything else succeeded):
 *   1. one modify: secret question + answer hash, consents (SMS/mobile, photo, visibility),
 *      charter acceptance `version;YYYYMMDDHHMMSSZ` (and the auxiliary class when missing);
 *   2. the password (chosen-password flow, see activation-password.ts);
 *   3. one modify: supannRessourceEtat `{COMPTE}A:SupannActif` and supannRessourceEtatDate
 *      `{COMPTE}A:SupannActif:<today>:<end date kept>`.
 * Step 1 is idempotent (replaces, and consents planned against what is there), so a retry
 * after a refused password simply writes it again.
 */
import type { Entry } from 'ldapts';
import type { ActivationOffer, ActivationStep } from '../../shared/contract/activation';
import type { FieldChanges } from '../../shared/audit-events';
import { GuichetError } from '../../shared/result';
import type { GuichetConfig } from '../config/schema';
import { accountFactsOfEntry, factAttributes, first, values } from '../directory/account-entry';
import { accountRule } from '../../shared/desk-actions';
import { answerProblem, cleanQuestion, questionProblem } from '../../shared/secret-question';
import { planConsents, type ConsentChoice, type ConsentPlan, type StoredConsents } from '../consents/consent-plan';
import type { Modification } from '../directory/entry-write';

type DirectoryConfig = GuichetConfig['directory'];

export const ACCOUNT_RESOURCE = 'COMPTE';
export const ACTIVE_STATE = `{${ACCOUNT_RESOURCE}}A:SupannActif`;

/** A refusal that sends the wizard back to `step`. */
export function stepError(step: ActivationStep, error: unknown): GuichetError {
  if (error instanceof GuichetError) return new GuichetError(error.code, error.message, { ...error.details, step });
  return new GuichetError('INTERNAL', 'unexpected error', { step });
}

export function activationAttributes(directory: DirectoryConfig): string[] {
  const a = directory.attributes;
  return [
    'objectClass',
    a.login,
    a.uniqueId,
    a.refId,
    a.mail,
    a.personalMail,
    a.accountState,
    a.accountStateDate,
    a.consent,
    a.mobile,
    a.hiddenFromDirectory,
    a.secretQuestion,
    a.charterAcceptance,
    ...factAttributes(a),
  ];
}

/** Offered or not, and why, by the account's own rule the screen shows (shared/desk-actions.ts): never activated only. */
export function offerOf(entry: Entry, directory: DirectoryConfig): Pick<ActivationOffer, 'offered' | 'reason' | 'fixer'> {
  const rule = accountRule(accountFactsOfEntry(entry, directory.attributes), 'activation');
  return { offered: rule.blocker === null, reason: rule.blocker?.reason ?? null, fixer: rule.blocker?.fixer ?? null };
}

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

/** The consents part of step 1, with the SMS step as the place to go back to on a bad number. */
export function planActivationConsents(stored: StoredConsents, choice: ConsentChoice, directory: DirectoryConfig): ConsentPlan {
  try {
    return planConsents(stored, choice, directory);
  } catch (error) {
    throw stepError('sms', error);
  }
}

/** `20261123134501Z` (UTC). */
export function generalizedTime(at: Date): string {
  return at.toISOString().replace(/[-:T]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** The calendar day in the institution's time zone, YYYYMMDD. */
export function localDay(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}${get('month')}${get('day')}`;
}

export interface SecretStep {
  modifications: Modification[];
  /** The activation-step details: question set, charter accepted. */
  questionChanges: FieldChanges;
  charterChanges: FieldChanges;
}

/** Question, answer hash, charter acceptance and (when missing) the auxiliary class: part of step 1. */
export function planSecretAndCharter(
  entry: Entry,
  input: { question: string; answerHash: string; charterVersion: string; at: Date },
  config: Pick<GuichetConfig, 'directory' | 'activation'>,
): SecretStep {
  const a = config.directory.attributes;
  const modifications: Modification[] = [];
  const auxiliary = config.activation.objectClass;
  if (auxiliary && !values(entry, 'objectClass').some((c) => c.toLowerCase() === auxiliary.toLowerCase()))
    modifications.push({ operation: 'add', type: 'objectClass', values: [auxiliary] });
  modifications.push(
    { operation: 'replace', type: a.secretQuestion, values: [input.question] },
    { operation: 'replace', type: a.secretAnswerHash, values: [input.answerHash] },
    { operation: 'replace', type: a.charterAcceptance, values: [`${input.charterVersion};${generalizedTime(input.at)}`] },
  );
  const previousCharter = first(entry, a.charterAcceptance);
  return {
    modifications,
    questionChanges: { securityQuestionSet: { before: first(entry, a.secretQuestion) !== null, after: true } },
    charterChanges: { charterVersion: { before: previousCharter ? (previousCharter.split(';')[0] ?? null) : null, after: input.charterVersion } },
  };
}

const isAccountValue = (value: string) => value.trim().toUpperCase().startsWith(`{${ACCOUNT_RESOURCE}}`);

/** `{COMPTE}I:SupannCree:20260901:20270831` -> `20260901:20270831` (what the trail keeps of a dated state). */
const datesOf = (value: string | null): string | null => (value ? value.split(':').slice(2, 4).join(':') || null : null);

export interface StatePlan {
  modifications: Modification[];
  changes: FieldChanges;
}

/**
 * Step 3: the account's state values replaced (other resources' values untouched), the
 * start date today, the end date kept. Deletes name the values exactly as stored.
 */
export function planActiveState(entry: Entry, day: string, directory: DirectoryConfig): StatePlan {
  const a = directory.attributes;
  const states = values(entry, a.accountState).filter(isAccountValue);
  const dated = values(entry, a.accountStateDate).filter(isAccountValue);
  const end = dated[0]?.split(':')[3]?.trim() ?? '';
  const newDated = `${ACTIVE_STATE}:${day}:${/^\d{8}$/.test(end) ? end : ''}`;
  const modifications: Modification[] = [];
  if (states.length > 0) modifications.push({ operation: 'delete', type: a.accountState, values: states });
  modifications.push({ operation: 'add', type: a.accountState, values: [ACTIVE_STATE] });
  if (dated.length > 0) modifications.push({ operation: 'delete', type: a.accountStateDate, values: dated });
  modifications.push({ operation: 'add', type: a.accountStateDate, values: [newDated] });
  return {
    modifications,
    changes: {
      accountState: { before: states[0] ?? null, after: ACTIVE_STATE },
      accountStateDate: { before: datesOf(dated[0] ?? null), after: datesOf(newDated) },
    },
  };
}
