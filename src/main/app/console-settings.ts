/** What the agent may change in the console while it runs: today the interface language. */
import type { Locale } from '../../shared/domain';

export interface ConsoleSettings {
  locale(): Locale;
  setLocale(locale: Locale): Locale;
}

export function createConsoleSettings(initial: { locale: Locale }): ConsoleSettings {
  let locale = initial.locale;
  return {
    locale: () => locale,
    setLocale(next) {
      locale = next;
      return locale;
    },
  };
}
