/** The account card: identity, identifiers, state, password status and recent desk actions, with slots for what the page adds. */
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { errorText } from '../../i18n';
import { formatDate, formatDateTime } from '../../format';
import { AccountBadges } from '../../components/account-badges';
import { useDeskView } from '../../components/use-desk-view';
import { whoCan } from '../../components/desk-words';
import type { AccountCard } from '../../../../shared/account';
import type { AccountView } from '../../../../shared/account-view';
import type { SignIn, Standing } from '../../../../shared/account-standing';
import { DirText, DirTextList } from '../../components/dir-text';
import { MailValue, MaskedMail } from '../../components/masked-mail';
import { hasHiddenCharacters } from '../../../../shared/display-text';

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="field" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Any value of the card shown from the directory holds an invisible or control character. */
function cardHasHiddenCharacters(card: AccountCard): boolean {
  const shown = [
    card.displayName,
    card.civility,
    card.givenName,
    card.familyName,
    card.login,
    card.alias,
    card.uniqueId,
    card.mail,
    card.personalMailMasked,
    card.principalName,
    ...card.studentIds,
    ...card.ines,
    ...card.staffIds,
    ...card.affiliations,
  ];
  return shown.some((v) => typeof v === 'string' && hasHiddenCharacters(v));
}

/**
 * What the standing means for signing in now, key by key (spelled out: a key built from
 * the union of standings is, after the merge of every locale, too deep for tsc's i18n types).
 */
const ACTIVE_SENTENCES = {
  yes: 'desk.standing.active.yes',
  'must-change': 'desk.standing.active.must-change',
  locked: 'desk.standing.active.locked',
  'admin-locked': 'desk.standing.active.admin-locked',
  no: 'desk.standing.active.no',
} as const satisfies Record<SignIn, string>;
const OTHER_SENTENCES = {
  'never-activated': 'desk.standing.never-activated',
  'pre-created': 'desk.standing.pre-created',
  expired: 'desk.standing.expired',
  inactive: 'desk.standing.inactive',
  suspended: 'desk.standing.suspended',
  unknown: 'desk.standing.unknown',
} as const satisfies Record<Exclude<Standing, 'active'>, string>;

/** The state sentence, from the desk model: what the standing means for signing in now. */
function stateSentence(t: TFunction, view: AccountView): string {
  return t(view.standing === 'active' ? ACTIVE_SENTENCES[view.signIn] : OTHER_SENTENCES[view.standing]);
}

function activationSentence(t: TFunction, view: AccountView): string {
  if (view.activated === null) return t('desk.activated.unknown');
  if (view.activated) return t('desk.activated.yes');
  if (view.standing === 'never-activated') return t('desk.activated.offered');
  return view.standing === 'pre-created' ? t('desk.activated.preCreated') : t('desk.activated.closed');
}

const SUBSTATE_DETAILS = new Set(['SupannAnticipe', 'SupannSursis', 'SupannVerrouAdministratif', 'SupannVerrouTechnique', 'SupannSupprDonnees', 'SupannSupprCompte']);

function StateSection({ card }: { card: AccountCard }) {
  const { t } = useTranslation();
  const view = useDeskView()?.account;
  if (!view) return null;
  const detail = view.subState && SUBSTATE_DETAILS.has(view.subState) ? t(`desk.subState.${view.subState}` as 'desk.subState.SupannSursis') : null;
  return (
    <section className="card-section">
      <h2>{t('account.state')}</h2>
      <dl>
        <Field label={t('account.fields.state')} testId="field-state">
          {stateSentence(t, view)}
          {detail ? ` ${detail}` : ''}
          {view.stateStated ? '' : ` ${t('desk.notStated')}`}
          {view.fixer ? ` ${whoCan(view.fixer)}` : ''}
        </Field>
        <Field label={t('account.fields.stateDates')}>
          {card.state.start || card.state.end ? t('account.fromTo', { from: formatDate(card.state.start), to: formatDate(card.state.end) }) : '—'}
        </Field>
        <Field label={t('account.fields.activation')} testId="field-activation">
          {activationSentence(t, view)}
        </Field>
      </dl>
    </section>
  );
}

function YesNo({ value, yes, no }: { value: boolean; yes: string; no: string }) {
  return <span className={value ? 'yes' : 'no'}>{value ? yes : no}</span>;
}

/** What the page puts on the card from the other features, in the card's layout. */
export interface CardSlots {
  /** Under the heading: the verification band, the activation offer. */
  banners: ReactNode;
  /** Side by side: the verification methods, the desk actions. */
  desk: ReactNode;
  /** Among the card's sections, before the recent actions: the consents. */
  consents: ReactNode;
}

