/** i18next set-up (French first, English second), the language switch and the agent's sentence for an error code. */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { fr } from './fr';
import { en } from './en';
import type { Locale } from '../../../shared/domain';
import type { AppError } from '../../../shared/result';

export function initI18n(locale: Locale = 'fr'): void {
  void i18next.use(initReactI18next).init({
    resources: { fr: { translation: fr }, en: { translation: en } },
    lng: locale,
    fallbackLng: 'fr',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

export function setLanguage(locale: Locale): void {
  void i18next.changeLanguage(locale);
  document.documentElement.lang = locale;
}

/** The agent-facing sentence for an error code (never the raw server message). */
export function errorText(error: AppError): string {
  // Who corrects addresses comes from the configuration, through main: the one detail a sentence quotes.
  if (error.code === 'MAIL_ADDRESS_UNUSABLE') return i18next.t('errors.MAIL_ADDRESS_UNUSABLE', { whom: String(error.details?.['whom'] ?? '—') });
  return i18next.t(`errors.${error.code}`);
}
