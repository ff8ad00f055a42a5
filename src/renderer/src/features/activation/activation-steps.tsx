/** The activation wizard's steps after the verification: question, SMS, photo, directory, password and charter, confirmation. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordChecklist } from '../../components/password-checklist';

export interface WizardForm {
  questionChoice: string;
  customQuestion: string;
  answer: string;
  smsAlerts: boolean | null;
  mobile: string;
  photoUse: boolean | null;
  hiddenFromDirectory: boolean | null;
  password: string;
  confirm: string;
  charterAccepted: boolean;
}

interface StepProps {
  form: WizardForm;
  patch: (p: Partial<WizardForm>) => void;
}

function YesNoChoice({ name, value, onChange, yes, no }: { name: string; value: boolean | null; onChange: (v: boolean) => void; yes: string; no: string }) {
  return (
    <div className="choice" role="radiogroup">
      <label className="inline big-choice">
        <input type="radio" name={name} checked={value === true} onChange={() => onChange(true)} /> {yes}
      </label>
      <label className="inline big-choice">
        <input type="radio" name={name} checked={value === false} onChange={() => onChange(false)} /> {no}
      </label>
    </div>
  );
}

export function QuestionStep({ form, patch, presets }: StepProps & { presets: string[] }) {
  const { t } = useTranslation();
  return (
    <div className="step-body" data-testid="step-question">
      <h2>{t('activation.steps.question')}</h2>
      <p className="muted">{t('activation.questionIntro')}</p>
      <label className="stacked">
        <span>{t('activation.question')}</span>
        <select value={form.questionChoice} onChange={(e) => patch({ questionChoice: e.target.value })}>
          <option value="">{t('activation.chooseQuestion')}</option>
          {presets.map((q) => (
            <option key={q} value={q}>
              {q}
            </option>
          ))}
          <option value="custom">{t('activation.ownQuestion')}</option>
        </select>
      </label>
      {form.questionChoice === 'custom' && (
        <label className="stacked">
          <span>{t('activation.customQuestion')}</span>
          <input value={form.customQuestion} onChange={(e) => patch({ customQuestion: e.target.value })} maxLength={200} />
        </label>
      )}
      <label className="stacked">
        <span>{t('activation.answer')}</span>
        <input type="password" value={form.answer} onChange={(e) => patch({ answer: e.target.value })} maxLength={200} autoComplete="off" />
      </label>
      <p className="small muted">{t('activation.answerHint')}</p>
    </div>
  );
}

export function SmsStep({ form, patch, registered }: StepProps & { registered: string | null }) {
  const { t } = useTranslation();
  return (
    <div className="step-body" data-testid="step-sms">
      <h2>{t('activation.steps.sms')}</h2>
      <p>{t('consents.smsExplain')}</p>
      <YesNoChoice name="sms" value={form.smsAlerts} onChange={(v) => patch({ smsAlerts: v })} yes={t('consents.accept')} no={t('consents.refuse')} />
      {form.smsAlerts && (
        <label className="stacked">
          <span>
            {t('consents.mobile')} {registered ? <span className="muted">({t('consents.current', { value: registered })})</span> : null}
          </span>
          <input value={form.mobile} onChange={(e) => patch({ mobile: e.target.value })} inputMode="tel" maxLength={32} placeholder={registered ? t('consents.mobileKeep') : t('consents.mobilePlaceholder')} />
        </label>
      )}
      {form.smsAlerts && !registered && form.mobile.trim() === '' && <p className="small error">{t('consents.mobileRequired')}</p>}
    </div>
  );
}

export function PhotoStep({ form, patch }: StepProps) {
  const { t } = useTranslation();
  return (
    <div className="step-body" data-testid="step-photo">
      <h2>{t('activation.steps.photo')}</h2>
      <p>{t('consents.photoExplain')}</p>
      <YesNoChoice name="photo" value={form.photoUse} onChange={(v) => patch({ photoUse: v })} yes={t('consents.photoYes')} no={t('consents.photoNo')} />
    </div>
  );
}

export function DirectoryStep({ form, patch }: StepProps) {
  const { t } = useTranslation();
  return (
    <div className="step-body" data-testid="step-directory">
      <h2>{t('activation.steps.directory')}</h2>
      <p>{t('activation.directoryIntro')}</p>
      <YesNoChoice
        name="directory"
        value={form.hiddenFromDirectory === null ? null : !form.hiddenFromDirectory}
        onChange={(v) => patch({ hiddenFromDirectory: !v })}
        yes={t('account.visible')}
        no={t('account.hidden')}
      />
    </div>
  );
}

export function PasswordStep({ form, patch, charter }: StepProps & { charter: { url: string; version: string } | null }) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  return (
    <div className="step-body privacy-inline" data-testid="step-password">
      <h2>{t('activation.steps.password')}</h2>
      <p className="muted">{t('chosen.intro')}</p>
      <label className="stacked">
        <span>{t('chosen.password')}</span>
        <input type={visible ? 'text' : 'password'} value={form.password} onChange={(e) => patch({ password: e.target.value })} maxLength={256} autoComplete="new-password" spellCheck={false} />
      </label>
      <label className="stacked">
        <span>{t('chosen.confirm')}</span>
        <input type={visible ? 'text' : 'password'} value={form.confirm} onChange={(e) => patch({ confirm: e.target.value })} maxLength={256} autoComplete="new-password" spellCheck={false} />
      </label>
      <label className="inline">
        <input type="checkbox" checked={visible} onChange={(e) => setVisible(e.target.checked)} /> {t('chosen.show')}
      </label>
      <PasswordChecklist password={form.password} confirm={form.confirm} />
      <label className="inline charter">
        <input type="checkbox" checked={form.charterAccepted} onChange={(e) => patch({ charterAccepted: e.target.checked })} />{' '}
        {t('activation.charter', { version: charter?.version ?? '' })}
      </label>
      {charter && <p className="small muted">{t('activation.charterWhere', { url: charter.url })}</p>}
    </div>
  );
}

export function ConfirmationStep({ form, question }: { form: WizardForm; question: string }) {
  const { t } = useTranslation();
  const yes = t('common.yes');
  const no = t('common.no');
  return (
    <div className="step-body" data-testid="step-confirmation">
      <h2>{t('activation.steps.confirmation')}</h2>
      <p className="muted">{t('activation.confirmIntro')}</p>
      <dl className="summary">
        <dt>{t('activation.question')}</dt>
        <dd>{question}</dd>
        <dt>{t('activation.answer')}</dt>
        <dd>{t('activation.entered')}</dd>
        <dt>{t('consents.sms')}</dt>
        <dd>{form.smsAlerts ? `${yes}${form.mobile ? ` (${form.mobile})` : ''}` : no}</dd>
        <dt>{t('consents.photo')}</dt>
        <dd>{form.photoUse ? yes : no}</dd>
        <dt>{t('consents.directory')}</dt>
        <dd>{form.hiddenFromDirectory ? t('account.hidden') : t('account.visible')}</dd>
        <dt>{t('chosen.password')}</dt>
        <dd>{t('activation.entered')}</dd>
        <dt>{t('activation.charterShort')}</dt>
        <dd>{form.charterAccepted ? t('activation.accepted') : no}</dd>
      </dl>
    </div>
  );
}
