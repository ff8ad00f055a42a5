import { useTranslation } from 'react-i18next';

export function AuditScreen() {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="audit-heading">
      <h1 id="audit-heading">{t('audit.heading')}</h1>
    </section>
  );
}
