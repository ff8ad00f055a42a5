/**
 * Intent -> action -> outcome around a change: the intent on record before the directory is
 * touched, the outcome after (or left open for the late settler when nobody knows).
 */
import type { AuditIntentInput, AuditOutcome } from '../../shared/audit-events';
import { GuichetError, type ErrorCode } from '../../shared/result';
import { classifyLdapError } from '../directory/ldap-errors';
import type { AuditWriter, IntentHandle, SettleInfo } from './audit-writer';
import { isAuditUnavailable } from './audit-errors';
import type { LateSettler } from './late-settler';

/** What an intent/outcome story needs of the audit writer. */
export type IntentWriter = Pick<AuditWriter, 'beginIntent' | 'settle'>;

export interface WithAuditOptions<T> {
  /** Details and directory code for the success outcome, from the action's result. */
  onSuccess?: (value: T) => SettleInfo;
  /** Gives up waiting after this long: the outcome is recorded `unknown`, the caller gets OUTCOME_UNKNOWN. */
  timeoutMs?: number;
  /**
   * When the outcome is unknown (the answer was lost with the directory), how to read the
   * entry back later, and who does it: the intent stays open until the settler knows.
   */
  lateCheck?: {
    recheck: () => Promise<boolean>;
    settler: LateSettler;
    /** Runs once the settler has written the outcome (e.g. the notice a success would have sent). */
    onSettled?: (outcome: 'success' | 'failure' | 'unknown') => void;
  };
}

/** Errors after which nobody knows whether the directory applied the change. */
const UNKNOWN_CODES: ReadonlySet<ErrorCode> = new Set(['DIRECTORY_TIMEOUT', 'DIRECTORY_UNAVAILABLE', 'OUTCOME_UNKNOWN']);
const DENIED_CODES: ReadonlySet<ErrorCode> = new Set([
  'FORBIDDEN',
  'VERIFICATION_REQUIRED',
  'THROTTLED',
  'NOT_SIGNED_IN',
  'SESSION_LOCKED',
  'NOT_AN_AGENT',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
]);

/** How a failed action reads in the trail, with the LDAP result code when there is one. */
export function outcomeOfError(error: unknown): { outcome: AuditOutcome; directoryCode: number | null } {
  const code = classifyLdapError(error);
  const raw = (error as { code?: unknown } | null)?.code;
  const fromDetails = error instanceof GuichetError ? error.details?.['resultCode'] : undefined;
  const numeric = typeof raw === 'number' ? raw : typeof fromDetails === 'number' ? fromDetails : null;
  const directoryCode = numeric !== null && Number.isInteger(numeric) && numeric >= 0 && numeric <= 65_535 ? numeric : null;
  const outcome = UNKNOWN_CODES.has(code) ? 'unknown' : DENIED_CODES.has(code) ? 'denied' : 'failure';
  return { outcome, directoryCode };
}

class AuditTimeout extends Error {}

/**
 * Intent -> action -> outcome. The intent is written first; if it cannot be (disk full,
 * database locked), AUDIT_UNAVAILABLE is thrown and `action` is never called. The
 * outcome is `success`, `failure`/`denied` with the directory's result code, or `unknown`
 * on a timeout. The action's own error is rethrown unchanged (OUTCOME_UNKNOWN on timeout).
 * If the outcome itself cannot be written, the action's result still stands: the store
 * keeps the outcome and writes it before its next event. With `lateCheck`, an unknown
 * outcome is left open for the settler, which writes it once the entry can be read back.
 */
export async function withAudit<T>(
  store: IntentWriter,
  intent: AuditIntentInput,
  action: () => Promise<T>,
  options: WithAuditOptions<T> = {},
): Promise<T> {
  const handle = store.beginIntent(intent);
  const settle = (outcome: AuditOutcome, info?: SettleInfo) => {
    try {
      store.settle(handle, outcome, info);
    } catch (error) {
      // Unavailable: the store keeps the outcome and writes it with its next event.
      if (isAuditUnavailable(error) || info?.details === undefined) return;
      // Details the schema refuses must not cost the outcome itself: record it without them.
      try {
        store.settle(handle, outcome, { directoryCode: info.directoryCode ?? null });
      } catch {
        // Deferred as above.
      }
    }
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    const running = action();
    const value =
      options.timeoutMs === undefined
        ? await running
        : await Promise.race([
            running,
            new Promise<never>((_, reject) => {
              timer = setTimeout(() => reject(new AuditTimeout()), options.timeoutMs);
            }),
          ]);
    settle('success', options.onSuccess?.(value));
    return value;
  } catch (error) {
    const unknown = (directoryCode: number | null) => {
      if (!options.lateCheck) return settle('unknown', { directoryCode });
      const { recheck, settler, onSettled } = options.lateCheck;
      settler.watch({
        recheck,
        settle: (outcome) => {
          // The lost answer's code says nothing of a change found applied.
          settle(outcome, { directoryCode: outcome === 'success' ? null : directoryCode });
          onSettled?.(outcome);
        },
      });
    };
    if (error instanceof AuditTimeout) {
      unknown(null);
      throw new GuichetError('OUTCOME_UNKNOWN', 'no answer from the directory in time: outcome unknown');
    }
    const { outcome, directoryCode } = outcomeOfError(error);
    if (outcome === 'unknown') unknown(directoryCode);
    else settle(outcome, { directoryCode });
    throw error;
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/**
 * withAudit for one directory write that stands for several recorded steps (step 1 of an
 * activation sets the question, the consents and the charter in one modify): every intent
 * is written before the write, every outcome after. If one intent cannot be written, the
 * directory is not touched and the intents already written are closed as failures.
 */
export async function withAuditAll<T>(store: IntentWriter, intents: readonly AuditIntentInput[], action: () => Promise<T>): Promise<T> {
  const handles: IntentHandle[] = [];
  const settleAll = (outcome: AuditOutcome, directoryCode: number | null = null) => {
    for (const handle of handles) {
      try {
        store.settle(handle, outcome, { directoryCode });
      } catch {
        // Deferred by the store: the intent reads unknown until it is written.
      }
    }
  };
  try {
    for (const intent of intents) handles.push(store.beginIntent(intent));
  } catch (error) {
    settleAll('failure');
    throw error;
  }
  try {
    const value = await action();
    settleAll('success');
    return value;
  } catch (error) {
    const { outcome, directoryCode } = outcomeOfError(error);
    settleAll(outcome, directoryCode);
    throw error;
  }
}
