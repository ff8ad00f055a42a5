/**
 * What the directory side keeps between requests: the signed-in agent's connection, the
 * local verifiers for offline sign-in, and the audit hooks. Built once by the services.
 */
import type { Client } from 'ldapts';
import type { GuichetConfig } from '../config/schema';
import type { Logger } from '../logger';
import { GuichetError } from '../../shared/result';
import type { AgentConnection } from './agent-connection';
import { createDeskAudit, type AuditStoreLike, type DeskAudit } from './audit-hooks';
import { createOfflineVerifierStore, type OfflineVerifierStore } from './offline-verifier';

export interface AgentDirectory {
  readonly verifiers: OfflineVerifierStore;
  readonly audit: DeskAudit;
  /** The signed-in agent's connection; null when signed out or signed in offline. */
  connection(): AgentConnection | null;
  /** Replaces the connection, closing the previous one. */
  attach(connection: AgentConnection | null): Promise<void>;
  /** Runs a read under the agent's own bind (NOT_SIGNED_IN when there is no online session). */
  read<T>(operation: (client: Client) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function createAgentDirectory(options: {
  config: GuichetConfig;
  dataDir: string;
  logger: Logger;
  audit: AuditStoreLike;
}): AgentDirectory {
  let current: AgentConnection | null = null;
  const verifiers = createOfflineVerifierStore({ dataDir: options.dataDir, validityDays: options.config.audit.offlineVerifierDays });
  const audit = createDeskAudit({ store: options.audit, logger: options.logger });
  return {
    verifiers,
    audit,
    connection: () => current,
    async attach(connection) {
      const previous = current;
      current = connection;
      if (previous && previous !== connection) await previous.close();
    },
    read(operation) {
      if (!current) return Promise.reject(new GuichetError('NOT_SIGNED_IN', 'no directory session'));
      return current.read(operation);
    },
    async close() {
      const previous = current;
      current = null;
      await previous?.close();
    },
  };
}
