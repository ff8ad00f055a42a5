/** Typed translation keys: `t()` accepts only a key of the French messages (plural forms as i18next reads them). */
import 'i18next';
import type { Messages } from './fr';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
