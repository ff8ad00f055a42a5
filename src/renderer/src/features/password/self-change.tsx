/**
 * The person's own change with the current password (where the institution offers it): the
 * card's row, drawn from the shared verdict (shared/self-change.ts), with the warning that a
 * wrong current password counts towards the person's lockout; and the privacy screen where
 * the person types the current password (and their app's code when the card says they have
 * one) and the new one twice. What they type lives in this screen's fields only, emptied as
 * soon as it is sent; a refusal is said next to the field it is about.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useStore } from '../../store';
import { PrivacyDialog } from '../../components/privacy-dialog';
import { AuthenticatorCodeInput, codeFieldOf, SubmitCancel, type CodeField } from '../../components/privacy-form-parts';
import { PasswordChecklist } from '../../components/password-checklist';
import { ProblemInput } from '../../components/problem-input';
import { Notification } from '../../components/notification';
import { useNow } from '../../components/use-desk-view';
import { errorText } from '../../i18n';
import { formatDateTime } from '../../format';
import { accountFactsOf } from '../../../../shared/account-standing';
import { selfChangeVerdict, type SelfChangeVerdict } from '../../../../shared/self-change';
import { DESK_NOTE_ACTIONS } from '../../../../shared/desk-note';
import type { AppError } from '../../../../shared/result';

type Field = 'currentPassword' | 'code' | 'newPassword';


/** The verdict for the open card, from the same facts main judges by. */
export function useSelfChangeVerdict(): SelfChangeVerdict | null {
  const card = useStore((s) => s.card);
  const configured = useStore((s) => s.status?.journeys.selfChange ?? false);
  const verification = useStore((s) => s.verification);
  const now = useNow();
  const blockedUntil = verification && card && verification.dn === card.dn ? (verification.blocked['person-sign-in'] ?? null) : null;
  return useMemo(() => (card ? selfChangeVerdict(accountFactsOf(card), { configured, blockedUntil }, now) : null), [card, configured, blockedUntil, now]);
}

/** Which field a refusal is about, and its sentence; null field: said above the form. */
function problemOf(error: AppError, t: TFunction): { field: Field | null; text: string } {
  const details = error.details ?? {};
  const reason = details['reason'];
  const field = details['field'] === 'currentPassword' || details['field'] === 'code' || details['field'] === 'newPassword' ? (details['field'] as Field) : null;
  if (field === 'currentPassword') return { field, text: reason === 'now-locked' ? t('selfChange.problem.nowLocked') : t('selfChange.problem.currentWrong') };
  if (reason === 'code-required') return { field: 'code', text: t('selfChange.problem.codeRequired') };
  if (reason === 'user-change-not-allowed') return { field: null, text: t('selfChange.problem.notAllowed') };
  if (field === 'newPassword') {
    const policy = details['policy'];
    const text =
      reason === 'history'
        ? t('selfChange.problem.history')
        : reason === 'same-as-current'
          ? t('selfChange.problem.sameAsCurrent')
          : reason === 'rules'
            ? t('selfChange.problem.rules')
            : policy === 'too-short'
              ? t('selfChange.problem.tooShort')
              : policy === 'too-young'
                ? t('selfChange.problem.tooYoung')
                : policy === 'quality'
                  ? t('selfChange.problem.quality')
                  : errorText(error);
    return { field, text };
  }
  return { field: null, text: errorText(error) };
}

function FieldProblem({ id, problem, field }: { id: string; problem: { field: Field | null; text: string } | null; field: Field }) {
  if (problem?.field !== field) return null;
  return (
    <span className="error small" id={id} role="alert" data-testid={`self-change-problem-${field}`}>
      {problem.text}
    </span>
  );
}

