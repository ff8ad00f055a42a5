import { useTranslation } from 'react-i18next';

export function AccountScreen() {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="account-heading">
      <h1 id="account-heading">{t('account.heading')}</h1>
    </section>
  );
}
