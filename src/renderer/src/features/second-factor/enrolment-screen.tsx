/**
 * The privacy screen of an enrolment: the QR code of the new key and the same key in groups,
 * for the person to add to their authenticator app, and the field where they type the first
 * code it shows. The key is on screen only while this dialog is open: confirming, cancelling
 * (Escape too), the lock and sign-out all take it away with the slice's enrolment.
 */
import { Fragment, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { errorText } from '../../i18n';
import { formatDateTime } from '../../format';
import { DirText } from '../../components/dir-text';
import { PrivacyDialog } from '../../components/privacy-dialog';
import type { EnrolmentOffer } from '../../../../shared/contract/second-factor';
import { QrCode } from './qr-code';

export function EnrolmentScreen() {
  const offer = useStore((s) => s.enrolment);
  // A new key is a new form: nothing typed for the previous one stays.
  return offer ? <EnrolmentDialog key={offer.enrolmentId} offer={offer} /> : null;
}

function EnrolmentDialog({ offer }: { offer: EnrolmentOffer }) {
  const { t } = useTranslation();
  const busy = useStore((s) => s.secondFactorBusy);
  const triesLeft = useStore((s) => s.enrolmentTriesLeft);
  const error = useStore((s) => s.secondFactorError);
  const confirm = useStore((s) => s.confirmEnrolment);
  const cancel = useStore((s) => s.cancelEnrolment);
  const [code, setCode] = useState('');
  const complete = code.length === offer.digits;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!complete || busy) return;
    const typed = code;
    // What the person typed does not stay in the field, right or wrong.
    setCode('');
    await confirm(typed);
  }

  return (
    <PrivacyDialog labelledBy="enrolment-heading" testId="enrolment-screen" onCancel={() => void cancel()}>
      <form className="privacy-box enrolment-box" onSubmit={(e) => void submit(e)} autoComplete="off">
        <h2 id="enrolment-heading">{t('secondFactor.screen.heading')}</h2>
        <p className="muted">{t('secondFactor.screen.intro', { digits: offer.digits })}</p>
        {offer.replacing && (
          <p className="hint" role="note">
            {t('secondFactor.screen.replacing')}
          </p>
        )}
        <div className="enrolment-key">
          <QrCode rows={offer.qr} label={t('secondFactor.screen.qr')} />
          <div>
            <p className="small">
              {t('secondFactor.screen.key')}
            </p>
            {/* Spaces between the groups: a screen reader reads them apart, as the eye does (the gap is drawn by CSS). */}
            <p className="key-groups mono" data-testid="enrolment-key">
              {offer.keyGroups.map((group, i) => (
                <Fragment key={i}>
                  {i > 0 && ' '}
                  <span>{group}</span>
                </Fragment>
              ))}
            </p>
            <p className="small muted">
              <DirText
                value={t('secondFactor.screen.keyDetails', {
                  issuer: offer.issuer,
                  account: offer.account,
                  digits: offer.digits,
                  period: offer.periodSeconds,
                  algorithm: offer.algorithm.replace('SHA', 'SHA-'),
                })}
              />
            </p>
            <p className="small muted">{t('secondFactor.screen.expires', { when: formatDateTime(offer.expiresAt) })}</p>
          </div>
        </div>
        <label>
          <span>{t('secondFactor.screen.code')}</span>
          <input
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, offer.digits))}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={offer.digits}
            autoFocus
            aria-invalid={triesLeft !== null}
            aria-describedby={triesLeft !== null ? 'enrolment-code-error' : undefined}
            className="code-input mono"
            spellCheck={false}
          />
        </label>
        {triesLeft !== null && (
          <p className="error" role="alert" id="enrolment-code-error" data-testid="enrolment-code-error">
            {t('secondFactor.screen.wrongCode', { count: triesLeft })}
          </p>
        )}
        {error && (
          <p className="error" role="alert">
            {errorText(error)}
          </p>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={!complete || busy}>
            {busy ? t('secondFactor.screen.confirming') : t('secondFactor.screen.confirm')}
          </button>
          <button type="button" className="secondary" onClick={() => void cancel()}>
            {t('secondFactor.screen.cancel')}
          </button>
        </div>
      </form>
    </PrivacyDialog>
  );
}
