/**
 * Mobile numbers typed at the desk, checked (the same rule live on screen and in main) and written in one form: E.164 (`+33612345678`).
 *
 * Why E.164 and not the `+33 6 12 34 56 78` of many directories: one value per number, so
 * an SMS gateway, a compare and a duplicate check all see the same string whatever was
 * typed (06…, 0033…, +33 (0)6…), and a foreign number keeps its country. The display form
 * is made when it is shown (masked), never stored. Pure.
 *
 * Validation uses the full ("max") metadata: lengths AND number ranges, so `06 12 34` or a
 * reserved range is refused, not just a wrong length. Any valid number is accepted, mobile
 * or not: some foreign plans do not tell mobiles from landlines, and the person decides
 * which number they want the alerts on.
 */
import { parsePhoneNumberFromString, isSupportedCountry, validatePhoneNumberLength, type CountryCode } from 'libphonenumber-js/max';

/** Why a number is refused, in the words the field's message needs: too few digits, too many, or not a number at all. */
export type PhoneProblem = 'incomplete' | 'too-long' | 'invalid';
export type PhoneCheck = { ok: true; e164: string; country: string | null } | { ok: false; reason: PhoneProblem };

export interface PhoneRegions {
  /** Where a number without a country prefix is read first. */
  region: string;
  /** Tried next for a national number that is not valid in `region` (French overseas plans). */
  alsoRegions?: readonly string[];
}

const asCountry = (code: string): CountryCode | null => (isSupportedCountry(code) ? (code as CountryCode) : null);

/** A typed number in E.164, or `invalid`. Letters, a lone prefix or an impossible range are invalid. */
export function normalisePhone(input: string, regions: PhoneRegions): PhoneCheck {
  const typed = input.trim();
  // Digits, spaces and the usual separators only: "06 12 34 56 78 (domicile)" is not a number.
  if (typed === '' || typed.length > 32 || !/^[+0-9 .\-()/]+$/.test(typed)) return { ok: false, reason: 'invalid' };
  const international = /^(\+|00)/.test(typed);
  const candidates = international ? [regions.region] : [regions.region, ...(regions.alsoRegions ?? [])];
  for (const code of candidates) {
    const country = asCountry(code);
    if (!country) continue;
    const parsed = parsePhoneNumberFromString(typed, country);
    if (parsed?.isValid()) return { ok: true, e164: parsed.number, country: parsed.country ?? null };
  }
  const region = asCountry(regions.region);
  const length = region ? validatePhoneNumberLength(typed, region) : undefined;
  return { ok: false, reason: length === 'TOO_SHORT' ? 'incomplete' : length === 'TOO_LONG' ? 'too-long' : 'invalid' };
}

/** The registered value as E.164 when it parses (the directory may hold `+33 6 12 34 56 78`), else as stored. */
export function canonicalPhone(stored: string, regions: PhoneRegions): string {
  const check = normalisePhone(stored, regions);
  return check.ok ? check.e164 : stored.trim();
}

/**
 * What is wrong with the mobile field of a consent choice: nothing typed while SMS alerts are
 * wanted and no number is registered (`required`), or a typed number that is not one. The
 * same answer for the field's message and for main's refusal.
 */
export function mobileProblem(
  choice: { smsAlerts: boolean; mobile?: string | undefined },
  registered: boolean,
  regions: PhoneRegions,
): PhoneProblem | 'required' | null {
  const typed = choice.mobile?.trim() ?? '';
  if (typed === '') return choice.smsAlerts && !registered ? 'required' : null;
  const check = normalisePhone(typed, regions);
  return check.ok ? null : check.reason;
}
