/** Audit review: actions per day and per agent over the filtered range. */
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import type { AuditAction } from '../../../../shared/audit-events';

const PALETTE = ['#1d4ed8', '#15803d', '#b45309', '#b91c1c', '#7c3aed', '#0e7490', '#be185d', '#4d7c0f', '#57534e'];

/** Actions per day by type (stacked bars) and per agent (horizontal bars) over the filtered range. */
export function AuditCharts() {
  const { t } = useTranslation();
  const stats = useStore((s) => s.auditStats);
  if (!stats || stats.total === 0) return null;
  const days = [...new Set(stats.perDay.map((d) => d.day))].sort().slice(-31);
  const actions = [...new Set(stats.perDay.map((d) => d.action))] as AuditAction[];
  const colour = (a: AuditAction) => PALETTE[actions.indexOf(a) % PALETTE.length]!;
  const totals = days.map((day) => stats.perDay.filter((d) => d.day === day).reduce((n, d) => n + d.count, 0));
  const max = Math.max(1, ...totals);
  const width = 640;
  const height = 140;
  // A few days must not become a wall of colour: bars are at most 48 units wide.
  const bar = Math.min(48, width / Math.max(days.length, 1));
  const agents = [...stats.perAgent].sort((a, b) => b.count - a.count).slice(0, 8);
  const agentMax = Math.max(1, ...agents.map((a) => a.count));
  return (
    <div className="audit-charts" data-testid="audit-charts">
      <figure>
        <figcaption>{t('audit.charts.perDay')}</figcaption>
        <svg viewBox={`0 0 ${width} ${height + 18}`} role="img" aria-label={t('audit.charts.perDay')}>
          {days.map((day, i) => {
            let y = height;
            return (
              <g key={day}>
                {stats.perDay
                  .filter((d) => d.day === day)
                  .map((d) => {
                    const h = (d.count / max) * height;
                    y -= h;
                    return (
                      <rect key={d.action} x={i * bar + 2} y={y} width={Math.max(bar - 4, 1)} height={h} fill={colour(d.action)}>
                        <title>{`${day} · ${t(`auditActions.${d.action}`)} : ${d.count}`}</title>
                      </rect>
                    );
                  })}
                {(days.length <= 10 || i % Math.ceil(days.length / 8) === 0) && (
                  <text x={i * bar + bar / 2} y={height + 14} fontSize="10" textAnchor="middle" fill="#5b6470">
                    {day.slice(5)}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
        <ul className="legend">
          {actions.map((a) => (
            <li key={a}>
              <span className="swatch" style={{ background: colour(a) }} />
              {t(`auditActions.${a}`)}
            </li>
          ))}
        </ul>
      </figure>
      <figure>
        <figcaption>{t('audit.charts.perAgent')}</figcaption>
        <svg viewBox={`0 0 320 ${agents.length * 22 + 4}`} role="img" aria-label={t('audit.charts.perAgent')}>
          {agents.map((a, i) => (
            <g key={a.login ?? '-'} transform={`translate(0 ${i * 22})`}>
              <text x="0" y="15" fontSize="11" fill="#1b1f24">
                {a.login ?? '—'}
              </text>
              <rect x="120" y="4" height="14" width={(a.count / agentMax) * 160} fill="#1d4ed8" />
              <text x={124 + (a.count / agentMax) * 160} y="15" fontSize="11" fill="#5b6470">
                {a.count}
              </text>
            </g>
          ))}
        </svg>
      </figure>
    </div>
  );
}
