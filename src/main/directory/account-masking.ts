/**
 * What the desk may show of a person's mobile: enough to say "I'll send it to the mobile
 * ending in 78", never the whole number. Pure. (Addresses: maskMailbox, shared/mail-address.ts.)
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

const DOT = '•';

/** Masks digits in pairs from the right, keeping the first and the last two (4 digits or more): "612345678" -> "6 •• •• •• 78". */
function maskNational(digits: string): string {
  const last = digits.slice(-2);
  const head = digits.slice(0, -2);
  // The first national digit says mobile or landline (06/07 in France): it stays.
  const first = head.slice(0, 1);
  const hidden = head.slice(1);
  const groups: string[] = [];
  for (let end = hidden.length; end > 0; end -= 2) groups.unshift(DOT.repeat(Math.min(2, end)));
  return [first, ...groups, last].join(' ');
}

/**
 * "+33 6 12 34 56 78" -> "+33 6 •• •• •• 78": the country prefix, the first national digit
 * and the last two digits stay. French national forms (06…) are read as +33.
 */
export function maskMobile(value: string | null | undefined): string | null {
  if (!value || value.trim() === '') return null;
  const parsed = parsePhoneNumberFromString(value, 'FR');
  if (parsed && parsed.nationalNumber.length >= 4) return `+${parsed.countryCallingCode} ${maskNational(parsed.nationalNumber)}`;
  const digits = value.replace(/\D/g, '');
  if (digits.length < 4) return DOT.repeat(4);
  return `${DOT}${DOT} ${DOT}${DOT} ${digits.slice(-2)}`;
}
