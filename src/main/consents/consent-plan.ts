/**
 * Consents as stored in the entry, and the one modify that turns the current values into
 * the person's choice. Pure: entry in, plain modifications and audit changes out.
 *
 * - SMS alerts and photo use are two values of the multi-valued consent attribute
 *   (supannConsentement `{SMS}ALERTES`, `{PHOTO}TROMBINOSCOPE` by default). Only those two
 *   are ever added or deleted; any other consent of the entry is left alone (a replace
 *   would wipe `{APPLI:...}CGU` and the like).
 * - Hidden from the directory is the boolean supannListeRouge, written TRUE / FALSE.
 * - The mobile is written in E.164 (see phone-number.ts) and only when it changes: the
 *   same number typed again is no change, whatever form the directory holds it in.
 */
import type { Entry } from 'ldapts';
import { maskPhone, type FieldChanges } from '../../shared/audit-events';
import { GuichetError } from '../../shared/result';
import type { GuichetConfig } from '../config/schema';
import { first, values } from '../directory/account-entry';
import type { Modification } from '../directory/entry-write';
import { canonicalPhone, mobileProblem, normalisePhone, type PhoneRegions } from '../../shared/phone-number';

type DirectoryConfig = GuichetConfig['directory'];

/** The consents of an entry as read (values exactly as the directory holds them). */
export interface StoredConsents {
  consentValues: string[];
  mobile: string | null;
  hiddenRaw: string | null;
}

export interface ConsentChoice {
  smsAlerts: boolean;
  photoUse: boolean;
  hiddenFromDirectory: boolean;
  /** As typed; absent: keep the registered number. */
  mobile?: string;
}

export interface ConsentFlags {
  smsAlerts: boolean;
  photoUse: boolean;
  hiddenFromDirectory: boolean;
}

export const CONSENT_FIELDS = ['smsAlerts', 'mobile', 'photoUse', 'hiddenFromDirectory'] as const;
export type ConsentField = (typeof CONSENT_FIELDS)[number];

