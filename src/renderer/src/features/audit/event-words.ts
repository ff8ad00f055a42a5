/**
 * One audit event told in words for a supervisor: what was done (the details of its action),
 * the changes as "field: before → after", the filter a viewing used. Pure: the event and the
 * translation function in, labelled lines out; the raw JSON stays behind "détails techniques".
 */
import type { TFunction } from 'i18next';
import type { AuditEventView, FieldChanges } from '../../../../shared/audit-events';
import { anchorAlarmText, type ForwardingLocale } from '../../../../shared/audit-forwarding';
import { formatDateTime } from '../../format';

export interface WordLine {
  label: string;
  value: string;
}

/** A lifecycle reason's label as the configuration words it (null when the code is not, or no longer, in it). */
export type ReasonLabel = (action: 'account-suspend' | 'account-reactivate' | 'validity-extend', code: string) => string | null;

type Change<T> = { before: T | null; after: T | null };

/** The default consent values of a SUPANN directory, in words; any other value is shown as stored. */
const CONSENT_NAMES: Record<string, 'sms' | 'photo'> = { '{SMS}ALERTES': 'sms', '{PHOTO}TROMBINOSCOPE': 'photo' };

function value(t: TFunction, v: unknown): string {
  if (v === null || v === undefined || v === '') return t('journal.detail.nothing');
  if (typeof v === 'boolean') return v ? t('journal.words.yes') : t('journal.words.no');
  if (Array.isArray(v)) return v.length ? v.map((x) => value(t, x)).join(', ') : t('journal.words.none');
  return String(v);
}

const consentName = (t: TFunction, stored: string) => {
  const known = CONSENT_NAMES[stored.toUpperCase()];
  return known ? t(`journal.words.consentNames.${known}`) : stored;
};

/** Consents read as each one given or withdrawn ("photo (trombinoscopes) : refusée → acceptée"). */
function consentLines(t: TFunction, change: Change<string[]>): string[] {
  const before = new Set(change.before ?? []);
  const after = new Set(change.after ?? []);
  const lines: string[] = [];
  for (const stored of [...new Set([...before, ...after])]) {
    if (before.has(stored) === after.has(stored)) continue;
    const word = (on: boolean) => t(on ? 'journal.words.consent.accepted' : 'journal.words.consent.refused');
    lines.push(t('journal.words.changeLine', { field: consentName(t, stored), before: word(before.has(stored)), after: word(after.has(stored)) }));
  }
  return lines;
}

/** Every change of an action as "field: before → after". */
export function changeLines(t: TFunction, changes: FieldChanges | undefined): string[] {
  if (!changes) return [];
  const lines: string[] = [];
  for (const [field, change] of Object.entries(changes) as Array<[keyof FieldChanges, Change<unknown>]>) {
    if (!change) continue;
    if (field === 'consents') {
      lines.push(...consentLines(t, change as Change<string[]>));
      continue;
    }
    if (field === 'secondFactor') {
      const kind = (v: unknown) => (v === 'none' || v === 'totp' ? t(`journal.words.secondFactorKind.${v}`) : value(t, v));
      lines.push(t('journal.words.changeLine', { field: t('journal.words.fields.secondFactor'), before: kind(change.before), after: kind(change.after) }));
      continue;
    }
    lines.push(t('journal.words.changeLine', { field: t(`journal.words.fields.${field}`), before: value(t, change.before), after: value(t, change.after) }));
  }
  return lines;
}

/** A filter summary (what audit-viewed and audit-exported keep) in words. */
export function filterWords(t: TFunction, filter: Record<string, unknown> | undefined): string {
  const parts: string[] = [];
  for (const [key, raw] of Object.entries(filter ?? {})) {
    if (raw === undefined || raw === false) continue;
    const shown = key === 'action' ? t(`auditActions.${raw as 'sign-in'}`) : key === 'outcome' ? t(`outcomes.${raw as 'success'}`) : String(raw);
    if (key in FILTER_PART_KEYS) parts.push(t(`journal.words.filterParts.${key as keyof typeof FILTER_PART_KEYS}`, { value: shown }));
  }
  return parts.length ? parts.join(', ') : t('journal.words.noFilter');
}

const FILTER_PART_KEYS = { from: 1, to: 1, agent: 1, agentPrefix: 1, target: 1, targetPrefix: 1, action: 1, outcome: 1, hasText: 1, upToSeq: 1 } as const;

/** A suspension, reactivation or extension: its reason as the form offered it, the agent's precisions, whether the person was there and verified. */
function lifecycleLines(t: TFunction, event: Extract<AuditEventView, { action: 'account-suspend' | 'account-reactivate' | 'validity-extend' }>, reasonLabel: ReasonLabel | undefined): WordLine[] {
  const d = event.details;
  const label = reasonLabel?.(event.action, d.reason) ?? null;
  return [
    { label: t('journal.detail.what'), value: t(`journal.words.lifecycle.${event.action}`) },
    { label: t('journal.words.lifecycle.reason'), value: label ?? d.reason },
    ...(d.reasonText ? [{ label: t('journal.words.lifecycle.reasonText'), value: d.reasonText }] : []),
    { label: t('journal.words.lifecycle.personLabel'), value: t(`journal.words.lifecycle.person.${d.person}`) },
  ];
}

/** The list a card was opened from, by its name on the worklists screen (a name unknown here as stored). */
function worklistName(t: TFunction, list: string): string {
  return t(`worklists.lists.${list as 'locked'}`, { defaultValue: list });
}

