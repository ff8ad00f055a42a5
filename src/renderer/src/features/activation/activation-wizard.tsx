/** The assisted first activation, step by step, applied in one call at the end. */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { DirText } from '../../components/dir-text';
import { Notification } from '../../components/notification';
import { errorText } from '../../i18n';
import { ACTIVATION_STEPS, type ActivationStep } from '../../../../shared/contract/activation';
import { QuestionStep, SmsStep, PhotoStep, DirectoryStep, PasswordStep, ConfirmationStep, type WizardForm } from './activation-steps';

const initialForm: WizardForm = {
  questionChoice: '',
  customQuestion: '',
  answer: '',
  smsAlerts: null,
  mobile: '',
  photoUse: null,
  hiddenFromDirectory: null,
  password: '',
  confirm: '',
  charterAccepted: false,
};

/**
 * The whole first activation, done with the person at the desk. Everything typed stays in
 * this component (the answer and password never enter the store) and is applied at the end
 * in one call; cancelling sends nothing to the directory. Leaving it forgets the offer,
 * the error and the summary, as a fresh wizard starts without them.
 */
export function ActivationWizard({ verification }: { verification: ReactNode }) {
  const { t } = useTranslation();
  const card = useStore((s) => s.card);
  const navigate = useStore((s) => s.navigate);
  const verdict = useStore((s) => s.verification?.actions.activation ?? null);
  const offer = useStore((s) => s.activationOffer);
  const applying = useStore((s) => s.activationApplying);
  const error = useStore((s) => s.activationError);
  const done = useStore((s) => s.activationDone);
  const loadOffer = useStore((s) => s.loadActivationOffer);
  const complete = useStore((s) => s.completeActivation);
  const leave = useStore((s) => s.leaveActivation);
  const [step, setStep] = useState<ActivationStep>('verification');
  const [form, setForm] = useState<WizardForm>(initialForm);
  const dn = card?.dn ?? null;

  useEffect(() => {
    if (dn) void loadOffer();
    return leave;
  }, [dn, loadOffer, leave]);

  const index = ACTIVATION_STEPS.indexOf(step);
  const patch = (p: Partial<WizardForm>) => setForm((f) => ({ ...f, ...p }));
  const question = form.questionChoice === 'custom' ? form.customQuestion.trim() : form.questionChoice;
  const stepValid = useMemo<Record<ActivationStep, boolean>>(
    () => ({
      verification: !!verdict?.satisfied,
      question: question.length >= 5 && form.answer.trim().length >= 2,
      sms: form.smsAlerts === false || (form.smsAlerts === true && (form.mobile.trim() !== '' || !!offer?.mobileMasked)),
      photo: form.photoUse !== null,
      directory: form.hiddenFromDirectory !== null,
      password: form.password !== '' && form.password === form.confirm && form.charterAccepted,
      confirmation: true,
    }),
    [verdict, question, form, offer],
  );

  if (!card) return null;
  const cancel = () => {
    setForm(initialForm);
    navigate('account');
  };

  async function apply() {
    const result = await complete({
      secretQuestion: question,
      secretAnswer: form.answer,
      smsAlerts: form.smsAlerts === true,
      mobile: form.mobile.trim() || undefined,
      photoUse: form.photoUse === true,
      hiddenFromDirectory: form.hiddenFromDirectory === true,
      password: form.password,
      charterAccepted: true,
    });
    if (!result) return;
    if (result.ok) {
      setForm(initialForm);
      return;
    }
    const back = result.error.details?.['step'];
    if (typeof back === 'string' && (ACTIVATION_STEPS as readonly string[]).includes(back)) setStep(back as ActivationStep);
  }

  if (done)
    return (
      <section className="panel wizard" data-testid="activation-done">
        <h1>{t('activation.doneHeading')}</h1>
        <dl className="summary">
          <dt>{t('activation.doneLogin')}</dt>
          <dd className="mono big">
            <DirText value={done.login} />
          </dd>
          <dt>{t('activation.doneUid')}</dt>
          <dd className="mono">
            <DirText value={done.uniqueId} />
          </dd>
          <dt>{t('activation.doneMail')}</dt>
          <dd className="mono">
            <DirText value={done.mail} />
          </dd>
          <dt>{t('activation.donePassword')}</dt>
          <dd>{t('activation.saved')}</dd>
          <dt>{t('activation.doneQuestion')}</dt>
          <dd>{t('activation.saved')}</dd>
          <dt>{t('activation.doneConsents')}</dt>
          <dd>{t('activation.saved')}</dd>
        </dl>
        <p className="small muted">
          <Notification {...done.notification} />
        </p>
        <button type="button" className="primary" onClick={() => navigate('account')}>
          {t('activation.backToCard')}
        </button>
      </section>
    );

  if (offer && !offer.offered)
    return (
      <section className="panel wizard">
        <p className="hint">{t(`activation.notOffered.${offer.reason}`)}</p>
        <button type="button" className="secondary" onClick={cancel}>
          {t('activation.backToCard')}
        </button>
      </section>
    );

  return (
    <section className="panel wizard" aria-labelledby="wizard-heading" data-testid="activation-wizard">
      <header className="wizard-head">
        <h1 id="wizard-heading">
          {t('activation.heading')} — <DirText value={card.displayName} />{' '}
          <span className="mono muted">
            (<DirText value={card.login} />)
          </span>
        </h1>
        <ol className="steps" aria-label={t('activation.progress')}>
          {ACTIVATION_STEPS.map((s, i) => (
            <li key={s} className={i < index ? 'step is-done' : i === index ? 'step is-current' : 'step'} aria-current={i === index ? 'step' : undefined}>
              <span className="step-number">{i + 1}</span> {t(`activation.steps.${s}`)}
            </li>
          ))}
        </ol>
        <progress max={ACTIVATION_STEPS.length - 1} value={index} aria-label={t('activation.progress')} className="wizard-progress" />
      </header>
      {error && (
        <p className="error" role="alert" data-testid="activation-error">
          {errorText(error)}
          {error.details?.['reason'] === 'history' ? ` ${t('actions.historyRefused')}` : ''}
          {error.details?.['activated'] === false ? ` ${t('activation.notCompleted')}` : ''}
          {error.code === 'OUTCOME_UNKNOWN' ? ` ${t('activation.maybeCompleted')}` : ''}
        </p>
      )}
      <div className="wizard-body">
        {step === 'verification' && verification}
        {step === 'question' && <QuestionStep form={form} patch={patch} presets={offer?.presetQuestions ?? []} />}
        {step === 'sms' && <SmsStep form={form} patch={patch} registered={offer?.mobileMasked ?? null} />}
        {step === 'photo' && <PhotoStep form={form} patch={patch} />}
        {step === 'directory' && <DirectoryStep form={form} patch={patch} />}
        {step === 'password' && <PasswordStep form={form} patch={patch} charter={offer?.charter ?? null} />}
        {step === 'confirmation' && <ConfirmationStep form={form} question={question} />}
      </div>
      <footer className="wizard-nav">
        <button type="button" className="secondary" onClick={cancel}>
          {t('activation.cancel')}
        </button>
        <span className="grow" />
        {index > 0 && (
          <button type="button" className="secondary" onClick={() => setStep(ACTIVATION_STEPS[index - 1]!)} disabled={applying}>
            {t('activation.back')}
          </button>
        )}
        {step !== 'confirmation' ? (
          <button type="button" className="primary" onClick={() => setStep(ACTIVATION_STEPS[index + 1]!)} disabled={!stepValid[step]}>
            {t('activation.next')}
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => void apply()} disabled={applying || !ACTIVATION_STEPS.every((s) => stepValid[s])}>
            {applying ? t('activation.applying') : t('activation.apply')}
          </button>
        )}
      </footer>
    </section>
  );
}
