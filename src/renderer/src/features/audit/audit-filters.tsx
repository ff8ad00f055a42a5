/** Audit review: the filter form (dates, agent and account with suggestions, action, outcome, free text, ticket). */
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { DateField } from '../../components/date-field';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, TICKET_SHAPE, type AuditAction, type AuditOutcome } from '../../../../shared/audit-events';
import { emptyAuditFilter } from './audit-slice';
import { LoginCombobox } from './login-combobox';

export function AuditFilters() {
  const { t } = useTranslation();
  const form = useStore((s) => s.auditForm);
  const setForm = useStore((s) => s.setAuditForm);
  const run = useStore((s) => s.runAuditQuery);
  const agent = useStore((s) => s.agent);
  const ticketInvalid = form.ticket.trim() !== '' && !TICKET_SHAPE.test(form.ticket.trim());

  function submit(event: FormEvent) {
    event.preventDefault();
    void run();
  }

  return (
    <form className="audit-filters" onSubmit={submit} aria-label={t('audit.filters')}>
      {/* jj/mm/aaaa whatever the browser's locale (a native date input follows the system's). */}
      <DateField label={t('audit.from')} value={form.from} onChange={(from) => setForm({ from })} className="audit-date" />
      <DateField label={t('audit.to')} value={form.to} onChange={(to) => setForm({ to })} className="audit-date" />
      {agent?.role === 'supervisor' && <LoginCombobox field="agent" label={t('audit.agent')} />}
      <LoginCombobox field="target" label={t('audit.target')} />
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
      <div className="grow field-with-hint">
        <label htmlFor="audit-text">{t('audit.text')}</label>
        {/* The screen's first useful field: the supervisor types a login, a name, a word of a comment. */}
        <input id="audit-text" value={form.text} onChange={(e) => setForm({ text: e.target.value })} maxLength={200} aria-describedby="audit-text-hint" autoFocus />
        <span id="audit-text-hint" className="combo-hint">
          {t('audit.textHint')}
        </span>
      </div>
      <div className="field-with-hint">
        <label htmlFor="audit-ticket">{t('audit.ticket')}</label>
        <input
          id="audit-ticket"
          className="mono"
          value={form.ticket}
          onChange={(e) => setForm({ ticket: e.target.value })}
          maxLength={64}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={ticketInvalid || undefined}
          aria-describedby={ticketInvalid ? 'audit-ticket-hint audit-ticket-problem' : 'audit-ticket-hint'}
        />
        <span id="audit-ticket-hint" className="combo-hint">
          {t('audit.ticketHint')}
        </span>
        {ticketInvalid && (
          <span id="audit-ticket-problem" className="error small" role="alert">
            {t('audit.ticketInvalid')}
          </span>
        )}
      </div>
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
