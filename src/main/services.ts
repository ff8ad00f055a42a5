import { hostname } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { GuichetConfig } from './config/schema';
import { createAuditStore, type AuditStore } from './audit/audit-store';
import { createFileKeystore, type Keystore } from './audit/keystore';
import { setupAudit } from './audit/audit-handlers';
import { LateSettler } from './audit/late-settler';
import { createRouter, type Router, type Sender } from './router';
import { createLogger, type Logger } from './logger';
import { setupApp } from './app/app-handlers';
import type { Locale } from '../shared/domain';
import { createSessionStore, type SessionStore } from './session/session-store';
import { setupSession } from './session/session-handlers';
import { createAgentDirectory, type AgentDirectory } from './directory/agent-directory';
import { setupDirectory } from './directory/directory-handlers';
import { createVerificationService, type VerificationService } from './verification/verification-service';
import { setupVerification } from './verification/verification-handlers';
import { setupPassword } from './password/password-handlers';
import { createNotifier, type Notifier } from './mail/notifications';
import { setupConsents } from './consents/consents-handlers';
import { setupActivation } from './activation/activation-handlers';

export interface ServicesOptions {
  config: GuichetConfig;
  configSource: { source: 'embedded-demo' | 'file'; path: string | null };
  /** The app's data folder: audit database, logs, throttles, checkpoint. */
  dataDir: string;
  version: string;
  isTrustedSender: (sender: Sender) => boolean;
  /** The settler's tries after a lost answer (tests shorten them); see LATE_SETTLE_DELAYS_MS. */
  lateSettleDelaysMs?: readonly number[];
  logger?: Logger;
  now?: () => Date;
  /** Open the audit checkpoint key (the shell passes the OS keystore's, see signing-key-vault.ts); a 0600 key file in dataDir otherwise. */
  keystores?: readonly Keystore[];
}

/** Everything the console does, built in plain Node: no Electron import anywhere below. */
export interface Services {
  readonly config: GuichetConfig;
  readonly configSource: ServicesOptions['configSource'];
  readonly dataDir: string;
  readonly version: string;
  readonly workstation: string;
  readonly logger: Logger;
  readonly auditDb: Database.Database;
  readonly audit: AuditStore;
  readonly auditPath: string;
  readonly router: Router;
  readonly session: SessionStore;
  /** The signed-in agent's directory connection, offline verifiers and desk audit hooks. */
  readonly agentDirectory: AgentDirectory;
  /** The identity check at the desk: evidence, policy, throttle file, one-time codes. */
  readonly verification: VerificationService;
  /** Codes and notices by mail (nothing is sent when mail.enabled is false). */
  readonly notifier: Notifier;
  /** Reads back, once the directory is there again, the changes whose answer was lost, and records their outcome. */
  readonly lateSettler: LateSettler;
  locale: Locale;
  now(): Date;
  close(): Promise<void>;
}

export function createServices(options: ServicesOptions): Services {
  const { config, dataDir } = options;
  const logger = options.logger ?? createLogger({ file: join(dataDir, 'logs', 'guichet.log') });
  const auditPath = config.audit.path ?? join(dataDir, 'audit.sqlite');
  const workstation = config.workstation ?? hostname();
  const now = options.now ?? (() => new Date());
  const audit = createAuditStore({
    path: auditPath,
    workstation,
    keystores: options.keystores ?? [createFileKeystore(dataDir)],
    requireComment: config.audit.requireComment,
    now,
    logger,
  });
  const auditDb = audit.db;
  const router = createRouter({ logger, isTrustedSender: options.isTrustedSender });
  const services: Services = {
    config,
    configSource: options.configSource,
    dataDir,
    version: options.version,
    workstation,
    logger,
    auditDb,
    audit,
    auditPath,
    router,
    session: createSessionStore(),
    agentDirectory: createAgentDirectory({ config, dataDir, logger, audit }),
    // services.now() is read at each call, so a test may move the clock.
    verification: createVerificationService({ config, dataDir, now: () => services.now() }),
    notifier: createNotifier({ config, workstation, logger, audit }),
    lateSettler: new LateSettler(logger, options.lateSettleDelaysMs),
    locale: config.locale,
    now,
    async close() {
      services.lateSettler.close();
      await services.agentDirectory.close();
      services.notifier.close();
      services.verification.close();
      audit.close();
    },
  };
  setupApp(router, services);
  setupAudit(router, services);
  setupSession(router, services);
  setupDirectory(router, services);
  setupVerification(router, services);
  setupPassword(router, services);
  setupConsents(router, services);
  setupActivation(router, services);
  logger.log({ level: 'info', event: 'services-started' });
  return services;
}
