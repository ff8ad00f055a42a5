/** On the card: suspend, reactivate, extend validity, drawn from the desk model's lifecycle verdicts; each asks for a reason, whether the person is there, the note, and a confirmation. */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/date-field';
import { ModalDialog } from '../../components/modal-dialog';
import { DeskNoteFields } from '../../components/desk-note-fields';
import { Notification } from '../../components/notification';
import { useDeskView } from '../../components/use-desk-view';
import { blockerText } from '../../components/desk-words';
import { errorText } from '../../i18n';
import { formatDate } from '../../format';
import { addDays, LIFECYCLE_ACTIONS, LIFECYCLE_AUDIT_ACTION, type LifecycleAction } from '../../../../shared/lifecycle-actions';
import { useStore } from '../../store';
import type { LifecycleForm } from './lifecycle-slice';

function LifecycleDialog({ action, onClose }: { action: LifecycleAction; onClose: () => void }) {
  const { t } = useTranslation();
  const card = useStore((s) => s.card);
  const locale = useStore((s) => s.locale);
  const rules = useStore((s) => s.status?.desk.lifecycle);
  const busy = useStore((s) => s.lifecycleBusy);
  const error = useStore((s) => s.lifecycleError);
  const run = useStore((s) => s.runLifecycle);
  const reasons = rules?.reasons[action] ?? [];
  const [form, setForm] = useState<LifecycleForm>({ reason: '', reasonText: '', personPresent: false, newEnd: '' });
  const [tried, setTried] = useState(false);
  const first = useRef<HTMLSelectElement>(null);
  const titleId = useId();
  useEffect(() => {
    first.current?.focus();
  }, []);
  if (!card) return null;
  const reason = reasons.find((r) => r.code === form.reason);
  const today = new Date().toISOString().slice(0, 10);
  const maxEnd = addDays(today, rules?.maxExtensionDays ?? 365);
  const missing = {
    reason: !reason,
    reasonText: !!reason?.needsText && form.reasonText.trim() === '',
    newEnd: action === 'extend-validity' && (form.newEnd === '' || form.newEnd <= today || form.newEnd > maxEnd || (card.state.end !== null && form.newEnd <= card.state.end)),
  };
  const submit = async () => {
    setTried(true);
    if (missing.reason || missing.reasonText || missing.newEnd) return;
    if (await run(action, form)) onClose();
  };
  return (
    <ModalDialog className="confirm-dialog lifecycle-dialog" labelledBy={titleId} testId={`lifecycle-dialog-${action}`} onCancel={onClose}>
      <form
        method="dialog"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <h2 id={titleId}>{t(`lifecycle.${action}.title`, { login: card.login })}</h2>
        <p>{t(`lifecycle.${action}.body`)}</p>
        {action === 'extend-validity' && (
          <>
            <p className="small">{card.state.end ? t('lifecycle.currentEnd', { when: formatDate(card.state.end) }) : t('lifecycle.noCurrentEnd')}</p>
            <DateField label={t('lifecycle.newEnd', { max: formatDate(maxEnd) })} value={form.newEnd} onChange={(newEnd) => setForm({ ...form, newEnd })} showProblem={tried} testId="lifecycle-new-end" />
            {tried && missing.newEnd && (
              <span className="error small" role="alert">
                {t('lifecycle.newEndProblem', { max: formatDate(maxEnd) })}
              </span>
            )}
          </>
        )}
        <label htmlFor="lifecycle-reason">{t('lifecycle.reason')}</label>
        <select
          ref={first}
          id="lifecycle-reason"
          value={form.reason}
          aria-invalid={tried && missing.reason ? true : undefined}
          aria-describedby={tried && missing.reason ? 'lifecycle-reason-problem' : undefined}
          onChange={(e) => setForm({ ...form, reason: e.target.value })}
        >
          <option value="">{t('lifecycle.chooseReason')}</option>
          {reasons.map((r) => (
            <option key={r.code} value={r.code}>
              {locale === 'en' && r.labelEn ? r.labelEn : r.label}
            </option>
          ))}
        </select>
        {tried && missing.reason && (
          <span className="error small" id="lifecycle-reason-problem" role="alert">
            {t('lifecycle.reasonRequired')}
          </span>
        )}
        <label htmlFor="lifecycle-reason-text">
          {t('lifecycle.reasonText')} {reason?.needsText ? <strong>{t('note.required')}</strong> : <span className="muted">{t('note.optional')}</span>}
        </label>
        <input
          id="lifecycle-reason-text"
          maxLength={500}
          value={form.reasonText}
          aria-invalid={tried && missing.reasonText ? true : undefined}
          aria-describedby={tried && missing.reasonText ? 'lifecycle-reason-text-problem' : undefined}
          onChange={(e) => setForm({ ...form, reasonText: e.target.value })}
        />
        {tried && missing.reasonText && (
          <span className="error small" id="lifecycle-reason-text-problem" role="alert">
            {t('lifecycle.reasonTextRequired')}
          </span>
        )}
        <label className="check">
          <input type="checkbox" checked={form.personPresent} onChange={(e) => setForm({ ...form, personPresent: e.target.checked })} /> {t('lifecycle.personPresent')}
        </label>
        <DeskNoteFields forms={[[LIFECYCLE_AUDIT_ACTION[action]]]} idPrefix="lifecycle" />
        {error && (
          <p className="error" role="alert" data-testid="lifecycle-error">
            {errorText(error)}
          </p>
        )}
        <div className="row">
          <button type="submit" className={action === 'suspend' ? 'danger' : 'primary'} disabled={busy}>
            {t(`lifecycle.${action}.confirm`)}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            {t('lifecycle.cancel')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

export function LifecyclePanel() {
  const { t } = useTranslation();
  const view = useDeskView();
  const done = useStore((s) => s.lifecycleDone);
  const dismiss = useStore((s) => s.dismissLifecycle);
  const [open, setOpen] = useState<LifecycleAction | null>(null);
  const opener = useRef<HTMLButtonElement | null>(null);
  if (!view) return null;
  const offered = LIFECYCLE_ACTIONS.map((a) => view.lifecycle[a]).filter((v) => v.offered);
  const unreadable = view.lifecycle.suspend.blocker?.kind === 'account' && view.lifecycle.suspend.blocker.reason === 'state-unreadable' ? view.lifecycle.suspend.blocker : null;
  return (
    <section className="card-section lifecycle-panel" aria-labelledby="lifecycle-heading">
      <h2 id="lifecycle-heading">{t('lifecycle.heading')}</h2>
      {unreadable && (
        <p className="hint" data-testid="lifecycle-closed">
          {blockerText(unreadable, view.methods)}
        </p>
      )}
      {offered.map((v) => (
        <div className="action-row" key={v.action}>
          <button
            type="button"
            className="secondary"
            disabled={!v.enabled}
            aria-describedby={v.blocker ? `why-lifecycle-${v.action}` : undefined}
            data-testid={`lifecycle-${v.action}`}
            onClick={(e) => {
              opener.current = e.currentTarget;
              dismiss();
              setOpen(v.action);
            }}
          >
            {t(`lifecycle.${v.action}.button`)}
          </button>
          {v.blocker && (
            <span className="small muted" id={`why-lifecycle-${v.action}`}>
              {blockerText(v.blocker, view.methods)}
            </span>
          )}
        </div>
      ))}
      {done && (
        <p className="ok-text" role="status" data-testid="lifecycle-done">
          {t(`lifecycle.${done.action}.done`)} {done.notification && <Notification {...done.notification} />}
        </p>
      )}
      {open && (
        <LifecycleDialog
          action={open}
          onClose={() => {
            setOpen(null);
            opener.current?.focus();
          }}
        />
      )}
    </section>
  );
}
