/**
 * Builds everything the console does from a configuration, in plain Node (no Electron import
 * anywhere below): the audit store and its trail door, the directory door, the desk parts,
 * each domain's service, and the router over handlers.ts. The shell, the tests, the
 * benchmarks and the Chromium harness use the very same services.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { ActivationService } from './activation/activation-service';
import { MailConfirmations } from './activation/mail-confirmation';
import { AppService } from './app/app-service';
import { createConsoleSettings, type ConsoleSettings } from './app/console-settings';
import { AuditReview, EXPORTS_FOLDER, purgeExpiredAtStart, type ExportFiles } from './audit/audit-service';
import { AuditForwarding } from './central-audit/forwarding-service';
import { centralReaderConfig } from './central-audit/central-connection';
import { CentralReview } from './central-audit/central-review-service';
import { createAuditStore, type AuditStore } from './audit/audit-store';
import { createAuditTrail, type AuditTrail } from './audit/audit-trail';
import { createFileKeystore, type Keystore } from './audit/keystore';
import { LateSettler } from './audit/late-settler';
import type { GuichetConfig } from './config/schema';
import { ConsentsService } from './consents/consents-service';
import { LifecycleService } from './lifecycle/lifecycle-service';
import { WorklistsService } from './worklists/worklists-service';
import { deskOpener } from './desk/desk-context';
import { deskNoteRules } from './desk/desk-note-guard';
import { createAgentDirectory, type AgentDirectory } from './directory/agent-directory';
import { DirectoryService } from './directory/directory-service';
import { channelHandlers } from './handlers';
import { createLogger, type Logger } from './logger';
import { mailboxRules } from './mail/mail-config';
import { createNotifier, type Notifier } from './mail/notifications';
import { PasswordService } from './password/password-service';
import { SelfChangeService } from './password/self-change-service';
import { createPendingEnrolments } from './second-factor/pending-enrolment';
import { SecondFactorService } from './second-factor/second-factor-service';
import { createRouter, type Router, type Sender } from './router';
import { evidenceOfferOf } from '../shared/institution';
import { SessionService } from './session/session-service';
import { createSessionStore, type SessionStore } from './session/session-store';
import { VerificationService } from './verification/verification-service';
import { createVerificationStore, type VerificationStore } from './verification/verification-store';

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
  /** The clock, read at each use (tests move it). */
  now?: () => Date;
  /** Open the audit checkpoint key (the shell passes the OS keystore's, see signing-key-vault.ts); a 0600 key file in dataDir otherwise. */
  keystores?: readonly Keystore[];
  /** Where the console's audit exports go (the shell's save dialog); `<dataDir>/exports` without it. */
  exportFiles?: ExportFiles | null;
}

