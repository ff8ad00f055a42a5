/**
 * The person's TOTP token as slapd's otp overlay keeps it, read and written under the
 * agent's bind: what the card says of it (never the secret, which the ACL hides from the
 * desk anyway), and the one modify that enrols, replaces or removes it.
 *
 * The desk writes the whole token on the person's own entry (oathTOTPUser, oathTOTPToken
 * and oathTOTPParams all pointing at it), so each change is a single modify, which LDAP
 * applies whole or not at all: the person is left with the old token or the new one.
 * A token enrolled elsewhere may point at another entry or at shared parameters; it is
 * read there, and a replacement or a removal at the desk takes it back onto the entry.
 */
import { Attribute, Change, type Entry } from 'ldapts';
import { TOTP_ALGORITHMS, NO_SECOND_FACTOR, type SecondFactorStatus, type TotpAlgorithm } from '../../shared/second-factor';
import { GuichetError } from '../../shared/result';
import type { AttributeMap } from '../config/schema';
import { first, values } from '../directory/account-entry';
import { generalizedTimeToIso } from '../directory/account-state';
import type { ReadableClient } from '../directory/client-access';
import { readEntry } from '../directory/entry-read';

export const TOKEN_CLASSES = ['oathTOTPUser', 'oathTOTPToken', 'oathTOTPParams'] as const;
const PARAM_ATTRIBUTES = ['oathOTPLength', 'oathHMACAlgorithm', 'oathTOTPTimeStepPeriod', 'oathTOTPTimeStepWindow'] as const;
const STEP_ATTRIBUTES = ['oathTOTPLastTimeStep', 'oathTOTPTimeStepDrift'] as const;
/** The one attribute of a token the desk never asks for (and the ACL would not give). */
export const SECRET_ATTRIBUTE = 'oathSecret';

/** Which HMAC slapd uses, by the numeric OID it takes. */
const ALGORITHM_OIDS: Record<TotpAlgorithm, string> = {
  SHA1: '1.2.840.113549.2.7',
  SHA256: '1.2.840.113549.2.9',
  SHA512: '1.2.840.113549.2.11',
};

/** The attributes the card and the desk's checks read of a person's token. */
export function tokenAttributes(attrs: Pick<AttributeMap, 'secondFactorSince'>): string[] {
  return ['objectClass', 'oathTOTPToken', 'oathTOTPParams', ...STEP_ATTRIBUTES, ...PARAM_ATTRIBUTES, attrs.secondFactorSince];
}

/** The token as the desk knows it: what the card says, and what a change must take into account. */
export interface TokenState {
  status: SecondFactorStatus;
  /** The token object classes the person's entry holds, as the server spells them. */
  classes: string[];
  /** Every object class of the entry (to know whether the local class is there). */
  allClasses: string[];
  /** The enrolment time as stored (generalized time): what tells one enrolment from another. */
  sinceRaw: string | null;
}

const hasClass = (classes: readonly string[], wanted: string) => classes.some((c) => c.toLowerCase() === wanted.toLowerCase());
const sameDn = (a: string, b: string) => a.replace(/\s*,\s*/g, ',').toLowerCase() === b.replace(/\s*,\s*/g, ',').toLowerCase();

