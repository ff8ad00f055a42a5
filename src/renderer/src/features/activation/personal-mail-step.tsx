/**
 * The personal-mail step (UPVD): the person types a personal address, a code is mailed to it,
 * the person reads it on their own phone and the agent types it back; the address is written
 * with the activation only once its code matched. A new address needs a new code.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { errorText } from '../../i18n';
import { formatDateTime } from '../../format';
import { mailConfirmed } from './activation-checks';
import { invalid, Problem, type StepProps } from './activation-steps';

export function PersonalMailStep({ form, patch, problems }: StepProps) {
  const { t } = useTranslation();
  const sent = useStore((s) => s.activationMailCode);
  const busy = useStore((s) => s.activationMailBusy);
  const error = useStore((s) => s.activationMailError);
  const send = useStore((s) => s.sendActivationMailCode);
  const check = useStore((s) => s.checkActivationMailCode);
  const [code, setCode] = useState('');
  const [answer, setAnswer] = useState<{ confirmed: boolean; triesLeft: number } | null>(null);
  const ids = { mail: useId(), code: useId(), status: useId() };
  const confirmed = mailConfirmed(form);
  const changed = form.personalMailConfirmed !== null && !confirmed;

  async function onSend() {
    setAnswer(null);
    setCode('');
    await send(form.personalMail.trim());
  }

  async function onCheck() {
    const result = await check(form.personalMail.trim(), code);
    if (!result) return;
    setAnswer(result);
    if (result.confirmed) patch({ personalMailConfirmed: form.personalMail.trim() });
    setCode('');
  }

  return (
    <div className="step-body" data-testid="step-personal-mail">
      <h2>{t('activation.steps.personal-mail')}</h2>
      <label className="stacked">
        <span>{t('activation.personalMail.label')}</span>
        <input
          type="email"
          value={form.personalMail}
          onChange={(e) => patch({ personalMail: e.target.value })}
          maxLength={320}
          autoComplete="off"
          spellCheck={false}
          data-testid="personal-mail-input"
          {...invalid(problems, 'personalMail', ids.mail)}
        />
      </label>
      <Problem id={ids.mail} problems={problems} field="personalMail" />
      <p>
        <button type="button" className="secondary" onClick={() => void onSend()} disabled={busy || form.personalMail.trim() === '' || confirmed} data-testid="personal-mail-send">
          {sent ? t('activation.personalMail.resend') : t('activation.personalMail.send')}
        </button>
      </p>
      <div role="status" id={ids.status} data-testid="personal-mail-status">
        {confirmed && <p className="ok-text">{t('activation.personalMail.confirmed')}</p>}
        {changed && <p className="error small">{t('activation.personalMail.changed')}</p>}
        {!confirmed && sent && (
          <p className="small">{t('activation.personalMail.sent', { to: sent.sentTo, until: formatDateTime(sent.validUntil), left: sent.sendsLeft })}</p>
        )}
        {!confirmed && answer && !answer.confirmed && (
          <p className="error small">{answer.triesLeft > 0 ? t('activation.personalMail.wrong', { count: answer.triesLeft }) : t('activation.personalMail.spent')}</p>
        )}
      </div>
      {error && (
        <p className="error small" role="alert" data-testid="personal-mail-error">
          {errorText(error)}
        </p>
      )}
      {sent && !confirmed && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void onCheck();
          }}
        >
          <label className="stacked">
            <span>{t('activation.personalMail.code')}</span>
            <input value={code} onChange={(e) => setCode(e.target.value)} inputMode="numeric" autoComplete="one-time-code" maxLength={14} data-testid="personal-mail-code" />
          </label>
          <button type="submit" className="primary" disabled={busy || code.trim() === ''} data-testid="personal-mail-check">
            {t('activation.personalMail.check')}
          </button>
        </form>
      )}
    </div>
  );
}
