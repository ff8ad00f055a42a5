/**
 * What an activation writes, decided before the directory is touched. Pure: the entry as
 * read, the person's choices and the clock in; checks, modifications and audit changes out.
 *
 * Order (whatever the institution's screens: see steps/):
 *   1. one modify: every step's value on the entry (secret question + answer hash, consents,
 *      the confirmed personal address, the charter `version;YYYYMMDDHHMMSSZ`; the auxiliary
 *      class when missing);
 *   2. the password (chosen-password flow, see activation-password.ts);
 *   3. one modify: supannRessourceEtat `{COMPTE}A:SupannActif` and supannRessourceEtatDate
 *      `{COMPTE}A:SupannActif:<today>:<end date kept>` (steps/confirmation.ts).
 * Step 1 is idempotent (replaces, and consents planned against what is there), so a retry
 * after a refused password simply writes it again.
 */
import type { Entry } from 'ldapts';
import type { ActivationOffer, ActivationStep } from '../../shared/contract/activation';
import { GuichetError } from '../../shared/result';
import type { GuichetConfig } from '../config/schema';
import { accountFactsOfEntry, factAttributes, values } from '../directory/account-entry';
import { accountRule } from '../../shared/desk-actions';
import { planConsents, type ConsentChoice, type ConsentPlan, type StoredConsents } from '../consents/consent-plan';
import type { Modification } from '../directory/entry-write';

export { ACCOUNT_RESOURCE, ACTIVE_STATE, localDay, planActiveState, type StatePlan } from './steps/confirmation';
export { checkAnswer, checkQuestion } from './steps/question';
export { generalizedTime } from './steps/charter';

type DirectoryConfig = GuichetConfig['directory'];

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

/** The consents part of step 1, with `step` (the SMS screen) as the place to go back to on a bad number. */
export function planActivationConsents(stored: StoredConsents, choice: ConsentChoice, directory: DirectoryConfig, step: ActivationStep = 'sms'): ConsentPlan {
  try {
    return planConsents(stored, choice, directory);
  } catch (error) {
    throw stepError(step, error);
  }
}

/** The auxiliary class, when the entry lacks it and a step writes one of its attributes. */
export function auxiliaryClass(entry: Entry, objectClass: string | null): Modification[] {
  if (!objectClass || values(entry, 'objectClass').some((c) => c.toLowerCase() === objectClass.toLowerCase())) return [];
  return [{ operation: 'add', type: 'objectClass', values: [objectClass] }];
}
