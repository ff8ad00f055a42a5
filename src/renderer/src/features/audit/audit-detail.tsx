/** Audit review: every field of one event, and the intent or outcome linked to it. */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { formatDateTime } from '../../format';
import { DirText } from '../../components/dir-text';
import type { AuditEventView } from '../../../../shared/audit-events';

/** Every field of one event as inert text; details as indented JSON (already masked by the store). */
export function AuditDetailPanel() {
  const { t } = useTranslation();
  const detail = useStore((s) => s.auditDetail);
  const close = useStore((s) => s.closeAuditEvent);
  if (!detail) return null;
  const e = detail.event;
  return (
    <aside className="audit-detail" aria-labelledby="audit-detail-heading" data-testid="audit-detail">
      <header>
        <h2 id="audit-detail-heading">
          #{e.seq} · {t(`auditActions.${e.action}`)}
        </h2>
        <button type="button" className="secondary" onClick={close} aria-label={t('audit.close')}>
          ×
        </button>
      </header>
      <dl>
        <dt>{t('audit.columns.at')}</dt>
        <dd>
          {formatDateTime(e.at)} <span className="mono small">({e.at})</span>
        </dd>
        <dt>{t('audit.columns.agent')}</dt>
        <dd>
          {e.agent ? (
            <>
              <DirText value={e.agent.displayName} /> (<DirText value={e.agent.login} />)
            </>
          ) : (
            '—'
          )}
        </dd>
        <dt>{t('audit.workstation')}</dt>
        <dd className="mono">
          <DirText value={e.workstation} />
        </dd>
        <dt>{t('audit.columns.target')}</dt>
        <dd className="mono" data-testid="audit-detail-target">
          {e.target ? (
            <>
              <DirText value={e.target.login} />
              {e.target.dn ? (
                <>
                  {' — '}
                  <DirText value={e.target.dn} />
                </>
              ) : null}
            </>
          ) : (
            '—'
          )}
        </dd>
        <dt>{t('audit.columns.outcome')}</dt>
        <dd>
          {t(`outcomes.${e.outcome}`)}
          {e.pending ? ` — ${t('audit.pendingExplain')}` : ''}
        </dd>
        <dt>{t('audit.evidence')}</dt>
        <dd>{e.evidence.length ? e.evidence.map((m) => t(`evidence.${m}`, { defaultValue: m })).join(', ') : '—'}</dd>
        <dt>{t('audit.directoryCode')}</dt>
        <dd className="mono">{e.directoryCode ?? '—'}</dd>
        <dt>{t('audit.comment')}</dt>
        <dd>
          <DirText value={e.comment} />
        </dd>
        <dt>{t('audit.details')}</dt>
        <dd>
          <pre className="details">
            <DirText value={JSON.stringify(e.details, null, 2)} keepLineBreaks />
          </pre>
        </dd>
        <dt>{t('audit.linked')}</dt>
        <dd>{linked(detail.intent ?? detail.outcome, t)}</dd>
        <dt>{t('audit.hash')}</dt>
        <dd className="mono small hash">{e.hash}</dd>
      </dl>
    </aside>
  );
}

function linked(event: AuditEventView | null, t: TFunction): string {
  if (!event) return '—';
  return `#${event.seq} · ${t(`auditActions.${event.action}`)} · ${t(`outcomes.${event.outcome}`)}`;
}
