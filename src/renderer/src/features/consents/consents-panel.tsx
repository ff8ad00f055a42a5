/** On the card: the consents form (SMS and mobile, photo, directory visibility) and its history. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { errorText } from '../../i18n';
import { formatDateTime } from '../../format';
import type { ConsentsView } from '../../../../shared/contract/consents';

type Key = 'smsAlerts' | 'photoUse' | 'hiddenFromDirectory';

function LastChanged({ view, field }: { view: ConsentsView; field: Key }) {
  const { t } = useTranslation();
  const last = view.lastChanged[field];
  if (!last) return <span className="small muted">{t('consents.neverChangedHere')}</span>;
  return <span className="small muted">{t('consents.lastChanged', { when: formatDateTime(last.at), agent: last.agentLogin ?? '—' })}</span>;
}

/** SMS alerts and mobile, photo use, directory visibility: one save, one LDAP modify, audited with before/after. */
export function ConsentsPanel() {
  const view = useStore((s) => s.consents);
  if (!view) return null;
  // A new key when the directory's values change resets the form to them.
  return <ConsentsForm key={`${view.smsAlerts}|${view.photoUse}|${view.hiddenFromDirectory}|${view.mobileMasked ?? ''}`} view={view} />;
}

function ConsentsForm({ view }: { view: ConsentsView }) {
  const { t } = useTranslation();
  const busy = useStore((s) => s.consentsBusy);
  const error = useStore((s) => s.consentsError);
  const saved = useStore((s) => s.consentsSaved);
  const save = useStore((s) => s.saveConsents);
  const verdict = useStore((s) => s.verification?.actions['consent-change'] ?? null);
  const [sms, setSms] = useState(view.smsAlerts);
  const [mobile, setMobile] = useState('');
  const [photo, setPhoto] = useState(view.photoUse);
  const [hidden, setHidden] = useState(view.hiddenFromDirectory);
  const [showHistory, setShowHistory] = useState(false);
  const changed = sms !== view.smsAlerts || photo !== view.photoUse || hidden !== view.hiddenFromDirectory || mobile.trim() !== '';
  const needsMobile = sms && !view.mobileMasked && mobile.trim() === '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    await save({ smsAlerts: sms, mobile: mobile.trim() || undefined, photoUse: photo, hiddenFromDirectory: hidden });
  }

  return (
    <section className="card-section consents-panel" aria-labelledby="consents-heading" data-testid="consents-panel">
      <h2 id="consents-heading">{t('account.consents')}</h2>
      <form onSubmit={(e) => void submit(e)} className="consents-form" autoComplete="off">
        <fieldset>
          <legend>{t('consents.sms')}</legend>
          <p className="small muted">{t('consents.smsExplain')}</p>
          <label className="inline">
            <input type="radio" name="sms" checked={sms} onChange={() => setSms(true)} /> {t('consents.accept')}
          </label>
          <label className="inline">
            <input type="radio" name="sms" checked={!sms} onChange={() => setSms(false)} /> {t('consents.refuse')}
          </label>
          <label className="stacked">
            <span>
              {t('consents.mobile')} {view.mobileMasked ? <span className="mono muted">({t('consents.current', { value: view.mobileMasked })})</span> : null}
            </span>
            <input
              value={mobile}
              onChange={(e) => setMobile(e.target.value)}
              placeholder={view.mobileMasked ? t('consents.mobileKeep') : t('consents.mobilePlaceholder')}
              inputMode="tel"
              maxLength={32}
              aria-invalid={needsMobile}
            />
          </label>
          {needsMobile && <p className="error small">{t('consents.mobileRequired')}</p>}
          <LastChanged view={view} field="smsAlerts" />
        </fieldset>
        <fieldset>
          <legend>{t('consents.photo')}</legend>
          <details>
            <summary className="small">{t('consents.photoExplainSummary')}</summary>
            <p className="small">{t('consents.photoExplain')}</p>
          </details>
          <label className="inline">
            <input type="radio" name="photo" checked={photo} onChange={() => setPhoto(true)} /> {t('consents.photoYes')}
          </label>
          <label className="inline">
            <input type="radio" name="photo" checked={!photo} onChange={() => setPhoto(false)} /> {t('consents.photoNo')}
          </label>
          <LastChanged view={view} field="photoUse" />
        </fieldset>
        <fieldset>
          <legend>{t('consents.directory')}</legend>
          <label className="inline">
            <input type="radio" name="visibility" checked={!hidden} onChange={() => setHidden(false)} /> {t('account.visible')}
          </label>
          <label className="inline">
            <input type="radio" name="visibility" checked={hidden} onChange={() => setHidden(true)} /> {t('account.hidden')}
          </label>
          <LastChanged view={view} field="hiddenFromDirectory" />
        </fieldset>
        {error && (
          <p className="error" role="alert">
            {errorText(error)}
            {error.code === 'OUTCOME_UNKNOWN' ? ` ${t('actions.settledLater')}` : ''}
          </p>
        )}
        {saved && !changed && (
          <p className="ok-text" role="status" data-testid="consents-saved">
            {t('consents.saved')}
          </p>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={busy || !changed || needsMobile || !verdict?.satisfied}>
            {t('consents.save')}
          </button>
          {!verdict?.satisfied && <span className="small muted">{t('consents.needsVerification')}</span>}
        </div>
      </form>
      <button type="button" className="link-button" onClick={() => setShowHistory(!showHistory)} aria-expanded={showHistory}>
        {t('consents.history', { count: view.history.length })}
      </button>
      {showHistory && (
        <ol className="consent-history" data-testid="consent-history">
          {view.history.map((h) => (
            <li key={h.seq}>
              <span className="mono small">{formatDateTime(h.at)}</span> — {h.agentLogin ?? '—'} —{' '}
              {h.fields.map((f) => `${t(`consents.fields.${f}`, { defaultValue: f })} : ${String(h.before[f] ?? '—')} → ${String(h.after[f] ?? '—')}`).join(' ; ')}
              {h.evidence.length ? <span className="small muted"> ({h.evidence.map((e) => t(`evidence.${e}`, { defaultValue: e })).join(', ')})</span> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
