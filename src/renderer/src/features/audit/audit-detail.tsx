/** Audit review: one event told in words, and behind "détails techniques" its raw JSON, hashes and directory code. */
import { Fragment, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { formatDateTime } from '../../format';
import { DirText } from '../../components/dir-text';
import type { AuditAction, AuditEventView } from '../../../../shared/audit-events';
import type { AuditEventDetail } from '../../../../shared/contract/audit';
import { LIFECYCLE_ACTIONS, LIFECYCLE_AUDIT_ACTION } from '../../../../shared/lifecycle-actions';
import { detailLines, eventChanges, type ReasonLabel } from './event-words';

/** The ticket the agent's note filed the action under (in the details of every desk action that has a note). */
function ticketOf(e: AuditEventView): string | null {
  const ticket = (e.details as { ticket?: unknown }).ticket;
  return typeof ticket === 'string' && ticket !== '' ? ticket : null;
}

/** Actions that act on a person's account: for them "no evidence" is worth saying. */
const ACTS_ON_ACCOUNT: ReadonlySet<AuditAction> = new Set([
  'password-reset',
  'account-unlock',
  'login-revealed',
  'activation',
  'activation-step',
  'consent-change',
]);

/** Every value from the trail is inert text (DirText); focus comes to the heading when it opens, and Escape closes it. */
export function AuditDetailPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useStore((s) => s.auditDetail);
  const heading = useRef<HTMLHeadingElement>(null);
  const seq = detail?.event.seq;
  useEffect(() => {
    if (seq !== undefined) heading.current?.focus();
  }, [seq]);
  if (!detail) return null;
  const e = detail.event;
  const keyDown = (k: KeyboardEvent) => {
    if (k.key === 'Escape') {
      k.stopPropagation();
      onClose();
    }
  };
  return (
    <aside className="audit-detail" aria-labelledby="audit-detail-heading" data-testid="audit-detail" onKeyDown={keyDown}>
      <header>
        <h2 id="audit-detail-heading" ref={heading} tabIndex={-1}>
          {t('journal.detail.heading', { seq: e.seq, action: t(`auditActions.${e.action}`) })}
        </h2>
        <button type="button" className="secondary" onClick={onClose} aria-label={t('audit.close')}>
          ×
        </button>
      </header>
      <EventInWords event={e} detail={detail} t={t} />
      <TechnicalDetails key={e.seq} event={e} t={t} />
    </aside>
  );
}

/** Lifecycle reasons by the words the configuration gives them (the agent's form offered those). */
function useReasonLabel(english: boolean): ReasonLabel {
  const reasons = useStore((s) => s.status?.desk.lifecycle.reasons);
  return (action, code) => {
    const lifecycleAction = LIFECYCLE_ACTIONS.find((a) => LIFECYCLE_AUDIT_ACTION[a] === action);
    const reason = lifecycleAction ? reasons?.[lifecycleAction].find((r) => r.code === code) : undefined;
    return reason ? (english ? (reason.labelEn ?? reason.label) : reason.label) : null;
  };
}

function EventInWords({ event: e, detail, t }: { event: AuditEventView; detail: AuditEventDetail; t: TFunction }) {
  const { i18n } = useTranslation();
  const reasonLabel = useReasonLabel(i18n.language === 'en');
  const changes = eventChanges(t, e);
  const showEvidence = e.evidence.length > 0 || ACTS_ON_ACCOUNT.has(e.action);
  return (
    <dl className="event-words" data-testid="audit-detail-words">
      <dt>{t('journal.detail.when')}</dt>
      <dd>{formatDateTime(e.at)}</dd>
      <dt>{t('journal.detail.who')}</dt>
      <dd>
        {e.agent ? (
          <>
            <DirText value={e.agent.displayName} /> (<DirText value={e.agent.login} />)
          </>
        ) : (
          '—'
        )}
      </dd>
      <dt>{t('journal.detail.workstation')}</dt>
      <dd>
        <DirText value={e.workstation} />
      </dd>
      {e.target && (
        <>
          <dt>{t('journal.detail.target')}</dt>
          <dd data-testid="audit-detail-target">
            <DirText value={e.target.login} />
          </dd>
        </>
      )}
      <dt>{t('journal.detail.outcome')}</dt>
      <dd>
        {t(`outcomes.${e.outcome}`)}
        {e.pending ? ` — ${t('audit.pendingExplain')}` : ''}
      </dd>
      {showEvidence && (
        <>
          <dt>{t('journal.detail.evidence')}</dt>
          <dd data-testid="audit-detail-evidence">{e.evidence.length ? e.evidence.map((m) => t(`evidence.${m}`)).join(', ') : t('journal.detail.noEvidence')}</dd>
        </>
      )}
      {detailLines(t, e, i18n.language === 'en' ? 'en' : 'fr', reasonLabel).map((line, i) => (
        <Fragment key={i}>
          <dt>{line.label}</dt>
          <dd>
            <DirText value={line.value} />
          </dd>
        </Fragment>
      ))}
      {changes.length > 0 && (
        <>
          <dt>{t('journal.detail.changes')}</dt>
          <dd>
            <ul className="changes" data-testid="audit-detail-changes">
              {changes.map((line, i) => (
                <li key={i}>
                  <DirText value={line} />
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
      {e.comment && (
        <>
          <dt>{t('journal.detail.comment')}</dt>
          <dd>
            <DirText value={e.comment} />
          </dd>
        </>
      )}
      {ticketOf(e) && (
        <>
          <dt>{t('journal.detail.ticket')}</dt>
          <dd className="mono" data-testid="audit-detail-ticket">
            <DirText value={ticketOf(e)} />
          </dd>
        </>
      )}
      <dt>{t('audit.linked')}</dt>
      <dd>{linked(detail, t)}</dd>
    </dl>
  );
}

function TechnicalDetails({ event: e, t }: { event: AuditEventView; t: TFunction }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="technical">
      <button type="button" className="link-button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {t('journal.detail.technical')}
      </button>
      <div id={id} hidden={!open} data-testid="audit-detail-technical">
        {open && (
          <dl>
            <dt>{t('journal.detail.instant')}</dt>
            <dd className="mono">{e.at}</dd>
            <dt>{t('journal.detail.directoryCode')}</dt>
            <dd className="mono">{e.directoryCode ?? '—'}</dd>
            {e.target?.dn && (
              <>
                <dt>DN</dt>
                <dd className="mono">
                  <DirText value={e.target.dn} />
                </dd>
              </>
            )}
            <dt>{t('journal.detail.raw')}</dt>
            <dd>
              <pre className="details">
                <DirText value={JSON.stringify({ evidence: e.evidence, details: e.details }, null, 2)} keepLineBreaks />
              </pre>
            </dd>
            <dt>{t('journal.detail.prevHash')}</dt>
            <dd className="mono small hash">{e.prevHash}</dd>
            <dt>{t('journal.detail.hash')}</dt>
            <dd className="mono small hash">{e.hash}</dd>
          </dl>
        )}
      </div>
    </div>
  );
}

function linked(detail: AuditEventDetail, t: TFunction): string {
  if (detail.intent) return t('journal.detail.linkedIntent', { seq: detail.intent.seq });
  if (detail.outcome) return t('journal.detail.linkedOutcome', { seq: detail.outcome.seq, outcome: t(`outcomes.${detail.outcome.outcome}`) });
  if (detail.event.pending) return t('journal.detail.noOutcome');
  return '—';
}
