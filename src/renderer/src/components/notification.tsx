/** Shared UI: where the notice about an action went (masked addresses), that it could not be sent, or to which address it could not go. */
import { useTranslation } from 'react-i18next';
import type { NotificationReport } from '../../../shared/contract/password';
import { UnusableNotice } from './masked-mail';

export function Notification({ sentTo, failed, unusable }: NotificationReport) {
  const { t } = useTranslation();
  const refused = <UnusableNotice fields={unusable} />;
  if (failed)
    return (
      <>
        <span className="error small">{t('actions.mailFailed')}</span>
        {refused}
      </>
    );
  return (
    <>
      {sentTo.length > 0 && <span className="small muted">{t('actions.mailSent', { to: sentTo.join(', ') })}</span>}
      {refused}
    </>
  );
}
