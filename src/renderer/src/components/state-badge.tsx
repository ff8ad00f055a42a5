/** Shared UI: an account's state as a coloured badge in plain words. */
import { useTranslation } from 'react-i18next';
import type { AccountState } from '../../../shared/account';

/** The account state as a coloured badge in plain words, e.g. "Inactif — créé, jamais activé". */
export function StateBadge({ state, locked, size = 'normal' }: { state: AccountState; locked?: boolean; size?: 'normal' | 'large' }) {
  const { t } = useTranslation();
  const tone = locked ? 'danger' : state.status === 'active' ? 'ok' : state.status === 'suspended' ? 'danger' : 'warn';
  const sub = state.subState ? t(`states.sub.${state.subState}`, { defaultValue: state.subState }) : null;
  return (
    <span className={`badge badge-${tone} badge-${size}`} data-testid="state-badge">
      {t(`states.status.${state.status}`)}
      {sub && state.status !== 'active' ? ` — ${sub}` : ''}
      {locked ? ` · ${t('states.locked')}` : ''}
    </span>
  );
}
