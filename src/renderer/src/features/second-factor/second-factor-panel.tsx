/**
 * On the card: what second factor the person has (read from the token, never its secret),
 * and the two desk actions on it, each enabled by the verification policy of its own
 * action: enrol (or replace) an authenticator app, and remove it when the device is lost,
 * after a confirmation (a modal dialog: Enter removes, Escape keeps the device). After a removal it says what the person must do next.
 * The agent's note (comment, ticket) is checked before the privacy screen or the confirmation opens.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecondFactorStatus } from '../../../../shared/second-factor';
import { useStore } from '../../store';
import { errorText } from '../../i18n';
import { formatDateTime } from '../../format';
import { blockerText } from '../../components/desk-words';
import { Notification } from '../../components/notification';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useDeskView } from '../../components/use-desk-view';
import { NoteRef } from '../../components/desk-note-fields';
import { DESK_NOTE_ACTIONS } from '../../../../shared/desk-note';
import type { ActionVerdict } from '../../../../shared/desk-actions';
import type { DeskView } from '../../../../shared/desk-view';
import { EnrolmentScreen } from './enrolment-screen';

/** Why the action is off, from the desk model (the same words as every other action). */
function Why({ verdict, view }: { verdict: ActionVerdict; view: DeskView }) {
  if (!verdict.blocker) return null;
  return (
    <span className="small muted" id={`why-${verdict.action}`} data-testid={`why-${verdict.action}`}>
      {blockerText(verdict.blocker, view.methods)}
    </span>
  );
}

/** "activée (application) depuis …, dernier code accepté le …", or "non activée". */
function StatusLine({ status }: { status: SecondFactorStatus }) {
  const { t } = useTranslation();
  if (status.kind === 'none') return <strong>{t('secondFactor.none')}</strong>;
  const since = status.since ? t('secondFactor.since', { when: formatDateTime(status.since) }) : t('secondFactor.sinceUnknown');
  const last = status.lastCodeAt ? t('secondFactor.lastCode', { when: formatDateTime(status.lastCodeAt) }) : t('secondFactor.noCodeYet');
  return (
    <>
      <strong>{t('secondFactor.totp')}</strong> {since}, {last}
    </>
  );
}

export function SecondFactorPanel() {
  const { t } = useTranslation();
  const card = useStore((s) => s.card);
  const onlineUrl = useStore((s) => s.status?.secondFactor.enrolOnlineUrl ?? null);
  const view = useDeskView();
  const busy = useStore((s) => s.secondFactorBusy);
  const enrolling = useStore((s) => s.enrolment !== null);
  const error = useStore((s) => s.secondFactorError);
  const over = useStore((s) => s.enrolmentOver);
  const enrolled = useStore((s) => s.enrolled);
  const removed = useStore((s) => s.removed);
  const start = useStore((s) => s.startEnrolment);
  const remove = useStore((s) => s.removeSecondFactor);
  const noteFor = useStore((s) => s.noteFor);
  const [confirming, setConfirming] = useState(false);
  const status = card?.secondFactor ?? null;
  if (!card || !status || !view) return null;
  const enrolVerdict = view.actions['second-factor-enrol'];
  const removeVerdict = view.actions['second-factor-remove'];
  const has = status.kind === 'totp';
  const url = removed?.enrolOnlineUrl ?? onlineUrl;

  return (
    <section className="card-section second-factor-panel" aria-labelledby="second-factor-heading" data-testid="second-factor">
      <h2 id="second-factor-heading">{t('secondFactor.heading')}</h2>
      <p data-testid="second-factor-status">
        <StatusLine status={status} />
      </p>
      {!has && !removed && <p className="small muted">{url ? t('secondFactor.nextStepOnline', { url }) : t('secondFactor.nextStepDesk')}</p>}
      {error && !enrolling && (
        <p className="error" role="alert" data-testid="second-factor-error">
          {errorText(error)}
          {error.code === 'OUTCOME_UNKNOWN' ? ` ${t('actions.settledLater')}` : ''}
        </p>
      )}
      {over && (
        <p className="error" role="alert">
          {t('secondFactor.over')}
        </p>
      )}
      {(enrolVerdict.offered || removeVerdict.offered) && (
        <NoteRef forms={[...(enrolVerdict.offered ? [DESK_NOTE_ACTIONS['second-factor-enrol']] : []), ...(removeVerdict.offered ? [DESK_NOTE_ACTIONS['second-factor-remove']] : [])]} />
      )}
      {enrolVerdict.offered ? (
        <div className="action-row">
          <button
            type="button"
            className="primary"
            disabled={busy || enrolling || !enrolVerdict.enabled}
            aria-describedby={enrolVerdict.blocker ? 'why-second-factor-enrol' : undefined}
            onClick={() => void start()}
          >
            {has ? t('secondFactor.replace') : t('secondFactor.enrol')}
          </button>
          <Why verdict={enrolVerdict} view={view} />
        </div>
      ) : (
        <p className="small muted">
          <Why verdict={enrolVerdict} view={view} />
        </p>
      )}
      {removeVerdict.offered && (
        <div className="action-row">
          <button
            type="button"
            className="secondary"
            disabled={busy || !removeVerdict.enabled}
            aria-describedby={removeVerdict.blocker ? 'why-second-factor-remove' : undefined}
            // The note first: the confirmation is asked only of a request that can go.
            onClick={() => {
              if (noteFor(DESK_NOTE_ACTIONS['second-factor-remove'])) setConfirming(true);
            }}
          >
            {t('secondFactor.remove')}
          </button>
          <Why verdict={removeVerdict} view={view} />
        </div>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('secondFactor.removeTitle')}
          body={t('secondFactor.removeConfirm')}
          confirm={t('secondFactor.removeYes')}
          cancel={t('secondFactor.removeNo')}
          tone="danger"
          testId="remove-confirm"
          onConfirm={() => {
            setConfirming(false);
            void remove();
          }}
          onCancel={() => setConfirming(false)}
        />
      )}
      {enrolled && (
        <p className="ok-text" role="status" data-testid="second-factor-result">
          {t(enrolled.replaced ? 'secondFactor.replaced' : 'secondFactor.enrolled', { when: formatDateTime(enrolled.at) })}{' '}
          <Notification {...enrolled.notification} />
        </p>
      )}
      {removed && (
        <p className="ok-text" role="status" data-testid="second-factor-result">
          {url ? t('secondFactor.removedOnline', { when: formatDateTime(removed.at), url }) : t('secondFactor.removedDesk', { when: formatDateTime(removed.at) })}{' '}
          <Notification {...removed.notification} />
        </p>
      )}
      <EnrolmentScreen />
    </section>
  );
}
