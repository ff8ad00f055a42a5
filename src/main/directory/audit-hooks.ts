/**
 * The one place where sign-in, lock, resume, sign-out and account views reach the audit
 * trail (the store of src/main/audit). Passwords never come here: no event shape has a
 * field for one, and a login the directory did not find is not recorded (it may be a
 * password typed in the wrong box).
 */
import type { AuditEventInput, AuditEventView } from '../../shared/audit-events';
import type { RecentDeskAction } from '../../shared/account';
import type { Role } from '../../shared/domain';
import { GuichetError } from '../../shared/result';
import type { Logger } from '../logger';

/** What this module needs of the audit store (src/main/audit/audit-store.ts). */
export interface AuditStoreLike {
  append(event: AuditEventInput): unknown;
  history(login: string, viewer: { login: string; role: Role }, page?: { after?: number; limit?: number }): { events: AuditEventView[] };
}

export interface DeskAudit {
  /**
   * Records a finished event. `required`: throws AUDIT_UNAVAILABLE when it cannot be written
   * (an account is shown only once its view is on record); otherwise a failure is logged and
   * the action goes on (a lock or a sign-out must never be blocked by a full disk).
   */
  record(event: AuditEventInput, options?: { required?: boolean }): void;
  /** The last desk actions on an account (views left out), as the viewer may see them. */
  recentActions(login: string, viewer: { login: string; role: Role }, limit?: number): RecentDeskAction[];
}

/** An account view is noise in "what was done lately on this account". */
const NOT_AN_ACTION = new Set(['account-viewed']);

export function createDeskAudit(options: { store: AuditStoreLike; logger: Logger }): DeskAudit {
  const { store, logger } = options;
  return {
    record(event, { required = false } = {}) {
      try {
        store.append(event);
      } catch (error) {
        logger.log({ level: 'error', event: 'audit-append', code: 'AUDIT_UNAVAILABLE', note: event.action });
        if (required) throw error instanceof GuichetError ? error : new GuichetError('AUDIT_UNAVAILABLE', 'the audit trail cannot be written');
      }
    },
    recentActions(login, viewer, limit = 10) {
      try {
        return store
          .history(login, viewer, { limit: 100 })
          .events.filter((e) => !NOT_AN_ACTION.has(e.action))
          .slice(0, limit)
          .map((e) => ({ seq: e.seq, at: e.at, action: e.action, outcome: e.outcome, agentLogin: e.agent?.login ?? null }));
      } catch {
        logger.log({ level: 'warn', event: 'audit-history', code: 'AUDIT_UNAVAILABLE' });
        return [];
      }
    },
  };
}
