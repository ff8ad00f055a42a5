/** The open worklist: one page of it as a listbox moved with the arrows (Enter opens the card, Page Up/Down change page), its pager with a jump to page k, and its CSV export. */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorklistId, WorklistRow } from '../../../../shared/contract/worklists';
import { AccountBadges } from '../../components/account-badges';
import { DirText } from '../../components/dir-text';
import { errorText } from '../../i18n';
import { formatDate, formatDateTime } from '../../format';
import { useStore } from '../../store';
import { WorklistJump } from './worklist-jump';

/** Day-only lists show a date; the password lists show when, to the minute. */
const TIMED: ReadonlySet<WorklistId> = new Set(['locked', 'temporary-password', 'password-expiring']);
/** Semicolons first: what a French spreadsheet opens as columns. */
const EXPORTS = [
  { separator: ';', label: 'worklists.export.csvSemicolon' },
  { separator: ',', label: 'worklists.export.csv' },
] as const;

function DateCell({ row, list }: { row: WorklistRow; list: WorklistId }) {
  const { t } = useTranslation();
  if (row.dateUnreadable) return <span className="hint">{t('worklists.list.unreadable')}</span>;
  if (!row.date) return <>—</>;
  return <>{TIMED.has(list) ? formatDateTime(row.date) : formatDate(row.date.slice(0, 10))}</>;
}

