import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../store';
import type { Screen } from '../store/app-slice';
import { DirectoryStatus, FooterInfo } from './status-bar';
import { LOCALES } from '../../../shared/domain';

const SCREENS: Screen[] = ['signin', 'lookup', 'account', 'audit'];

/** The console's frame: header (institution, directory status, language), navigation, content, footer. */
export function Frame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const screen = useStore((s) => s.screen);
  const navigate = useStore((s) => s.navigate);
  const status = useStore((s) => s.status);
  const locale = useStore((s) => s.locale);
  const setLocale = useStore((s) => s.setLocale);
  const offline = status !== null && !status.directory.reachable;
  return (
    <div className="frame">
      <a className="skip" href="#content">
        {t('app.skipToContent')}
      </a>
      <header className="header">
        <div className="brand">
          <span className="brand-name">{t('app.title')}</span>
          <span className="brand-sub">{status?.institution ?? t('app.subtitle')}</span>
        </div>
        <nav className="nav" aria-label="Navigation">
          {SCREENS.map((s) => (
            <button
              key={s}
              type="button"
              className={s === screen ? 'nav-item is-current' : 'nav-item'}
              aria-current={s === screen ? 'page' : undefined}
              onClick={() => navigate(s)}
            >
              {t(`nav.${s}`)}
            </button>
          ))}
        </nav>
        <DirectoryStatus />
        <label className="locale">
          <span className="sr-only">{t('nav.language')}</span>
          <select value={locale} onChange={(e) => void setLocale(e.target.value as (typeof LOCALES)[number])}>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {l.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
      </header>
      {offline && (
        <div className="banner banner-danger" role="alert" data-testid="offline-banner">
          {t('status.offlineBanner')}
        </div>
      )}
      <main id="content" className="content">
        {children}
      </main>
      <FooterInfo />
    </div>
  );
}
