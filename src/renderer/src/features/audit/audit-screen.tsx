/** The audit review screen: integrity, export, filters, charts, the events and one event's detail. */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { errorText } from '../../i18n';
import { AuditFilters } from './audit-filters';
import { AuditTable, rowKey } from './audit-table';
import { AuditDetailPanel } from './audit-detail';
import { AuditCharts } from './audit-charts';
import { IntegrityBadge } from './integrity-badge';
import { ExportBar } from './export-bar';
import { AuditSourceSwitch, DeskStandings } from './audit-source';
import { reviewWords } from '../../../../shared/central-review-words';
import './journal.css';

/** The audit review: usable offline; supervisors see every agent's events, agents their own. */
export function AuditScreen() {
  const { t, i18n } = useTranslation();
  const agent = useStore((s) => s.agent);
  const run = useStore((s) => s.runAuditQuery);
  const verify = useStore((s) => s.verifyAudit);
  const error = useStore((s) => s.auditError);
  const detail = useStore((s) => s.auditDetail);
  const closeDetail = useStore((s) => s.closeAuditEvent);
  const central = useStore((s) => s.auditSource === 'central');

  useEffect(() => {
    // One opening of the screen: main records it once; the filter changes after it are not.
    void run({ opening: true });
    void verify(false);
  }, [run, verify]);

  // Focus goes back to the event's row (or the table when it scrolled away).
  const close = () => {
    const key = detail ? rowKey(detail.event) : '';
    closeDetail();
    requestAnimationFrame(() => {
      const row = document.querySelector<HTMLElement>(`[data-audit-key="${CSS.escape(key)}"]`) ?? document.querySelector<HTMLElement>('[data-testid="audit-table"] .audit-scroller');
      row?.focus();
    });
  };

  return (
    <section className="audit" aria-labelledby="audit-heading">
      <header className="audit-head">
        <div>
          <h1 id="audit-heading">{t('audit.heading')}</h1>
          <p className="muted small">{central ? reviewWords(i18n.language).scope : agent?.role === 'supervisor' ? t('audit.scopeAll') : t('audit.scopeOwn')}</p>
          <AuditSourceSwitch />
        </div>
        {central ? <DeskStandings /> : <IntegrityBadge />}
        <ExportBar />
      </header>
      {error && (
        <p className="error" role="alert">
          {errorText(error)}
        </p>
      )}
      <AuditFilters />
      <AuditCharts />
      <div className={detail ? 'audit-body with-detail' : 'audit-body'}>
        <AuditTable />
        {detail && <AuditDetailPanel onClose={close} />}
      </div>
    </section>
  );
}
