/**
 * One LDAP modify of a person's entry under the signed-in agent's own bind: sent once,
 * never retried (the agent connection retries reads after a drop, not this), and atomic
 * for the entry (LDAP applies all the changes of one modify or none).
 *
 * When the answer does not come (timeout, dropped connection), `applied()` re-reads the
 * entry before anything is said: applied -> success, not applied -> NotApplied (nothing
 * changed, recorded as failure), unreadable -> OUTCOME_UNKNOWN. Refusals become closed
 * codes with the LDAP result code in `details.resultCode` (the audit records it).
 */
import { Attribute, Change, PresenceFilter, type Client, type Entry } from 'ldapts';
import { GuichetError } from '../../shared/result';
import type { AgentDirectory } from '../directory/agent-directory';
import { NotApplied, directoryRefusal, settleUncertain } from '../directory/password-operations';
import type { Modification } from './consent-plan';

export const toChanges = (modifications: readonly Modification[]): Change[] =>
  modifications.map(
    (m) => new Change({ operation: m.operation, modification: new Attribute({ type: m.type, values: [...m.values] }) }),
  );

/** Refusals specific to a data modify, before the generic mapping of password-operations. */
function modifyRefusal(error: unknown): unknown {
  const resultCode = (error as { code?: unknown } | null)?.code;
  if (resultCode === 16 || resultCode === 20)
    // A value we planned to delete is gone, or one we planned to add is there: changed meanwhile.
    return new GuichetError('CONFLICT', 'the entry changed meanwhile: read it again', { resultCode, reason: 'changed-meanwhile' });
  if (resultCode === 21 || resultCode === 65 || resultCode === 17)
    return new GuichetError('DIRECTORY_REFUSED', 'the directory refused a value', { resultCode, reason: 'schema' });
  return error;
}

export async function modifyEntry(
  agentDirectory: AgentDirectory,
  dn: string,
  modifications: readonly Modification[],
  applied: () => Promise<boolean>,
): Promise<void> {
  if (modifications.length === 0) return;
  const changes = toChanges(modifications);
  const write = async (): Promise<void> => {
    let failure: { error: unknown } | null;
    try {
      // The error is handed back as a value: thrown inside read(), a dropped connection would be retried.
      failure = await agentDirectory.read(async (client: Client) => {
        try {
          await client.modify(dn, changes);
          return null;
        } catch (error) {
          return { error };
        }
      });
    } catch (error) {
      // No session could be opened: the modify was never sent.
      if (error instanceof GuichetError && (error.code === 'DIRECTORY_UNAVAILABLE' || error.code === 'DIRECTORY_TIMEOUT'))
        throw new NotApplied(error.code);
      throw error;
    }
    if (failure) throw modifyRefusal(failure.error);
  };
  try {
    await settleUncertain(write, applied, () => undefined);
  } catch (error) {
    if (error instanceof NotApplied) throw error;
    throw directoryRefusal(error);
  }
}

/** Reads one entry's attributes under the agent's bind (NOT_FOUND when it is not there). */
export async function readEntryAttributes(agentDirectory: AgentDirectory, dn: string, attributes: string[]): Promise<Entry> {
  const entries = await agentDirectory
    .read((client: Client) =>
      client.search(dn, { scope: 'base', filter: new PresenceFilter({ attribute: 'objectClass' }), attributes, sizeLimit: 1 }),
    )
    .catch((error: unknown) => {
      if (error instanceof GuichetError && error.code === 'NOT_FOUND') throw new GuichetError('NOT_FOUND', 'no such account');
      throw error;
    });
  const entry = entries.searchEntries[0];
  if (!entry) throw new GuichetError('NOT_FOUND', 'no such account');
  return entry;
}
