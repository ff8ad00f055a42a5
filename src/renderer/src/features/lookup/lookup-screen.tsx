import { useTranslation } from 'react-i18next';

export function LookupScreen() {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="lookup-heading">
      <h1 id="lookup-heading">{t('lookup.heading')}</h1>
    </section>
  );
}
