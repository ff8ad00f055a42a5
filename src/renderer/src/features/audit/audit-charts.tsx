/** Audit review: actions per day and per agent over the list's events, each action with its own colour and pattern, and the figures as a table. */
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import type { AuditAction } from '../../../../shared/audit-events';
import { DirText } from '../../components/dir-text';
import { actionStyle } from './action-styles';

/** One SVG pattern per action shown: its colour, with white marks for all but the solid ones. */
function PatternDefs({ actions }: { actions: AuditAction[] }) {
  return (
    <svg width="0" height="0" aria-hidden="true" focusable="false" className="pattern-defs">
      <defs>
        {actions.map((a) => {
          const { colour, pattern, patternId } = actionStyle(a);
          return (
            <pattern key={a} id={patternId} patternUnits="userSpaceOnUse" width="6" height="6">
              <rect width="6" height="6" fill={colour} />
              {pattern === 'stripes' && <path d="M0,6 L6,0 M-1,1 L1,-1 M5,7 L7,5" stroke="#fff" strokeWidth="1.4" />}
              {pattern === 'dots' && <circle cx="3" cy="3" r="1.3" fill="#fff" />}
              {pattern === 'cross' && <path d="M0,0 L6,6 M6,0 L0,6" stroke="#fff" strokeWidth="1" />}
            </pattern>
          );
        })}
      </defs>
    </svg>
  );
}

/** Actions per day by type (stacked bars, white gaps between segments) and per agent (horizontal bars). */
export function AuditCharts() {
  const { t } = useTranslation();
  const stats = useStore((s) => s.auditStats);
  if (!stats || stats.total === 0) return null;
  const days = [...new Set(stats.perDay.map((d) => d.day))].sort().slice(-31);
  const actions = [...new Set(stats.perDay.map((d) => d.action))] as AuditAction[];
  const count = (day: string, action: AuditAction) => stats.perDay.find((d) => d.day === day && d.action === action)?.count ?? 0;
  const totals = days.map((day) => stats.perDay.filter((d) => d.day === day).reduce((n, d) => n + d.count, 0));
  const perAction = (a: AuditAction) => stats.perDay.filter((d) => d.action === a).reduce((n, d) => n + d.count, 0);
  const max = Math.max(1, ...totals);
  const width = 640;
  const height = 140;
  // A few days must not become a wall of colour: bars are at most 48 units wide.
  const bar = Math.min(48, width / Math.max(days.length, 1));
  const agents = [...stats.perAgent].sort((a, b) => b.count - a.count).slice(0, 8);
  const agentMax = Math.max(1, ...agents.map((a) => a.count));
  return (
    <div className="audit-charts" data-testid="audit-charts">
      <PatternDefs actions={actions} />
      <figure>
        <figcaption id="audit-chart-day">{t('audit.charts.perDay')}</figcaption>
        <svg viewBox={`0 0 ${width} ${height + 18}`} role="img" aria-labelledby="audit-chart-day">
          {days.map((day, i) => {
            let y = height;
            return (
              <g key={day}>
                {stats.perDay
                  .filter((d) => d.day === day)
                  .map((d) => {
                    const h = (d.count / max) * height;
                    y -= h;
                    const style = actionStyle(d.action);
                    return (
                      <rect
                        key={d.action}
                        x={i * bar + 2}
                        y={y}
                        width={Math.max(bar - 4, 1)}
                        height={h}
                        fill={`url(#${style.patternId})`}
                        stroke="#fff"
                        strokeWidth="1"
                        data-action={d.action}
                        data-colour={style.colour}
                      >
                        <title>{`${day} · ${t(`auditActions.${d.action}`)} : ${d.count}`}</title>
                      </rect>
                    );
                  })}
                {(days.length <= 10 || i % Math.ceil(days.length / 8) === 0) && (
                  <text x={i * bar + bar / 2} y={height + 14} fontSize="10" textAnchor="middle" fill="#4b5563">
                    {`${day.slice(8, 10)}/${day.slice(5, 7)}`}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
        <ul className="legend" aria-label={t('journal.charts.legend')}>
          {actions.map((a) => {
            const style = actionStyle(a);
            return (
              <li key={a} data-testid="legend-item" data-action={a}>
                <svg width="14" height="14" aria-hidden="true" focusable="false" className="swatch">
                  <rect x="0.5" y="0.5" width="13" height="13" fill={`url(#${style.patternId})`} stroke={style.colour} />
                </svg>
                {t(`auditActions.${a}`)} ({perAction(a)})
              </li>
            );
          })}
        </ul>
        <details className="chart-table">
          <summary>{t('journal.charts.table')}</summary>
          <div className="table-scroll">
            <table>
              <caption className="sr-only">{t('audit.charts.perDay')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('journal.charts.day')}</th>
                  {actions.map((a) => (
                    <th key={a} scope="col">
                      {t(`auditActions.${a}`)}
                    </th>
                  ))}
                  <th scope="col">{t('journal.charts.total')}</th>
                </tr>
              </thead>
              <tbody>
                {days.map((day, i) => (
                  <tr key={day}>
                    <th scope="row">{`${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`}</th>
                    {actions.map((a) => (
                      <td key={a}>{count(day, a)}</td>
                    ))}
                    <td>{totals[i]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </figure>
      <figure>
        <figcaption id="audit-chart-agent">{t('audit.charts.perAgent')}</figcaption>
        <ol className="agent-bars" aria-labelledby="audit-chart-agent">
          {agents.map((a) => (
            <li key={a.login ?? '-'}>
              <DirText value={a.login} className="mono agent-login" />
              <span className="agent-bar" aria-hidden="true">
                <span style={{ width: `${(a.count / agentMax) * 100}%` }} />
              </span>
              <span className="agent-count">{a.count}</span>
            </li>
          ))}
        </ol>
      </figure>
    </div>
  );
}
