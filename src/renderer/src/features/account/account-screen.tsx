import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { errorText } from '../../i18n';
import { formatDate, formatDateTime } from '../../format';
import { StateBadge } from '../../components/state-badge';
import type { AccountCard } from '../../../../shared/account';
import { VerificationBanner } from '../verify/verification-banner';
import { VerificationPanel } from '../verify/verification-panel';
import { DeskActions } from '../reset/desk-actions';
import { ConsentsPanel } from '../consents/consents-panel';
import { ActivationOfferBanner } from '../activation/activation-offer';

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="field" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function YesNo({ value, yes, no }: { value: boolean; yes: string; no: string }) {
  return <span className={value ? 'yes' : 'no'}>{value ? yes : no}</span>;
}

export function AccountScreen() {
  const { t } = useTranslation();
  const card = useStore((s) => s.card);
  const loading = useStore((s) => s.loadingAccount);
  const error = useStore((s) => s.accountError);
  const navigate = useStore((s) => s.navigate);

  if (loading)
    return (
      <section className="panel" aria-busy="true">
        <p className="muted">{t('account.loading')}</p>
      </section>
    );
  if (error)
    return (
      <section className="panel">
        <p className="error" role="alert">
          {errorText(error)}
        </p>
        <button type="button" className="secondary" onClick={() => navigate('lookup')}>
          {t('account.backToLookup')}
        </button>
      </section>
    );
  if (!card)
    return (
      <section className="panel">
        <h1>{t('account.heading')}</h1>
        <p className="muted">{t('account.none')}</p>
      </section>
    );
  return <Card card={card} />;
}

function Card({ card }: { card: AccountCard }) {
  const { t } = useTranslation();
  const navigate = useStore((s) => s.navigate);
  const p = card.password;
  return (
    <article className="card" aria-labelledby="card-name" data-testid="account-card">
      <header className="card-head">
        <div>
          <h1 id="card-name">
            {card.civility ? `${card.civility} ` : ''}
            {card.displayName}
          </h1>
          <p className="mono big">{card.login}</p>
        </div>
        <StateBadge state={card.state} locked={card.locked} size="large" />
        <button type="button" className="secondary" onClick={() => navigate('lookup')}>
          {t('account.backToLookup')}
        </button>
      </header>
      <VerificationBanner />
      <ActivationOfferBanner />
      <div className="desk-grid">
        <VerificationPanel />
        <DeskActions />
      </div>
      <div className="card-grid">
        <section className="card-section">
          <h2>{t('account.identity')}</h2>
          <dl>
            <Field label={t('account.fields.givenName')}>{card.givenName ?? '—'}</Field>
            <Field label={t('account.fields.familyName')}>{card.familyName ?? '—'}</Field>
            <Field label={t('account.fields.login')}>
              <span className="mono">{card.login}</span>
            </Field>
            <Field label={t('account.fields.alias')}>
              <span className="mono">{card.alias ?? '—'}</span>
            </Field>
            <Field label={t('account.fields.uniqueId')}>
              <span className="mono">{card.uniqueId ?? '—'}</span>
            </Field>
            <Field label={t('account.fields.affiliations')}>
              {card.affiliations.length === 0
                ? '—'
                : card.affiliations.map((a) => (
                    <span key={a} className={a === card.primaryAffiliation ? 'tag tag-primary' : 'tag'}>
                      {t(`affiliations.${a}`, { defaultValue: a })}
                    </span>
                  ))}
            </Field>
            <Field label={t('account.fields.mail')}>{card.mail ?? '—'}</Field>
            <Field label={t('account.fields.personalMail')}>{card.personalMailMasked ?? t('account.none_')}</Field>
          </dl>
        </section>
        <section className="card-section">
          <h2>{t('account.identifiers')}</h2>
          <dl>
            <Field label={t('account.fields.studentIds')} testId="field-student-ids">
              <span className="mono">{card.studentIds.join(', ') || '—'}</span>
            </Field>
            <Field label={t('account.fields.ine')}>
              <span className="mono">{card.ines.join(', ') || '—'}</span>
            </Field>
            <Field label={t('account.fields.staffIds')}>
              <span className="mono">{card.staffIds.join(', ') || '—'}</span>
            </Field>
            <Field label={t('account.fields.principalName')}>
              <span className="mono">{card.principalName ?? '—'}</span>
            </Field>
          </dl>
        </section>
        <section className="card-section">
          <h2>{t('account.state')}</h2>
          <dl>
            <Field label={t('account.fields.state')} testId="field-state">
              {t(`states.explain.${card.state.subState ?? card.state.status}`, {
                defaultValue: t(`states.status.${card.state.status}`),
              })}
            </Field>
            <Field label={t('account.fields.stateDates')}>
              {card.state.start || card.state.end
                ? t('account.fromTo', { from: formatDate(card.state.start), to: formatDate(card.state.end) })
                : '—'}
            </Field>
            <Field label={t('account.fields.activation')} testId="field-activation">
              {t(`account.activation.${card.activation.reason}`)}
            </Field>
          </dl>
        </section>
        <section className="card-section">
          <h2>{t('account.password')}</h2>
          <dl>
            <Field label={t('account.fields.lastChange')}>{p.hasPassword ? formatDateTime(p.lastChange) : t('account.noPassword')}</Field>
            <Field label={t('account.fields.mustChange')}>
              <YesNo value={p.mustChange} yes={t('account.mustChangeYes')} no={t('common.no')} />
            </Field>
            <Field label={t('account.fields.locked')} testId="field-locked">
              {p.lockedSince
                ? p.lockedByAdministrator
                  ? t('account.lockedByAdmin')
                  : t('account.lockedSince', { when: formatDateTime(p.lockedSince) })
                : t('account.notLocked')}
            </Field>
            <Field label={t('account.fields.failures')}>
              {p.recentFailures.length === 0
                ? t('account.noFailures')
                : t('account.failures', { count: p.recentFailures.length, last: formatDateTime(p.recentFailures.at(-1)) })}
            </Field>
            <Field label={t('account.fields.secretQuestion')}>
              <YesNo value={card.secretQuestionSet} yes={t('account.questionSet')} no={t('account.questionNotSet')} />
            </Field>
          </dl>
        </section>
        <ConsentsPanel />
        <section className="card-section">
          <h2>{t('account.recent')}</h2>
          {card.recentActions.length === 0 ? (
            <p className="muted">{t('account.noRecent')}</p>
          ) : (
            <ul className="recent">
              {card.recentActions.map((a) => (
                <li key={a.seq}>
                  <span className="mono small">{formatDateTime(a.at)}</span> {t(`auditActions.${a.action}`, { defaultValue: a.action })} —{' '}
                  {t(`outcomes.${a.outcome}`, { defaultValue: a.outcome })} {a.agentLogin ? `(${a.agentLogin})` : ''}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </article>
  );
}
