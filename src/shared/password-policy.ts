/**
 * Password rules, pure: the renderer runs them on each keystroke for the live checklist,
 * main runs them again before writing to the directory. Every rule is reported, met or
 * not, so the agent sees all that is wrong at once. Rule params describe the rule, never
 * the password: a failure list can be logged without leaking anything typed.
 *
 * The strength estimate (zxcvbn) lives in password-strength.ts, loaded lazily: here its
 * rule is 'pending' until a score is passed in.
 */
import { commonPasswordMatch } from './password-blocklist';
import { foldText } from './password-common';
import type { CharacterKind, PasswordProfile } from './password-profiles';

export { foldText };

export const PASSWORD_RULE_IDS = [
  'length',
  'lower',
  'upper',
  'digit',
  'special',
  'kinds',
  'allowed-characters',
  'no-space',
  'not-login',
  'not-name',
  'not-student-id',
  'not-birth-date',
  'not-common',
  'strength',
  'history',
] as const;
export type PasswordRuleId = (typeof PASSWORD_RULE_IDS)[number];

/** met / unmet; pending: needs the strength score; by-directory: only the directory can tell. */
export type PasswordRuleStatus = 'met' | 'unmet' | 'pending' | 'by-directory';
export type PasswordRuleParams = Record<string, string | number>;

export interface PasswordRuleResult {
  id: PasswordRuleId;
  /** true for met and by-directory. */
  ok: boolean;
  status: PasswordRuleStatus;
  params: PasswordRuleParams;
}

/** Who the password is for: what it must not contain. */
export interface PasswordContext {
  login: string;
  givenName?: string | null;
  familyName?: string | null;
  /** Student numbers, INE, staff numbers: any identifier printed on the person's card. */
  studentIds?: readonly string[];
  /** YYYY-MM-DD or YYYYMMDD (schacDateOfBirth). */
  dateOfBirth?: string | null;
}

export interface PasswordCheck {
  /** Every rule met (or left to the directory), nothing pending: the password may be set. */
  ok: boolean;
  /** All the profile's rules, in a stable order, met or not. */
  rules: PasswordRuleResult[];
  /** The unmet rules. */
  failures: PasswordRuleResult[];
  /** The strength rule waits for a score (see password-strength.ts). */
  pending: boolean;
}

export interface CheckOptions {
  /** zxcvbn score 0-4 when known; the strength rule stays pending otherwise. */
  strengthScore?: number | null;
}

/** The form that is checked and must be the one written to the directory. */
export const normalizePassword = (password: string): string => password.normalize('NFC');

const ASCII_DIGIT = /^[0-9]$/;
const WHITESPACE = /^[\s\p{Z}]$/u;

/** How the profile sees one code point: a kind, a space, an accepted caseless letter, or refused. */
export function classifyCharacter(ch: string, profile: PasswordProfile): CharacterKind | 'space' | 'letter' | 'refused' {
  if (WHITESPACE.test(ch)) return 'space';
  if (ASCII_DIGIT.test(ch)) return 'digit';
  if (/^\p{L}$/u.test(ch)) {
    if (!profile.nonAsciiLetters && ch.codePointAt(0)! > 0x7f) return 'refused';
    if (/^\p{Ll}$/u.test(ch)) return 'lower';
    if (/^[\p{Lu}\p{Lt}]$/u.test(ch)) return 'upper';
    return 'letter';
  }
  if (profile.specials === 'any') return /^[\p{P}\p{S}]$/u.test(ch) ? 'special' : 'refused';
  return profile.specials.includes(ch) ? 'special' : 'refused';
}

// Name particles that would forbid ordinary words ("des", "van"...) without protecting anything.
const NAME_PARTICLES = new Set(['des', 'del', 'della', 'der', 'den', 'van', 'von', 'les', 'dos', 'das', 'ter', 'ten', 'bin', 'mac']);

/** The parts of a name that a password must not contain: folded, 3 letters or more. */
export function nameParts(name: string | null | undefined): string[] {
  if (!name) return [];
  return foldText(name)
    .split(/[^\p{L}]+/u)
    .filter((part) => part.length >= 3 && !NAME_PARTICLES.has(part));
}

function parseBirthDate(value: string | null | undefined): { y: string; m: string; d: string } | null {
  if (!value) return null;
  const match = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(value.trim());
  if (!match) return null;
  const [y, m, d] = [match[1]!, match[2]!, match[3]!];
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return { y, m, d };
}

