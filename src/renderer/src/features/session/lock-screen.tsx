/** The lock screen: no personal data, only the agent's name and their password to resume. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { errorText } from '../../i18n';

/** Shown over everything while the session is locked: no personal data, only the agent's name. */
export function LockScreen() {
  const { t } = useTranslation();
  const agent = useStore((s) => s.agent);
  const resume = useStore((s) => s.resume);
  const signOut = useStore((s) => s.signOut);
  const busy = useStore((s) => s.signingIn);
  const error = useStore((s) => s.sessionError);
  const [password, setPassword] = useState('');

  async function submit(event: FormEvent) {
    event.preventDefault();
    await resume(password);
    setPassword('');
  }

  return (
    <section className="panel narrow lock" aria-labelledby="lock-heading" data-testid="lock-screen">
      <h1 id="lock-heading">{t('lock.heading')}</h1>
      <p className="muted">{t('lock.intro', { name: agent?.displayName ?? '' })}</p>
      <form onSubmit={(e) => void submit(e)} className="form" autoComplete="off">
        <label>
          <span>{t('signin.password')}</span>
          <input name="password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoFocus maxLength={256} />
        </label>
        {error && (
          <p className="error" role="alert" data-testid="lock-error">
            {/* Only the password is asked here: the sign-in screen's "login or password" would point at the wrong field. */}
            {error.code === 'INVALID_CREDENTIALS' ? t('lock.wrongPassword') : errorText(error)}
          </p>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={busy || password === ''}>
            {t('lock.resume')}
          </button>
          <button type="button" className="secondary" onClick={() => void signOut()}>
            {t('nav.signout')}
          </button>
        </div>
      </form>
    </section>
  );
}
