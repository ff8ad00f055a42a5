/** The evidence the agent gathers (document seen, identifier and date of birth, code printed on a document, code by mail, secret question), each method drawn from the desk model and the institution's own identifiers. */
import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { errorText } from '../../i18n';
import { formatDateTime } from '../../format';
import { DateField } from '../../components/date-field';
import { useDeskView } from '../../components/use-desk-view';
import type { MethodView } from '../../../../shared/desk-view';
import { UnusableAddress } from '../../components/masked-mail';
import { DOCUMENT_KINDS, type DocumentKind, type EvidenceKind, type IdentifierKind } from '../../../../shared/verification';
import { DEFAULT_EVIDENCE_OFFER } from '../../../../shared/institution';
import { PersonSignIn } from './person-sign-in';
import { ProblemInput } from '../../components/problem-input';

/** "✓ fait", or "expiré, à refaire" once the verification's time ran out. */
function Status({ method }: { method: MethodView }) {
  const { t } = useTranslation();
  if (method.status === 'done') return <span className="done-mark">✓ {t('verify.done')}</span>;
  if (method.status === 'expired') return <span className="expired-mark">{t('desk.methods.expired')}</span>;
  return null;
}

/** Why the method cannot be used now, and the error of its last call: next to it. */
function MethodNotes({ method }: { method: MethodView }) {
  const { t } = useTranslation();
  const error = useStore((s) => (s.verificationErrorOf === method.kind ? s.verificationError : null));
  return (
    <>
      {method.problem === 'unusable-address' ? (
        <p className="small" data-testid={`method-problem-${method.kind}`}>
          <UnusableAddress />
        </p>
      ) : (
        method.problem &&
        method.problem !== 'no-question' && (
          <p className={method.problem === 'blocked' ? 'error small' : 'small muted'} data-testid={`method-problem-${method.kind}`}>
            {t(`desk.methods.${method.problem}`, { when: formatDateTime(method.blockedUntil) })}
          </p>
        )
      )}
      {error && (
        <p className="error small" role="alert">
          {errorText(error)}
        </p>
      )}
    </>
  );
}

function Method({ method, testId, children }: { method: MethodView; testId: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <fieldset className="method" data-testid={testId} data-status={method.status} disabled={!method.usable && method.problem !== 'blocked' ? true : undefined}>
      <legend>
        {t(`verify.evidence.${method.kind}`)} <Status method={method} />
      </legend>
      {children}
      <MethodNotes method={method} />
    </fieldset>
  );
}

function DocumentMethod({ method }: { method: MethodView }) {
  const { t } = useTranslation();
  const verifyDocument = useStore((s) => s.verifyDocument);
  const busy = useStore((s) => s.verificationBusy);
  const [kind, setKind] = useState<DocumentKind>('student-card');
  return (
    <Method method={method} testId="method-document">
      <p className="small muted">{t('verify.documentHint')}</p>
      <div className="row">
        <select value={kind} onChange={(e) => setKind(e.target.value as DocumentKind)} aria-label={t('verify.documentKind')} data-autofocus>
          {DOCUMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`verify.documents.${k}`)}
            </option>
          ))}
        </select>
        <button type="button" className="secondary" disabled={busy || !method.usable} onClick={() => void verifyDocument(kind)}>
          {t('verify.documentConfirm')}
        </button>
      </div>
    </Method>
  );
}

