/**
 * The person's own sign-in as evidence: what the panel's method holds (it says plainly that a
 * failed try counts towards the person's own lockout; the desk model says when it cannot be
 * used: no password yet, a locked account, blocked after failures), and the privacy screen where the
 * person types their password (and their app's code when the card says they have one).
 * What they type lives in this component's fields only, emptied as soon as it is sent.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { PrivacyDialog } from '../../components/privacy-dialog';
import type { MethodView } from '../../../../shared/desk-view';

/** `required`: the card says the person has an authenticator; `optional`: the desk does not manage second factors, so the card cannot say. */
type CodeField = 'required' | 'optional' | 'none';

function PersonSignInScreen({ codeField, onClose }: { codeField: CodeField; onClose: () => void }) {
  const { t } = useTranslation();
  const personSignIn = useStore((s) => s.personSignIn);
  const busy = useStore((s) => s.verificationBusy);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const ready = password !== '' && (codeField !== 'required' || code.length >= 6) && (code === '' || code.length >= 6) && !busy;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!ready) return;
    const typed = { password, code };
    setPassword('');
    setCode('');
    await personSignIn(typed.password, codeField !== 'none' && typed.code !== '' ? typed.code : undefined);
    onClose();
  }

  const close = () => {
    setPassword('');
    setCode('');
    onClose();
  };

  return (
    <PrivacyDialog labelledBy="sign-in-heading" testId="person-sign-in-screen" onCancel={close}>
      <form className="privacy-box" onSubmit={(e) => void submit(e)} autoComplete="off">
        <h2 id="sign-in-heading">{t('personSignIn.heading')}</h2>
        <p className="muted">{codeField === 'required' ? t('personSignIn.introCode') : t('personSignIn.intro')}</p>
        <label>
          <span>{t('personSignIn.password')}</span>
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} maxLength={256} autoFocus autoComplete="off" spellCheck={false} />
        </label>
        {codeField !== 'none' && (
          <label>
            <span>{codeField === 'required' ? t('personSignIn.code') : t('personSignIn.codeIfAny')}</span>
            <input
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 8))}
              inputMode="numeric"
              maxLength={8}
              autoComplete="off"
              className="code-input mono"
            />
          </label>
        )}
        <p className="hint small">{t('personSignIn.lockout')}</p>
        <div className="row">
          <button type="submit" className="primary" disabled={!ready}>
            {busy ? t('personSignIn.checking') : t('personSignIn.submit')}
          </button>
          <button type="button" className="secondary" onClick={close}>
            {t('personSignIn.cancel')}
          </button>
        </div>
      </form>
    </PrivacyDialog>
  );
}

/** Inside the method: the lockout warning (each failed try counts for the person too), the button to the privacy screen, the last answer. */
export function PersonSignIn({ method }: { method: MethodView }) {
  const { t } = useTranslation();
  const card = useStore((s) => s.card);
  const busy = useStore((s) => s.verificationBusy);
  const last = useStore((s) => s.lastCheck);
  const [open, setOpen] = useState(false);
  if (!card) return null;
  const failures = card.password.recentFailures.length;
  const codeField: CodeField = card.secondFactor === null ? 'optional' : card.secondFactor.kind === 'totp' ? 'required' : 'none';

  return (
    <>
      <p className="small muted">{t('personSignIn.hint')}</p>
      {method.usable && (
        <p className="hint small" data-testid="sign-in-lockout">
          {t('personSignIn.lockout')} {failures > 0 ? t('personSignIn.lockoutCount', { count: failures }) : ''}
        </p>
      )}
      <div className="row">
        <button type="button" className="secondary" disabled={busy || !method.usable} onClick={() => setOpen(true)}>
          {t('personSignIn.open')}
        </button>
      </div>
      {last?.method === 'sign-in' && (
        <p className={last.matched ? 'ok-text' : 'error small'} role="status" data-testid="sign-in-result">
          {last.matched ? t('personSignIn.matched') : last.accountLocked ? t('personSignIn.nowLocked') : t('personSignIn.notMatched')}
        </p>
      )}
      {open && <PersonSignInScreen codeField={codeField} onClose={() => setOpen(false)} />}
    </>
  );
}