function SelfChangeScreen({ codeField, onClose }: { codeField: CodeField; onClose: () => void }) {
  const { t } = useTranslation();
  const changeOwnPassword = useStore((s) => s.changeOwnPassword);
  const busy = useStore((s) => s.actionBusy);
  const error = useStore((s) => s.actionError);
  const [current, setCurrent] = useState('');
  const [code, setCode] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [valid, setValid] = useState(false);
  const [sent, setSent] = useState(false);
  const currentRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const newRef = useRef<HTMLInputElement>(null);
  const problem = sent && error ? problemOf(error, t) : null;
  const problemOn = (field: Field) => ({ problem: problem?.field === field ? problem.text : null, problemClassName: 'error small', problemTestId: `self-change-problem-${field}` });
  const ready = current !== '' && (codeField !== 'required' || code.length >= 6) && (code === '' || code.length >= 6) && valid && !busy;

  // The person retypes where the refusal points.
  const problemField = problem?.field ?? null;
  const problemText = problem?.text ?? null;
  useEffect(() => {
    const field = problemField === 'currentPassword' ? currentRef : problemField === 'code' ? codeRef : problemField === 'newPassword' ? newRef : null;
    if (problemText) field?.current?.focus();
  }, [problemField, problemText]);

  function empty() {
    setCurrent('');
    setCode('');
    setNext('');
    setConfirm('');
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!ready) return;
    const typed = { current, next, code };
    empty();
    setSent(true);
    if (await changeOwnPassword(typed.current, typed.next, codeField !== 'none' && typed.code !== '' ? typed.code : undefined)) onClose();
  }

  const close = () => {
    empty();
    onClose();
  };

  return (
    <PrivacyDialog labelledBy="self-change-heading" testId="self-change-screen" onCancel={close}>
      <form className="privacy-box" onSubmit={(e) => void submit(e)} autoComplete="off">
        <h2 id="self-change-heading">{t('selfChange.heading')}</h2>
        <p className="muted">{codeField === 'required' ? t('selfChange.introCode') : t('selfChange.intro')}</p>
        {problem && problem.field === null && (
          <p className="error" role="alert" data-testid="self-change-problem">
            {problem.text}
          </p>
        )}
        <label>
          <span>{t('selfChange.current')}</span>
          <ProblemInput
            {...problemOn('currentPassword')}
            id="self-change-current"
            inputRef={currentRef}
            type="password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            maxLength={256}
            autoFocus
            autoComplete="off"
            spellCheck={false}
            describedBy="self-change-lockout"
          />
        </label>
        {codeField !== 'none' && (
          <>
            <AuthenticatorCodeInput
              label={codeField === 'required' ? t('selfChange.code') : t('personSignIn.codeIfAny')}
              value={code}
              onChange={setCode}
              inputRef={codeRef}
              invalid={problem?.field === 'code'}
            />
            <FieldProblem id="self-change-code-problem" problem={problem} field="code" />
          </>
        )}
        <p className="hint small" id="self-change-lockout" data-testid="self-change-lockout">
          {t('selfChange.lockout')}
        </p>
        <label>
          <span>{t('selfChange.newPassword')}</span>
          <ProblemInput
            {...problemOn('newPassword')}
            id="self-change-new"
            inputRef={newRef}
            type="password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
            maxLength={256}
            autoComplete="new-password"
            spellCheck={false}
          />
        </label>
        <label>
          <span>{t('selfChange.confirm')}</span>
          <input type="password" value={confirm} onChange={(e) => setConfirm(e.target.value)} maxLength={256} autoComplete="new-password" spellCheck={false} />
        </label>
        <PasswordChecklist password={next} confirm={confirm} onValidity={setValid} />
        <SubmitCancel ready={ready} busy={busy} submit={t('selfChange.save')} busyText={t('selfChange.saving')} cancel={t('selfChange.cancel')} onCancel={close} />
      </form>
    </PrivacyDialog>
  );
}

/** The card's row: offered where the institution allows it, enabled by the shared verdict, the lockout warning beside it. */
export function SelfChangeRow({ busy }: { busy: boolean }) {
  const { t } = useTranslation();
  const card = useStore((s) => s.card);
  const done = useStore((s) => s.selfChanged);
  const noteFor = useStore((s) => s.noteFor);
  const verdict = useSelfChangeVerdict();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  if (!card || !verdict?.offered) return null;
  const why =
    verdict.problem === 'account-locked'
      ? t('selfChange.why.account-locked')
      : verdict.problem === 'blocked'
        ? t('selfChange.why.blocked', { when: formatDateTime(verdict.blockedUntil) })
        : null;
  return (
    <div className="action-row self-change" data-testid="self-change-row">
      <button
        ref={button}
        type="button"
        className="secondary"
        disabled={busy || !verdict.enabled}
        aria-describedby={why ? 'why-self-change' : 'self-change-hint'}
        // The agent's note first: the person types nothing for a request that cannot go.
        onClick={() => noteFor(DESK_NOTE_ACTIONS['self-change']) && setOpen(true)}
      >
        {t('selfChange.open')}
      </button>
      <span className="small muted" id="self-change-hint">
        {t('selfChange.hint')} {verdict.enabled ? t('selfChange.lockout') : ''}
      </span>
      {why && (
        <span className="small muted" id="why-self-change" data-testid="why-self-change">
          {why}
        </span>
      )}
      {done && (
        <p className="ok-text" role="status" data-testid="self-change-result">
          {t('selfChange.done', { when: formatDateTime(done.at) })} <Notification {...done.notification} />
        </p>
      )}
      {open && (
        <SelfChangeScreen
          codeField={codeFieldOf(card)}
          onClose={() => {
            setOpen(false);
            button.current?.focus();
          }}
        />
      )}
    </div>
  );
}
