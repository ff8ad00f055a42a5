import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';

export function SignInScreen() {
  const { t } = useTranslation();
  const status = useStore((s) => s.status);
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const offline = status !== null && !status.directory.reachable;

  function submit(event: FormEvent) {
    event.preventDefault();
  }

  return (
    <section className="panel narrow" aria-labelledby="signin-heading">
      <h1 id="signin-heading">{t('signin.heading')}</h1>
      <p className="muted">{t('signin.intro')}</p>
      {offline && <p className="hint">{t('signin.offlineHint')}</p>}
      <form onSubmit={submit} className="form" autoComplete="off">
        <label>
          <span>{t('signin.login')}</span>
          <input name="login" value={login} onChange={(e) => setLogin(e.target.value)} autoFocus spellCheck={false} maxLength={128} />
        </label>
        <label>
          <span>{t('signin.password')}</span>
          <input name="password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} maxLength={256} />
        </label>
        <button type="submit" className="primary" disabled={login.trim() === '' || password === ''}>
          {t('signin.submit')}
        </button>
      </form>
    </section>
  );
}
