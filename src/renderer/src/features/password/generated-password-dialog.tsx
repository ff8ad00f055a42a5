/** The temporary password, shown once with its printable slip. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { DirText } from '../../components/dir-text';
import { formatDateTime } from '../../format';
import { Notification } from '../../components/notification';

/**
 * The temporary password, shown once in large grouped characters, with a printable slip.
 * Closing it removes the password from the renderer for good.
 */
export function GeneratedPasswordDialog() {
  const { t } = useTranslation();
  const generated = useStore((s) => s.generated);
  const dismiss = useStore((s) => s.dismissActionResult);
  const status = useStore((s) => s.status);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (generated && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [generated]);

  if (!generated) return null;
  const close = () => {
    dialog.current?.close();
    dismiss();
  };
  return (
    <dialog ref={dialog} className="generated-dialog" aria-labelledby="generated-heading" onCancel={close} data-testid="generated-dialog">
      <div className="slip" data-testid="password-slip">
        <p className="slip-institution">
          {status?.institution} — {status?.helpdeskName}
        </p>
        <h2 id="generated-heading">{t('slip.heading')}</h2>
        <dl>
          <dt>{t('slip.login')}</dt>
          <dd className="mono big">
            <DirText value={generated.login} />
          </dd>
          <dt>{t('slip.password')}</dt>
          <dd className="password-groups" data-testid="generated-password">
            {generated.groups.map((group, i) => (
              <span key={i} className="mono">
                {group}
              </span>
            ))}
          </dd>
        </dl>
        <p className="slip-warning">{t('slip.mustChange')}</p>
        <p>{t('slip.where', { url: generated.changeUrl })}</p>
        <p className="small muted">{t('slip.when', { when: formatDateTime(generated.at) })}</p>
      </div>
      <p className="no-print small">
        <Notification {...generated.notification} />
      </p>
      <p className="no-print hint">{t('slip.once')}</p>
      <div className="row no-print">
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t('slip.print')}
        </button>
        <button type="button" className="primary" onClick={close} autoFocus>
          {t('slip.handedOver')}
        </button>
      </div>
    </dialog>
  );
}
