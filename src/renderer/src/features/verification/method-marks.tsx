/** What each verification method shows beside its name: done, or blocked until a time after too many failures. */
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { formatDateTime } from '../../format';
import type { EvidenceKind } from '../../../../shared/verification';

export function Blocked({ kind }: { kind: EvidenceKind }) {
  const { t } = useTranslation();
  const until = useStore((s) => s.verification?.blocked[kind]);
  if (!until) return null;
  return (
    <p className="error small" role="alert">
      {t('verify.blockedUntil', { when: formatDateTime(until) })}
    </p>
  );
}

export function Done({ kind }: { kind: EvidenceKind }) {
  const { t } = useTranslation();
  const done = useStore((s) => s.verification?.evidence.some((e) => e.kind === kind));
  return done ? <span className="done-mark">✓ {t('verify.done')}</span> : null;
}
