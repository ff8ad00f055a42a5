/**
 * An activation's preparation, before anything is written: the request's fields matched
 * with the institution's step kinds (a field of a kind it does not have is refused), every
 * step's checks in the order of its screens (the first refusal names the earliest screen),
 * and what each will write, merged into the one modify of step 1 (activation-plan.ts), its
 * records in a fixed order whatever the screens: question, consents, address, charter.
 */
import type { Entry } from 'ldapts';
import type { FieldChanges } from '../../shared/audit-events';
import { screenOf, stepKindsOf, type ActivationScreen, type ActivationStepKind } from '../../shared/institution';
import { GuichetError } from '../../shared/result';
import { consentFlags, holdsChoice, storedConsents, type ConsentChoice } from '../consents/consent-plan';
import type { Modification } from '../directory/entry-write';
import { auxiliaryClass, planActivationConsents, stepError } from './activation-plan';
import { ENTRY_ORDER, STEP_MODULES } from './steps';
import type { PreparedStep, StepContext, StepField, StepRecord } from './steps/step-kit';

export type EntryRecord = { action: 'activation-step'; step: StepRecord; changes: FieldChanges } | { action: 'consent-change'; changes: FieldChanges };

export interface PreparedActivation {
  /** Step 1's single modify (empty when no screen writes on the entry). */
  modifications: Modification[];
  /** Its records, in order. */
  records: EntryRecord[];
  /** Is all of step 1 on the entry now? */
  holds: (now: Entry) => boolean;
  /** Every change of step 1, for the activation's outcome. */
  changes: FieldChanges;
  password: string;
  /** The confirmed personal address written by step 1, or null. */
  personalMail: string | null;
}

/** The request's fields that belong to no step: the account and the agent's note. */
const NOT_STEP_FIELDS: ReadonlySet<string> = new Set(['dn', 'comment', 'ticket']);

const CONSENT_KINDS: ReadonlySet<ActivationStepKind> = new Set(['sms', 'photo', 'directory']);

/** A field sent for a step the institution's activation does not have (a page that is not the wizard's). */
function refuseForeignFields(ctx: StepContext, kinds: readonly ActivationStepKind[]): void {
  const owned = new Set<string>(kinds.flatMap((kind) => STEP_MODULES[kind].fields));
  const foreign = (Object.keys(ctx.request) as Array<keyof StepContext['request']>).filter(
    (field): field is StepField => !NOT_STEP_FIELDS.has(field) && ctx.request[field] !== undefined && !owned.has(field),
  );
  if (foreign.length > 0)
    throw new GuichetError('INVALID_REQUEST', `${foreign.join(', ')}: not a step of this activation`, { step: 'confirmation', field: foreign[0], reason: 'not-a-step' });
}

export async function prepareActivation(ctx: StepContext, screens: readonly ActivationScreen[]): Promise<PreparedActivation> {
  const kinds = stepKindsOf(screens);
  refuseForeignFields(ctx, kinds);
  const prepared = new Map<ActivationStepKind, PreparedStep>();
  for (const kind of kinds) {
    try {
      prepared.set(kind, await STEP_MODULES[kind].prepare(ctx));
    } catch (error) {
      throw stepError(screenOf(screens, kind), error);
    }
  }
  const directory = ctx.config.directory;
  const stored = storedConsents(ctx.entry, directory);
  const consentKinds = kinds.filter((k) => CONSENT_KINDS.has(k));
  // The consents no screen asks about stay as they are.
  const choice: ConsentChoice = Object.assign({ ...consentFlags(stored, directory) }, ...consentKinds.map((k) => prepared.get(k)!.consents));
  const consents = consentKinds.length > 0 ? planActivationConsents(stored, choice, directory, screenOf(screens, consentKinds[0]!)) : null;

  const parts = ENTRY_ORDER.filter((k) => !CONSENT_KINDS.has(k)).map((k) => ({ kind: k, part: prepared.get(k)?.entry }));
  const modifications: Modification[] = [];
  const records: EntryRecord[] = [];
  const changes: FieldChanges = {};
  const checks: Array<(now: Entry) => boolean> = [];
  const add = (kind: ActivationStepKind) => {
    const part = parts.find((p) => p.kind === kind)?.part;
    if (!part) return;
    modifications.push(...part.modifications);
    records.push({ action: 'activation-step', step: part.record, changes: part.changes });
    Object.assign(changes, part.changes);
    checks.push(part.holds);
  };
  add('question');
  if (consents && consents.modifications.length > 0) {
    modifications.push(...consents.modifications);
    records.push({ action: 'consent-change', changes: consents.changes });
    Object.assign(changes, consents.changes);
  }
  if (consents) checks.push((now) => holdsChoice(now, directory, choice, consents.mobileAfter));
  add('personal-mail');
  add('charter');
  const needsClass = parts.some((p) => p.part?.needsAuxiliaryClass);
  if (needsClass) modifications.unshift(...auxiliaryClass(ctx.entry, ctx.config.activation.objectClass));
  return {
    modifications,
    records,
    holds: (now) => checks.every((check) => check(now)),
    changes,
    password: prepared.get('password')!.password!,
    personalMail: prepared.get('personal-mail')?.personalMail ?? null,
  };
}
