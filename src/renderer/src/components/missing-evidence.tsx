/** Shared UI: what an action still needs before the verification allows it (evidence, or a supervisor). */
import { useTranslation } from 'react-i18next';
import type { ActionVerdict } from '../../../shared/verification';

export function MissingEvidence({ verdict }: { verdict: ActionVerdict | null }) {
  const { t } = useTranslation();
  if (!verdict || verdict.satisfied) return null;
  const options = verdict.missing.map((set) => set.map((k) => t(`verify.evidence.${k}`)).join(' + '));
  return (
    <span className="small muted">
      {verdict.missingRole ? t('actions.needsSupervisor') : ''}
      {options.length ? t('actions.needs', { options: options.join(t('actions.or')) }) : ''}
    </span>
  );
}
