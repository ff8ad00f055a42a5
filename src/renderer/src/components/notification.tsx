/** Shared UI: where the notice about an action went (masked addresses), or that it could not be sent. */
import { useTranslation } from 'react-i18next';
import type { NotificationReport } from '../../../shared/contract/password';

export function Notification({ sentTo, failed }: NotificationReport) {
  const { t } = useTranslation();
  if (failed) return <span className="error small">{t('actions.mailFailed')}</span>;
  if (sentTo.length === 0) return null;
  return <span className="small muted">{t('actions.mailSent', { to: sentTo.join(', ') })}</span>;
}