/** The ways a date of birth is commonly written: 19990305, 05031999, 050399, 1999-03-05, 05/03/1999, 5.3.1999... */
export function birthDateForms(value: string | null | undefined): string[] {
  const date = parseBirthDate(value);
  if (!date) return [];
  const { y, m, d } = date;
  const yy = y.slice(2);
  const mShort = String(Number(m));
  const dShort = String(Number(d));
  const forms = new Set([`${y}${m}${d}`, `${d}${m}${y}`, `${d}${m}${yy}`, `${yy}${m}${d}`, `${m}${d}${y}`]);
  for (const sep of ['-', '/', '.', '_', ' ']) {
    for (const [day, month] of [
      [d, m],
      [dShort, mShort],
    ] as const) {
      forms.add(`${y}${sep}${month}${sep}${day}`);
      forms.add(`${day}${sep}${month}${sep}${y}`);
      forms.add(`${day}${sep}${month}${sep}${yy}`);
    }
  }
  return [...forms];
}

/** The person's own words, for "must not contain" rules and as zxcvbn user inputs. */
export function personalWords(context: PasswordContext): string[] {
  const words = [
    context.login,
    ...nameParts(context.givenName),
    ...nameParts(context.familyName),
    ...(context.studentIds ?? []),
    ...birthDateForms(context.dateOfBirth),
  ];
  return [...new Set(words.map((w) => w.trim()).filter((w) => w.length > 0))];
}

const rule = (id: PasswordRuleId, met: boolean, params: PasswordRuleParams = {}): PasswordRuleResult => ({
  id,
  ok: met,
  status: met ? 'met' : 'unmet',
  params,
});

const specialsParam = (profile: PasswordProfile): string => profile.specials;

/** Checks `password` against `profile` for the person in `context`: every rule, met or not. */
export function checkPassword(
  password: string,
  context: PasswordContext,
  profile: PasswordProfile,
  options: CheckOptions = {},
): PasswordCheck {
  const normalized = normalizePassword(password);
  const characters = [...normalized];
  const present = new Set<string>();
  for (const ch of characters) present.add(classifyCharacter(ch, profile));
  const folded = foldText(normalized);
  const rules: PasswordRuleResult[] = [];

  const length = characters.length;
  const max = profile.maxLength;
  rules.push(
    rule(
      'length',
      length >= profile.minLength && (max === null || length <= max),
      max === null ? { min: profile.minLength } : { min: profile.minLength, max },
    ),
  );
  for (const kind of ['lower', 'upper', 'digit', 'special'] as const) {
    if (profile.requiredKinds.includes(kind))
      rules.push(rule(kind, present.has(kind), kind === 'special' ? { specials: specialsParam(profile) } : {}));
  }
  if (profile.minKinds > 0) {
    const kinds = (['lower', 'upper', 'digit', 'special'] as const).filter((k) => present.has(k)).length;
    rules.push(rule('kinds', kinds >= profile.minKinds, { min: profile.minKinds, of: 4, specials: specialsParam(profile) }));
  }
  rules.push(rule('allowed-characters', !present.has('refused'), { specials: specialsParam(profile) }));
  if (!profile.allowSpace) rules.push(rule('no-space', !present.has('space')));

  if (profile.forbidLogin) {
    const login = foldText(context.login.trim());
    rules.push(rule('not-login', login.length === 0 || !folded.includes(login)));
  }
  const names = [...nameParts(context.givenName), ...nameParts(context.familyName)];
  rules.push(rule('not-name', !names.some((part) => folded.includes(part))));
  const ids = (context.studentIds ?? []).map((id) => foldText(id.trim())).filter((id) => id.length >= 4);
  rules.push(rule('not-student-id', !ids.some((id) => folded.includes(id))));
  const dates = birthDateForms(context.dateOfBirth);
  rules.push(rule('not-birth-date', !dates.some((form) => folded.includes(form))));
  // The reason (listed, keyboard...) is not a param: params must say nothing about what was typed.
  if (profile.rejectCommon) rules.push(rule('not-common', commonPasswordMatch(normalized) === null));

  if (profile.minStrengthScore > 0) {
    const score = options.strengthScore;
    if (score === undefined || score === null)
      rules.push({ id: 'strength', ok: false, status: 'pending', params: { minScore: profile.minStrengthScore } });
    else rules.push(rule('strength', score >= profile.minStrengthScore, { minScore: profile.minStrengthScore }));
  }
  if (profile.historyCount > 0)
    rules.push({ id: 'history', ok: true, status: 'by-directory', params: { count: profile.historyCount } });

  const failures = rules.filter((r) => r.status === 'unmet');
  const pending = rules.some((r) => r.status === 'pending');
  return { ok: failures.length === 0 && !pending, rules, failures, pending };
}
