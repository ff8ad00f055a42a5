/** On the card: password reset, unlock and login reminder, each enabled by the verification policy. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { DirText } from '../../components/dir-text';
import { Notification } from '../../components/notification';
import { errorText } from '../../i18n';
import { formatDateTime } from '../../format';
import type { ActionVerdict, VerifiedAction } from '../../../../shared/verification';
import { GeneratedPasswordDialog } from './generated-password-dialog';
import { ChosenPasswordScreen } from './chosen-password-screen';

function useVerdict(action: VerifiedAction): ActionVerdict | null {
  return useStore((s) => s.verification?.actions[action] ?? null);
}

function MissingHint({ verdict }: { verdict: ActionVerdict | null }) {
  const { t } = useTranslation();
  if (!verdict || verdict.satisfied) return null;
  const options = verdict.missing.map((set) => set.map((k) => t(`verify.evidence.${k}`)).join(' + '));
  return (
    <span className="small muted">
      {verdict.missingRole ? t('actions.needsSupervisor') : ''}
      {options.length ? t('actions.needs', { options: options.join(t('actions.or')) }) : ''}
    </span>
  );
}

/** Password reset, unlock and login recovery: each enabled only when the verification satisfies the policy. */
export function DeskActions() {
  const { t } = useTranslation();
  const card = useStore((s) => s.card);
  const busy = useStore((s) => s.actionBusy);
  const error = useStore((s) => s.actionError);
  const resetGenerated = useStore((s) => s.resetGenerated);
  const unlock = useStore((s) => s.unlock);
  const revealLogin = useStore((s) => s.revealLogin);
  const unlocked = useStore((s) => s.unlocked);
  const revealed = useStore((s) => s.revealed);
  const chosenDone = useStore((s) => s.chosenDone);
  const dismiss = useStore((s) => s.dismissActionResult);
  const reset = useVerdict('reset-password');
  const unlockVerdict = useVerdict('unlock');
  const reveal = useVerdict('reveal-login');
  const [choosing, setChoosing] = useState(false);
  if (!card) return null;
  const neverActivated = card.activation.reason === 'never-activated';

  return (
    <section className="card-section actions-panel" aria-labelledby="actions-heading">
      <h2 id="actions-heading">{t('actions.heading')}</h2>
      {error && (
        <p className="error" role="alert" data-testid="action-error">
          {errorText(error)}
          {error.details && 'reason' in error.details && error.details['reason'] === 'history' ? ` ${t('actions.historyRefused')}` : ''}
          {error.code === 'OUTCOME_UNKNOWN' ? ` ${t('actions.settledLater')}` : ''}
        </p>
      )}
      <div className="action-row">
        <button type="button" className="primary" disabled={busy || !reset?.satisfied || neverActivated} onClick={() => void resetGenerated()}>
          {t('actions.resetGenerated')}
        </button>
        <button type="button" className="secondary" disabled={busy || !reset?.satisfied || neverActivated} onClick={() => setChoosing(true)}>
          {t('actions.resetChosen')}
        </button>
        <MissingHint verdict={reset} />
      </div>
      {card.password.lockedSince && (
        <div className="action-row">
          <span className="small">
            {t('actions.lockedInfo', { when: formatDateTime(card.password.lockedSince), count: card.password.recentFailures.length })}
          </span>
          <button type="button" className="secondary" disabled={busy || !unlockVerdict?.satisfied} onClick={() => void unlock()}>
            {t('actions.unlock')}
          </button>
          <MissingHint verdict={unlockVerdict} />
        </div>
      )}
      <div className="action-row">
        <button type="button" className="secondary" disabled={busy || !reveal?.satisfied} onClick={() => void revealLogin()}>
          {t('actions.revealLogin')}
        </button>
        <MissingHint verdict={reveal} />
      </div>
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
      <GeneratedPasswordDialog />
      {choosing && <ChosenPasswordScreen onClose={() => setChoosing(false)} />}
    </section>
  );
}
