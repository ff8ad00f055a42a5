/**
 * The one door to the directory for the desk: the signed-in agent's connection, with reads
 * and writes as different paths (a read cannot write, a write is sent once), and the local
 * verifiers for offline sign-in. Built once by the services.
 */
import type { GuichetConfig } from '../config/schema';
import { GuichetError } from '../../shared/result';
import type { AgentConnection } from './agent-connection';
import type { NoClientOut, ReadableClient, WritableClient } from './client-access';
import { createOfflineVerifierStore, type OfflineVerifierStore } from './offline-verifier';
import { settleUncertain } from './write-outcome';

/** How to tell, when a write's answer never came, whether it was applied (a read back). */
export interface WriteSettlement<T> {
  /** true: the change is there; false: it is not (NotApplied); throws: OUTCOME_UNKNOWN. */
  applied: () => Promise<boolean>;
  /** The write's value when it was found applied. */
  onApplied: () => T;
}

/** The reading half of the door: what a domain that only looks needs. */
export interface DirectoryReader {
  /**
   * Runs a read under the agent's own bind (NOT_SIGNED_IN when there is no online session),
   * retried once on a new session after a drop. The callback gets a client with no write
   * method, usable only while it runs: it cannot hand its client out.
   */
  read<T>(operation: (client: ReadableClient) => Promise<T>, ...refused: NoClientOut<T>): Promise<T>;
}

/** A read on a connection of its own, closed after it (see AgentConnection.readAlone): for searches that leave state on their connection. */
export interface DetachedReader {
  readAlone<T>(operation: (client: ReadableClient) => Promise<T>, ...refused: NoClientOut<T>): Promise<T>;
}

/** Reads and writes: what a domain that changes entries needs. */
export interface DirectoryDoor extends DirectoryReader {
  /**
   * Sends a write once under the agent's bind, never retried. With `settlement`, an answer
   * that never came is settled by reading back (settleUncertain): applied -> its value,
   * not applied -> NotApplied, unreadable -> OUTCOME_UNKNOWN, a refusal -> its closed code.
   * Without it, a failure comes back as it is. No session to send it on -> NotApplied.
   */
  write<T>(operation: (client: WritableClient) => Promise<T>, settlement?: WriteSettlement<T>): Promise<T>;
}

export interface AgentDirectory extends DirectoryDoor, DetachedReader {
  readonly verifiers: OfflineVerifierStore;
  /** The signed-in agent's connection; null when signed out or signed in offline. */
  connection(): AgentConnection | null;
  /** Replaces the connection, closing the previous one. */
  attach(connection: AgentConnection | null): Promise<void>;
  close(): Promise<void>;
}

export function createAgentDirectory(options: { config: GuichetConfig; dataDir: string }): AgentDirectory {
  let current: AgentConnection | null = null;
  const verifiers = createOfflineVerifierStore({ dataDir: options.dataDir, validityDays: options.config.audit.offlineVerifierDays });
  const online = (): AgentConnection => {
    if (!current) throw new GuichetError('NOT_SIGNED_IN', 'no directory session');
    return current;
  };
  return {
    verifiers,
    connection: () => current,
    async attach(connection) {
      const previous = current;
      current = connection;
      if (previous && previous !== connection) await previous.close();
    },
    // The implementation takes any read; NoClientOut is the callers' compile-time check.
    read: (async (operation: (client: ReadableClient) => Promise<unknown>) => online().read(operation)) as DirectoryReader['read'],
    readAlone: (async (operation: (client: ReadableClient) => Promise<unknown>) => online().readAlone(operation)) as DetachedReader['readAlone'],
    async write(operation, settlement) {
      const connection = online();
      if (!settlement) return connection.write(operation);
      return settleUncertain(() => connection.write(operation), settlement.applied, settlement.onApplied);
    },
    async close() {
      const previous = current;
      current = null;
      await previous?.close();
    },
  };
}
