/** The app slice: the directory's status, the interface language and which screen is shown. */
import type { AppStatus } from '../../../../shared/contract/app';
import type { Locale } from '../../../../shared/domain';
import type { AppError } from '../../../../shared/result';
import { setLanguage } from '../../i18n';
import { applyInstitutionWords } from '../../i18n/institution-words';
import type { FeatureSlice } from '../../slice-kit/feature-slice';
import type { Screen } from '../../slice-kit/desk-ports';

export interface AppSlice {
  status: AppStatus | null;
  statusError: AppError | null;
  checkingStatus: boolean;
  locale: Locale;
  screen: Screen;
  refreshStatus: (force?: boolean) => Promise<void>;
  setLocale: (locale: Locale) => Promise<void>;
  navigate: (screen: Screen) => void;
  /** Any call that found the directory down re-checks the status at once, so the banner shows. */
  noteDirectoryError: (code: string) => void;
}

export const appSlice: FeatureSlice<AppSlice, never> = {
  empty: {},
  kept: {
    status: 'the console and directory status, about no one',
    statusError: 'about the status call',
    checkingStatus: 'about the status call',
    locale: 'the agent’s language',
    screen: 'sign-out sends back to the sign-in screen; the lock screen covers any other',
  },
  clear: () => ({}),
  create:
    ({ api }) =>
    (set, get) => ({
      status: null,
      statusError: null,
      checkingStatus: false,
      locale: 'fr',
      screen: 'signin',
      async refreshStatus(force = false) {
        if (get().checkingStatus) return;
        set({ checkingStatus: true });
        const result = await api.appStatus({ refresh: force });
        if (result.ok) {
          if (result.value.locale !== get().locale) setLanguage(result.value.locale);
          if (result.value.journeys) applyInstitutionWords(result.value.journeys);
          set({ status: result.value, statusError: null, checkingStatus: false, locale: result.value.locale });
        } else {
          set({ statusError: result.error, checkingStatus: false });
        }
      },
      async setLocale(locale) {
        setLanguage(locale);
        set({ locale });
        await api.appSetLocale({ locale });
      },
      navigate(screen) {
        set({ screen });
      },
      noteDirectoryError(code) {
        if (code === 'DIRECTORY_UNAVAILABLE' || code === 'DIRECTORY_TIMEOUT') void get().refreshStatus(true);
      },
    }),
};
