/**
 * Suspend, reactivate, extend an account's validity. The person need not be at the desk: no
 * verification is asked, the trail records whether they were there and verified. The shared
 * verdict (shared/lifecycle-actions.ts, what the card's buttons read) decides first, then the
 * reason, the note and the new date; the directory's ACL has the last word. Intent, then the
 * write, then the outcome with the state before and after; a notice where configured.
 */
import type { Entry } from 'ldapts';
import type { AuditIntentInput } from '../../shared/audit-events';
import type { LifecycleDone } from '../../shared/contract/lifecycle';
import type { DeskNote } from '../../shared/desk-note';
import { extensionProblem, lifecycleVerdict, LIFECYCLE_AUDIT_ACTION, type LifecycleAction } from '../../shared/lifecycle-actions';
import { GuichetError } from '../../shared/result';
import { localDay } from '../activation/activation-plan';
import type { AuditTrail } from '../audit/audit-trail';
import type { GuichetConfig } from '../config/schema';
import { deskIntentBase, type DeskContext, type OpenDesk } from '../desk/desk-context';
import { deskNoteRules } from '../desk/desk-note-guard';
import { openDeskAction } from '../desk/desk-opening';
import { accountFactsOfEntry, factAttributes, values } from '../directory/account-entry';
import type { DirectoryDoor } from '../directory/agent-directory';
import { readEntry } from '../directory/entry-read';
import { modifyEntry } from '../directory/entry-write';
import { NotApplied } from '../directory/write-outcome';
import type { Notifier } from '../mail/notifications';
import type { VerificationStore } from '../verification/verification-store';
import { reasonsOf } from './lifecycle-config';
import { isAccountValue, planLifecycle } from './lifecycle-plan';

export interface LifecycleRequest extends DeskNote {
  dn: string;
  reason: string;
  reasonText?: string | undefined;
  personPresent: boolean;
  newEnd?: string | undefined;
}

export interface LifecycleDeps {
  openDesk: OpenDesk;
  verification: Pick<VerificationStore, 'validMethods'>;
  directory: DirectoryDoor;
  trail: Pick<AuditTrail, 'withAudit'>;
  notifier: Pick<Notifier, 'notifyPerson'>;
  config: Pick<GuichetConfig, 'directory' | 'lifecycle' | 'audit' | 'mail'>;
  now: () => Date;
}

const isoDay = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;

export class LifecycleService {
  constructor(private readonly deps: LifecycleDeps) {}

  async run(action: LifecycleAction, request: LifecycleRequest): Promise<LifecycleDone> {
    const { config, trail, directory: door } = this.deps;
    // The agent's note first, as the form checks it; the verification is only recorded (below), never asked.
    const { ctx, note } = await openDeskAction({ openDesk: this.deps.openDesk, noteRules: deskNoteRules(config.audit) }, request, [LIFECYCLE_AUDIT_ACTION[action]]);
    const dn = ctx.subject.dn;
    const entry = await this.read(dn);
    const facts = accountFactsOfEntry(entry, config.directory.attributes);
    const at = this.deps.now();
    const today = isoDay(localDay(at, config.mail.timeZone));

    // 1. Every check before the first write: the note (above), the shared verdict, the reason, the date.
    const verdict = lifecycleVerdict(facts, action, ctx.agent.role, config.lifecycle.roles[action]);
    if (verdict.blocker?.kind === 'account')
      throw new GuichetError('ACCOUNT_STATE', 'the account\'s state does not allow this action', { action, reason: verdict.blocker.reason, fixer: verdict.blocker.fixer });
    if (verdict.blocker?.kind === 'role') throw new GuichetError('FORBIDDEN', 'this action needs a supervisor', { action, reason: 'supervisor-required' });
    const reason = reasonsOf(config.lifecycle, action).find((r) => r.code === request.reason);
    if (!reason) throw new GuichetError('INVALID_REQUEST', 'reason: not in the list', { field: 'reason', reason: 'unknown' });
    const reasonText = request.reasonText?.trim() ? request.reasonText.trim() : undefined;
    if (reason.needsText && !reasonText) throw new GuichetError('INVALID_REQUEST', 'reasonText: required', { field: 'reasonText', reason: 'required' });
    if (action === 'extend-validity') {
      const current = facts.state.end !== null && facts.state.end >= today ? facts.state.end : null;
      const problem = extensionProblem(request.newEnd ?? '', current, today, config.lifecycle.maxExtensionDays);
      if (problem) throw new GuichetError('INVALID_REQUEST', `newEnd: ${problem}`, { field: 'newEnd', reason: problem, maxDays: config.lifecycle.maxExtensionDays });
    }

    // 2. The plan, the intent, the write, the outcome.
    const attrs = config.directory.attributes;
    const stored = {
      states: values(entry, attrs.accountState).filter(isAccountValue),
      dated: values(entry, attrs.accountStateDate).filter(isAccountValue),
      hasPassword: facts.hasPassword,
    };
    const plan = planLifecycle(stored, { action, today, newEnd: request.newEnd }, attrs);
    const methods = request.personPresent ? this.deps.verification.validMethods(ctx.verificationSubject, ctx.deskAgent) : [];
    const person = !request.personPresent ? 'absent' : methods.length > 0 ? 'present-verified' : 'present-unverified';
    const details = { reason: reason.code, ...(reasonText ? { reasonText } : {}), person, ...note.ticket } as const;
    const intent = { ...deskIntentBase(ctx, methods, note.comment), action: LIFECYCLE_AUDIT_ACTION[action], details } as AuditIntentInput;
    const applied = async () => {
      const now = await this.read(dn);
      const has = (attr: string, value: string) => values(now, attr).some((v) => v.toLowerCase() === value.toLowerCase());
      return has(attrs.accountState, plan.after.state) && has(attrs.accountStateDate, plan.after.dated);
    };
    try {
      await trail.withAudit(intent, () => modifyEntry(door, dn, plan.modifications, applied), {
        onSuccess: () => ({ details: { ...details, changes: plan.changes } }),
        lateCheck: { recheck: applied },
      });
    } catch (error) {
      if (error instanceof NotApplied) throw error.toGuichetError();
      throw error;
    }
    const notification = config.lifecycle.notify.includes(action) ? await this.notify(ctx, action, at) : null;
    return { action, at: at.toISOString(), changes: plan.changes, notification };
  }

  private notify(ctx: DeskContext, action: LifecycleAction, at: Date) {
    const addresses = [
      { field: 'personal-mail', value: ctx.subject.personalMail },
      { field: 'mail', value: ctx.subject.mail },
    ] as const;
    return this.deps.notifier.notifyPerson({ action, at, addresses, agent: ctx.agentRef, target: ctx.targetRef });
  }

  private read(dn: string): Promise<Entry> {
    const a = this.deps.config.directory.attributes;
    return this.deps.directory.read((client) => readEntry(client, dn, [a.accountState, a.accountStateDate, ...factAttributes(a)]));
  }
}
