/**
 * What each password rule says, in French and English, for the live checklist and for
 * the reasons shown when main refuses a password.
 */
import type { Locale } from './domain';
import type { PasswordRuleId, PasswordRuleParams, PasswordRuleStatus } from './password-policy';

type Texts = Record<PasswordRuleId, (p: PasswordRuleParams) => string>;

/** "! . @ #" : each special character separated by a space, so that "." and "," can be seen. */
const spaced = (specials: unknown): string => [...String(specials ?? '')].join(' ');

const fr: Texts = {
  length: (p) =>
    p.max === undefined ? `Au moins ${p.min} caractères` : `Entre ${p.min} et ${p.max} caractères`,
  lower: () => 'Au moins une minuscule',
  upper: () => 'Au moins une majuscule',
  digit: () => 'Au moins un chiffre',
  special: (p) => `Au moins un caractère spécial : ${spaced(p.specials)}`,
  kinds: (p) =>
    `Au moins ${p.min} types de caractères sur ${p.of} : minuscules, majuscules, chiffres, caractères spéciaux (${spaced(p.specials)})`,
  'allowed-characters': (p) =>
    p.specials === 'any'
      ? 'Aucun caractère de contrôle ni emoji'
      : `Uniquement des lettres, des chiffres et les caractères spéciaux ${spaced(p.specials)} (pas d’emoji ni d’autre symbole)`,
  'no-space': () => 'Aucun espace',
  'not-login': () => 'Ne contient pas l’identifiant (login)',
  'not-name': () => 'Ne contient ni le prénom ni le nom de la personne',
  'not-student-id': () => 'Ne contient pas le numéro d’étudiant, l’INE ou le numéro de personnel',
  'not-birth-date': () => 'Ne contient pas la date de naissance',
  'not-common': () =>
    'Pas un mot de passe trop courant : ni mot ou prénom courant, ni suite de clavier (azerty, 123456…), même avec des chiffres, une année ou un symbole autour',
  strength: () => 'Difficile à deviner (pas un mot courant, une suite ou un motif de clavier)',
  history: (p) => `Différent des ${p.count} derniers mots de passe (vérifié par l’annuaire)`,
};

const en: Texts = {
  length: (p) => (p.max === undefined ? `At least ${p.min} characters` : `Between ${p.min} and ${p.max} characters`),
  lower: () => 'At least one lower-case letter',
  upper: () => 'At least one upper-case letter',
  digit: () => 'At least one digit',
  special: (p) => `At least one special character: ${spaced(p.specials)}`,
  kinds: (p) =>
    `At least ${p.min} of ${p.of} kinds of characters: lower case, upper case, digits, special characters (${spaced(p.specials)})`,
  'allowed-characters': (p) =>
    p.specials === 'any'
      ? 'No control character or emoji'
      : `Only letters, digits and the special characters ${spaced(p.specials)} (no emoji or other symbol)`,
  'no-space': () => 'No space',
  'not-login': () => 'Does not contain the login',
  'not-name': () => 'Contains neither the given name nor the family name',
  'not-student-id': () => 'Does not contain the student number, INE or staff number',
  'not-birth-date': () => 'Does not contain the date of birth',
  'not-common': () =>
    'Not a too common password: no common word or first name, no keyboard sequence (qwerty, 123456…), even with digits, a year or a symbol around it',
  strength: () => 'Hard to guess (not a common word, sequence or keyboard pattern)',
  history: (p) => `Different from the last ${p.count} passwords (checked by the directory)`,
};

const TEXTS: Record<Locale, Texts> = { fr, en };

export function ruleText(id: PasswordRuleId, locale: Locale, params: PasswordRuleParams = {}): string {
  return TEXTS[locale][id](params);
}

const STATUS_TEXTS: Record<Locale, Record<PasswordRuleStatus, string>> = {
  fr: { met: 'respectée', unmet: 'non respectée', pending: 'en cours d’évaluation', 'by-directory': 'vérifiée par l’annuaire' },
  en: { met: 'met', unmet: 'not met', pending: 'being evaluated', 'by-directory': 'checked by the directory' },
};

/** For screen readers: "Au moins un chiffre : non respectée". */
export function ruleStatusText(status: PasswordRuleStatus, locale: Locale): string {
  return STATUS_TEXTS[locale][status];
}