/** A small positive integer from the directory (untrusted), or null. */
function smallInteger(text: string | null, max: number): number | null {
  if (text === null || !/^[0-9]{1,12}$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n > 0 && n <= max ? n : null;
}

function algorithmOf(oid: string | null): TotpAlgorithm | null {
  if (!oid) return null;
  return TOTP_ALGORITHMS.find((a) => ALGORITHM_OIDS[a] === oid.trim()) ?? null;
}

/** Another entry the token points at, or null when it is this one (or cannot be read). */
async function linked(client: ReadableClient, from: Entry, attribute: string, attributes: string[]): Promise<Entry | null> {
  const dn = first(from, attribute);
  if (!dn || sameDn(dn, from.dn)) return from;
  try {
    return await readEntry(client, dn, attributes);
  } catch (error) {
    // A token or parameters entry the desk may not read, or gone: the card says what it can.
    if (error instanceof GuichetError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

/**
 * The person's token from their entry (read with `tokenAttributes`), following the token
 * and parameters entries when they are elsewhere. Every value is checked: the directory is
 * untrusted like any input.
 */
export async function tokenStateOf(client: ReadableClient, entry: Entry, attrs: Pick<AttributeMap, 'secondFactorSince'>): Promise<TokenState> {
  const allClasses = values(entry, 'objectClass');
  const classes = TOKEN_CLASSES.filter((c) => hasClass(allClasses, c)).map((c) => allClasses.find((v) => v.toLowerCase() === c.toLowerCase())!);
  const sinceRaw = first(entry, attrs.secondFactorSince);
  if (!hasClass(allClasses, 'oathTOTPUser')) return { status: NO_SECOND_FACTOR, classes, allClasses, sinceRaw };
  const token = await linked(client, entry, 'oathTOTPToken', [...STEP_ATTRIBUTES, 'oathTOTPParams']);
  const params = token ? await linked(client, token, 'oathTOTPParams', [...PARAM_ATTRIBUTES]) : null;
  const periodSeconds = params ? smallInteger(first(params, 'oathTOTPTimeStepPeriod'), 3_600) : null;
  const lastStep = token ? smallInteger(first(token, 'oathTOTPLastTimeStep'), Number.MAX_SAFE_INTEGER) : null;
  const lastCodeMs = lastStep !== null && periodSeconds !== null ? lastStep * periodSeconds * 1000 : null;
  return {
    status: {
      kind: 'totp',
      since: generalizedTimeToIso(sinceRaw ?? undefined),
      lastCodeAt: lastCodeMs !== null && lastCodeMs < 8.64e15 ? new Date(lastCodeMs).toISOString() : null,
      digits: params ? smallInteger(first(params, 'oathOTPLength'), 10) : null,
      periodSeconds,
      algorithm: params ? algorithmOf(first(params, 'oathHMACAlgorithm')) : null,
    },
    classes,
    allClasses,
    sinceRaw,
  };
}

/** Reads the token of `dn` in one base search (and the linked entries when there are any). */
export async function readTokenState(client: ReadableClient, dn: string, attrs: Pick<AttributeMap, 'secondFactorSince'>): Promise<TokenState> {
  return tokenStateOf(client, await readEntry(client, dn, tokenAttributes(attrs)), attrs);
}

export interface NewToken {
  dn: string;
  /** The raw key bytes (slapd keeps them raw, not base32). */
  secret: Buffer;
  digits: 6 | 8;
  periodSeconds: 30 | 60;
  algorithm: TotpAlgorithm;
  /** oathTOTPTimeStepWindow: steps either side the directory accepts at sign-in. */
  window: number;
  /** The step of the code the person typed at the desk: it cannot be used again to sign in. */
  lastStep: number;
  /** The enrolment time, generalized time: also what a read-back recognises this enrolment by. */
  since: string;
}

const replace = (type: string, vals: string[] | Buffer[]) => new Change({ operation: 'replace', modification: new Attribute({ type, values: vals }) });

/**
 * The one modify that puts `token` on the entry in place of whatever was there: the
 * missing object classes added (with the local class that holds the enrolment time), every
 * token attribute replaced, the drift of the old token cleared.
 */
export function enrolChanges(before: TokenState, token: NewToken, options: { sinceAttribute: string; localClass: string | null }): Change[] {
  const missing: string[] = TOKEN_CLASSES.filter((c) => !hasClass(before.classes, c));
  if (options.localClass && !hasClass(before.allClasses, options.localClass)) missing.push(options.localClass);
  return [
    ...(missing.length > 0 ? [new Change({ operation: 'add', modification: new Attribute({ type: 'objectClass', values: missing }) })] : []),
    replace('oathTOTPToken', [token.dn]),
    replace('oathTOTPParams', [token.dn]),
    replace(SECRET_ATTRIBUTE, [token.secret]),
    replace('oathOTPLength', [String(token.digits)]),
    replace('oathHMACAlgorithm', [ALGORITHM_OIDS[token.algorithm]]),
    replace('oathTOTPTimeStepPeriod', [String(token.periodSeconds)]),
    replace('oathTOTPTimeStepWindow', [String(token.window)]),
    replace('oathTOTPLastTimeStep', [String(token.lastStep)]),
    replace('oathTOTPTimeStepDrift', []),
    replace(options.sinceAttribute, [token.since]),
  ];
}

/**
 * The one modify that takes the token off the entry: its object classes deleted, every
 * token attribute emptied (a replace with no value: no error for one that is absent, and
 * the secret's presence cannot be read).
 */
export function removeChanges(before: TokenState, options: { sinceAttribute: string }): Change[] {
  return [
    ...(before.classes.length > 0 ? [new Change({ operation: 'delete', modification: new Attribute({ type: 'objectClass', values: before.classes }) })] : []),
    ...['oathTOTPToken', 'oathTOTPParams', SECRET_ATTRIBUTE, ...PARAM_ATTRIBUTES, ...STEP_ATTRIBUTES, options.sinceAttribute].map((type) => replace(type, [])),
  ];
}