function IdentifierMethod({ method }: { method: MethodView }) {
  const { t } = useTranslation();
  const verifyIdentifier = useStore((s) => s.verifyIdentifier);
  const busy = useStore((s) => s.verificationBusy);
  const last = useStore((s) => s.lastCheck);
  // The list from the status itself: a list made in the selector would be new at each read (an endless redraw).
  const identifiers = useStore((s) => s.status?.journeys.identifiers ?? null);
  const offered = useMemo(() => identifiers?.map((i) => i.kind) ?? DEFAULT_EVIDENCE_OFFER.identifierKinds, [identifiers]);
  const [chosen, setKind] = useState<IdentifierKind | null>(null);
  const kind = chosen && offered.includes(chosen) ? chosen : offered[0]!;
  // An identifier kind with no hint of the institution's has an empty message: nothing is shown, not the key.
  const hint = t(`verify.identifierHints.${kind}`, { defaultValue: '' });
  const [identifier, setIdentifier] = useState('');
  const [birth, setBirth] = useState('');
  const [tried, setTried] = useState(false);
  const identifierId = useId();
  const missingIdentifier = tried && identifier.trim() === '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (identifier.trim() === '' || birth === '') return;
    const matched = await verifyIdentifier(kind, identifier.trim(), birth);
    // What the person said leaves the screen once it served; a mismatch keeps it, to fix a typo.
    if (matched) {
      setIdentifier('');
      setBirth('');
      setTried(false);
    }
  }

  return (
    <Method method={method} testId="method-identifier">
      <form onSubmit={(e) => void submit(e)} className="method-form" autoComplete="off" noValidate>
        <select value={kind} onChange={(e) => setKind(e.target.value as IdentifierKind)} aria-label={t('verify.identifierKind')}>
          {offered.map((k) => (
            <option key={k} value={k}>
              {t(`verify.identifiers.${k}`)}
            </option>
          ))}
        </select>
        <span className="field">
          <label htmlFor={identifierId}>{t('verify.identifierValue')}</label>
          <ProblemInput
            id={identifierId}
            value={identifier}
            onChange={(e) => setIdentifier(e.target.value)}
            maxLength={64}
            spellCheck={false}
            problem={missingIdentifier ? t('verify.identifierMissing') : null}
          />
        </span>
        <DateField label={t('verify.birthDate')} value={birth} onChange={setBirth} notAfterToday showProblem={tried} />
        <button type="submit" className="secondary" disabled={busy || !method.usable}>
          {t('verify.check')}
        </button>
      </form>
      {hint && <p className="small muted">{hint}</p>}
      {last?.method === 'identifier' && (
        <p className={last.matched ? 'ok-text' : 'error small'} role="status" data-testid="identifier-result">
          {last.matched ? t('verify.matched') : t('verify.notMatched')}
        </p>
      )}
    </Method>
  );
}

/** A code printed on a document the person holds (UBP's certificate code): read out by the person, compared by the directory. */
function DocumentCodeMethod({ method }: { method: MethodView }) {
  const { t } = useTranslation();
  const verifyDocumentCode = useStore((s) => s.verifyDocumentCode);
  const busy = useStore((s) => s.verificationBusy);
  const last = useStore((s) => s.lastCheck);
  const [code, setCode] = useState('');
  const [tried, setTried] = useState(false);
  const id = useId();
  const hint = t('verify.documentCodeHint');
  if (!method.shown) return null;
  const missing = tried && code.trim() === '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (code.trim() === '') return;
    await verifyDocumentCode(code.trim());
    // Like a secret answer: gone from the screen once it served, right or wrong.
    setCode('');
    setTried(false);
  }

  return (
    <Method method={method} testId="method-document-code">
      {hint && <p className="small muted">{hint}</p>}
      <form onSubmit={(e) => void submit(e)} className="method-form" autoComplete="off" noValidate>
        <span className="field">
          <label htmlFor={id}>{t('verify.documentCodeLabel')}</label>
          <ProblemInput
            id={id}
            type="password"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            maxLength={64}
            spellCheck={false}
            problem={missing ? t('verify.documentCodeMissing') : null}
          />
        </span>
        <button type="submit" className="secondary" disabled={busy || !method.usable}>
          {t('verify.check')}
        </button>
      </form>
      {last?.method === 'document-code' && (
        <p className={last.matched ? 'ok-text' : 'error small'} role="status" data-testid="document-code-result">
          {last.matched ? t('verify.matched') : t('verify.notMatched')}
        </p>
      )}
    </Method>
  );
}

