/**
 * The mails the desk sends: French first, English below; plain text and simple HTML with
 * every value escaped, in the institution's words (its account, its portal). No template
 * takes a password: there is no field to put one in.
 */
import type { LocalText } from '../../shared/institution';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

export interface MailSetting {
  institutionName: string;
  helpdeskName: string;
  /** Whom to contact if the person did not ask for this (address or phone). */
  helpdeskContact: string;
  /** The workstation name, shown as the desk where it happened. */
  workstation: string;
  timeZone: string;
  /** The institution's words: the account ("compte Sésame") and where the person signs in ("ENT"). */
  words: { account: LocalText; portal: LocalText };
  /** Where a new authenticator can be enrolled online (told after a removal); null: at the desk only. */
  enrolOnlineUrl?: string | null;
}

export const NOTIFIED_ACTIONS = [
  'reset-password',
  'self-change',
  'unlock',
  'reveal-login',
  'activation',
  'consent-change',
  'second-factor-enrol',
  'second-factor-replace',
  'second-factor-remove',
  'suspend',
  'reactivate',
  'extend-validity',
] as const;
/** Done by the help desk, not necessarily at the person's request (the person may not be there). */
const BY_THE_DESK: ReadonlySet<NotifiedAction> = new Set(['suspend', 'reactivate', 'extend-validity']);
export type NotifiedAction = (typeof NOTIFIED_ACTIONS)[number];

