/** Shared UI: the password rules checked live as the person types (reset and activation). */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../store';
import { checkPassword, type PasswordContext } from '../../../shared/password-policy';
import { ruleText } from '../../../shared/password-rules-text';
import type { Locale } from '../../../shared/domain';

/** The person's words the password must not contain, from the open card (never the date of birth). */
export function useCardPasswordContext(): PasswordContext {
  const card = useStore((s) => s.card);
  return useMemo(
    () => ({
      login: card?.login ?? '',
      givenName: card?.givenName,
      familyName: card?.familyName,
      studentIds: [...(card?.studentIds ?? []), ...(card?.ines ?? []), ...(card?.staffIds ?? [])],
    }),
    [card],
  );
}

/**
 * Every rule at once, live, plus the confirmation; `onValidity` tells the caller whether all
 * pass, `onNoneUnmet` whether none is known to fail (a rule still being computed is not a
 * failure: a step left at once is not refused for it, main checks it anyway).
 */
export function PasswordChecklist({
  password,
  confirm,
  onValidity,
  onNoneUnmet,
}: {
  password: string;
  confirm: string;
  onValidity?: (ok: boolean) => void;
  onNoneUnmet?: (ok: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const profile = useStore((s) => s.status?.passwordProfile ?? null);
  const context = useCardPasswordContext();
  const [score, setScore] = useState<number | null>(null);
  const check = profile ? checkPassword(password, context, profile, { strengthScore: score }) : null;
  const matches = password !== '' && password === confirm;
  const ok = !!check?.ok && matches;

  // The strength estimator (dictionaries) loads on first use, off the typing path.
  useEffect(() => {
    if (!profile || password === '') return;
    let cancelled = false;
    const timer = window.setTimeout(() => {
      void import('../../../shared/password-strength').then(async (m) => {
        const estimator = await m.loadStrengthEstimator();
        if (!cancelled) setScore(estimator.estimate(password, context, profile).score);
      });
    }, 150);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [password, context, profile]);

  useEffect(() => onValidity?.(ok), [ok, onValidity]);
  const noneUnmet = !!check && password !== '' && check.failures.length === 0;
  useEffect(() => onNoneUnmet?.(noneUnmet), [noneUnmet, onNoneUnmet]);

  return (
    <ul className="checklist" aria-label={t('chosen.rules')} data-testid="password-checklist">
      {check?.rules.map((rule) => {
        // The renderer never knows the date of birth: main checks that rule when saving.
        const status = rule.id === 'not-birth-date' ? 'by-directory' : rule.status;
        return (
          <li key={rule.id} className={`rule rule-${status}`} data-rule={rule.id} data-status={status}>
            <span aria-hidden="true">{status === 'met' ? '✓' : status === 'unmet' ? '✗' : '•'}</span> {ruleText(rule.id, i18n.language as Locale, rule.params)}
            {rule.id === 'not-birth-date' ? ` (${t('chosen.checkedOnSave')})` : ''}
          </li>
        );
      })}
      <li className={`rule rule-${matches ? 'met' : 'unmet'}`} data-rule="confirmation" data-status={matches ? 'met' : 'unmet'}>
        <span aria-hidden="true">{matches ? '✓' : '✗'}</span> {t('chosen.confirmationRule')}
      </li>
    </ul>
  );
}
