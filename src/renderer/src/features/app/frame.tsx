/** The console's frame: header (institution, navigation, directory status, agent, lock, language), content, footer. */
import { useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import type { Screen } from '../../slice-kit/desk-ports';
import { AnchorAlarmBanner, DirectoryStatus, FooterInfo } from './status-bar';
import { LOCALES } from '../../../../shared/domain';
import { useFocusGuard, useScreenFocus } from '../../components/screen-focus';

/** The screens the header offers (the activation wizard is entered from a card). */
type NavScreen = Extract<Screen, 'signin' | 'worklists' | 'lookup' | 'account' | 'audit'>;

const WORK_SCREENS: NavScreen[] = ['worklists', 'lookup', 'account', 'audit'];

export function Frame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const screen = useStore((s) => s.screen);
  const navigate = useStore((s) => s.navigate);
  const status = useStore((s) => s.status);
  const locale = useStore((s) => s.locale);
  const setLocale = useStore((s) => s.setLocale);
  const agent = useStore((s) => s.agent);
  const locked = useStore((s) => s.locked);
  const lock = useStore((s) => s.lock);
  const signOut = useStore((s) => s.signOut);
  const offline = status !== null && !status.directory.reachable;
  const screens: NavScreen[] = agent ? WORK_SCREENS : ['signin'];
  const main = useRef<HTMLElement>(null);
  // A new screen puts the keyboard on its first useful field (never left on the page body).
  useScreenFocus(main, `${agent?.login ?? ''}|${locked}|${screen}`);
  useFocusGuard(main);
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
          {screens.map((s) => {
            const disabled = locked || (!!agent && !agent.online && s !== 'audit');
            const current = s === screen || (!agent && s === 'signin');
            return (
              <button
                key={s}
                type="button"
                className={current ? 'nav-item is-current' : 'nav-item'}
                aria-current={current ? 'page' : undefined}
                disabled={disabled}
                onClick={() => navigate(s)}
              >
                {t(`nav.${s}`)}
              </button>
            );
          })}
        </nav>
        <DirectoryStatus />
        {agent && (
          <div className="agent" data-testid="agent-badge">
            <span className="agent-name">{agent.displayName}</span>
            <span className="agent-role">
              {t(`roles.${agent.role}`)}
              {agent.online ? '' : ` · ${t('roles.offline')}`}
            </span>
          </div>
        )}
        {agent && !locked && (
          <button type="button" className="header-button" onClick={() => void lock('manual')} title={t('nav.lockHint')}>
            {t('nav.lock')}
          </button>
        )}
        {agent && (
          <button type="button" className="header-button" onClick={() => void signOut()}>
            {t('nav.signout')}
          </button>
        )}
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
      <AnchorAlarmBanner />
      <main id="content" className="content" ref={main}>
        {children}
      </main>
      <FooterInfo />
    </div>
  );
}