export function WorklistTable() {
  const { t } = useTranslation();
  const open = useStore((s) => s.openList);
  const page = useStore((s) => s.worklistPage);
  const loading = useStore((s) => s.pageLoading);
  const error = useStore((s) => s.pageError);
  const selected = useStore((s) => s.selectedRow);
  const moveRow = useStore((s) => s.moveRow);
  const selectRow = useStore((s) => s.selectRow);
  const goToPage = useStore((s) => s.goToWorklistPage);
  const openAccount = useStore((s) => s.openAccount);
  const exportWorklist = useStore((s) => s.exportWorklist);
  const exported = useStore((s) => s.worklistExport);
  const exportError = useStore((s) => s.exportError);
  const exporting = useStore((s) => s.exporting);
  const locale = useStore((s) => s.locale);
  const list = useRef<HTMLTableElement>(null);
  const listKey = page ? `${page.list}|${page.params.affiliation ?? ''}|${page.page}` : '';

  // A list just opened (or a new page) takes the keyboard, so the arrows work at once.
  useEffect(() => {
    if (listKey) list.current?.focus();
  }, [listKey]);

  if (!open) return null;
  const openList = open.list;
  const name = t(`worklists.lists.${openList}`);
  const pages = page?.count ? Math.max(1, Math.ceil(page.count / page.pageSize)) : 1;
  const rows = page?.list === open.list ? page.rows : [];

  function onKeyDown(event: KeyboardEvent<HTMLTableElement>) {
    if (!page) return;
    if (event.key === 'ArrowDown') moveRow(1);
    else if (event.key === 'ArrowUp') moveRow(-1);
    else if (event.key === 'Home') selectRow(0);
    else if (event.key === 'End') selectRow(rows.length - 1);
    else if (event.key === 'PageDown' && page.page < pages) void goToPage(page.page + 1);
    else if (event.key === 'PageUp' && page.page > 1) void goToPage(page.page - 1);
    else if (event.key === 'Enter') {
      const chosen = rows[useStore.getState().selectedRow];
      if (chosen) void openAccount(chosen.account.dn, openList);
    } else return;
    event.preventDefault();
  }

  return (
    <section className="card-section" aria-labelledby="worklist-heading" data-testid="worklist">
      <h2 id="worklist-heading">
        {name}
        {page?.count !== null && page?.count !== undefined ? ` · ${t('worklists.count', { count: page.count })}` : ''}
      </h2>
      {open.affiliation && <p className="small">{t('worklists.list.narrowed', { affiliation: t(`affiliations.${open.affiliation}`, { defaultValue: open.affiliation }) })}</p>}
      <p className="muted small" id="worklist-help">
        {t('worklists.list.help')}
      </p>
      <p className="muted small" role="status" aria-live="polite" data-testid="worklist-status">
        {loading ? t('worklists.list.loading') : page ? t('worklists.list.page', { page: page.page, pages }) : ''}
      </p>
      {error && (
        <p className="error" role="alert">
          {errorText(error)}
        </p>
      )}
      {page?.problem === 'hidden' || page?.problem === 'no-max-age' ? (
        <p className="hint" data-testid="worklist-problem">
          {t(`worklists.problem.${page.problem}`)}
        </p>
      ) : null}
      {page && page.sortedBy === 'console' && rows.length > 0 && <p className="muted small">{t('worklists.list.sortedByConsole')}</p>}
      {page && !loading && page.problem === null && rows.length === 0 && <p className="muted">{t('worklists.list.empty')}</p>}
      {rows.length > 0 && (
        <table
          ref={list}
          className="results worklist-list"
          role="listbox"
          tabIndex={0}
          aria-label={t('worklists.list.label', { name })}
          aria-describedby="worklist-help"
          aria-activedescendant={rows[selected] ? `worklist-row-${selected}` : undefined}
          onKeyDown={onKeyDown}
          data-testid="worklist-rows"
        >
          {/* A listbox holds options only: the column names are for the eye, each option's text names it. */}
          <thead aria-hidden="true">
            <tr>
              <th>{t('worklists.columns.name')}</th>
              <th>{t('worklists.columns.login')}</th>
              <th>{t('worklists.columns.affiliation')}</th>
              <th>{t('worklists.columns.state')}</th>
              <th>{t(`worklists.columns.date.${open.list}`)}</th>
            </tr>
          </thead>
          <tbody role="presentation">
            {rows.map((row, i) => (
              <tr
                key={row.account.dn}
                id={`worklist-row-${i}`}
                role="option"
                aria-selected={i === selected}
                className={i === selected ? 'is-selected' : undefined}
                onClick={() => void openAccount(row.account.dn, open.list)}
              >
                <td className="name">
                  <DirText value={row.account.displayName} />
                </td>
                <td className="mono">
                  <DirText value={row.account.login} />
                </td>
                <td>
                  <DirText value={row.account.primaryAffiliation ? t(`affiliations.${row.account.primaryAffiliation}`, { defaultValue: row.account.primaryAffiliation }) : null} />
                </td>
                <td>
                  <AccountBadges account={row.account} />
                </td>
                <td>
                  <DateCell row={row} list={open.list} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="worklist-pager">
        <button type="button" className="secondary" disabled={!page || page.page <= 1 || loading} onClick={() => page && void goToPage(page.page - 1)}>
          {t('worklists.list.previous')}
        </button>
        <button type="button" className="secondary" disabled={!page || page.page >= pages || loading} onClick={() => page && void goToPage(page.page + 1)}>
          {t('worklists.list.next')}
        </button>
        {page && <WorklistJump page={page.page} pages={pages} disabled={loading} onJump={(k) => void goToPage(k)} />}
        {EXPORTS.map(({ separator, label }) => (
          <button
            key={separator}
            type="button"
            className="secondary"
            disabled={exporting || !page || page.problem !== null || rows.length === 0}
            onClick={() => void exportWorklist({ separator, columns: locale === 'en' ? 'en' : 'fr' })}
            data-testid={separator === ';' ? 'worklist-export' : undefined}
          >
            {t(label)}
          </button>
        ))}
        <span className="small" role="status" data-testid="worklist-export-result">
          {exporting ? t('worklists.export.running') : exported ? t('worklists.export.done', { file: exported.fileName, count: exported.count }) : ''}
        </span>
      </div>
      {exportError && (
        <p className="error" role="alert">
          {errorText(exportError)}
        </p>
      )}
    </section>
  );
}
