/** The agent's sign-in screen. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { errorText } from '../../i18n';

export function SignInScreen() {
  const { t } = useTranslation();
  const status = useStore((s) => s.status);
  const signIn = useStore((s) => s.signIn);
  const signingIn = useStore((s) => s.signingIn);
  const error = useStore((s) => s.sessionError);
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const offline = status !== null && !status.directory.reachable;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await signIn(login.trim(), password);
    // The password never stays in the page longer than the request.
    setPassword('');
    if (ok) setLogin('');
  }

  return (
    <section className="panel narrow" aria-labelledby="signin-heading">
      <h1 id="signin-heading">{t('signin.heading')}</h1>
      <p className="muted">{t('signin.intro')}</p>
      {offline && <p className="hint">{t('signin.offlineHint')}</p>}
      <form onSubmit={(e) => void submit(e)} className="form" autoComplete="off">
        <label>
          <span>{t('signin.login')}</span>
          <input name="login" value={login} onChange={(e) => setLogin(e.target.value)} autoFocus spellCheck={false} maxLength={128} />
        </label>
        <label>
          <span>{t('signin.password')}</span>
          <input name="password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} maxLength={256} />
        </label>
        {error && (
          <p className="error" role="alert" data-testid="signin-error">
            {errorText(error)}
          </p>
        )}
        <button type="submit" className="primary" disabled={signingIn || login.trim() === '' || password === ''}>
          {signingIn ? t('signin.pending') : t('signin.submit')}
        </button>
      </form>
    </section>
  );
}
