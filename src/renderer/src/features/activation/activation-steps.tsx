/** The activation wizard's step kinds after the verification: question, SMS, photo, directory, password, charter, and the confirmation; each field's problem next to it (the personal address: personal-mail-step.tsx). */
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordChecklist } from '../../components/password-checklist';
import { MobileField } from '../../components/mobile-field';
import { DeskNoteFields } from '../../components/desk-note-fields';
import { DESK_NOTE_ACTIONS } from '../../../../shared/desk-note';
import type { PhoneProblem } from '../../../../shared/phone-number';
import type { StepProblems, WizardField, WizardForm } from './activation-checks';
import type { ActivationStepKind } from '../../../../shared/institution';

export interface StepProps {
  form: WizardForm;
  patch: (p: Partial<WizardForm>) => void;
  problems: StepProblems;
}

/** The message of a field, under `activation.problems`, next to it. */
export function Problem({ id, problems, field, min }: { id: string; problems: StepProblems; field: WizardField; min?: number }) {
  const { t } = useTranslation();
  const key = problems[field];
  if (!key) return null;
  return (
    <span className="field-error" id={id} role="alert" data-testid={`problem-${field}`}>
      {t(`activation.problems.${key}` as 'activation.problems.choice', { field: t(`activation.fieldNames.${field}` as 'activation.fieldNames.photoUse'), min })}
    </span>
  );
}

/** aria-invalid and aria-describedby of a field with a problem. */
export const invalid = (problems: StepProblems, field: WizardField, id: string) =>
  problems[field] ? { 'aria-invalid': true as const, 'aria-describedby': id } : {};

function YesNoChoice(props: { name: string; legend: string; value: boolean | null; onChange: (v: boolean) => void; yes: string; no: string; problems: StepProblems; field: WizardField }) {
  const id = useId();
  return (
    <fieldset className="choice" {...invalid(props.problems, props.field, id)}>
      <legend className="sr-only">{props.legend}</legend>
      <label className="inline big-choice">
        <input type="radio" name={props.name} checked={props.value === true} onChange={() => props.onChange(true)} /> {props.yes}
      </label>
      <label className="inline big-choice">
        <input type="radio" name={props.name} checked={props.value === false} onChange={() => props.onChange(false)} /> {props.no}
      </label>
      <Problem id={id} problems={props.problems} field={props.field} />
    </fieldset>
  );
}

export function QuestionStep({ form, patch, problems, presets, minAnswerLength }: StepProps & { presets: string[]; minAnswerLength: number }) {
  const { t } = useTranslation();
  const ids = { question: useId(), custom: useId(), answer: useId() };
  return (
    <div className="step-body" data-testid="step-question">
      <h2>{t('activation.steps.question')}</h2>
      <p className="muted">{t('activation.questionIntro')}</p>
      <label className="stacked">
        <span>{t('activation.question')}</span>
        <select value={form.questionChoice} onChange={(e) => patch({ questionChoice: e.target.value })} {...invalid(problems, 'question', ids.question)}>
          <option value="">{t('activation.chooseQuestion')}</option>
          {presets.map((q) => (
            <option key={q} value={q}>
              {q}
            </option>
          ))}
          <option value="custom">{t('activation.ownQuestion')}</option>
        </select>
      </label>
      <Problem id={ids.question} problems={problems} field="question" />
      {form.questionChoice === 'custom' && (
        <>
          <label className="stacked">
            <span>{t('activation.customQuestion')}</span>
            <input value={form.customQuestion} onChange={(e) => patch({ customQuestion: e.target.value })} maxLength={200} {...invalid(problems, 'customQuestion', ids.custom)} />
          </label>
          <Problem id={ids.custom} problems={problems} field="customQuestion" />
        </>
      )}
      <label className="stacked">
        <span>{t('activation.answer')}</span>
        <input type="password" value={form.answer} onChange={(e) => patch({ answer: e.target.value })} maxLength={200} autoComplete="off" {...invalid(problems, 'answer', ids.answer)} />
      </label>
      <Problem id={ids.answer} problems={problems} field="answer" min={minAnswerLength} />
      <p className="small muted">{t('activation.answerHint')}</p>
    </div>
  );
}

export function SmsStep({ form, patch, problems, registered, tried }: StepProps & { registered: string | null; tried: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="step-body" data-testid="step-sms">
      <h2>{t('activation.steps.sms')}</h2>
      <p>{t('consents.smsExplain')}</p>
      <YesNoChoice name="sms" legend={t('activation.steps.sms')} value={form.smsAlerts} onChange={(v) => patch({ smsAlerts: v })} yes={t('consents.accept')} no={t('consents.refuse')} problems={problems} field="smsAlerts" />
      {form.smsAlerts && (
        <MobileField
          value={form.mobile}
          onChange={(mobile) => patch({ mobile })}
          registered={registered}
          problem={(problems.mobile as PhoneProblem | 'required' | undefined) ?? null}
          showProblem={tried}
        />
      )}
    </div>
  );
}

export function PhotoStep({ form, patch, problems }: StepProps) {
  const { t } = useTranslation();
  return (
    <div className="step-body" data-testid="step-photo">
      <h2>{t('activation.steps.photo')}</h2>
      <p>{t('consents.photoExplain')}</p>
      <YesNoChoice name="photo" legend={t('activation.steps.photo')} value={form.photoUse} onChange={(v) => patch({ photoUse: v })} yes={t('consents.photoYes')} no={t('consents.photoNo')} problems={problems} field="photoUse" />
    </div>
  );
}

