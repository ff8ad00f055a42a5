/** The worklists screen (the home screen): each list's count, taken on demand and dated, each opening its list below. */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorklistCount } from '../../../../shared/contract/worklists';
import { errorText } from '../../i18n';
import { formatDate, formatDateTime } from '../../format';
import { useStore } from '../../store';
import { WorklistTable } from './worklist-table';
import './worklists.css';

const DAY_MS = 86_400_000;

/** Whole days from today (local) to an ISO date. */
function daysUntil(isoDate: string): number {
  const today = new Date();
  const start = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((Date.parse(`${isoDate}T00:00:00Z`) - start) / DAY_MS);
}

function CountTile({ count }: { count: WorklistCount }) {
  const { t } = useTranslation();
  const openWorklist = useStore((s) => s.openWorklist);
  const openList = useStore((s) => s.openList);
  const current = openList?.list === count.list;
  const name = t(`worklists.lists.${count.list}`);
  const problem =
    count.problem === null ? null : count.problem === 'hidden' || count.problem === 'no-max-age' ? t(`worklists.problem.${count.problem}`) : errorText({ code: count.problem, message: '' });
  const about = count.params.days !== null ? t(`worklists.about.${count.list}` as 'worklists.about.validity-ending', { count: count.params.days }) : t(`worklists.about.${count.list}` as 'worklists.about.locked');
  return (
    <li className={current ? 'worklist-tile is-current' : 'worklist-tile'} data-testid={`worklist-${count.list}`}>
      <button type="button" className="worklist-open" aria-current={current ? 'true' : undefined} onClick={() => void openWorklist(count.list)} disabled={count.problem !== null}>
        <span className="worklist-name">{name}</span>
        <span className="worklist-count" data-testid="worklist-count">
          {count.count === null ? '—' : t('worklists.count', { count: count.count })}
        </span>
      </button>
      <p className="muted small">{about}</p>
      {problem && (
        <p className="hint small" data-testid="worklist-problem">
          {problem}
        </p>
      )}
      {count.params.termStart && (
        <p className="small">
          {daysUntil(count.params.termStart) >= 0
            ? t('worklists.termStartIn', { date: formatDate(count.params.termStart), count: daysUntil(count.params.termStart) })
            : t('worklists.termStart', { date: formatDate(count.params.termStart) })}
        </p>
      )}
      {count.byAffiliation && count.byAffiliation.length > 0 && (
        <div className="worklist-split" role="group" aria-label={`${name} · ${t('worklists.byAffiliation')}`}>
          {count.byAffiliation.map((part) => (
            <button
              key={part.affiliation}
              type="button"
              className="link-button small"
              aria-current={current && openList?.affiliation === part.affiliation ? 'true' : undefined}
              onClick={() => void openWorklist(count.list, part.affiliation)}
            >
              {t(`affiliations.${part.affiliation}`, { defaultValue: part.affiliation })} : {part.count}
            </button>
          ))}
        </div>
      )}
    </li>
  );
}

export function WorklistsScreen() {
  const { t } = useTranslation();
  const counts = useStore((s) => s.worklistCounts);
  const takenAt = useStore((s) => s.countsTakenAt);
  const loading = useStore((s) => s.countsLoading);
  const error = useStore((s) => s.countsError);
  const refreshCounts = useStore((s) => s.refreshCounts);

  // The first visit takes the counts; afterwards only the agent refreshes them.
  useEffect(() => {
    if (useStore.getState().worklistCounts === null && !useStore.getState().countsLoading) void refreshCounts();
  }, [refreshCounts]);

  return (
    <section className="panel" aria-labelledby="worklists-heading">
      <h1 id="worklists-heading">{t('worklists.heading')}</h1>
      <p className="muted">{t('worklists.intro')}</p>
      <div className="worklist-toolbar">
        <button type="button" className="secondary" onClick={() => void refreshCounts()} disabled={loading} data-testid="worklists-refresh">
          {t('worklists.refresh')}
        </button>
        <span className="muted small" role="status" data-testid="worklists-taken-at">
          {loading ? t('worklists.refreshing') : takenAt ? t('worklists.takenAt', { at: formatDateTime(takenAt) }) : t('worklists.notTaken')}
        </span>
      </div>
      {error && (
        <p className="error" role="alert">
          {errorText(error)}
        </p>
      )}
      {counts && (
        <ul className="worklist-tiles" aria-label={t('worklists.countsLabel')}>
          {counts.map((count) => (
            <CountTile key={count.list} count={count} />
          ))}
        </ul>
      )}
      <WorklistTable />
    </section>
  );
}
