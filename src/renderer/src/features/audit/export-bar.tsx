/** Audit review: export of the current filter as CSV or JSON Lines, with its progress. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { errorText } from '../../i18n';

/** Export of the current filter, with a progress bar while the file is written. */
export function ExportBar() {
  const { t } = useTranslation();
  const state = useStore((s) => s.exportState);
  const exportAudit = useStore((s) => s.exportAudit);
  const [format, setFormat] = useState<'csv-semicolon' | 'csv' | 'jsonl'>('csv-semicolon');
  const running = state.progress?.running ?? false;
  const percent = state.progress && state.progress.total > 0 ? Math.round((100 * state.progress.written) / state.progress.total) : 0;
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
        disabled={running}
        onClick={() => void exportAudit(format === 'jsonl' ? 'jsonl' : 'csv', format === 'csv-semicolon' ? ';' : format === 'csv' ? ',' : undefined)}
      >
        {t('audit.export.button')}
      </button>
      {running && (
        <progress max={100} value={percent} aria-label={t('audit.export.progress')} data-testid="export-progress">
          {percent}%
        </progress>
      )}
      {state.result && (
        <p className="small" role="status" data-testid="export-result">
          {t('audit.export.done', { count: state.result.count, path: state.result.path })}
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
