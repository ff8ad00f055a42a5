/** The assisted first activation, step by step, each step checked when it is left, applied in one call at the end. */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { DirText } from '../../components/dir-text';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useDeskView } from '../../components/use-desk-view';
import { blockerText, historyRefusal } from '../../components/desk-words';
import { errorText } from '../../i18n';
import type { ActivationStep } from '../../../../shared/contract/activation';
import { DEFAULT_ACTIVATION_SCREENS, localText, wizardSteps, type ActivationStepKind } from '../../../../shared/institution';
import { QuestionStep, SmsStep, PhotoStep, DirectoryStep, PasswordStep, CharterStep, ConfirmationStep } from './activation-steps';
import { PersonalMailStep } from './personal-mail-step';
import { choicesOf } from './activation-choices';
import { initialForm, questionOf, stepProblems, type StepProblems, type WizardField, type WizardForm } from './activation-checks';
import { ActivationDoneScreen } from './activation-done';

const FALLBACK_REGIONS = { region: 'FR', alsoRegions: [] as string[] };
/** What main's refusal names, as the wizard's field. */
const SERVER_FIELDS: Readonly<Record<string, WizardField>> = { secretQuestion: 'customQuestion', secretAnswer: 'answer', mobile: 'mobile', personalMail: 'personalMail' };

/**
 * The whole first activation, done with the person at the desk. Everything typed stays in
 * this component (the answer and password never enter the store) and is applied at the end
 * in one call; cancelling (after a confirmation) sends nothing to the directory. Leaving it
 * forgets the offer, the error and the summary, as a fresh wizard starts without them.
 */
