/** The verification band: red "not verified" or green "verified by ..., expires in ...". */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { formatDateTime } from '../../format';

/** Impossible to miss: red "not verified" or green "verified by ..., at ..., expires in ...". */
export function VerificationBanner() {
  const { t } = useTranslation();
  const state = useStore((s) => s.verification);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1_000);
    return () => window.clearInterval(timer);
  }, []);
  const expiresAt = state?.expiresAt ? Date.parse(state.expiresAt) : null;
  const active = !!state?.active && expiresAt !== null && expiresAt > now;
  if (!active) {
    return (
      <div className="verify-banner is-unverified" role="status" data-testid="verification-banner">
        <strong>{t('verify.notVerified')}</strong>
        <span>{t('verify.notVerifiedHint')}</span>
      </div>
    );
  }
  const remaining = Math.max(0, Math.round((expiresAt - now) / 1000));
  const minutes = Math.floor(remaining / 60);
  const seconds = String(remaining % 60).padStart(2, '0');
  const kinds = state.evidence.map((e) => t(`verify.evidence.${e.kind}`)).join(' + ');
  return (
    <div className="verify-banner is-verified" role="status" data-testid="verification-banner">
      <strong>{t('verify.verified')}</strong>
      <span>
        {t('verify.verifiedBy', { agent: state.agentLogin ?? '', at: formatDateTime(state.startedAt), evidence: kinds })}
      </span>
      <span className="countdown">{t('verify.expiresIn', { time: `${minutes}:${seconds}` })}</span>
    </div>
  );
}
