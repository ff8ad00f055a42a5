/** Shared UI: the mobile number field of a consent choice, checked live by the rule main applies (shared/phone-number.ts), its message next to it, naming it. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mobileProblem, type PhoneProblem } from '../../../shared/phone-number';
import { useStore } from '../store';

const FALLBACK_REGIONS = { region: 'FR', alsoRegions: [] as string[] };

/** The problem of the field as main would see it (null: fine). */
export function useMobileProblem(smsAlerts: boolean, mobile: string, registered: string | null): PhoneProblem | 'required' | null {
  const regions = useStore((s) => s.status?.phoneRegions ?? FALLBACK_REGIONS);
  return mobileProblem({ smsAlerts, mobile }, registered !== null, regions);
}

export function MobileField(props: {
  value: string;
  onChange: (value: string) => void;
  /** The registered number, masked. */
  registered: string | null;
  problem: PhoneProblem | 'required' | null;
  /** Say the problem now, even before the field is left (the step or the form was submitted). */
  showProblem: boolean;
  /** A refusal from main about this field. */
  serverProblem?: string | null;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [left, setLeft] = useState(false);
  const problem = props.problem ?? (props.serverProblem as PhoneProblem | 'required' | null | undefined) ?? null;
  const shown = problem !== null && (left || props.showProblem || !!props.serverProblem);
  return (
    <span className="stacked-field">
      <label htmlFor={id}>
        {t('consents.mobile')} {props.registered ? <span className="mono muted">({t('consents.current', { value: props.registered })})</span> : null}
      </label>
      <input
        id={id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        onBlur={() => setLeft(true)}
        placeholder={props.registered ? t('consents.mobileKeep') : t('consents.mobilePlaceholder')}
        inputMode="tel"
        autoComplete="off"
        maxLength={32}
        aria-invalid={shown}
        aria-describedby={shown ? `${id}-problem` : undefined}
      />
      {shown && problem && (
        <span className="field-error" id={`${id}-problem`} role="alert" data-testid="mobile-problem">
          {t(`consents.mobileProblem.${problem}`)}
        </span>
      )}
    </span>
  );
}