export function ActivationWizard({ verification }: { verification: ReactNode }) {
  const { t } = useTranslation();
  const card = useStore((s) => s.card);
  const navigate = useStore((s) => s.navigate);
  const view = useDeskView();
  const offer = useStore((s) => s.activationOffer);
  const applying = useStore((s) => s.activationApplying);
  const error = useStore((s) => s.activationError);
  const done = useStore((s) => s.activationDone);
  const loadOffer = useStore((s) => s.loadActivationOffer);
  const complete = useStore((s) => s.completeActivation);
  const leave = useStore((s) => s.leaveActivation);
  const regions = useStore((s) => s.status?.phoneRegions ?? FALLBACK_REGIONS);
  const screens = useStore((s) => s.status?.journeys.activation) ?? DEFAULT_ACTIVATION_SCREENS;
  const locale = useStore((s) => s.status?.locale) ?? 'fr';
  const abandon = useStore((s) => s.abandonActivation);
  const [step, setStep] = useState<ActivationStep>('verification');
  const [form, setForm] = useState<WizardForm>(initialForm);
  const [tried, setTried] = useState<Partial<Record<ActivationStep, boolean>>>({});
  const [serverProblems, setServerProblems] = useState<StepProblems>({});
  const [rulesMet, setRulesMet] = useState(false);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  /** What the person chose, kept for the summary once applied (no answer, no password). */
  const [chosen, setChosen] = useState<Pick<WizardForm, 'smsAlerts' | 'mobile' | 'photoUse' | 'hiddenFromDirectory'> | null>(null);
  const body = useRef<HTMLDivElement>(null);
  const dn = card?.dn ?? null;
  const wizard = useRef<HTMLElement>(null);

  useEffect(() => {
    if (dn) void loadOffer();
    return leave;
  }, [dn, loadOffer, leave]);

  // Each new step starts at its first field (or the first one the main process refused).
  useLayoutEffect(() => {
    const root = body.current;
    if (!root) return;
    const target = root.querySelector<HTMLElement>('[aria-invalid="true"]') ?? root.querySelector<HTMLElement>('input, select, textarea');
    target?.focus();
  }, [step]);

  const onRules = useCallback((ok: boolean) => setRulesMet(ok), []);
  if (!card || !view) return null;
  const steps = wizardSteps(screens);
  const index = steps.indexOf(step);
  const screen = screens.find((s) => s.id === step) ?? null;
  const kinds: readonly ActivationStepKind[] = screen?.kinds ?? [];
  const allKinds = screens.flatMap((s) => s.kinds);
  const patch = (p: Partial<WizardForm>) => {
    setForm((f) => ({ ...f, ...p }));
    setServerProblems({});
  };
  const context = {
    verified: view.actions.activation.enabled,
    registeredMobile: offer?.mobileMasked ?? null,
    minAnswerLength: offer?.minAnswerLength ?? 3,
    regions,
    passwordRulesMet: rulesMet,
  };
  const live = stepProblems(step, form, context, kinds);
  const problems: StepProblems = tried[step] ? { ...live, ...serverProblems } : serverProblems;

  /** Leaving forward: the step's values are checked now, and the agent stays on it, at the first problem, until they are right. */
  function next() {
    if (Object.keys(live).length > 0) {
      setTried((s) => ({ ...s, [step]: true }));
      requestAnimationFrame(() => body.current?.querySelector<HTMLElement>('[aria-invalid="true"], [aria-invalid="true"] input')?.focus());
      return;
    }
    setStep(steps[index + 1]!);
  }

  const cancel = () => {
    setConfirmingCancel(false);
    // A pending address confirmation is dropped, and the activation recorded as not made.
    if (allKinds.includes('personal-mail')) void abandon();
    setForm(initialForm);
    navigate('account');
  };

  async function apply() {
    const result = await complete(choicesOf(form, allKinds));
    if (!result) return;
    if (result.ok) {
      setChosen({ smsAlerts: form.smsAlerts, mobile: form.mobile, photoUse: form.photoUse, hiddenFromDirectory: form.hiddenFromDirectory });
      setForm(initialForm);
      return;
    }
    const back = result.error.details?.['step'];
    const field = SERVER_FIELDS[String(result.error.details?.['field'] ?? '')];
    const reason = result.error.details?.['reason'];
    // A refusal about one field is said next to it, like the wizard's own checks.
    if (field && typeof reason === 'string') setServerProblems({ [field]: field === 'mobile' ? reason : `${field === 'answer' ? 'answer' : 'question'}.${reason}` });
    if (typeof back === 'string' && (steps as readonly string[]).includes(back)) setStep(back as ActivationStep);
  }

  if (done) return <ActivationDoneScreen done={done} chosen={chosen} kinds={allKinds} onBack={() => navigate('account')} />;

  const offerBlocked = view.actions.activation.blocker?.kind === 'account' ? view.actions.activation.blocker : null;
  if ((offer && !offer.offered) || offerBlocked)
    return (
      <section className="panel wizard">
        <p className="hint" data-testid="activation-not-offered">
          {offerBlocked ? blockerText(offerBlocked, view.methods) : offer ? blockerText({ kind: 'account', reason: offer.reason ?? 'already-activated', fixer: offer.fixer }, view.methods) : ''}
        </p>
        <button type="button" className="secondary" onClick={() => navigate('account')}>
          {t('activation.backToCard')}
        </button>
      </section>
    );

  return (
    <section className="panel wizard" aria-labelledby="wizard-heading" data-testid="activation-wizard" ref={wizard}>
      <header className="wizard-head">
        <h1 id="wizard-heading">
          {t('activation.heading')} — <DirText value={card.displayName} />{' '}
          <span className="mono muted">
            (<DirText value={card.login} />)
          </span>
        </h1>
        <ol className="steps" aria-label={t('activation.progress')}>
          {steps.map((s, i) => (
            <li key={s} className={i < index ? 'step is-done' : i === index ? 'step is-current' : 'step'} aria-current={i === index ? 'step' : undefined}>
              <span className="step-number">{i + 1}</span> {localText(screens.find((x) => x.id === s)?.title, locale) ?? t(`activation.steps.${s}`)}
            </li>
          ))}
        </ol>
        <progress max={steps.length - 1} value={index} aria-label={t('activation.progress')} className="wizard-progress" />
      </header>
      {error && !Object.keys(serverProblems).length && (
        <p className="error" role="alert" data-testid="activation-error">
          {errorText(error)}
          {historyRefusal(error, card?.passwordHistory ?? null)}
          {error.details?.['activated'] === false ? ` ${t('activation.notCompleted')}` : ''}
          {error.code === 'OUTCOME_UNKNOWN' ? ` ${t('activation.maybeCompleted')}` : ''}
        </p>
      )}
      <div className="wizard-body" ref={body} data-focus-scope>
        {step === 'verification' && (
          <>
            {verification}
            {problems.verification && view.actions.activation.blocker && (
              <p className="field-error" role="alert" data-testid="problem-verification">
                {blockerText(view.actions.activation.blocker, view.methods)}
              </p>
            )}
          </>
        )}
        {screen?.intro && (
          <p className="screen-intro" data-testid="screen-intro">
            {localText(screen.intro, locale)}
          </p>
        )}
        {kinds.includes('question') && <QuestionStep form={form} patch={patch} problems={problems} presets={offer?.presetQuestions ?? []} minAnswerLength={context.minAnswerLength} />}
        {kinds.includes('sms') && <SmsStep form={form} patch={patch} problems={problems} registered={offer?.mobileMasked ?? null} tried={!!tried[step]} />}
        {kinds.includes('photo') && <PhotoStep form={form} patch={patch} problems={problems} />}
        {kinds.includes('directory') && <DirectoryStep form={form} patch={patch} problems={problems} />}
        {kinds.includes('personal-mail') && <PersonalMailStep form={form} patch={patch} problems={problems} />}
        {kinds.includes('password') && (
          <PasswordStep form={form} patch={patch} problems={problems} onRules={onRules}>
            {kinds.includes('charter') && <CharterStep form={form} patch={patch} problems={problems} charter={offer?.charter ?? null} />}
          </PasswordStep>
        )}
        {kinds.includes('charter') && !kinds.includes('password') && <CharterStep form={form} patch={patch} problems={problems} charter={offer?.charter ?? null} />}
        {step === 'confirmation' && <ConfirmationStep form={form} question={questionOf(form).trim()} kinds={allKinds} />}
      </div>
      <footer className="wizard-nav">
        <button type="button" className="secondary" onClick={() => setConfirmingCancel(true)}>
          {t('activation.cancel')}
        </button>
        <span className="grow" />
        {index > 0 && (
          <button type="button" className="secondary" onClick={() => setStep(steps[index - 1]!)} disabled={applying}>
            {t('activation.back')}
          </button>
        )}
        {step !== 'confirmation' ? (
          <button type="button" className="primary" onClick={next}>
            {t('activation.next')}
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => void apply()} disabled={applying || !view.actions.activation.enabled}>
            {applying ? t('activation.applying') : t('activation.apply')}
          </button>
        )}
      </footer>
      {confirmingCancel && (
        <ConfirmDialog
          title={t('activation.confirmCancel.title')}
          body={t('activation.confirmCancel.body')}
          confirm={t('activation.confirmCancel.confirm')}
          cancel={t('activation.confirmCancel.cancel')}
          testId="confirm-cancel-activation"
          onConfirm={cancel}
          onCancel={() => setConfirmingCancel(false)}
        />
      )}
    </section>
  );
}
