import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { errorText } from '../../i18n';
import { checkPassword } from '../../../../shared/password-policy';
import { ruleText } from '../../../../shared/password-rules-text';
import type { Locale } from '../../../../shared/domain';

/**
 * The privacy screen: the agent turns the screen towards the person, who types the
 * password. The checklist lists every rule at once, live; main enforces them again and
 * the directory applies its own policy (history) on top.
 */
export function ChosenPasswordScreen({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const card = useStore((s) => s.card);
  const profile = useStore((s) => s.status?.passwordProfile ?? null);
  const resetChosen = useStore((s) => s.resetChosen);
  const busy = useStore((s) => s.actionBusy);
  const error = useStore((s) => s.actionError);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [visible, setVisible] = useState(false);
  const [score, setScore] = useState<number | null>(null);

  const context = useMemo(
    () => ({ login: card?.login ?? '', givenName: card?.givenName, familyName: card?.familyName, studentIds: [...(card?.studentIds ?? []), ...(card?.ines ?? []), ...(card?.staffIds ?? [])] }),
    [card],
  );
  const check = profile ? checkPassword(password, context, profile, { strengthScore: score }) : null;

  // The strength estimator (dictionaries) loads on first use, off the typing path.
  useEffect(() => {
    if (!profile || password === '') return;
    let cancelled = false;
    const timer = window.setTimeout(() => {
      void import('../../../../shared/password-strength').then(async (m) => {
        const estimator = await m.loadStrengthEstimator();
        if (!cancelled) setScore(estimator.estimate(password, context, profile).score);
      });
    }, 150);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [password, context, profile]);

  const matches = password !== '' && password === confirm;
  const canSubmit = !!check?.ok && matches && !busy;

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
        <ul className="checklist" aria-label={t('chosen.rules')} data-testid="password-checklist">
          {check?.rules.map((rule) => (
            <li key={rule.id} className={`rule rule-${rule.status}`} data-rule={rule.id} data-status={rule.status}>
              <span aria-hidden="true">{rule.status === 'met' ? '✓' : rule.status === 'unmet' ? '✗' : '•'}</span>{' '}
              {ruleText(rule.id, i18n.language as Locale, rule.params)}
            </li>
          ))}
          <li className={`rule rule-${matches ? 'met' : 'unmet'}`} data-rule="confirmation" data-status={matches ? 'met' : 'unmet'}>
            <span aria-hidden="true">{matches ? '✓' : '✗'}</span> {t('chosen.confirmationRule')}
          </li>
        </ul>
        {error && (
          <p className="error" role="alert">
            {errorText(error)}
            {error.details && error.details['reason'] === 'history' ? ` ${t('actions.historyRefused')}` : ''}
          </p>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={!canSubmit}>
            {busy ? t('chosen.saving') : t('chosen.save')}
          </button>
          <button type="button" className="secondary" onClick={cancel}>
            {t('chosen.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