function CodeMethod({ method }: { method: MethodView }) {
  const { t } = useTranslation();
  const state = useStore((s) => s.verification);
  const sendCode = useStore((s) => s.sendCode);
  const checkCode = useStore((s) => s.checkCode);
  const busy = useStore((s) => s.verificationBusy);
  const last = useStore((s) => s.lastCheck);
  const [code, setCode] = useState('');
  const destination = state?.codeDestinationMasked ?? null;
  const pending = state?.codePendingUntil ?? null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    await checkCode(code.trim());
    setCode('');
  }

  return (
    <Method method={method} testId="method-code">
      {method.usable && destination && (
        <div className="row">
          <button type="button" className="secondary" disabled={busy} onClick={() => void sendCode()}>
            {pending ? t('verify.resendCode', { to: destination }) : t('verify.sendCode', { to: destination })}
          </button>
        </div>
      )}
      {method.usable && pending && (
        <form onSubmit={(e) => void submit(e)} className="method-form" autoComplete="off">
          <input
            aria-label={t('verify.codeLabel')}
            placeholder={t('verify.codeLabel')}
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
            inputMode="numeric"
            maxLength={10}
          />
          <button type="submit" className="secondary" disabled={busy || code.length < 4}>
            {t('verify.check')}
          </button>
          <span className="small muted">{t('verify.codeValidUntil', { when: formatDateTime(pending) })}</span>
        </form>
      )}
      {last?.method === 'code' && (
        <p className={last.matched ? 'ok-text' : 'error small'} role="status" data-testid="code-result">
          {last.matched ? t('verify.matched') : t('verify.codeWrong', { count: last.triesLeft ?? 0 })}
        </p>
      )}
    </Method>
  );
}

function SecretQuestionMethod({ method }: { method: MethodView }) {
  const { t } = useTranslation();
  const question = useStore((s) => s.verification?.secretQuestion ?? null);
  const checkAnswer = useStore((s) => s.checkAnswer);
  const busy = useStore((s) => s.verificationBusy);
  const last = useStore((s) => s.lastCheck);
  const [answer, setAnswer] = useState('');
  if (!question || !method.shown) return null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    await checkAnswer(answer);
    setAnswer('');
  }

  return (
    <Method method={method} testId="method-question">
      <p className="small">
        « {question} » <span className="muted">— {t('verify.weak')}</span>
      </p>
      <form onSubmit={(e) => void submit(e)} className="method-form" autoComplete="off">
        <input type="password" aria-label={t('verify.answer')} placeholder={t('verify.answer')} value={answer} onChange={(e) => setAnswer(e.target.value)} maxLength={256} />
        <button type="submit" className="secondary" disabled={busy || answer === '' || !method.usable}>
          {t('verify.check')}
        </button>
      </form>
      {last?.method === 'answer' && (
        <p className={last.matched ? 'ok-text' : 'error small'} role="status">
          {last.matched ? t('verify.matched') : t('verify.notMatched')}
        </p>
      )}
    </Method>
  );
}

/** The person's own sign-in (person-sign-in.tsx draws what is inside the method). */
function SignInMethod({ method }: { method: MethodView }) {
  if (!method.shown) return null;
  return (
    <Method method={method} testId="method-sign-in">
      <PersonSignIn method={method} />
    </Method>
  );
}

const METHODS: Record<EvidenceKind, (props: { method: MethodView }) => ReactNode> = {
  document: DocumentMethod,
  'person-sign-in': SignInMethod,
  'identifier-birthdate': IdentifierMethod,
  'document-code': DocumentCodeMethod,
  'email-code': CodeMethod,
  'secret-question': SecretQuestionMethod,
};

/** The evidence the agent can gather, each checked by main and recorded in the audit. */
export function VerificationPanel() {
  const { t } = useTranslation();
  const view = useDeskView();
  const error = useStore((s) => (s.verificationErrorOf === null ? s.verificationError : null));
  const state = useStore((s) => s.verification);
  const clear = useStore((s) => s.clearVerification);
  if (!view) return null;
  return (
    <section className="card-section verify-panel" aria-labelledby="verify-heading">
      <header className="section-head">
        <h2 id="verify-heading">{t('verify.heading')}</h2>
        {(state?.active || state?.expired) && (
          <button type="button" className="link-button" onClick={() => void clear()}>
            {t('verify.clear')}
          </button>
        )}
      </header>
      {error && (
        <p className="error small" role="alert">
          {errorText(error)}
        </p>
      )}
      <div className="methods">
        {(Object.keys(METHODS) as EvidenceKind[]).map((kind) => {
          const Component = METHODS[kind];
          return <Component key={kind} method={view.methods[kind]} />;
        })}
      </div>
    </section>
  );
}
