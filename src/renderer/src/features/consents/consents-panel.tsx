/** On the card: the consents form (SMS and mobile, photo, directory visibility), enabled by the desk model, and its history in words. */
import type { TFunction } from 'i18next';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NoteRef } from '../../components/desk-note-fields';
import { DESK_NOTE_ACTIONS } from '../../../../shared/desk-note';
import { useStore } from '../../store';
import { errorText } from '../../i18n';
import { formatDateTime } from '../../format';
import { MobileField, useMobileProblem } from '../../components/mobile-field';
import { useDeskView } from '../../components/use-desk-view';
import { blockerText } from '../../components/desk-words';
import type { ConsentChange, ConsentsView } from '../../../../shared/contract/consents';

type Tracked = keyof ConsentsView['lastChanged'];

/** Who changed it last at this desk; the SMS block counts a change of number too. */
function LastChanged({ view, fields }: { view: ConsentsView; fields: Tracked[] }) {
  const { t } = useTranslation();
  const last = fields
    .map((f) => view.lastChanged[f])
    .filter((c): c is NonNullable<typeof c> => !!c)
    .sort((a, b) => b.at.localeCompare(a.at))[0];
  if (!last) return <span className="small muted">{t('consents.neverChangedHere')}</span>;
  return <span className="small muted">{t('consents.lastChanged', { when: formatDateTime(last.at), agent: last.agentLogin ?? '—' })}</span>;
}

/** "photo : refusée → acceptée" */
function changeWords(t: TFunction, change: ConsentChange): string {
  const word = (field: string, value: unknown) => {
    if (value === null || value === undefined) return t('consents.values.none');
    if (typeof value === 'boolean' && (field === 'smsAlerts' || field === 'photoUse' || field === 'hiddenFromDirectory'))
      return t(`consents.values.${field}.${value ? 'true' : 'false'}`);
    return String(value);
  };
  const fieldName = (f: string): string => t(`consents.fields.${f as 'mobile'}`, { defaultValue: f });
  return change.fields
    .map((f) => t('consents.changeLine', { field: fieldName(f), before: word(f, change.before[f]), after: word(f, change.after[f]) }))
    .join(' ; ');
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
  const desk = useDeskView();
  const verdict = desk?.actions['consent-change'] ?? null;
  const methods = desk?.methods;
  const [sms, setSms] = useState(view.smsAlerts);
  const [mobile, setMobile] = useState('');
  const [photo, setPhoto] = useState(view.photoUse);
  const [hidden, setHidden] = useState(view.hiddenFromDirectory);
  const [tried, setTried] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const changed = sms !== view.smsAlerts || photo !== view.photoUse || hidden !== view.hiddenFromDirectory || mobile.trim() !== '';
  const problem = useMobileProblem(sms, mobile, view.mobileMasked);
  const mobileRefused = error?.details?.['field'] === 'mobile' ? String(error.details['reason']) : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (problem) return;
    const done = await save({ smsAlerts: sms, mobile: mobile.trim() || undefined, photoUse: photo, hiddenFromDirectory: hidden });
    // The card shows what is now in the directory: the typed number has served.
    if (done) {
      setMobile('');
      setTried(false);
    }
  }

  return (
    <section className="card-section consents-panel" aria-labelledby="consents-heading" data-testid="consents-panel">
      <h2 id="consents-heading">{t('account.consents')}</h2>
      <form onSubmit={(e) => void submit(e)} className="consents-form" autoComplete="off" noValidate>
        <fieldset data-testid="consent-sms">
          <legend>{t('consents.sms')}</legend>
          <p className="small muted">{t('consents.smsExplain')}</p>
          <label className="inline">
            <input type="radio" name="sms" checked={sms} onChange={() => setSms(true)} /> {t('consents.accept')}
          </label>
          <label className="inline">
            <input type="radio" name="sms" checked={!sms} onChange={() => setSms(false)} /> {t('consents.refuse')}
          </label>
          <MobileField value={mobile} onChange={setMobile} registered={view.mobileMasked} problem={problem} showProblem={tried} serverProblem={mobileRefused} />
          <LastChanged view={view} fields={['smsAlerts', 'mobile']} />
        </fieldset>
        <fieldset data-testid="consent-photo">
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
          <LastChanged view={view} fields={['photoUse']} />
        </fieldset>
        <fieldset data-testid="consent-directory">
          <legend>{t('consents.directory')}</legend>
          <label className="inline">
            <input type="radio" name="visibility" checked={!hidden} onChange={() => setHidden(false)} /> {t('account.visible')}
          </label>
          <label className="inline">
            <input type="radio" name="visibility" checked={hidden} onChange={() => setHidden(true)} /> {t('account.hidden')}
          </label>
          <LastChanged view={view} fields={['hiddenFromDirectory']} />
        </fieldset>
        {error && !mobileRefused && (
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
        <NoteRef forms={[DESK_NOTE_ACTIONS['consent-change']]} />
        <div className="row">
          <button type="submit" className="primary" disabled={busy || !changed || !verdict?.enabled}>
            {t('consents.save')}
          </button>
          {verdict?.blocker && methods && (
            <span className="small muted" data-testid="why-consent-change">
              {desk?.band.noAction ? t('desk.seeBand') : blockerText(verdict.blocker, methods)}
            </span>
          )}
        </div>
      </form>
      <button type="button" className="link-button" onClick={() => setShowHistory(!showHistory)} aria-expanded={showHistory}>
        {t('consents.history', { count: view.history.length })}
      </button>
      {showHistory && (
        <ol className="consent-history" data-testid="consent-history">
          {view.history.map((h) => (
            <li key={h.seq}>
              <span className="mono small">{formatDateTime(h.at)}</span> — {h.agentLogin ?? '—'} — {changeWords(t, h)}
              {h.evidence.length ? <span className="small muted"> ({h.evidence.map((e) => t(`evidence.${e}`, { defaultValue: e })).join(', ')})</span> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