const CONTROL = /(?![\n\t])[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;
/** Values come from the directory: no control or bidi-override characters, single line for headers. */
const clean = (value: string): string => value.replace(CONTROL, '');
const oneLine = (value: string): string => clean(value).replace(/[\r\n]+/g, ' ').trim();

export function escapeHtml(value: string): string {
  return clean(value).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export function formatMailTime(at: Date, locale: 'fr' | 'en', timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(at);
}

/** A paragraph is plain text; the HTML version escapes it and keeps line breaks. */
type Block = { p: string } | { big: string } | { rows: Array<[string, string]> };

function render(subject: string, fr: Block[], en: Block[]): MailContent {
  const textOf = (blocks: Block[]) =>
    blocks
      .map((b) => ('p' in b ? clean(b.p) : 'big' in b ? `    ${oneLine(b.big)}` : b.rows.map(([k, v]) => `${oneLine(k)} : ${oneLine(v)}`).join('\n')))
      .join('\n\n');
  const htmlOf = (blocks: Block[], lang: string) =>
    `<div lang="${lang}">` +
    blocks
      .map((b) =>
        'p' in b
          ? `<p>${escapeHtml(b.p).replace(/\n/g, '<br>')}</p>`
          : 'big' in b
            ? `<p style="font-size:28px;font-family:monospace;letter-spacing:4px"><strong>${escapeHtml(b.big)}</strong></p>`
            : `<table>${b.rows.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`,
      )
      .join('') +
    '</div>';
  const separator = '-'.repeat(40);
  return {
    subject: oneLine(subject),
    text: `${textOf(fr)}\n\n${separator}\nEnglish version\n${separator}\n\n${textOf(en)}\n`,
    html:
      `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>` +
      `${htmlOf(fr, 'fr')}<hr><p><em>English version</em></p>${htmlOf(en, 'en')}</body></html>`,
  };
}

const signature = (s: MailSetting): Block => ({ p: `${s.helpdeskName}\n${s.institutionName}` });

/** The code the person reads back to the agent. */
export function codeMail(input: { code: string; expiresAt: Date; setting: MailSetting }): MailContent {
  const { code, setting: s } = input;
  const untilFr = formatMailTime(input.expiresAt, 'fr', s.timeZone);
  const untilEn = formatMailTime(input.expiresAt, 'en', s.timeZone);
  return render(
    `${s.institutionName} : votre code de vérification / your verification code`,
    [
      { p: 'Bonjour,' },
      { p: `Voici le code de vérification demandé au guichet « ${s.helpdeskName} » :` },
      { big: code },
      { p: `Il est valable jusqu’au ${untilFr}. Donnez-le uniquement à l’agent qui vous reçoit au guichet.` },
      {
        p: `Si vous n’êtes pas au guichet en ce moment, ne communiquez ce code à personne et prévenez ${s.helpdeskContact} : quelqu’un essaie peut-être d’agir sur votre compte.`,
      },
      signature(s),
    ],
    [
      { p: 'Hello,' },
      { p: `Here is the verification code requested at the “${s.helpdeskName}” desk:` },
      { big: code },
      { p: `It is valid until ${untilEn}. Give it only to the agent serving you at the desk.` },
      {
        p: `If you are not at the desk right now, do not give this code to anyone and tell ${s.helpdeskContact}: someone may be trying to act on your account.`,
      },
      signature(s),
    ],
  );
}

type Words = MailSetting['words'];

const WHAT_FR: Record<NotifiedAction, (w: Words) => string> = {
  'reset-password': (w) => `le mot de passe de votre ${w.account.fr} a été réinitialisé`,
  'self-change': (w) => `le mot de passe de votre ${w.account.fr} a été changé (vous avez donné l’ancien)`,
  unlock: (w) => `votre ${w.account.fr} a été déverrouillé`,
  'reveal-login': () => 'votre identifiant de connexion vous a été communiqué',
  activation: (w) => `votre ${w.account.fr} a été activé`,
  'consent-change': () => 'vos choix (alertes SMS, usage de la photo, visibilité dans l’annuaire) ont été modifiés',
  'second-factor-enrol': (w) => `un nouvel appareil de double authentification (application) a été enregistré sur votre ${w.account.fr}`,
  'second-factor-replace': () => 'un nouvel appareil de double authentification (application) a remplacé l’ancien, qui ne donne plus de codes valables',
  'second-factor-remove': (w) => `l’appareil de double authentification de votre ${w.account.fr} a été retiré`,
  suspend: (w) => `votre ${w.account.fr} a été suspendu`,
  reactivate: (w) => `votre ${w.account.fr} a été réactivé`,
  'extend-validity': (w) => `la validité de votre ${w.account.fr} a été prolongée`,
};
const WHAT_EN: Record<NotifiedAction, (w: Words) => string> = {
  'reset-password': (w) => `the password of your ${w.account.en} was reset`,
  'self-change': (w) => `the password of your ${w.account.en} was changed (you gave the old one)`,
  unlock: (w) => `your ${w.account.en} was unlocked`,
  'reveal-login': () => 'your login was given to you',
  activation: (w) => `your ${w.account.en} was activated`,
  'consent-change': () => 'your choices (text alerts, use of your photo, visibility in the directory) were changed',
  'second-factor-enrol': (w) => `a new two-factor device (authenticator app) was enrolled on your ${w.account.en}`,
  'second-factor-replace': () => 'a new two-factor device (authenticator app) replaced the old one, whose codes no longer work',
  'second-factor-remove': (w) => `the two-factor device of your ${w.account.en} was removed`,
  suspend: (w) => `your ${w.account.en} was suspended`,
  reactivate: (w) => `your ${w.account.en} was reactivated`,
  'extend-validity': (w) => `the validity of your ${w.account.en} was extended`,
};
const SUBJECT: Record<NotifiedAction, (w: Words) => string> = {
  'reset-password': () => 'réinitialisation de votre mot de passe / password reset',
  'self-change': () => 'changement de votre mot de passe / password changed',
  unlock: (w) => `déverrouillage de votre ${w.account.fr} / ${w.account.en} unlocked`,
  'reveal-login': () => 'rappel de votre identifiant / login reminder',
  activation: (w) => `activation de votre ${w.account.fr} / ${w.account.en} activated`,
  'consent-change': () => 'modification de vos choix / choices changed',
  'second-factor-enrol': () => 'nouvel appareil de double authentification / new two-factor device',
  'second-factor-replace': () => 'nouvel appareil de double authentification / new two-factor device',
  'second-factor-remove': () => 'retrait de votre double authentification / two-factor device removed',
  suspend: (w) => `suspension de votre ${w.account.fr} / ${w.account.en} suspended`,
  reactivate: (w) => `réactivation de votre ${w.account.fr} / ${w.account.en} reactivated`,
  'extend-validity': (w) => `prolongation de votre ${w.account.fr} / ${w.account.en} extended`,
};

/** The code that confirms the personal address given during an activation, read on the person's own phone. */
export function addressCodeMail(input: { code: string; expiresAt: Date; setting: MailSetting }): MailContent {
  const { code, setting: s } = input;
  return render(
    `${s.institutionName} : confirmez votre adresse / confirm your address`,
    [
      { p: 'Bonjour,' },
      { p: `Vous activez votre ${s.words.account.fr} au guichet « ${s.helpdeskName} » et vous avez donné cette adresse personnelle. Pour la confirmer, lisez ce code à l’agent qui vous reçoit :` },
      { big: code },
      { p: `Il est valable jusqu’au ${formatMailTime(input.expiresAt, 'fr', s.timeZone)}. Tant qu’il n’est pas saisi au guichet, l’activation n’est pas faite.` },
      { p: `Si vous n’êtes pas au guichet en ce moment, ne communiquez ce code à personne et prévenez ${s.helpdeskContact}.` },
      signature(s),
    ],
    [
      { p: 'Hello,' },
      { p: `You are activating your ${s.words.account.en} at the “${s.helpdeskName}” desk and gave this personal address. To confirm it, read this code out to the agent serving you:` },
      { big: code },
      { p: `It is valid until ${formatMailTime(input.expiresAt, 'en', s.timeZone)}. Until it is typed at the desk, the activation is not made.` },
      { p: `If you are not at the desk right now, do not give this code to anyone and tell ${s.helpdeskContact}.` },
      signature(s),
    ],
  );
}

/** After a removal: how the person gets a second factor again. */
function nextStepAfterRemoval(s: MailSetting): { fr: Block; en: Block } {
  return s.enrolOnlineUrl
    ? {
        fr: { p: `Pour enregistrer un nouvel appareil, présentez-vous au guichet « ${s.helpdeskName} » ou rendez-vous sur ${s.enrolOnlineUrl}.` },
        en: { p: `To enrol a new device, come to the “${s.helpdeskName}” desk or go to ${s.enrolOnlineUrl}.` },
      }
    : {
        fr: { p: `Pour enregistrer un nouvel appareil, présentez-vous au guichet « ${s.helpdeskName} » avec une pièce d’identité.` },
        en: { p: `To enrol a new device, come to the “${s.helpdeskName}” desk with an identity document.` },
      };
}

/** After an action at the desk: what, when, where, and whom to call if it was not you. */
export function notificationMail(input: { action: NotifiedAction; at: Date; setting: MailSetting }): MailContent {
  const { action, at, setting: s } = input;
  const next = action === 'second-factor-remove' ? nextStepAfterRemoval(s) : null;
  return render(
    `${s.institutionName} : ${SUBJECT[action](s.words)}`,
    [
      { p: 'Bonjour,' },
      { p: `Nous vous informons que ${WHAT_FR[action](s.words)} ${BY_THE_DESK.has(action) ? 'par le service d’assistance' : 'à votre demande, au guichet'} :` },
      {
        rows: [
          ['Quand', formatMailTime(at, 'fr', s.timeZone)],
          ['Où', `${s.helpdeskName} (poste ${s.workstation})`],
        ],
      },
      ...(next ? [next.fr] : []),
      { p: `Si ce n’était pas vous, contactez sans attendre ${s.helpdeskContact}.` },
      { p: 'Ce message ne contient aucun mot de passe ; nous ne vous en demanderons jamais par courriel.' },
      signature(s),
    ],
    [
      { p: 'Hello,' },
      { p: `We let you know that ${WHAT_EN[action](s.words)} ${BY_THE_DESK.has(action) ? 'by the help desk' : 'at your request, at the desk'}:` },
      {
        rows: [
          ['When', formatMailTime(at, 'en', s.timeZone)],
          ['Where', `${s.helpdeskName} (workstation ${s.workstation})`],
        ],
      },
      ...(next ? [next.en] : []),
      { p: `If it was not you, contact ${s.helpdeskContact} at once.` },
      { p: 'This message contains no password; we will never ask you for one by e-mail.' },
      signature(s),
    ],
  );
}

/** After an activation: what the person needs to sign in, never the password. */
export function activationMail(input: {
  login: string;
  uniqueId: string;
  institutionalMail: string;
  at: Date;
  setting: MailSetting;
}): MailContent {
  const { login, uniqueId, institutionalMail, at, setting: s } = input;
  return render(
    `${s.institutionName} : votre ${s.words.account.fr} est activé / your ${s.words.account.en} is activated`,
    [
      { p: 'Bonjour,' },
      { p: `Votre ${s.words.account.fr} a été activé au guichet « ${s.helpdeskName} » (poste ${s.workstation}), le ${formatMailTime(at, 'fr', s.timeZone)}.` },
      {
        rows: [
          [`Identifiant de connexion (${s.words.portal.fr}, messagerie…)`, login],
          ['Identifiant numérique unique', uniqueId],
          ['Adresse de messagerie', institutionalMail],
          ['Mot de passe', 'enregistré (il n’est jamais envoyé par courriel)'],
        ],
      },
      { p: `D’ici quelques minutes, vous pourrez accéder à votre ${s.words.portal.fr}, au wifi et aux services numériques.` },
      { p: `Si vous n’êtes pas à l’origine de cette activation, contactez sans attendre ${s.helpdeskContact}.` },
      signature(s),
    ],
    [
      { p: 'Hello,' },
      { p: `Your ${s.words.account.en} was activated at the “${s.helpdeskName}” desk (workstation ${s.workstation}) on ${formatMailTime(at, 'en', s.timeZone)}.` },
      {
        rows: [
          [`Login (${s.words.portal.en}, mail…)`, login],
          ['Unique identifier', uniqueId],
          ['E-mail address', institutionalMail],
          ['Password', 'saved (it is never sent by e-mail)'],
        ],
      },
      { p: `Within a few minutes you will be able to use your ${s.words.portal.en}, the wifi and the online services.` },
      { p: `If you did not ask for this activation, contact ${s.helpdeskContact} at once.` },
      signature(s),
    ],
  );
}
