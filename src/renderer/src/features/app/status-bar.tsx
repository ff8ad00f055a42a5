/** The directory's reachability in the header, what the console runs on and where its trail stands beyond the desk in the footer. */
import { useTranslation } from 'react-i18next';
import { anchorAlarmText, forwardingStatusItems } from '../../../../shared/audit-forwarding';
import { useStore } from '../../store';

/** The directory's reachability, always visible in the header. */
export function DirectoryStatus() {
  const { t } = useTranslation();
  const status = useStore((s) => s.status);
  const checking = useStore((s) => s.checkingStatus);
  const refresh = useStore((s) => s.refreshStatus);
  const reachable = status?.directory.reachable ?? false;
  const label = !status
    ? t('status.checking')
    : reachable
      ? t('status.reachable')
      : status.directory.problem === 'DIRECTORY_TIMEOUT'
        ? t('status.timeout')
        : t('status.unreachable');
  return (
    <div className={`directory-status ${status ? (reachable ? 'is-up' : 'is-down') : 'is-unknown'}`} role="status" data-testid="directory-status">
      <span className="dot" aria-hidden="true" />
      <span>{label}</span>
      {status && !reachable && (
        <button type="button" className="link" onClick={() => void refresh(true)} disabled={checking}>
          {t('status.retry')}
        </button>
      )}
    </div>
  );
}

/** Footer: what this console runs on (config, audit schema, workstation). */
export function FooterInfo() {
  const { t } = useTranslation();
  const status = useStore((s) => s.status);
  const locale = useStore((s) => s.locale);
  if (!status) return null;
  return (
    <footer className="footer" data-testid="footer-info">
      <span>
        {status.config.source === 'embedded-demo'
          ? t('status.configEmbedded')
          : t('status.configFile', { path: status.config.path ?? '' })}
      </span>
      <span>{t('status.auditSchema', { version: status.audit.schemaVersion })}</span>
      <span>{t('status.workstation', { name: status.workstation })}</span>
      {forwardingStatusItems(status.forwarding, locale).map((item) => (
        <span key={item.text} data-testid="forwarding-status" className={item.down ? 'forwarding-down' : undefined}>
          {item.text}
        </span>
      ))}
      <span>Guichet {status.version}</span>
    </footer>
  );
}

/** The external anchor's alarm: this desk's trail is shorter than, or differs from, what the central store holds. */
export function AnchorAlarmBanner() {
  const status = useStore((s) => s.status);
  const locale = useStore((s) => s.locale);
  const text = anchorAlarmText(status?.forwarding.anchor ?? null, locale);
  if (!text) return null;
  return (
    <div className="banner banner-danger" role="alert" data-testid="anchor-alarm">
      {text}
    </div>
  );
}
