/**
 * The institution's own words over the console's (Question Joker, Sésame, ENT, its
 * identifiers and document code): laid over the messages once the status says which
 * institution this desk serves, so that the card, the band, the verification panel, the
 * wizard and every list that says these words follow, in French and in English.
 */
import i18next from 'i18next';
import { LOCALES, type Locale } from '../../../shared/domain';
import type { DeskJourneys, LocalText } from '../../../shared/institution';
import { fr } from './fr';
import { en } from './en';

const PRISTINE: Record<Locale, object> = { fr, en };

type Overlay = { [key: string]: string | Overlay };

function put(overlay: Overlay, path: string, value: string): void {
  const parts = path.split('.');
  let node = overlay;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Overlay;
  node[parts.at(-1)!] = value;
}

const capitalised = (text: string): string => text.charAt(0).toLocaleUpperCase('fr') + text.slice(1);

/** The message keys each word stands in. */
function overlayOf(journeys: DeskJourneys, locale: Locale): Overlay {
  const overlay: Overlay = {};
  const say = (text: LocalText | null | undefined, ...keys: string[]) => {
    if (text) for (const key of keys) put(overlay, key, text[locale]);
  };
  const { words } = journeys;
  say(words.account, 'words.account');
  if (words.account) put(overlay, 'account.heading', capitalised(words.account[locale]));
  say(words.portal, 'words.portal');
  say(words.secretQuestion, 'account.fields.secretQuestion', 'verify.evidence.secret-question', 'activation.steps.question', 'activation.question', 'activation.doneQuestion');
  say(words.charterName, 'activation.steps.charter', 'activation.charterShort');
  if (words.charterAcceptance) put(overlay, 'activation.charter', `${words.charterAcceptance[locale]} (version {{version}})`);
  say(words.activation, 'activation.heading', 'activation.start');
  say(words.activationDone, 'activation.doneHeading');
  for (const option of journeys.identifiers) {
    say(option.label, `verify.identifiers.${option.kind}`);
    say(option.hint, `verify.identifierHints.${option.kind}`);
  }
  if (journeys.documentCode) {
    say(journeys.documentCode.label, 'verify.evidence.document-code');
    say(journeys.documentCode.hint, 'verify.documentCodeHint');
  }
  return overlay;
}

let applied: string | null = null;

/** Back to the console's messages, then the institution's words over them; what is on screen is drawn again when they changed. */
export function applyInstitutionWords(journeys: DeskJourneys): void {
  const key = JSON.stringify(journeys);
  if (key === applied) return;
  applied = key;
  for (const locale of LOCALES) {
    i18next.addResourceBundle(locale, 'translation', PRISTINE[locale], true, true);
    i18next.addResourceBundle(locale, 'translation', overlayOf(journeys, locale), true, true);
  }
  // react-i18next redraws on a language change, not on added messages.
  if (i18next.isInitialized) void i18next.changeLanguage(i18next.language);
}
