/** Audit review: the result of the last chain verification, and a full check for supervisors. */
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { formatDateTime } from '../../format';

/**
 * The result of the last chain verification, when it ran, what protects the checkpoint key,
 * and the latest integrity alarm the desk recorded when it started (a damaged, forged or
 * contradicted checkpoint): that stays on screen, since locally nothing can clear it.
 */
export function IntegrityBadge() {
  const { t } = useTranslation();
  const integrity = useStore((s) => s.integrity);
  const verify = useStore((s) => s.verifyAudit);
  const agent = useStore((s) => s.agent);
  const key = useStore((s) => s.status?.audit.signingKey ?? null);
  const run = integrity.lastRun;
  const keyLost = key?.state === 'unavailable';
  const alarm = run?.alarm ?? null;
  const tone = keyLost || alarm ? 'danger' : integrity.running || !run ? 'unknown' : run.intact ? 'ok' : 'danger';
  return (
    <div className={`integrity integrity-${tone}`} data-testid="integrity-badge" role="status">
      <strong>
        {integrity.running
          ? t('audit.integrity.running')
          : !run
            ? t('audit.integrity.never')
            : run.intact
              ? t(alarm ? 'audit.integrity.intactWithAlarm' : 'audit.integrity.intact', { head: run.headSeq })
              : t('audit.integrity.broken', { seq: run.firstBadSeq, reason: run.reason ? t(`audit.integrity.reasons.${run.reason}`) : '' })}
      </strong>
      {alarm && (
        <strong className="small" data-testid="integrity-alarm">
          {t(`audit.integrity.alarm.${alarm.kind}`, { when: formatDateTime(alarm.at), seq: alarm.seq, vouched: alarm.vouchedSeq })}
        </strong>
      )}
      {run && <span className="small">{t('audit.integrity.lastRun', { when: formatDateTime(run.at), mode: t(`audit.integrity.modes.${run.mode}`) })}</span>}
      {key && (
        <span className={keyLost ? 'small integrity-key-lost' : 'small'} data-testid="integrity-key">
          {keyLost
            ? t('audit.integrity.key.unavailable')
            : key.state === 'absent'
              ? t('audit.integrity.key.absent')
              : key.keystore === 'os'
                ? t('audit.integrity.key.os', { backend: key.backend ?? t('audit.integrity.key.unrecorded') })
                : t('audit.integrity.key.file')}
        </span>
      )}
      {agent?.role === 'supervisor' && (
        <button type="button" className="link-button" onClick={() => void verify(true)} disabled={integrity.running}>
          {t('audit.integrity.full')}
        </button>
      )}
    </div>
  );
}
