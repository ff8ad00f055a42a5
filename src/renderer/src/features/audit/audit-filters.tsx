/** Audit review: the filter form (dates, agent, account, action, outcome, free text). */
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditAction, type AuditOutcome } from '../../../../shared/audit-events';
import { emptyAuditFilter } from './audit-slice';

export function AuditFilters() {
  const { t } = useTranslation();
  const form = useStore((s) => s.auditForm);
  const setForm = useStore((s) => s.setAuditForm);
  const run = useStore((s) => s.runAuditQuery);
  const agent = useStore((s) => s.agent);

  function submit(event: FormEvent) {
    event.preventDefault();
    void run();
  }

  return (
    <form className="audit-filters" onSubmit={submit} aria-label={t('audit.filters')}>
      <label>
        <span>{t('audit.from')}</span>
        <input type="date" value={form.from} onChange={(e) => setForm({ from: e.target.value })} />
      </label>
      <label>
        <span>{t('audit.to')}</span>
        <input type="date" value={form.to} onChange={(e) => setForm({ to: e.target.value })} />
      </label>
      {agent?.role === 'supervisor' && (
        <label>
          <span>{t('audit.agent')}</span>
          <input value={form.agent} onChange={(e) => setForm({ agent: e.target.value })} maxLength={128} spellCheck={false} />
        </label>
      )}
      <label>
        <span>{t('audit.target')}</span>
        <input value={form.target} onChange={(e) => setForm({ target: e.target.value })} maxLength={128} spellCheck={false} />
      </label>
      <label>
        <span>{t('audit.action')}</span>
        <select value={form.action} onChange={(e) => setForm({ action: e.target.value as AuditAction | '' })}>
          <option value="">{t('audit.any')}</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`auditActions.${a}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('audit.outcome')}</span>
        <select value={form.outcome} onChange={(e) => setForm({ outcome: e.target.value as AuditOutcome | '' })}>
          <option value="">{t('audit.any')}</option>
          {AUDIT_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`outcomes.${o}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="grow">
        <span>{t('audit.text')}</span>
        <input value={form.text} onChange={(e) => setForm({ text: e.target.value })} maxLength={200} placeholder={t('audit.textHint')} />
      </label>
      <div className="filter-buttons">
        <button type="submit" className="primary">
          {t('audit.apply')}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setForm(emptyAuditFilter);
            void run();
          }}
        >
          {t('audit.reset')}
        </button>
      </div>
    </form>
  );
}
