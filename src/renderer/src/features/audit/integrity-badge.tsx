/** Audit review: the result of the last chain verification, and a full check for supervisors. */
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { formatDateTime } from '../../format';

/** The result of the last chain verification and when it ran. */
export function IntegrityBadge() {
  const { t } = useTranslation();
  const integrity = useStore((s) => s.integrity);
  const verify = useStore((s) => s.verifyAudit);
  const agent = useStore((s) => s.agent);
  const run = integrity.lastRun;
  const tone = integrity.running || !run ? 'unknown' : run.intact ? 'ok' : 'danger';
  return (
    <div className={`integrity integrity-${tone}`} data-testid="integrity-badge" role="status">
      <strong>
        {integrity.running
          ? t('audit.integrity.running')
          : !run
            ? t('audit.integrity.never')
            : run.intact
              ? t('audit.integrity.intact', { head: run.headSeq })
              : t('audit.integrity.broken', { seq: run.firstBadSeq, reason: run.reason ? t(`audit.integrity.reasons.${run.reason}`) : '' })}
      </strong>
      {run && <span className="small">{t('audit.integrity.lastRun', { when: formatDateTime(run.at), mode: t(`audit.integrity.modes.${run.mode}`) })}</span>}
      {agent?.role === 'supervisor' && (
        <button type="button" className="link-button" onClick={() => void verify(true)} disabled={integrity.running}>
          {t('audit.integrity.full')}
        </button>
      )}
    </div>
  );
}
