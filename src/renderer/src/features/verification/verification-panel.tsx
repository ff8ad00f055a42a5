/** The evidence the agent gathers: document seen, identifier and date of birth, code by mail, secret question. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { errorText } from '../../i18n';
import { formatDateTime } from '../../format';
import { UnusableAddress } from '../../components/masked-mail';
import { UNUSABLE_MAILBOX } from '../../../../shared/mail-address';
import { DOCUMENT_KINDS, IDENTIFIER_KINDS, type DocumentKind, type EvidenceKind, type IdentifierKind } from '../../../../shared/verification';

/** dd/mm/yyyy (as people say it) -> YYYY-MM-DD, or null. */
export function parseFrenchDate(text: string): string | null {
  const match = /^\s*(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})\s*$/.exec(text);
  if (!match) return null;
  const [, d, m, y] = match;
  const iso = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}

function Blocked({ kind }: { kind: EvidenceKind }) {
  const { t } = useTranslation();
  const until = useStore((s) => s.verification?.blocked[kind]);
  if (!until) return null;
  return (
    <p className="error small" role="alert">
      {t('verify.blockedUntil', { when: formatDateTime(until) })}
    </p>
  );
}

function Done({ kind }: { kind: EvidenceKind }) {
  const { t } = useTranslation();
  const done = useStore((s) => s.verification?.evidence.some((e) => e.kind === kind));
  return done ? <span className="done-mark">✓ {t('verify.done')}</span> : null;
}

function DocumentMethod() {
  const { t } = useTranslation();
  const verifyDocument = useStore((s) => s.verifyDocument);
  const busy = useStore((s) => s.verificationBusy);
  const [kind, setKind] = useState<DocumentKind>('student-card');
  return (
    <fieldset className="method" data-testid="method-document">
      <legend>
        {t('verify.evidence.document')} <Done kind="document" />
      </legend>
      <p className="small muted">{t('verify.documentHint')}</p>
      <div className="row">
        <select value={kind} onChange={(e) => setKind(e.target.value as DocumentKind)} aria-label={t('verify.documentKind')}>
          {DOCUMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`verify.documents.${k}`)}
            </option>
          ))}
        </select>
        <button type="button" className="secondary" disabled={busy} onClick={() => void verifyDocument(kind)}>
          {t('verify.documentConfirm')}
        </button>
      </div>
    </fieldset>
  );
}

function IdentifierMethod() {
  const { t } = useTranslation();
  const verifyIdentifier = useStore((s) => s.verifyIdentifier);
  const busy = useStore((s) => s.verificationBusy);
  const last = useStore((s) => s.lastCheck);
  const blocked = useStore((s) => !!s.verification?.blocked['identifier-birthdate']);
  const [kind, setKind] = useState<IdentifierKind>('studentId');
  const [identifier, setIdentifier] = useState('');
  const [birth, setBirth] = useState('');
  const iso = parseFrenchDate(birth);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!iso) return;
    await verifyIdentifier(kind, identifier.trim(), iso);
    // What the person said is not kept on screen.
    setIdentifier('');
    setBirth('');
  }

  return (
    <fieldset className="method" data-testid="method-identifier">
      <legend>
        {t('verify.evidence.identifier-birthdate')} <Done kind="identifier-birthdate" />
      </legend>
      <form onSubmit={(e) => void submit(e)} className="method-form" autoComplete="off">
        <select value={kind} onChange={(e) => setKind(e.target.value as IdentifierKind)} aria-label={t('verify.identifierKind')}>
          {IDENTIFIER_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`verify.identifiers.${k}`)}
            </option>
          ))}
        </select>
        <input aria-label={t('verify.identifierValue')} placeholder={t('verify.identifierValue')} value={identifier} onChange={(e) => setIdentifier(e.target.value)} maxLength={64} spellCheck={false} />
        <input
          aria-label={t('verify.birthDate')}
          placeholder={t('verify.birthDatePlaceholder')}
          value={birth}
          onChange={(e) => setBirth(e.target.value)}
          maxLength={10}
          inputMode="numeric"
          aria-invalid={birth !== '' && !iso}
        />
        <button type="submit" className="secondary" disabled={busy || blocked || !iso || identifier.trim() === ''}>
          {t('verify.check')}
        </button>
      </form>
      {last?.method === 'identifier' && (
        <p className={last.matched ? 'ok-text' : 'error small'} role="status" data-testid="identifier-result">
          {last.matched ? t('verify.matched') : t('verify.notMatched')}
        </p>
      )}
      <Blocked kind="identifier-birthdate" />
    </fieldset>
  );
}

function CodeMethod() {
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
    <fieldset className="method" data-testid="method-code">
      <legend>
        {t('verify.evidence.email-code')} <Done kind="email-code" />
      </legend>
      {destination === UNUSABLE_MAILBOX ? (
        <UnusableAddress />
      ) : destination ? (
        <>
          <div className="row">
            <button type="button" className="secondary" disabled={busy || !!state?.blocked['email-code']} onClick={() => void sendCode()}>
              {pending ? t('verify.resendCode', { to: destination }) : t('verify.sendCode', { to: destination })}
            </button>
          </div>
          {pending && (
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
        </>
      ) : (
        <p className="small muted">{t('verify.noPersonalMail')}</p>
      )}
      <Blocked kind="email-code" />
    </fieldset>
  );
}

function SecretQuestionMethod() {
  const { t } = useTranslation();
  const question = useStore((s) => s.verification?.secretQuestion ?? null);
  const checkAnswer = useStore((s) => s.checkAnswer);
  const busy = useStore((s) => s.verificationBusy);
  const last = useStore((s) => s.lastCheck);
  const [answer, setAnswer] = useState('');
  if (!question) return null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    await checkAnswer(answer);
    setAnswer('');
  }

  return (
    <fieldset className="method" data-testid="method-question">
      <legend>
        {t('verify.evidence.secret-question')} <Done kind="secret-question" />
      </legend>
      <p className="small">
        « {question} » <span className="muted">— {t('verify.weak')}</span>
      </p>
      <form onSubmit={(e) => void submit(e)} className="method-form" autoComplete="off">
        <input type="password" aria-label={t('verify.answer')} placeholder={t('verify.answer')} value={answer} onChange={(e) => setAnswer(e.target.value)} maxLength={256} />
        <button type="submit" className="secondary" disabled={busy || answer === ''}>
          {t('verify.check')}
        </button>
      </form>
      {last?.method === 'answer' && (
        <p className={last.matched ? 'ok-text' : 'error small'} role="status">
          {last.matched ? t('verify.matched') : t('verify.notMatched')}
        </p>
      )}
      <Blocked kind="secret-question" />
    </fieldset>
  );
}

/** The evidence the agent can gather, each checked by main and recorded in the audit. */
export function VerificationPanel() {
  const { t } = useTranslation();
  const error = useStore((s) => s.verificationError);
  const state = useStore((s) => s.verification);
  const clear = useStore((s) => s.clearVerification);
  return (
    <section className="card-section verify-panel" aria-labelledby="verify-heading">
      <header className="section-head">
        <h2 id="verify-heading">{t('verify.heading')}</h2>
        {state?.active && (
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
        <DocumentMethod />
        <IdentifierMethod />
        <CodeMethod />
        <SecretQuestionMethod />
      </div>
    </section>
  );
}
