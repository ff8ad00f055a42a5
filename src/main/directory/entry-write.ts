/**
 * One LDAP modify of a person's entry under the signed-in agent's own bind, through the
 * directory's write path: sent once, never retried, and atomic for the entry (LDAP applies
 * all the changes of one modify or none).
 *
 * When the answer does not come (timeout, dropped connection), `applied()` re-reads the
 * entry before anything is said: applied -> success, not applied -> NotApplied (nothing
 * changed, recorded as failure), unreadable -> OUTCOME_UNKNOWN. Refusals become closed
 * codes with the LDAP result code in `details.resultCode` (the audit records it).
 */
import { Attribute, Change } from 'ldapts';
import { GuichetError } from '../../shared/result';
import type { DirectoryDoor } from './agent-directory';
import { directoryRefusal, NotApplied } from './write-outcome';

/** One change of an LDAP modify, as plain data (turned into ldapts `Change`s here). */
export interface Modification {
  operation: 'add' | 'delete' | 'replace';
  type: string;
  values: string[];
}

export const toChanges = (modifications: readonly Modification[]): Change[] =>
  modifications.map(
    (m) => new Change({ operation: m.operation, modification: new Attribute({ type: m.type, values: [...m.values] }) }),
  );

/** Refusals specific to a data modify, before the generic mapping of write-outcome.ts. */
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
  directory: Pick<DirectoryDoor, 'write'>,
  dn: string,
  modifications: readonly Modification[],
  applied: () => Promise<boolean>,
): Promise<void> {
  if (modifications.length === 0) return;
  const changes = toChanges(modifications);
  try {
    await directory.write(
      async (client) => {
        try {
          await client.modify(dn, changes);
        } catch (error) {
          throw modifyRefusal(error);
        }
      },
      { applied, onApplied: () => undefined },
    );
  } catch (error) {
    if (error instanceof NotApplied) throw error;
    throw directoryRefusal(error);
  }
}
