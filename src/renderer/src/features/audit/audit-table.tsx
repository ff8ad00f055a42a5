/** Audit review: the events as a virtualised table, loading the next page as it scrolls. */
import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { formatDateTime } from '../../format';
import { DirText } from '../../components/dir-text';
import { reviewWords } from '../../../../shared/central-review-words';

const ROW_HEIGHT = 36;

/** A row's identity: seq numbers are per desk, so every desk's list keys them with their desk. */
export const rowKey = (e: { seq: number; desk?: string | undefined }): string => `${e.desk ?? ''}/${e.seq}`;

/** Only the rows in view are in the DOM, so hundreds of thousands of events scroll smoothly; a row is as tall as its wrapped text. */
export function AuditTable() {
  const { t, i18n } = useTranslation();
  const events = useStore((s) => s.auditEvents);
  // More to read: the next page after a seq (this desk) or a cursor (every desk).
  const hasMore = useStore((s) => s.auditNextAfter !== null || s.auditCursor !== null);
  const central = useStore((s) => s.auditSource === 'central');
  const loading = useStore((s) => s.auditLoading);
  const loadMore = useStore((s) => s.loadMoreAudit);
  const open = useStore((s) => s.openAuditEvent);
  const detail = useStore((s) => s.auditDetail?.event ?? null);
  const selected = detail ? rowKey(detail) : null;
  // The whole filter's count (the list pinned its head, so the export holds the same events), not the rows loaded so far.
  const total = useStore((s) => s.auditStats?.total ?? null);
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is the documented way
  const virtualizer = useVirtualizer({
    count: events.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const last = items.at(-1);

  useEffect(() => {
    if (last && last.index >= events.length - 20 && hasMore && !loading) void loadMore();
  }, [last, events.length, hasMore, loading, loadMore]);

  return (
    <div className="audit-table-box">
      <div className={central ? 'audit-table with-desk' : 'audit-table'} role="table" aria-label={t('audit.tableLabel')} aria-rowcount={events.length} data-testid="audit-table">
        <div className="audit-row audit-row-head" role="row">
          {central && <span role="columnheader">{reviewWords(i18n.language).column}</span>}
          <span role="columnheader">{t('audit.columns.seq')}</span>
          <span role="columnheader">{t('audit.columns.at')}</span>
          <span role="columnheader">{t('audit.columns.agent')}</span>
          <span role="columnheader">{t('audit.columns.action')}</span>
          <span role="columnheader">{t('audit.columns.target')}</span>
          <span role="columnheader">{t('audit.columns.outcome')}</span>
        </div>
        <div className="audit-scroller" ref={scroller}>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const e = events[item.index]!;
              return (
                <div
                  key={rowKey(e)}
                  role="row"
                  tabIndex={0}
                  data-audit-seq={e.seq}
                  data-audit-key={rowKey(e)}
                  className={`audit-row${selected === rowKey(e) ? ' is-selected' : ''}`}
                  ref={virtualizer.measureElement}
                  data-index={item.index}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, minHeight: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                  onClick={() => void open(e.seq, e.desk)}
                  onKeyDown={(k) => {
                    if (k.key === 'Enter') void open(e.seq, e.desk);
                  }}
                >
                  {central && (
                    <span role="cell" className="mono">
                      <DirText value={e.desk} />
                    </span>
                  )}
                  <span role="cell" className="mono">{e.seq}</span>
                  <span role="cell">{formatDateTime(e.at)}</span>
                  <span role="cell" className="mono">
                    <DirText value={e.agent?.login} />
                  </span>
                  <span role="cell">{t(`auditActions.${e.action}`)}</span>
                  <span role="cell" className="mono">
                    <DirText value={e.target?.login} />
                  </span>
                  <span role="cell">
                    <span className={`outcome outcome-${e.pending ? 'unknown' : e.outcome}`}>{t(`outcomes.${e.outcome}`)}</span>
                  </span>
                </div>
              );
            })}
          </div>
        </div>
      </div>
      {events.length === 0 && !loading && <p className="muted pad">{t('audit.empty')}</p>}
      <p className="muted small pad" aria-live="polite" data-testid="audit-count">
        {loading ? t('audit.loading') : <strong>{t('journal.total', { count: total ?? events.length })}</strong>}
        {!loading && hasMore ? ` · ${t('journal.shown', { count: events.length })}` : ''}
      </p>
    </div>
  );
}