/** What the action did, in words: one line per detail that means something to a supervisor. */
export function detailLines(t: TFunction, event: AuditEventView, locale: ForwardingLocale = 'fr', reasonLabel?: ReasonLabel): WordLine[] {
  const what = (v: string): WordLine => ({ label: t('journal.detail.what'), value: v });
  const line = (label: string, v: string): WordLine => ({ label, value: v });
  switch (event.action) {
    case 'sign-in':
      return [what(t(`journal.words.mode.${event.details.mode}`)), line(t('journal.words.roleLabel'), t(`journal.words.role.${event.details.role}`))];
    case 'sign-in-refused':
      return [what(t(`journal.words.signInReason.${event.details.reason}`))];
    case 'sign-out':
      return [what(t(`journal.words.signOutReason.${event.details.reason}`))];
    case 'idle-lock':
      return [what(t('journal.words.idleMinutes', { count: event.details.idleMinutes }))];
    case 'account-viewed': {
      const { source, list } = event.details;
      if (source === 'worklist' && list) return [what(t('journal.words.openedFromWorklist', { list: worklistName(t, list) }))];
      return source ? [what(`${t('auditActions.account-viewed')} : ${t(`journal.words.source.${source}`)}`)] : [];
    }
    case 'account-suspend':
    case 'account-reactivate':
    case 'validity-extend':
      return lifecycleLines(t, event, reasonLabel);
    case 'verification-attempt':
      return [
        line(t('journal.words.method'), t(`evidence.${event.details.method}`)),
        line(t('journal.detail.outcome'), t(event.details.matched ? 'journal.words.matched.yes' : 'journal.words.matched.no')),
        ...(event.details.attempt ? [what(t('journal.words.attempt', { count: event.details.attempt }))] : []),
      ];
    case 'password-reset':
      return [what(t(`journal.words.delivery.${event.details.delivery}`)), line(t('journal.words.mustChange'), value(t, event.details.mustChangeAtNextLogin))];
    case 'login-revealed':
      return [what(t(`journal.words.revealChannel.${event.details.channel}`))];
    case 'activation':
      return event.details.charterVersion ? [line(t('journal.words.charterVersion'), event.details.charterVersion)] : [];
    case 'activation-step':
      return [what(t(`journal.words.step.${event.details.step}`))];
    case 'second-factor-enrol': {
      const d = event.details;
      return [
        what(t(`journal.words.secondFactorEnrol.${d.replaced ? 'replaced' : 'new'}`)),
        line(t('journal.words.secondFactorParamsLabel'), t('journal.words.secondFactorParams', { digits: d.digits, period: d.periodSeconds, algorithm: d.algorithm.replace('SHA', 'SHA-') })),
      ];
    }
    case 'second-factor-remove':
      return [what(t(`journal.words.secondFactorRemove.${event.details.reason}`))];
    case 'notification-sent':
    case 'notification-failed': {
      const d = event.details;
      return [
        what(`${t(`journal.words.purpose.${d.purpose}`)} (${t(`journal.words.channel.${d.channel}`)})`),
        ...('recipient' in d ? [line(t('journal.words.recipient'), d.recipient)] : []),
        ...('address' in d ? [line(t('journal.words.recipient'), `${t('mailAddress.unusable')} (${t(`mailAddress.field.${d.address}`)})`)] : []),
        ...('reason' in d ? [line(t('journal.detail.outcome'), t(`journal.words.failReason.${d.reason}`))] : []),
      ];
    }
    case 'audit-viewed':
      return [what(`${t('auditActions.audit-viewed')} : ${t(`journal.words.view.${event.details.view}`)}`), line(t('journal.words.filter'), filterWords(t, event.details.filter))];
    case 'audit-exported': {
      const d = event.details;
      return [
        what(`${d.format.toUpperCase()} ${t(`journal.words.via.${d.via}`)}`),
        line(t('journal.words.file'), d.fileName),
        ...(d.count !== undefined ? [line(t('journal.words.content'), t('journal.words.exportedRange', { count: d.count, from: d.fromSeq ?? '—', to: d.toSeq ?? '—' }))] : []),
        line(t('journal.words.filter'), filterWords(t, d.filter)),
      ];
    }
    case 'retention-purge':
      return [what(t('journal.words.retention', { days: event.details.retentionDays, count: event.details.count, cutoff: event.details.cutoff.slice(0, 10) }))];
    case 'audit-key-unavailable':
      return [what(t(`journal.words.keyReason.${event.details.reason}`)), line(t('journal.words.keystore'), [event.details.keystore, event.details.backend].filter(Boolean).join(' · '))];
    case 'integrity-alarm':
      return [
        what(
          t(`audit.integrity.alarm.${event.details.kind}`, { when: formatDateTime(event.at), seq: event.seq, vouched: event.details.vouchedSeq }),
        ),
      ];
    case 'audit-anchor-alarm': {
      const d = event.details;
      const anchor = { state: 'alarm' as const, kind: d.kind, centralSeq: d.centralSeq, localSeq: d.localSeq, checkedAt: event.at };
      return [what(anchorAlarmText(anchor, locale) ?? '')];
    }
    default:
      return [];
  }
}

/** The changes an action recorded, when it has any. */
export function eventChanges(t: TFunction, event: AuditEventView): string[] {
  const details = event.details as { changes?: FieldChanges };
  return changeLines(t, details.changes);
}
