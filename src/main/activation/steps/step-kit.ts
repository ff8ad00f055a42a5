/**
 * What an activation step kind is on main's side: the request fields it owns, and its
 * preparation before anything is written (its checks, and what it will write). The runner
 * (activation-writes.ts) applies what the steps prepared in one fixed, safe order whatever
 * the institution's screens: the entry's values in one modify, the password, the state.
 */
import type { Entry } from 'ldapts';
import type { FieldChanges } from '../../../shared/audit-events';
import type { ParsedRequestOf } from '../../../shared/contract';
import type { ActivationStepKind } from '../../../shared/institution';
import { GuichetError } from '../../../shared/result';
import type { GuichetConfig } from '../../config/schema';
import type { ConsentChoice } from '../../consents/consent-plan';
import type { DeskContext } from '../../desk/desk-context';
import type { DirectoryReader } from '../../directory/agent-directory';
import type { Modification } from '../../directory/entry-write';

export type ActivationRequest = ParsedRequestOf<'activation:complete'>;
/** The request fields that belong to a step kind. */
export type StepField = Exclude<keyof ActivationRequest, 'dn' | 'comment' | 'ticket'>;
export type StepRecord = 'security-question-set' | 'charter-accepted' | 'personal-mail-set';

export type ActivationConfig = Pick<GuichetConfig, 'directory' | 'activation' | 'institution' | 'mail' | 'passwordPolicy'>;

export interface StepContext {
  request: ActivationRequest;
  /** The entry as read before any write. */
  entry: Entry;
  desk: DeskContext;
  config: ActivationConfig;
  at: Date;
  directory: DirectoryReader;
  /** Was this address confirmed by the code mailed to it, in the verification running now? */
  addressConfirmed: (address: string) => boolean;
}

/** One step's share of the entry's single modify. */
export interface EntryPart {
  modifications: Modification[];
  /** Its own record in the trail (activation-step), and what it changes. */
  record: StepRecord;
  changes: FieldChanges;
  /** Is it on the entry now? (settles a modify whose answer never came) */
  holds: (now: Entry) => boolean;
  /** It writes an attribute of the auxiliary class (activation.objectClass). */
  needsAuxiliaryClass: boolean;
}

/** What a step prepared: its part of the entry, its share of the consent choice, or the password. */
export interface PreparedStep {
  entry?: EntryPart;
  consents?: Partial<ConsentChoice>;
  /** The checked (normalised) password. */
  password?: string;
  /** The personal address the person confirmed, for the confirmation mail. */
  personalMail?: string;
}

export interface StepKindModule {
  kind: ActivationStepKind;
  /** The request fields it owns: a field of a kind the institution's activation does not have is refused. */
  fields: readonly StepField[];
  /** Checks before anything is written: a problem throws INVALID_REQUEST {field, reason} (the runner adds the step). */
  prepare(ctx: StepContext): PreparedStep | Promise<PreparedStep>;
}

/** INVALID_REQUEST about one field, the value never quoted. */
export const fieldProblem = (field: StepField, reason: string): GuichetError =>
  new GuichetError('INVALID_REQUEST', `${field}: ${reason}`, { field, reason });

/** A field the kind requires, or its refusal (`missing`). */
export function required<F extends StepField>(request: ActivationRequest, field: F): NonNullable<ActivationRequest[F]> {
  const value = request[field];
  if (value === undefined || value === null) throw fieldProblem(field, 'missing');
  return value as NonNullable<ActivationRequest[F]>;
}
