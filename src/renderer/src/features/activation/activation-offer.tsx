/** On the card: the banner offering the assisted activation, or saying why it is not offered. */
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';

/** On the card: the assisted activation for never-activated accounts, or why it is not offered. */
export function ActivationOfferBanner() {
  const { t } = useTranslation();
  const card = useStore((s) => s.card);
  const navigate = useStore((s) => s.navigate);
  if (!card) return null;
  const reason = card.activation.reason;
  if (card.activation.offered)
    return (
      <div className="banner-box banner-info" data-testid="activation-offer">
        <span>{t('activation.offered')}</span>
        <button type="button" className="primary" onClick={() => navigate('activation')}>
          {t('activation.start')}
        </button>
      </div>
    );
  if (reason === 'suspended' || reason === 'expired' || reason === 'inactive')
    return (
      <div className="banner-box banner-warn" data-testid="activation-not-offered">
        {t(`activation.notOffered.${reason}`)}
      </div>
    );
  return null;
}
