/**
 * The desk may not read a date of birth, only compare one (ACL `=c` on schacDateOfBirth).
 * To keep the "must not contain the date of birth" rule for a password chosen at the desk,
 * every date-looking group of digits in the password is turned into the YYYYMMDD dates it
 * could stand for, and each is compared on the directory side: a match fails the rule.
 * Pure; the comparisons are made by the caller (directory/identity-check.ts).
 *
 * Read forms (the ones of shared/password-policy.ts birthDateForms): 8 digits as YYYYMMDD,
 * DDMMYYYY or MMDDYYYY; 6 digits as DDMMYY or YYMMDD (both centuries); and separated
 * forms D/M/YYYY, D/M/YY, YYYY/M/D with - / . _ or a space.
 */

/** Enough for any realistic password; a password with more candidates is checked on the first ones. */
export const MAX_BIRTH_DATE_CANDIDATES = 24;

// February 29 in any year: a directory may hold such a date (nothing checks it), and a
// comparison too many costs little.
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function valid(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > DAYS_IN_MONTH[m - 1]!) return null;
  return `${String(y).padStart(4, '0')}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
}

const bothCenturies = (yy: number): number[] => [1900 + yy, 2000 + yy];

/** Every YYYYMMDD date the digits of `password` could be a date of birth for. */
export function birthDateCandidates(password: string): string[] {
  const found = new Set<string>();
  const add = (value: string | null) => {
    if (value) found.add(value);
  };
  const num = (s: string) => Number(s);

  for (const run of password.match(/[0-9]+/g) ?? []) {
    for (let i = 0; i + 8 <= run.length; i += 1) {
      const w = run.slice(i, i + 8);
      add(valid(num(w.slice(0, 4)), num(w.slice(4, 6)), num(w.slice(6, 8))));
      add(valid(num(w.slice(4, 8)), num(w.slice(2, 4)), num(w.slice(0, 2))));
      add(valid(num(w.slice(4, 8)), num(w.slice(0, 2)), num(w.slice(2, 4))));
    }
    for (let i = 0; i + 6 <= run.length; i += 1) {
      const w = run.slice(i, i + 6);
      for (const y of bothCenturies(num(w.slice(4, 6)))) add(valid(y, num(w.slice(2, 4)), num(w.slice(0, 2))));
      for (const y of bothCenturies(num(w.slice(0, 2)))) add(valid(y, num(w.slice(2, 4)), num(w.slice(4, 6))));
    }
  }
  const sep = '[-/._ ]';
  const dayFirst = new RegExp(`(?<![0-9])([0-9]{1,2})${sep}([0-9]{1,2})${sep}([0-9]{4}|[0-9]{2})(?![0-9])`, 'g');
  for (const match of password.matchAll(dayFirst)) {
    const [, d, m, y] = match as unknown as [string, string, string, string];
    const years = y.length === 4 ? [num(y)] : bothCenturies(num(y));
    for (const year of years) add(valid(year, num(m), num(d)));
  }
  const yearFirst = new RegExp(`(?<![0-9])([0-9]{4})${sep}([0-9]{1,2})${sep}([0-9]{1,2})(?![0-9])`, 'g');
  for (const match of password.matchAll(yearFirst)) {
    const [, y, m, d] = match as unknown as [string, string, string, string];
    add(valid(num(y), num(m), num(d)));
  }
  return [...found].slice(0, MAX_BIRTH_DATE_CANDIDATES);
}