export function AccountScreen(slots: CardSlots) {
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
  return <Card card={card} {...slots} />;
}

function Card({ card, banners, desk, consents }: { card: AccountCard } & CardSlots) {
  const { t } = useTranslation();
  const startNextSearch = useStore((s) => s.startNextSearch);
  const p = card.password;
  return (
    <article className="card" aria-labelledby="card-name" data-testid="account-card">
      <header className="card-head">
        <div>
          <h1 id="card-name">
            {card.civility ? (
              <>
                <DirText value={card.civility} />{' '}
              </>
            ) : null}
            <DirText value={card.displayName} />
          </h1>
          <p className="mono big">
            <DirText value={card.login} />
          </p>
          {cardHasHiddenCharacters(card) && (
            <p className="hint small" role="note" data-testid="hidden-chars-warning">
              {t('hiddenChars.warning')}
            </p>
          )}
        </div>
        <AccountBadges account={card} size="large" />
        <button type="button" className="secondary" onClick={startNextSearch}>
          {t('account.backToLookup')}
        </button>
      </header>
      {banners}
      <div className="desk-grid">{desk}</div>
      <div className="card-grid">
        <section className="card-section">
          <h2>{t('account.identity')}</h2>
          <dl>
            <Field label={t('account.fields.givenName')}>
              <DirText value={card.givenName} />
            </Field>
            <Field label={t('account.fields.familyName')}>
              <DirText value={card.familyName} />
            </Field>
            <Field label={t('account.fields.login')}>
              <DirText value={card.login} className="mono" />
            </Field>
            <Field label={t('account.fields.alias')}>
              <DirText value={card.alias} className="mono" />
            </Field>
            <Field label={t('account.fields.uniqueId')}>
              <DirText value={card.uniqueId} className="mono" />
            </Field>
            <Field label={t('account.fields.affiliations')}>
              {card.affiliations.length === 0
                ? '—'
                : card.affiliations.map((a) => (
                    <span key={a} className={a === card.primaryAffiliation ? 'tag tag-primary' : 'tag'}>
                      <DirText value={t(`affiliations.${a}`, { defaultValue: a })} />
                    </span>
                  ))}
            </Field>
            <Field label={t('account.fields.mail')}>
              <MailValue value={card.mail} />
            </Field>
            <Field label={t('account.fields.personalMail')}>
              <MaskedMail value={card.personalMailMasked} fallback={t('account.none_')} />
            </Field>
          </dl>
        </section>
        <section className="card-section">
          <h2>{t('account.identifiers')}</h2>
          <dl>
            <Field label={t('account.fields.studentIds')} testId="field-student-ids">
              <span className="mono">
                <DirTextList values={card.studentIds} />
              </span>
            </Field>
            <Field label={t('account.fields.ine')}>
              <span className="mono">
                <DirTextList values={card.ines} />
              </span>
            </Field>
            <Field label={t('account.fields.staffIds')}>
              <span className="mono">
                <DirTextList values={card.staffIds} />
              </span>
            </Field>
            <Field label={t('account.fields.principalName')}>
              <DirText value={card.principalName} className="mono" />
            </Field>
          </dl>
        </section>
        <StateSection card={card} />
        <section className="card-section">
          <h2>{t('account.password')}</h2>
          <dl>
            <Field label={t('account.fields.lastChange')}>{p.hasPassword ? formatDateTime(p.lastChange) : t('account.noPassword')}</Field>
            <Field label={t('account.fields.mustChange')}>
              <YesNo value={p.mustChange} yes={t('account.mustChangeYes')} no={t('common.no')} />
            </Field>
            <Field label={t('account.fields.locked')} testId="field-locked">
              {card.lockedByAdministrator
                ? t('desk.lock.byAdmin')
                : card.locked
                  ? t('desk.lock.since', { when: formatDateTime(p.lockedSince) })
                  : t('desk.lock.none')}
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
        {consents}
        <section className="card-section">
          <h2>{t('account.recent')}</h2>
          {card.recentActions.length === 0 ? (
            <p className="muted">{t('account.noRecent')}</p>
          ) : (
            <ul className="recent">
              {card.recentActions.map((a) => (
                <li key={a.seq}>
                  <span className="mono small">{formatDateTime(a.at)}</span> {t(`auditActions.${a.action}`, { defaultValue: a.action })} —{' '}
                  {t(`outcomes.${a.outcome}`, { defaultValue: a.outcome })}{' '}
                  {a.agentLogin ? (
                    <>
                      (<DirText value={a.agentLogin} />)
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </article>
  );
}
