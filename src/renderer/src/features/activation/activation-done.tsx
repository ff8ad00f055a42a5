/** The activation's last screen: what is now set up, with the person's choices as they were applied. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { DirText } from '../../components/dir-text';
import { Notification } from '../../components/notification';
import type { ActivationDone } from '../../../../shared/contract/activation';
import type { WizardForm } from './activation-checks';
import type { ActivationStepKind } from '../../../../shared/institution';

export function ActivationDoneScreen({
  done,
  chosen,
  kinds,
  onBack,
}: {
  done: ActivationDone;
  chosen: Pick<WizardForm, 'smsAlerts' | 'mobile' | 'photoUse' | 'hiddenFromDirectory'> | null;
  /** The institution's step kinds: only what its activation set up is listed. */
  kinds: readonly ActivationStepKind[];
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const yesNo = (v: boolean | null | undefined) => (v ? t('common.yes') : t('common.no'));
  return (
    <section className="panel wizard" data-testid="activation-done" aria-labelledby="activation-done-heading">
      <h1 id="activation-done-heading" ref={heading} tabIndex={-1}>
        {t('activation.doneHeading')}
      </h1>
      <dl className="summary">
        <dt>{t('activation.doneLogin')}</dt>
        <dd className="mono big">
          <DirText value={done.login} />
        </dd>
        <dt>{t('activation.doneUid')}</dt>
        <dd className="mono">
          <DirText value={done.uniqueId} />
        </dd>
        <dt>{t('activation.doneMail')}</dt>
        <dd className="mono">
          <DirText value={done.mail} />
        </dd>
        <dt>{t('activation.donePassword')}</dt>
        <dd>{t('activation.saved')}</dd>
        {kinds.includes('question') && (
          <>
            <dt>{t('activation.doneQuestion')}</dt>
            <dd>{t('activation.saved')}</dd>
          </>
        )}
        {kinds.includes('personal-mail') && (
          <>
            <dt>{t('activation.donePersonalMail')}</dt>
            <dd>{t('activation.saved')}</dd>
          </>
        )}
        {chosen && kinds.includes('sms') && (
          <>
            <dt>{t('consents.sms')}</dt>
            <dd data-testid="done-sms">{chosen.smsAlerts ? `${t('common.yes')}${chosen.mobile ? ` (${chosen.mobile})` : ''}` : t('common.no')}</dd>
          </>
        )}
        {chosen && kinds.includes('photo') && (
          <>
            <dt>{t('consents.photo')}</dt>
            <dd data-testid="done-photo">{yesNo(chosen.photoUse)}</dd>
          </>
        )}
        {chosen && kinds.includes('directory') && (
          <>
            <dt>{t('consents.directory')}</dt>
            <dd data-testid="done-directory">{chosen.hiddenFromDirectory ? t('account.hidden') : t('account.visible')}</dd>
          </>
        )}
      </dl>
      <p className="small muted">
        <Notification {...done.notification} />
      </p>
      <button type="button" className="primary" onClick={onBack}>
        {t('activation.backToCard')}
      </button>
    </section>
  );
}
