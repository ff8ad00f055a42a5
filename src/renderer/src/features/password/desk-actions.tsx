/** On the card: password reset, the person's own change, unlock and login reminder, each drawn from the desk model's verdict (offered, enabled, why not). */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { DirText } from '../../components/dir-text';
import { Notification } from '../../components/notification';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useDeskView } from '../../components/use-desk-view';
import { blockerText, historyRefusal } from '../../components/desk-words';
import { errorText } from '../../i18n';
import { formatDateTime } from '../../format';
import type { ActionVerdict } from '../../../../shared/desk-actions';
import type { DeskView } from '../../../../shared/desk-view';
import { CARD_NOTE, DeskNoteFields } from '../../components/desk-note-fields';
import { DESK_NOTE_ACTIONS } from '../../../../shared/desk-note';
import { GeneratedPasswordDialog } from './generated-password-dialog';
import { ChosenPasswordScreen } from './chosen-password-screen';
import { SelfChangeRow, useSelfChangeVerdict } from './self-change';

const CARD_SECOND_FACTOR = ['second-factor-enrol', 'second-factor-remove'] as const;

function Why({ verdict, view, id }: { verdict: ActionVerdict; view: DeskView; id: string }) {
  if (!verdict.blocker) return null;
  return (
    <span className="small muted" id={id} data-testid={`why-${verdict.action}`}>
      {blockerText(verdict.blocker, view.methods)}
    </span>
  );
}

/** What the card keeps once a result is closed: what was done, when. */
function DoneLines() {
  const { t } = useTranslation();
  const done = useStore((s) => s.actionsDone);
  if (done.length === 0) return null;
  return (
    <ul className="done-lines" data-testid="actions-done">
      {done.map((d) => (
        <li key={`${d.action}-${d.at}`} className="ok-text">
          {t(`actions.done.${d.action}`, { when: formatDateTime(d.at) })}
        </li>
      ))}
    </ul>
  );
}

