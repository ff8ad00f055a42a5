/** Audit review: export of the list as it is (its filter, up to the head it read) as CSV or JSON Lines, its progress, where the file went. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { errorText } from '../../i18n';
import { reviewWords } from '../../../../shared/central-review-words';
import type { CentralExportDone } from '../../../../shared/contract/audit';

/** The export's outcome names the same count as the list, where the file is, and (in the desktop app) opens its folder. */
export function ExportBar() {
  const { t, i18n } = useTranslation();
  const central = useStore((s) => s.auditSource === 'central');
  const pinned = useStore((s) => s.auditPinnedAt !== null);
  const state = useStore((s) => s.exportState);
  const exportAudit = useStore((s) => s.exportAudit);
  const reveal = useStore((s) => s.revealAuditExport);
  const locale = useStore((s) => s.locale);
  const [format, setFormat] = useState<'csv-semicolon' | 'csv' | 'jsonl'>('csv-semicolon');
  const running = state.progress?.running ?? false;
  const percent = state.progress && state.progress.total > 0 ? Math.round((100 * state.progress.written) / state.progress.total) : 0;
  const result = state.result;
  return (
    <div className="export-bar">
      <label>
        <span className="sr-only">{t('audit.export.format')}</span>
        <select value={format} onChange={(e) => setFormat(e.target.value as typeof format)} aria-label={t('audit.export.format')}>
          <option value="csv-semicolon">{t('audit.export.csvSemicolon')}</option>
          <option value="csv">{t('audit.export.csv')}</option>
          <option value="jsonl">{t('audit.export.jsonl')}</option>
        </select>
      </label>
      <button
        type="button"
        className="secondary"
        disabled={running || (central && !pinned)}
        onClick={() =>
          void exportAudit(format === 'jsonl' ? 'jsonl' : 'csv', { separator: format === 'csv' ? ',' : ';', columns: locale === 'en' ? 'en' : 'fr' })
        }
      >
        {t('audit.export.button')}
      </button>
      {running && (
        <progress max={100} value={percent} aria-label={t('audit.export.progress')} data-testid="export-progress">
          {percent}%
        </progress>
      )}
      {central && <p className="small muted">{reviewWords(i18n.language).exportNote}</p>}
      {state.central && <CentralExportResult done={state.central} />}
      {result && (
        <div className="export-result small" role="status" data-testid="export-result">
          <p>
            <strong data-testid="export-count">{t('journal.export.done', { count: result.operations })}</strong> ({t('journal.export.rows', { count: result.count })})
          </p>
          <p className="path" data-testid="export-path">
            {t(result.revealable ? 'journal.export.savedTo' : 'journal.export.fixedFolder', { path: result.path })}
          </p>
          {result.revealable && (
            <button type="button" className="link-button" onClick={() => void reveal()}>
              {t('journal.export.reveal')}
            </button>
          )}
        </div>
      )}
      {state.cancelled && (
        <p className="small" role="status">
          {t('journal.export.cancelled')}
        </p>
      )}
      {state.error && (
        <p className="error small" role="alert">
          {errorText(state.error)}
        </p>
      )}
    </div>
  );
}

/** Every desk's export: the same count as the list, its rows, one file per desk, the folder. */
function CentralExportResult({ done }: { done: CentralExportDone }) {
  const { i18n } = useTranslation();
  const w = reviewWords(i18n.language);
  const n = (v: number) => v.toLocaleString(w.number);
  return (
    <div className="export-result small" role="status" data-testid="export-result">
      <p className="path" data-testid="export-path">
        {w.exported(n(done.operations), n(done.count), n(done.desks.length), done.folder)}
      </p>
    </div>
  );
}
