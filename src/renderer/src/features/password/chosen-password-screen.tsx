/** The privacy screen where the person types the password they choose, every rule checked live. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { errorText } from '../../i18n';
import { PasswordChecklist } from '../../components/password-checklist';
import { SubmitCancel } from '../../components/privacy-form-parts';
import { historyRefusal } from '../../components/desk-words';

/**
 * The privacy screen: the agent turns the screen towards the person, who types the
 * password. The checklist lists every rule at once, live; main enforces them again and
 * the directory applies its own policy (history) on top.
 */
export function ChosenPasswordScreen({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const resetChosen = useStore((s) => s.resetChosen);
  const busy = useStore((s) => s.actionBusy);
  const error = useStore((s) => s.actionError);
  const historyCount = useStore((s) => s.card?.passwordHistory ?? null);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [visible, setVisible] = useState(false);
  const [valid, setValid] = useState(false);
  const canSubmit = valid && !busy;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!canSubmit) return;
    const done = await resetChosen(password);
    if (done) {
      setPassword('');
      setConfirm('');
      onClose();
    }
  }

  function cancel() {
    setPassword('');
    setConfirm('');
    onClose();
  }

  return (
    <div className="privacy-screen" role="dialog" aria-modal="true" aria-labelledby="privacy-heading" data-testid="privacy-screen">
      <form className="privacy-box" onSubmit={(e) => void submit(e)} autoComplete="off">
        <h2 id="privacy-heading">{t('chosen.heading')}</h2>
        <p className="muted">{t('chosen.intro')}</p>
        <label>
          <span>{t('chosen.password')}</span>
          <input type={visible ? 'text' : 'password'} value={password} onChange={(e) => setPassword(e.target.value)} autoFocus maxLength={256} spellCheck={false} autoComplete="new-password" />
        </label>
        <label>
          <span>{t('chosen.confirm')}</span>
          <input type={visible ? 'text' : 'password'} value={confirm} onChange={(e) => setConfirm(e.target.value)} maxLength={256} spellCheck={false} autoComplete="new-password" />
        </label>
        <label className="inline">
          <input type="checkbox" checked={visible} onChange={(e) => setVisible(e.target.checked)} /> {t('chosen.show')}
        </label>
        <PasswordChecklist password={password} confirm={confirm} onValidity={setValid} />
        {error && (
          <p className="error" role="alert">
            {errorText(error)}
            {historyRefusal(error, historyCount)}
            {error.code === 'OUTCOME_UNKNOWN' ? ` ${t('actions.settledLater')}` : ''}
          </p>
        )}
        <SubmitCancel ready={canSubmit} busy={busy} submit={t('chosen.save')} busyText={t('chosen.saving')} cancel={t('chosen.cancel')} onCancel={cancel} />
      </form>
    </div>
  );
}
