/** On the card: the assisted activation when the desk model offers it, or why it cannot be done and who can help. */
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { useDeskView } from '../../components/use-desk-view';
import { blockerText } from '../../components/desk-words';

/** Offered for a never-activated account only; a pre-created one says why not and who can change it. */
export function ActivationOfferBanner() {
  const { t } = useTranslation();
  const view = useDeskView();
  const navigate = useStore((s) => s.navigate);
  if (!view) return null;
  const activation = view.actions.activation;
  if (activation.offered)
    return (
      <div className="banner-box banner-info" data-testid="activation-offer">
        <span>{t('activation.offered')}</span>
        <button type="button" className="primary" onClick={() => navigate('activation')}>
          {t('activation.start')}
        </button>
      </div>
    );
  // Where an agent expects the activation: a pre-created account says why not and who finalises it
  // (the other states say it once, in the actions panel or on the band).
  const blocker = activation.blocker;
  if (blocker?.kind !== 'account' || blocker.reason !== 'pre-created') return null;
  return (
    <div className="banner-box banner-warn" data-testid="activation-not-offered">
      {blockerText(blocker, view.methods)}
    </div>
  );
}
