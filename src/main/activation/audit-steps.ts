/**
 * withAudit for one directory write that stands for several recorded steps (step 1 of an
 * activation sets the question, the consents and the charter in one modify): every intent
 * is written before the write, every outcome after. If one intent cannot be written, the
 * directory is not touched and the intents already written are closed as failures.
 */
import type { AuditIntentInput } from '../../shared/audit-events';
import { outcomeOfError } from '../audit/with-audit';
import type { AuditWriter, IntentHandle } from '../audit/audit-writer';

export async function withAuditAll<T>(store: AuditWriter, intents: readonly AuditIntentInput[], action: () => Promise<T>): Promise<T> {
  const handles: IntentHandle[] = [];
  const settleAll = (outcome: Parameters<AuditWriter['settle']>[1], directoryCode: number | null = null) => {
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
