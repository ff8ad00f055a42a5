/**
 * The one reading of a mail address taken from the directory (or the configuration): a
 * single mailbox, or a named reason why not. Every mail the console sends, every masked
 * address it shows and every recipient it records goes through `parseMailbox`. Pure: the
 * renderer uses it too.
 *
 * What is accepted is the RFC 5321 `Mailbox` (the RFC 5322 addr-spec without its obsolete
 * and quoted forms): `local@domain`, a dot-atom local part of at most 64 octets, a domain
 * of host names (letters, digits, hyphens; at least two labels, a top-level label that is
 * not all digits), at most 254 octets in all. Refused, each with its own reason: control
 * and invisible characters (a CR/LF would start a new header), lists, display names,
 * comments, quoted local parts (valid but never issued by a provider, and a way to hide
 * an `@` or a space), domain literals, spaces inside, over-long values.
 *
 * Internationalised addresses (RFC 6531: UTF-8 in the local part or the domain) need the
 * relay's SMTPUTF8 extension: they are accepted only when the configuration says the
 * relay has it (`mail.smtpUtf8`), and refused as `international` otherwise. An accepted
 * non-ASCII domain is sent and shown in its ASCII (A-label, `xn--`) form, so that a
 * look-alike domain cannot pass for a familiar one on the card.
 */

export const MAILBOX_PROBLEMS = [
  'control-character',
  'too-long',
  'display-name',
  'comment',
  'list',
  'quoted',
  'whitespace',
  'not-an-address',
  'international',
  'local-part',
  'domain',
] as const;
export type MailboxProblem = (typeof MAILBOX_PROBLEMS)[number];

/** Which of the person's addresses a mail goes to (the directory attributes the configuration maps). */
export const MAIL_FIELDS = ['personal-mail', 'mail'] as const;
export type MailField = (typeof MAIL_FIELDS)[number];

export interface MailboxRules {
  /** The relay offers SMTPUTF8: internationalised addresses may be sent. */
  smtpUtf8: boolean;
}

export const ASCII_ONLY: MailboxRules = { smtpUtf8: false };

/** A checked mailbox; only `parseMailbox` makes them (see `isMailbox`). */
export interface Mailbox {
  /** `local@domain`, the domain in ASCII: what goes in the envelope and the To header. */
  readonly address: string;
  readonly local: string;
  /** ASCII (A-label) form. */
  readonly domain: string;
  /** The local part is not ASCII: the relay must be told SMTPUTF8. */
  readonly needsSmtpUtf8: boolean;
}

export type MailboxVerdict = { ok: true; mailbox: Mailbox } | { ok: false; problem: MailboxProblem };

const MAX_ADDRESS_OCTETS = 254;
const MAX_LOCAL_OCTETS = 64;
const MAX_LABEL_OCTETS = 63;

// C0, DEL, C1, format characters (zero-width, bidi), line/paragraph separators, private use, unassigned.
const CONTROL_OR_INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}]/u;
const WHITESPACE = /[\s\p{Z}]/u;
const NON_ASCII = /[^\p{ASCII}]/u;
// RFC 5322 atext, and RFC 6531's UTF8-non-ascii when the relay accepts it.
const ATOM_ASCII = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;
const ATOM_UTF8 = /^(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]|[^\p{ASCII}])+$/u;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
// What a Unicode domain may hold before its A-label conversion: no URL syntax to reinterpret.
const UNICODE_DOMAIN = /^(?:[A-Za-z0-9.-]|[^\p{ASCII}])+$/u;

const octets = (value: string): number => new TextEncoder().encode(value).length;

const issued = new WeakSet<Mailbox>();

/** True only for a mailbox `parseMailbox` returned: a string or a hand-made object is not one. */
export function isMailbox(value: unknown): value is Mailbox {
  return typeof value === 'object' && value !== null && issued.has(value as Mailbox);
}

function dotAtom(local: string, rules: MailboxRules): boolean {
  const atom = rules.smtpUtf8 ? ATOM_UTF8 : ATOM_ASCII;
  return local.split('.').every((part) => part.length > 0 && atom.test(part));
}

/** The ASCII form of a domain, or null when it is not a host name. */
function asciiDomain(domain: string): string | null {
  let ascii = domain;
  if (NON_ASCII.test(domain)) {
    if (!UNICODE_DOMAIN.test(domain)) return null;
    try {
      // The WHATWG URL parser applies UTS #46 (IDNA) to a host in Node and in Chromium alike.
      ascii = new URL(`http://${domain}/`).hostname;
    } catch {
      return null;
    }
  }
  if (octets(ascii) > 253) return null;
  const labels = ascii.split('.');
  if (labels.length < 2) return null;
  if (!labels.every((label) => label.length <= MAX_LABEL_OCTETS && LABEL.test(label))) return null;
  if (/^[0-9]+$/.test(labels.at(-1)!)) return null;
  return ascii;
}

/** Reads one value as a single mailbox. Surrounding spaces are ignored; nothing else is repaired. */
export function parseMailbox(value: string, rules: MailboxRules = ASCII_ONLY): MailboxVerdict {
  const refuse = (problem: MailboxProblem): MailboxVerdict => ({ ok: false, problem });
  const text = value.replace(/^ +| +$/g, '');
  if (CONTROL_OR_INVISIBLE.test(text)) return refuse('control-character');
  if (octets(text) > MAX_ADDRESS_OCTETS) return refuse('too-long');
  if (/[<>]/.test(text)) return refuse('display-name');
  if (/[()]/.test(text)) return refuse('comment');
  if (/[,;]/.test(text)) return refuse('list');
  if (text.includes('"') || text.includes('\\')) return refuse('quoted');
  if (WHITESPACE.test(text)) return refuse('whitespace');
  const at = text.indexOf('@');
  if (at <= 0 || at !== text.lastIndexOf('@') || at === text.length - 1) return refuse('not-an-address');
  if (!rules.smtpUtf8 && NON_ASCII.test(text)) return refuse('international');
  const local = text.slice(0, at).normalize('NFC');
  if (octets(local) > MAX_LOCAL_OCTETS || !dotAtom(local, rules)) return refuse('local-part');
  if (text.slice(at + 1).startsWith('[')) return refuse('domain');
  const domain = asciiDomain(text.slice(at + 1).normalize('NFC'));
  if (domain === null) return refuse('domain');
  const address = `${local}@${domain}`;
  if (octets(address) > MAX_ADDRESS_OCTETS) return refuse('too-long');
  const mailbox: Mailbox = Object.freeze({ address, local, domain, needsSmtpUtf8: NON_ASCII.test(local) });
  issued.add(mailbox);
  return { ok: true, mailbox };
}

/**
 * What a card shows in place of an address that cannot be used: never the value masked as
 * if it were one. The renderer turns it into "adresse inutilisable" (see masked-mail.tsx).
 */
export const UNUSABLE_MAILBOX = '⚠ unusable';

/** "julie.bernard@gmail.com" -> "j•••@gmail.com"; null when absent; UNUSABLE_MAILBOX when it is no single mailbox. */
export function maskMailbox(value: string | null | undefined, rules: MailboxRules = ASCII_ONLY): string | null {
  if (!value || value.trim() === '') return null;
  const verdict = parseMailbox(value, rules);
  if (!verdict.ok) return UNUSABLE_MAILBOX;
  return `${[...verdict.mailbox.local][0]}•••@${verdict.mailbox.domain}`;
}
