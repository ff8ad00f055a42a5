/** Shared UI: an account's badges (standing, lock, temporary password pending, red list), the same in the results and on the card. */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '../../../shared/account';
import { accountFactsOf } from '../../../shared/account-standing';
import { accountBadges, type Badge } from '../../../shared/account-view';

function label(t: TFunction, badge: Badge): string {
  switch (badge.kind) {
    case 'standing': {
      const key = `desk.badges.standing.${badge.standing}` as const;
      return t(key);
    }
    case 'locked':
      return badge.byAdministrator ? t('desk.badges.adminLocked') : t('desk.badges.locked');
    default:
      return t(`desk.badges.${badge.kind}`);
  }
}

/** The badges the shared account view gives, in its order; the first one is the standing. */
export function AccountBadges({ account, size = 'normal' }: { account: AccountSummary; size?: 'normal' | 'large' }) {
  const { t } = useTranslation();
  const badges = accountBadges(accountFactsOf(account));
  return (
    <span className="badges" data-testid="account-badges">
      {badges.map((badge) => (
        <span
          key={badge.kind}
          className={`badge badge-${badge.tone} badge-${size}`}
          data-badge={badge.kind}
          data-testid={badge.kind === 'standing' ? 'state-badge' : undefined}
        >
          {label(t, badge)}
        </span>
      ))}
    </span>
  );
}