/** What the console is made of, once built. Nothing here is reassigned after the build. */
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
  /** The one door to the trail for every domain. */
  readonly trail: AuditTrail;
  /** What the agent may change while the console runs (the language). */
  readonly settings: ConsoleSettings;
  readonly router: Router;
  readonly session: SessionStore;
  /** The one door to the directory: the signed-in agent's connection and offline verifiers. */
  readonly agentDirectory: AgentDirectory;
  /** The identity check in progress at the desk: evidence, policy, throttle file, one-time codes. */
  readonly verification: VerificationStore;
  /** Codes and notices by mail (nothing is sent when mail.enabled is false). */
  readonly notifier: Notifier;
  /** Reads back, once the directory is there again, the changes whose answer was lost, and records their outcome. */
  readonly lateSettler: LateSettler;
  /** The trail beyond the desk: central store and external anchor, SIEM (idle when not configured). */
  readonly forwarding: AuditForwarding;
  readonly now: () => Date;
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
  purgeExpiredAtStart(audit, config.audit.retentionDays, logger);
  const lateSettler = new LateSettler(logger, options.lateSettleDelaysMs);
  const trail = createAuditTrail({ writer: audit, db: audit.db, logger, settler: lateSettler });
  const settings = createConsoleSettings({ locale: config.locale });
  const session = createSessionStore();
  const agentDirectory = createAgentDirectory({ config, dataDir });
  const verification = createVerificationStore({ config, dataDir, now });
  const notifier = createNotifier({ config, workstation, logger, trail });
  const mailbox = mailboxRules(config.mail);
  const evidence = evidenceOfferOf(config.verification);
  const openDesk = deskOpener({ session, directory: agentDirectory, config: config.directory, mailbox, secondFactorEnabled: config.secondFactor.enabled });
  const pendingEnrolments = createPendingEnrolments(now);
  // A key waiting on the privacy screen belongs to this unlocked session only.
  session.onChange((current) => {
    if (!current || current.locked) pendingEnrolments.wipe();
  });
  const central = config.audit.central;
  const centralReview = new CentralReview({
    // Read at each new connection: a password set later is picked up without a restart.
    clientConfig: central?.reader ? () => centralReaderConfig(central)! : null,
    store: audit,
    session,
    logger,
    exportsDir: join(dataDir, EXPORTS_FOLDER),
    now,
  });
  const forwarding = new AuditForwarding({ config: config.audit, db: audit.db, trail, workstation, publicKey: () => audit.deskKey?.publicKey ?? null, logger, now });
  const mailConfirmations = new MailConfirmations({ openDesk, verification, notifier, trail, config, now });

  const router = createRouter({
    logger,
    isTrustedSender: options.isTrustedSender,
    handlers: channelHandlers({
      app: new AppService({ config, configSource: options.configSource, version: options.version, workstation, auditDb: audit.db, auditPath, signingKeyOpen: () => audit.signingKey !== null, settings, forwarding: () => forwarding.status(), centralReview: centralReview.available(), now }),
      audit: new AuditReview({ store: audit, session, dataDir, now, exportFiles: options.exportFiles ?? null }),
      centralReview,
      session: new SessionService({
        store: session,
        directory: agentDirectory,
        trail,
        config,
        logger,
        now,
        onLock: () => {
          verification.forget();
          mailConfirmations.forget();
        },
      }),
      directory: new DirectoryService({ session, directory: agentDirectory, trail, config: config.directory, mailbox, secondFactorEnabled: config.secondFactor.enabled, now }),
      verification: new VerificationService({ openDesk, store: verification, directory: agentDirectory, trail, notifier, config: config.directory, evidence }),
      password: new PasswordService({ openDesk, verification, directory: agentDirectory, trail, notifier, config, now }),
      selfChange: new SelfChangeService({ openDesk, throttle: verification, directory: agentDirectory, trail, notifier, config, now }),
      consents: new ConsentsService({ openDesk, verification, directory: agentDirectory, trail, config: config.directory, noteRules: deskNoteRules(config.audit) }),
      activation: new ActivationService({ openDesk, verification, directory: agentDirectory, trail, config, notifier, mailConfirmations, logger, now }),
      lifecycle: new LifecycleService({ openDesk, verification, directory: agentDirectory, trail, notifier, config, now }),
      secondFactor: new SecondFactorService({ openDesk, verification, directory: agentDirectory, trail, notifier, pending: pendingEnrolments, config, now }),
      worklists: new WorklistsService({ session, directory: agentDirectory, trail, config, dataDir, exportFiles: options.exportFiles ?? null, now }),
    }),
  });
  forwarding.start();
  logger.log({ level: 'info', event: 'services-started' });
  return {
    config,
    configSource: options.configSource,
    dataDir,
    version: options.version,
    workstation,
    logger,
    auditDb: audit.db,
    audit,
    auditPath,
    trail,
    settings,
    router,
    session,
    agentDirectory,
    verification,
    notifier,
    lateSettler,
    forwarding,
    now,
    async close() {
      pendingEnrolments.wipe();
      await Promise.all([forwarding.close(), centralReview.close()]);
      lateSettler.close();
      await agentDirectory.close();
      notifier.close();
      verification.close();
      audit.close();
    },
  };
}