export function DirectoryStep({ form, patch, problems }: StepProps) {
  const { t } = useTranslation();
  return (
    <div className="step-body" data-testid="step-directory">
      <h2>{t('activation.steps.directory')}</h2>
      <p>{t('activation.directoryIntro')}</p>
      <YesNoChoice
        name="directory"
        legend={t('activation.steps.directory')}
        value={form.hiddenFromDirectory === null ? null : !form.hiddenFromDirectory}
        onChange={(v) => patch({ hiddenFromDirectory: !v })}
        yes={t('account.visible')}
        no={t('account.hidden')}
        problems={problems}
        field="hiddenFromDirectory"
      />
    </div>
  );
}

/** `children`: what shares its screen (the charter, in UPHF's order), inside it. */
export function PasswordStep({ form, patch, problems, onRules, children }: StepProps & { onRules: (ok: boolean) => void; children?: ReactNode }) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  const ids = { password: useId(), confirm: useId() };
  return (
    <div className="step-body privacy-inline" data-testid="step-password">
      <h2>{t('activation.steps.password')}</h2>
      <p className="muted">{t('chosen.intro')}</p>
      <label className="stacked">
        <span>{t('chosen.password')}</span>
        <input type={visible ? 'text' : 'password'} value={form.password} onChange={(e) => patch({ password: e.target.value })} maxLength={256} autoComplete="new-password" spellCheck={false} {...invalid(problems, 'password', ids.password)} />
      </label>
      <Problem id={ids.password} problems={problems} field="password" />
      <label className="stacked">
        <span>{t('chosen.confirm')}</span>
        <input type={visible ? 'text' : 'password'} value={form.confirm} onChange={(e) => patch({ confirm: e.target.value })} maxLength={256} autoComplete="new-password" spellCheck={false} {...invalid(problems, 'confirm', ids.confirm)} />
      </label>
      <Problem id={ids.confirm} problems={problems} field="confirm" />
      <label className="inline">
        <input type="checkbox" checked={visible} onChange={(e) => setVisible(e.target.checked)} /> {t('chosen.show')}
      </label>
      <PasswordChecklist password={form.password} confirm={form.confirm} onNoneUnmet={onRules} />
      {children}
    </div>
  );
}

/** The charter (UPHF's règlement intérieur, UPVD's IT charter): on the password's screen or its own. */
export function CharterStep({ form, patch, problems, charter }: StepProps & { charter: { url: string; version: string } | null }) {
  const { t } = useTranslation();
  const id = useId();
  const ids = { charter: id };
  return (
    <div className="step-body" data-testid="step-charter">
      <label className="inline charter">
        <input type="checkbox" checked={form.charterAccepted} onChange={(e) => patch({ charterAccepted: e.target.checked })} {...invalid(problems, 'charter', ids.charter)} />{' '}
        {t('activation.charter', { version: charter?.version ?? '' })}
      </label>
      <Problem id={ids.charter} problems={problems} field="charter" />
      {charter && <p className="small muted">{t('activation.charterWhere', { url: charter.url })}</p>}
    </div>
  );
}

export function ConfirmationStep({ form, question, kinds }: { form: WizardForm; question: string; kinds: readonly ActivationStepKind[] }) {
  const { t } = useTranslation();
  const yes = t('common.yes');
  const no = t('common.no');
  return (
    <div className="step-body" data-testid="step-confirmation">
      <h2>{t('activation.steps.confirmation')}</h2>
      <p className="muted">{t('activation.confirmIntro')}</p>
      <dl className="summary">
        {kinds.includes('question') && (
          <>
            <dt>{t('activation.question')}</dt>
            <dd>{question}</dd>
            <dt>{t('activation.answer')}</dt>
            <dd>{t('activation.entered')}</dd>
          </>
        )}
        {kinds.includes('sms') && (
          <>
            <dt>{t('consents.sms')}</dt>
            <dd>{form.smsAlerts ? `${yes}${form.mobile ? ` (${form.mobile})` : ''}` : no}</dd>
          </>
        )}
        {kinds.includes('photo') && (
          <>
            <dt>{t('consents.photo')}</dt>
            <dd>{form.photoUse ? yes : no}</dd>
          </>
        )}
        {kinds.includes('directory') && (
          <>
            <dt>{t('consents.directory')}</dt>
            <dd>{form.hiddenFromDirectory ? t('account.hidden') : t('account.visible')}</dd>
          </>
        )}
        {kinds.includes('personal-mail') && (
          <>
            <dt>{t('activation.donePersonalMail')}</dt>
            <dd className="mono">{form.personalMail.trim()}</dd>
          </>
        )}
        <dt>{t('chosen.password')}</dt>
        <dd>{t('activation.entered')}</dd>
        {kinds.includes('charter') && (
          <>
            <dt>{t('activation.charterShort')}</dt>
            <dd>{form.charterAccepted ? t('activation.accepted') : no}</dd>
          </>
        )}
      </dl>
      <DeskNoteFields forms={[DESK_NOTE_ACTIONS.activation]} idPrefix="activation" />
    </div>
  );
}