export interface ConsentPlan {
  modifications: Modification[];
  /** For the audit trail: before/after, mobile masked. Empty when nothing changes. */
  changes: FieldChanges;
  fields: ConsentField[];
  /** The mobile that will be registered after the modify (E.164 when written here). */
  mobileAfter: string | null;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export const phoneRegionsOf = (directory: DirectoryConfig): PhoneRegions => ({
  region: directory.consents.phoneRegion,
  alsoRegions: directory.consents.phoneAlsoRegions,
});

/** The attributes a consent read asks for. */
export const consentAttributes = (directory: DirectoryConfig): string[] => {
  const attrs = directory.attributes;
  return [attrs.login, attrs.consent, attrs.mobile, attrs.hiddenFromDirectory];
};

export function storedConsents(entry: Entry, directory: DirectoryConfig): StoredConsents {
  const attrs = directory.attributes;
  return {
    consentValues: values(entry, attrs.consent),
    mobile: first(entry, attrs.mobile),
    hiddenRaw: first(entry, attrs.hiddenFromDirectory),
  };
}

/** The person's choice from a request (consents:update, activation:complete). */
export function consentChoiceOf(request: ConsentChoice): ConsentChoice {
  return {
    smsAlerts: request.smsAlerts,
    photoUse: request.photoUse,
    hiddenFromDirectory: request.hiddenFromDirectory,
    ...(request.mobile !== undefined ? { mobile: request.mobile } : {}),
  };
}

export function consentFlags(stored: StoredConsents, directory: DirectoryConfig): ConsentFlags {
  const { smsAlerts, photoUse } = directory.consents;
  return {
    smsAlerts: stored.consentValues.some((v) => same(v, smsAlerts)),
    photoUse: stored.consentValues.some((v) => same(v, photoUse)),
    hiddenFromDirectory: stored.hiddenRaw?.trim().toUpperCase() === 'TRUE',
  };
}

/** The managed consent values present, in the configured spelling (what the trail records). */
export function managedValues(flags: Pick<ConsentFlags, 'smsAlerts' | 'photoUse'>, directory: DirectoryConfig): string[] {
  const list: string[] = [];
  if (flags.photoUse) list.push(directory.consents.photoUse);
  if (flags.smsAlerts) list.push(directory.consents.smsAlerts);
  return list;
}

/**
 * The typed mobile in E.164, checked against the SMS choice. Throws INVALID_REQUEST with
 * `details.field = 'mobile'` and `reason` `incomplete`, `too-long`, `invalid` (see phone-number.ts) or `required` (SMS yes
 * with no number typed nor registered). Nothing is written before this passes.
 */
export function checkMobile(choice: Pick<ConsentChoice, 'smsAlerts' | 'mobile'>, registered: string | null, regions: PhoneRegions): string | null {
  const problem = mobileProblem(choice, registered !== null && registered.trim() !== '', regions);
  if (problem === 'required') throw new GuichetError('INVALID_REQUEST', 'mobile: SMS alerts need a mobile number', { field: 'mobile', reason: 'required' });
  if (problem) throw new GuichetError('INVALID_REQUEST', 'mobile: not a valid phone number', { field: 'mobile', reason: problem });
  if (choice.mobile === undefined) return null;
  const check = normalisePhone(choice.mobile, regions);
  return check.ok ? check.e164 : null;
}

/** The modify that applies `choice` to `stored`: only what changes, in one request. */
export function planConsents(stored: StoredConsents, choice: ConsentChoice, directory: DirectoryConfig): ConsentPlan {
  const attrs = directory.attributes;
  const regions = phoneRegionsOf(directory);
  const newMobile = checkMobile(choice, stored.mobile, regions);
  const before = consentFlags(stored, directory);
  const modifications: Modification[] = [];
  const changes: FieldChanges = {};
  const fields: ConsentField[] = [];

  const toggles: Array<['smsAlerts' | 'photoUse', string]> = [
    ['smsAlerts', directory.consents.smsAlerts],
    ['photoUse', directory.consents.photoUse],
  ];
  const deletes: string[] = [];
  const adds: string[] = [];
  for (const [field, value] of toggles) {
    if (before[field] === choice[field]) continue;
    fields.push(field);
    if (choice[field]) adds.push(value);
    // Delete the values exactly as stored (case may differ from the configured spelling).
    else deletes.push(...stored.consentValues.filter((v) => same(v, value)));
  }
  if (deletes.length > 0) modifications.push({ operation: 'delete', type: attrs.consent, values: deletes });
  if (adds.length > 0) modifications.push({ operation: 'add', type: attrs.consent, values: adds });
  if (deletes.length > 0 || adds.length > 0)
    changes.consents = {
      before: managedValues(before, directory),
      after: managedValues({ smsAlerts: choice.smsAlerts, photoUse: choice.photoUse }, directory),
    };

  let mobileAfter = stored.mobile;
  if (newMobile !== null && (stored.mobile === null || canonicalPhone(stored.mobile, regions) !== newMobile)) {
    fields.push('mobile');
    modifications.push({ operation: 'replace', type: attrs.mobile, values: [newMobile] });
    changes.mobile = { before: stored.mobile ? maskPhone(stored.mobile) : null, after: maskPhone(newMobile) };
    mobileAfter = newMobile;
  }

  if (before.hiddenFromDirectory !== choice.hiddenFromDirectory) {
    fields.push('hiddenFromDirectory');
    modifications.push({ operation: 'replace', type: attrs.hiddenFromDirectory, values: [choice.hiddenFromDirectory ? 'TRUE' : 'FALSE'] });
    changes.hiddenFromDirectory = { before: before.hiddenFromDirectory, after: choice.hiddenFromDirectory };
  }
  // Field order for the trail and the renderer: the contract's order.
  fields.sort((a, b) => CONSENT_FIELDS.indexOf(a) - CONSENT_FIELDS.indexOf(b));
  return { modifications, changes, fields, mobileAfter };
}

/** Does the entry now hold exactly the choice? (to settle a modify whose answer never came) */
export function holdsChoice(entry: Entry, directory: DirectoryConfig, choice: ConsentChoice, mobileAfter: string | null): boolean {
  const stored = storedConsents(entry, directory);
  const flags = consentFlags(stored, directory);
  return (
    flags.smsAlerts === choice.smsAlerts &&
    flags.photoUse === choice.photoUse &&
    flags.hiddenFromDirectory === choice.hiddenFromDirectory &&
    (mobileAfter === null || stored.mobile === mobileAfter)
  );
}
