/**
 * The card's password section: last change, expiry ("expire dans N jours"), the last successful
 * sign-in ("non suivi" where the directory does not keep it), lock, failures, secret question.
 * The expiry and the sign-in lines are the desk model's (shared/sign-in-times.ts), on its clock.
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AccountCard } from '../../../../shared/account';
import type { LastSignInView, PasswordExpiryView } from '../../../../shared/sign-in-times';
import { formatDateTime } from '../../format';
import { useDeskView } from '../../components/use-desk-view';
import { Field } from './card-field';

function YesNo({ value, yes, no }: { value: boolean; yes: string; no: string }) {
  return <span className={value ? 'yes' : 'no'}>{value ? yes : no}</span>;
}

export function expiryText(t: TFunction, view: PasswordExpiryView): string {
  switch (view.kind) {
    case 'no-password':
      return '—';
    case 'policy-unknown':
      return t('cardTimes.policyUnknown');
    case 'never':
      return t('cardTimes.never');
    case 'unreadable':
      return t('cardTimes.unreadable');
    case 'expires':
      return view.days === 0 ? t('cardTimes.expiresToday', { when: formatDateTime(view.at) }) : t('cardTimes.expiresIn', { count: view.days, when: formatDateTime(view.at) });
    case 'expired':
      return view.days === 0 ? t('cardTimes.expiredToday', { when: formatDateTime(view.at) }) : t('cardTimes.expiredAgo', { count: view.days, when: formatDateTime(view.at) });
  }
}

export function lastSignInText(t: TFunction, view: LastSignInView): string {
  switch (view.kind) {
    case 'not-tracked':
      return t('cardTimes.notTracked');
    case 'never':
      return t('cardTimes.noSignIn');
    case 'unreadable':
      return t('cardTimes.unreadable');
    case 'at':
      return view.days === 0 ? t('cardTimes.signedInToday', { when: formatDateTime(view.at) }) : t('cardTimes.signedInAgo', { count: view.days, when: formatDateTime(view.at) });
  }
}

const expiryTone = (view: PasswordExpiryView) => (view.kind === 'expired' ? 'time-expired' : view.kind === 'expires' && view.soon ? 'time-soon' : undefined);

export function PasswordSection({ card }: { card: AccountCard }) {
  const { t } = useTranslation();
  const times = useDeskView()?.signInTimes;
  const p = card.password;
  return (
    <section className="card-section">
      <h2>{t('account.password')}</h2>
      <dl>
        <Field label={t('account.fields.lastChange')}>{p.hasPassword ? formatDateTime(p.lastChange) : t('account.noPassword')}</Field>
        {times && (
          <Field label={t('cardTimes.expiry')} testId="field-expiry">
            <span className={expiryTone(times.passwordExpiry)}>{expiryText(t, times.passwordExpiry)}</span>
          </Field>
        )}
        <Field label={t('account.fields.mustChange')}>
          <YesNo value={p.mustChange} yes={t('account.mustChangeYes')} no={t('common.no')} />
        </Field>
        {times && (
          <Field label={t('cardTimes.lastSignIn')} testId="field-last-sign-in">
            {lastSignInText(t, times.lastSignIn)}
          </Field>
        )}
        <Field label={t('account.fields.locked')} testId="field-locked">
          {card.lockedByAdministrator ? t('desk.lock.byAdmin') : card.locked ? t('desk.lock.since', { when: formatDateTime(p.lockedSince) }) : t('desk.lock.none')}
        </Field>
        <Field label={t('account.fields.failures')}>
          {p.recentFailures.length === 0 ? t('account.noFailures') : t('account.failures', { count: p.recentFailures.length, last: formatDateTime(p.recentFailures.at(-1)) })}
        </Field>
        <Field label={t('account.fields.secretQuestion')}>
          <YesNo value={card.secretQuestionSet} yes={t('account.questionSet')} no={t('account.questionNotSet')} />
        </Field>
      </dl>
    </section>
  );
}
