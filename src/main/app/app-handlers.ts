/** app:status and app:set-locale, adapted to the app service. */
import type { Handlers } from '../router';
import type { AppService } from './app-service';

export function appHandlers(app: AppService) {
  return {
    'app:status': ({ refresh }) => app.status(refresh ?? false),
    'app:set-locale': ({ locale }) => app.setLocale(locale),
  } satisfies Handlers;
}
