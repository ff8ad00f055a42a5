/** Shared UI: a masked address from main, or "adresse inutilisable" (and who corrects it) when the directory's value is no single mailbox. */
import { useTranslation } from 'react-i18next';
import { parseMailbox, UNUSABLE_MAILBOX } from '../../../shared/mail-address';
import { useStore } from '../store';
import { DirText } from './dir-text';

/** Who corrects the addresses on record, as the configuration words it. */
function useRecordsOffice(): string {
  return useStore((s) => s.status?.addresses.recordsOffice ?? '—');
}

/** The warning shown in place of an address that cannot be used. */
export function UnusableAddress() {
  const { t } = useTranslation();
  const whom = useRecordsOffice();
  return (
    <span data-testid="unusable-address">
      <strong className="unusable-address">⚠ {t('mailAddress.unusable')}</strong>
      <span className="small muted"> — {t('mailAddress.unusableHint', { whom })}</span>
    </span>
  );
}

/** A masked address (personalMailMasked, codeDestinationMasked): the sentinel becomes the warning. */
export function MaskedMail({ value, fallback }: { value: string | null | undefined; fallback?: string }) {
  if (value === UNUSABLE_MAILBOX) return <UnusableAddress />;
  return <DirText value={value} {...(fallback !== undefined ? { fallback } : {})} />;
}

/** An address shown whole (the institutional one): literally, and flagged when main would refuse to send to it. */
export function MailValue({ value }: { value: string | null | undefined }) {
  const rules = useStore((s) => s.status?.addresses.rules ?? { smtpUtf8: false });
  if (!value) return <DirText value={value} />;
  return (
    <>
      <DirText value={value} />
      {!parseMailbox(value, rules).ok && (
        <>
          {' '}
          <UnusableAddress />
        </>
      )}
    </>
  );
}

/** After an action: the notice could not go to these addresses, and who can correct them. */
export function UnusableNotice({ fields }: { fields: readonly ('personal-mail' | 'mail')[] }) {
  const { t } = useTranslation();
  const whom = useRecordsOffice();
  if (fields.length === 0) return null;
  return (
    <>
      {fields.map((field) => (
        <span key={field} className="notice-unusable small" data-testid="notice-unusable">
          {t('mailAddress.noticeUnusable', { which: t(`mailAddress.field.${field}`), whom })}
        </span>
      ))}
    </>
  );
}
