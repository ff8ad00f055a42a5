/** The verification band, from the desk model: not verified, partial, verified for the account (not the second factor), verified, expired or no action possible; which actions the evidence allows and what the others still need. */
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import { useDeskView } from '../../components/use-desk-view';
import { actionList, blockerText, evidenceOptions, unavailableWhy } from '../../components/desk-words';
import type { BandNeed, DeskView } from '../../../../shared/desk-view';

const TONE_CLASS = { 'no-action': 'is-blocked', expired: 'is-unverified', unverified: 'is-unverified', partial: 'is-partial', 'account-verified': 'is-verified', verified: 'is-verified' } as const;

function NeedLine({ need, view, gathered }: { need: BandNeed; view: DeskView; gathered: boolean }) {
  const { t } = useTranslation();
  const what = need.role
    ? t('desk.band.role')
    : need.impossible
      ? t('desk.band.impossible', { why: unavailableWhy(view.methods) })
      : t(gathered ? 'desk.band.stillNeeds' : 'desk.band.toAct', { options: evidenceOptions(need.missing) });
  return <li>{t('desk.band.need', { actions: actionList(need.actions), what })}</li>;
}

/** Impossible to miss, and never saying more than the evidence allows. */
export function VerificationBanner() {
  const { t } = useTranslation();
  const view = useDeskView();
  if (!view) return null;
  const band = view.band;
  const tone = band.tone;
  const gathered = band.evidence.length > 0;
  const remaining = band.remainingMs === null ? null : Math.round(band.remainingMs / 1000);
  const evidence = band.evidence.map((e) => t(`verify.evidence.${e.kind}`)).join(' + ');
  return (
    <div className={`verify-banner ${TONE_CLASS[tone]}`} role="status" data-testid="verification-banner" data-tone={tone}>
      <div className="band-head">
        <strong>{t(`desk.band.${tone}`)}</strong>
        {gathered && <span>{t('desk.band.by', { agent: band.agentLogin ?? '', at: formatDateTime(band.startedAt), evidence })}</span>}
        {remaining !== null && (
          <>
            {/* Seen ticking; heard once, as the time it ends (a live region read every second would drown the rest). */}
            <span className="countdown" aria-hidden="true">
              {t('desk.band.expiresIn', { time: `${Math.floor(remaining / 60)}:${String(remaining % 60).padStart(2, '0')}` })}
            </span>
            <span className="sr-only">{t('desk.band.expiresAt', { at: formatDateTime(band.expiresAt) })}</span>
          </>
        )}
      </div>
      {band.noAction ? (
        <p className="band-line">
          {blockerText({ kind: 'account', ...band.noAction }, view.methods)}
        </p>
      ) : (
        <>
          {tone === 'expired' && <p className="band-line">{t('desk.band.expiredHint', { at: formatDateTime(band.startedAt) })}</p>}
          {gathered && (
            <p className="band-line" data-testid="band-allows">
              {band.allowed.length > 0 ? t('desk.band.allows', { actions: actionList(band.allowed) }) : t('desk.band.allowsNothing')}
            </p>
          )}
          {band.needs.length > 0 && (
            <ul className="band-needs" data-testid="band-needs">
              {band.needs.map((need) => (
                <NeedLine key={need.actions.join()} need={need} view={view} gathered={gathered} />
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
