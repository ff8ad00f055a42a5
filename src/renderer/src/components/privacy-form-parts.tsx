/** Shared UI: the parts the privacy screens share (the authenticator code field, the submit and cancel row). */
import type { Ref } from 'react';
import type { AccountCard } from '../../../shared/account';

/** `required`: the card says the person has an authenticator; `optional`: the desk does not manage second factors, so the card cannot say. */
export type CodeField = 'required' | 'optional' | 'none';

export const codeFieldOf = (card: Pick<AccountCard, 'secondFactor'>): CodeField =>
  card.secondFactor === null ? 'optional' : card.secondFactor.kind === 'totp' ? 'required' : 'none';

/** The code the person's app shows: digits only, 6 to 8. */
export function AuthenticatorCodeInput({
  label,
  value,
  onChange,
  inputRef,
  invalid,
}: {
  label: string;
  value: string;
  onChange: (code: string) => void;
  inputRef?: Ref<HTMLInputElement>;
  invalid?: boolean;
}) {
  return (
    <label>
      <span>{label}</span>
      <input
        ref={inputRef}
        value={value}
        onChange={(e) => onChange(e.target.value.replace(/\D/g, '').slice(0, 8))}
        inputMode="numeric"
        maxLength={8}
        autoComplete="off"
        className="code-input mono"
        aria-invalid={invalid}
      />
    </label>
  );
}

/** The privacy screen's buttons: submit (its busy wording while the call runs) and cancel. */
export function SubmitCancel(props: { ready: boolean; busy: boolean; submit: string; busyText: string; cancel: string; onCancel: () => void }) {
  return (
    <div className="row">
      <button type="submit" className="primary" disabled={!props.ready}>
        {props.busy ? props.busyText : props.submit}
      </button>
      <button type="button" className="secondary" onClick={props.onCancel}>
        {props.cancel}
      </button>
    </div>
  );
}
