/**
 * The one door to the audit trail for every desk domain: finished events (sign-in, views,
 * verification attempts, mails), intent -> outcome stories around directory writes (with
 * the late settler for a lost answer), and the two reads the desk needs (an account's
 * recent actions, an account's consent proof). Passwords never come here: no event shape
 * has a field for one, and a login the directory did not find is not recorded.
 */
import type Database from 'better-sqlite3';
import type { AuditEventInput, AuditEventView, AuditIntentInput, AuditOutcome } from '../../shared/audit-events';
import type { RecentDeskAction } from '../../shared/account';
import { GuichetError } from '../../shared/result';
import type { Logger } from '../logger';
import type { Viewer } from './audit-filter';
import { queryEvents } from './audit-query';
import type { AuditWriter, IntentHandle, SettleInfo } from './audit-writer';
import type { LateSettler } from './late-settler';
import { withAudit, withAuditAll, type WithAuditOptions } from './with-audit';

export interface TrailAuditOptions<T> extends Omit<WithAuditOptions<T>, 'lateCheck'> {
  /**
   * When the outcome is unknown (the answer was lost with the directory), how to read the
   * entry back later: the late settler does it and writes the real outcome.
   */
  lateCheck?: { recheck: () => Promise<boolean>; onSettled?: (outcome: 'success' | 'failure' | 'unknown') => void };
}

export interface AuditTrail {
  /**
   * Records a finished event. `required`: throws AUDIT_UNAVAILABLE when it cannot be written
   * (an account is shown only once its view is on record); otherwise a failure is logged and
   * the action goes on (a lock or a sign-out must never be blocked by a full disk).
   */
  record(event: AuditEventInput, options?: { required?: boolean }): void;
  /** Intent -> action -> outcome (see withAudit): AUDIT_UNAVAILABLE before anything is touched. */
  withAudit<T>(intent: AuditIntentInput, action: () => Promise<T>, options?: TrailAuditOptions<T>): Promise<T>;
  /** One write standing for several recorded steps (see withAuditAll). */
  withAuditAll<T>(intents: readonly AuditIntentInput[], action: () => Promise<T>): Promise<T>;
  /** Opens an operation made of several recorded steps (an activation); its outcome comes with `settle`. */
  beginIntent(intent: AuditIntentInput): IntentHandle;
  /** Writes an opened operation's outcome; one that cannot be written now is deferred by the store. */
  settle(handle: IntentHandle, outcome: AuditOutcome, info?: SettleInfo): void;
  /** The last desk actions on an account (views left out), as the viewer may see them. */
  recentActions(login: string, viewer: Viewer, limit?: number): RecentDeskAction[];
  /**
   * The account's consent proof: every consent change recorded for it, whoever made it,
   * newest first (one page of the largest size). Names are the caller's to filter.
   */
  consentProof(login: string): AuditEventView[];
}

/** What the trail needs of the audit store. */
export interface TrailStore {
  writer: Pick<AuditWriter, 'append' | 'beginIntent' | 'settle'>;
  /** The store's connection, for the desk's two reads. */
  db: Database.Database;
}

/** An account view is noise in "what was done lately on this account". */
const NOT_AN_ACTION = new Set(['account-viewed']);
const PROOF_PAGE = 200;

export function createAuditTrail(options: TrailStore & { logger: Logger; settler: LateSettler }): AuditTrail {
  const { writer, db, logger, settler } = options;
  return {
    record(event, { required = false } = {}) {
      try {
        writer.append(event);
      } catch (error) {
        logger.log({ level: 'error', event: 'audit-append', code: 'AUDIT_UNAVAILABLE', note: event.action });
        if (required) throw error instanceof GuichetError ? error : new GuichetError('AUDIT_UNAVAILABLE', 'the audit trail cannot be written');
      }
    },
    withAudit(intent, action, { lateCheck, ...rest } = {}) {
      return withAudit(writer, intent, action, { ...rest, ...(lateCheck ? { lateCheck: { ...lateCheck, settler } } : {}) });
    },
    withAuditAll: (intents, action) => withAuditAll(writer, intents, action),
    beginIntent: (intent) => writer.beginIntent(intent),
    settle(handle, outcome, info) {
      try {
        writer.settle(handle, outcome, info);
      } catch {
        // Deferred by the store: the operation reads unknown until its outcome is written.
      }
    },
    recentActions(login, viewer, limit = 10) {
      try {
        return queryEvents(db, { target: login }, viewer, { limit: 100 })
          .events.filter((e) => !NOT_AN_ACTION.has(e.action))
          .slice(0, limit)
          .map((e) => ({ seq: e.seq, at: e.at, action: e.action, outcome: e.outcome, agentLogin: e.agent?.login ?? null }));
      } catch {
        logger.log({ level: 'warn', event: 'audit-history', code: 'AUDIT_UNAVAILABLE' });
        return [];
      }
    },
    consentProof(login) {
      try {
        return queryEvents(db, { target: login, action: 'consent-change', outcome: 'success' }, null, { limit: PROOF_PAGE }).events;
      } catch {
        logger.log({ level: 'warn', event: 'audit-history', code: 'AUDIT_UNAVAILABLE', note: 'consents' });
        return [];
      }
    },
  };
}
