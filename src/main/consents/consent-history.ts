/**
 * The proof of consent: every consent change made at this desk for one account, read back
 * from the audit trail (consent-change outcomes, including those written during an
 * activation), newest first, and who changed each consent last. Pure.
 *
 * The list is complete whoever recorded it (it is the account's proof, not a review of
 * colleagues), but the agent's name follows the audit's role rule: an agent sees the names
 * on their own events only, a supervisor sees them all.
 */
import type { AuditEventView, FieldChanges } from '../../shared/audit-events';
import type { ConsentChange, ConsentsView } from '../../shared/contract/consents';
import type { Viewer } from '../audit/audit-filter';
import type { GuichetConfig } from '../config/schema';
import { CONSENT_FIELDS, type ConsentField } from './consent-plan';

type DirectoryConfig = GuichetConfig['directory'];
type Tracked = keyof ConsentsView['lastChanged'];

const has = (list: readonly string[] | null | undefined, value: string) => (list ?? []).some((v) => v.toLowerCase() === value.toLowerCase());

/** Field names and masked before/after of one event's changes, in the contract's words. */
export function describeChanges(changes: FieldChanges, directory: DirectoryConfig): Pick<ConsentChange, 'fields' | 'before' | 'after'> {
  const fields: string[] = [];
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const toggles: Array<['smsAlerts' | 'photoUse', string]> = [
    ['smsAlerts', directory.consents.smsAlerts],
    ['photoUse', directory.consents.photoUse],
  ];
  if (changes.consents) {
    for (const [field, value] of toggles) {
      const was = has(changes.consents.before, value);
      const is = has(changes.consents.after, value);
      if (was === is) continue;
      fields.push(field);
      before[field] = was;
      after[field] = is;
    }
  }
  if (changes.mobile) {
    fields.push('mobile');
    before['mobile'] = changes.mobile.before;
    after['mobile'] = changes.mobile.after;
  }
  if (changes.hiddenFromDirectory) {
    fields.push('hiddenFromDirectory');
    before['hiddenFromDirectory'] = changes.hiddenFromDirectory.before;
    after['hiddenFromDirectory'] = changes.hiddenFromDirectory.after;
  }
  fields.sort((a, b) => CONSENT_FIELDS.indexOf(a as ConsentField) - CONSENT_FIELDS.indexOf(b as ConsentField));
  return { fields, before, after };
}

export function consentHistory(
  events: readonly AuditEventView[],
  directory: DirectoryConfig,
  viewer: Viewer,
): Pick<ConsentsView, 'history' | 'lastChanged'> {
  const history: ConsentChange[] = [];
  for (const event of events) {
    if (event.action !== 'consent-change' || event.outcome !== 'success' || event.pending) continue;
    const described = describeChanges(event.details.changes, directory);
    if (described.fields.length === 0) continue;
    const own = event.agent?.login === viewer.login;
    history.push({
      seq: event.seq,
      at: event.at,
      agentLogin: viewer.role === 'supervisor' || own ? (event.agent?.login ?? null) : null,
      ...described,
      evidence: [...event.evidence],
    });
  }
  history.sort((a, b) => b.seq - a.seq);
  const lastChanged: ConsentsView['lastChanged'] = {};
  for (const field of ['smsAlerts', 'mobile', 'photoUse', 'hiddenFromDirectory'] as const satisfies readonly Tracked[]) {
    const last = history.find((h) => h.fields.includes(field));
    if (last) lastChanged[field] = { at: last.at, agentLogin: last.agentLogin };
  }
  return { history, lastChanged };
}
