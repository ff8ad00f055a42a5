/** Audit review: where it reads (this desk or every desk from the central store), and each desk's standing at the centre. */
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { formatDateTime } from '../../format';
import { DirText } from '../../components/dir-text';
import { deskStandingText, reviewWords } from '../../../../shared/central-review-words';

/** Offered to supervisors when the console has a central reader; radio buttons, so arrows move between the two. */
export function AuditSourceSwitch() {
  const { i18n } = useTranslation();
  const w = reviewWords(i18n.language);
  const offered = useStore((s) => s.status?.centralReview === true && s.agent?.role === 'supervisor');
  const source = useStore((s) => s.auditSource);
  const choose = useStore((s) => s.setAuditSource);
  const loading = useStore((s) => s.auditLoading);
  if (!offered) return null;
  return (
    <fieldset className="audit-source" data-testid="audit-source">
      <legend>{w.legend}</legend>
      {(['desk', 'central'] as const).map((value) => (
        <label key={value}>
          <input type="radio" name="audit-source" value={value} checked={source === value} onChange={() => void choose(value)} aria-describedby={loading ? 'audit-count' : undefined} />
          {w[value]}
        </label>
      ))}
    </fieldset>
  );
}

/** The per-desk integrity badge of the central source: the chain as the centre checked it on arrival. */
export function DeskStandings() {
  const { i18n } = useTranslation();
  const w = reviewWords(i18n.language);
  const desks = useStore((s) => s.auditDesks);
  return (
    <div className="integrity desk-standings" role="status" data-testid="desk-standings">
      <strong>{w.label}</strong>
      {desks.length === 0 ? (
        <span className="small">{w.none}</span>
      ) : (
        <ul className="small">
          {desks.map((d) => (
            <li key={d.desk} className={`desk-${d.state}`} data-testid={`desk-standing-${d.state}`}>
              <strong>
                <DirText value={deskStandingText(d, i18n.language)} />
              </strong>{' '}
              · {w.lastSeen(formatDateTime(d.lastSeen))}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