/** Password reset, unlock and login recovery: each enabled only when the shared verdict says so. */
export function DeskActions() {
  const { t } = useTranslation();
  const card = useStore((s) => s.card);
  const view = useDeskView();
  const busy = useStore((s) => s.actionBusy);
  const error = useStore((s) => s.actionError);
  const resetGenerated = useStore((s) => s.resetGenerated);
  const unlock = useStore((s) => s.unlock);
  const revealLogin = useStore((s) => s.revealLogin);
  const unlocked = useStore((s) => s.unlocked);
  const revealed = useStore((s) => s.revealed);
  const chosenDone = useStore((s) => s.chosenDone);
  const dismiss = useStore((s) => s.dismissActionResult);
  const noteFor = useStore((s) => s.noteFor);
  const selfChange = useSelfChangeVerdict();
  const consentsShown = useStore((s) => s.consents !== null);
  const [choosing, setChoosing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const resetButton = useRef<HTMLButtonElement>(null);
  if (!card || !view) return null;
  const { actions } = view;
  const reset = actions['reset-generated'];
  const chosen = actions['reset-chosen'];
  const unlockVerdict = actions.unlock;
  const reveal = actions['reveal-login'];
  const passwordActions = [reset, chosen, unlockVerdict, reveal];
  // One sentence when the account rules out every password action (expired, suspended...): the same reason for all.
  const closed = passwordActions.every((a) => !a.offered) ? (reset.blocker ?? reveal.blocker) : null;
  // The card's one note, for every form on it that writes with it (the second factor's and the consents' point here).
  const noteForms = [
    ...passwordActions.filter((a) => a.offered).map((a) => DESK_NOTE_ACTIONS[a.action]),
    ...(selfChange?.offered ? [DESK_NOTE_ACTIONS['self-change']] : []),
    ...(card.secondFactor ? CARD_SECOND_FACTOR.filter((a) => actions[a].offered).map((a) => DESK_NOTE_ACTIONS[a]) : []),
    ...(consentsShown && actions['consent-change'].offered ? [DESK_NOTE_ACTIONS['consent-change']] : []),
  ];

  return (
    <section className="card-section actions-panel" aria-labelledby="actions-heading">
      <h2 id="actions-heading">{t('actions.heading')}</h2>
      {error && (
        <p className="error" role="alert" data-testid="action-error">
          {errorText(error)}
          {historyRefusal(error, card.passwordHistory)}
          {error.code === 'OUTCOME_UNKNOWN' ? ` ${t('actions.settledLater')}` : ''}
        </p>
      )}
      {closed && (
        <p className="hint" data-testid="actions-closed">
          {blockerText(closed, view.methods)}
        </p>
      )}
      {noteForms.length > 0 && <DeskNoteFields forms={noteForms} idPrefix={CARD_NOTE} />}
      {reset.offered && (
        <div className="action-row">
          <button
            ref={resetButton}
            type="button"
            className="primary"
            disabled={busy || !reset.enabled}
            aria-describedby={reset.blocker ? 'why-reset' : undefined}
            // The note first: the confirmation is asked only of a request that can go.
            onClick={() => {
              if (noteFor(DESK_NOTE_ACTIONS['reset-generated'])) setConfirming(true);
            }}
          >
            {t('actions.resetGenerated')}
          </button>
          <button type="button" className="secondary" disabled={busy || !chosen.enabled} aria-describedby={chosen.blocker ? 'why-reset' : undefined} onClick={() => noteFor(DESK_NOTE_ACTIONS['reset-chosen']) && setChoosing(true)}>
            {t('actions.resetChosen')}
          </button>
          <Why verdict={reset} view={view} id="why-reset" />
        </div>
      )}
      <SelfChangeRow busy={busy} />
      {!reset.offered && !closed && reset.blocker && (
        <p className="small muted" data-testid="why-reset-generated">
          {blockerText(reset.blocker, view.methods)}
        </p>
      )}
      {unlockVerdict.offered && (
        <div className="action-row">
          <span className="small">
            {card.lockedByAdministrator
              ? t('desk.lock.byAdmin')
              : t('actions.lockedInfo', { when: formatDateTime(card.password.lockedSince), count: card.password.recentFailures.length })}
          </span>
          <button type="button" className="secondary" disabled={busy || !unlockVerdict.enabled} aria-describedby={unlockVerdict.blocker ? 'why-unlock' : undefined} onClick={() => void unlock()}>
            {t('actions.unlock')}
          </button>
          <Why verdict={unlockVerdict} view={view} id="why-unlock" />
        </div>
      )}
      {reveal.offered && (
        <div className="action-row">
          <button type="button" className="secondary" disabled={busy || !reveal.enabled} aria-describedby={reveal.blocker ? 'why-reveal' : undefined} onClick={() => void revealLogin()}>
            {t('actions.revealLogin')}
          </button>
          <Why verdict={reveal} view={view} id="why-reveal" />
        </div>
      )}
      {unlocked && (
        <p className="ok-text" role="status" data-testid="unlock-result">
          {t('actions.unlockedDone')} <Notification {...unlocked.notification} />
        </p>
      )}
      {revealed && (
        <div className="revealed" role="status" data-testid="revealed-login">
          <p>
            {t('actions.revealedLogin')} <strong className="mono big">
              <DirText value={revealed.login} />
            </strong>
            {revealed.alias ? (
              <>
                {' '}
                {t('actions.revealedAlias')} <strong className="mono">
                  <DirText value={revealed.alias} />
                </strong>
              </>
            ) : null}
          </p>
          <Notification {...revealed.notification} />
          <button type="button" className="link-button" onClick={dismiss}>
            {t('actions.hide')}
          </button>
        </div>
      )}
      {chosenDone && (
        <p className="ok-text" role="status" data-testid="chosen-result">
          {t('actions.chosenDone', { when: formatDateTime(chosenDone.at) })}{' '}
          <Notification {...chosenDone.notification} />
        </p>
      )}
      <DoneLines />
      {confirming && (
        <ConfirmDialog
          title={t('actions.confirmReset.title')}
          body={t('actions.confirmReset.body', { login: card.login })}
          confirm={t('actions.confirmReset.confirm')}
          cancel={t('actions.confirmReset.cancel')}
          testId="confirm-reset"
          onConfirm={() => {
            setConfirming(false);
            void resetGenerated();
          }}
          onCancel={() => {
            setConfirming(false);
            resetButton.current?.focus();
          }}
        />
      )}
      <GeneratedPasswordDialog />
      {choosing && <ChosenPasswordScreen onClose={() => setChoosing(false)} />}
    </section>
  );
}
