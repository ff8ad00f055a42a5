/**
 * The trail beyond the desk: the central forwarder (with its external anchor) and the SIEM
 * forwarder, built from `audit.central` and `audit.syslog`, each off the append path. With
 * neither configured nothing runs and the console behaves as a single desk.
 */
import type Database from 'better-sqlite3';
import type { AuditForwardingStatus } from '../../shared/audit-forwarding';
import type { AuditTrail } from '../audit/audit-trail';
import type { GuichetConfig } from '../config/schema';
import type { Logger } from '../logger';
import { SyslogForwarder } from '../siem/syslog-forwarder';
import { anchorAlarmEvent } from './anchor-alarm';
import { centralClientConfig } from './central-connection';
import { CentralForwarder } from './central-forwarder';
import { CentralSession } from './central-session';
import { LocalTrail } from './local-trail';

export interface ForwardingDeps {
  config: GuichetConfig['audit'];
  /** The audit store's connection: forwarding reads events and keeps its watermarks there. */
  db: Database.Database;
  /** Where an anchor alarm is recorded (the one door to the trail). */
  trail: Pick<AuditTrail, 'record'>;
  workstation: string;
  /** The desk's Ed25519 public key (base64 raw), registered centrally when there is one. */
  publicKey?: () => string | null;
  logger: Logger;
  now: () => Date;
  env?: Record<string, string | undefined>;
}

export class AuditForwarding {
  private readonly central: CentralForwarder | null;
  private readonly syslog: SyslogForwarder | null;

  constructor(deps: ForwardingDeps) {
    const { config, db, workstation, logger, now } = deps;
    const central = config.central;
    const env = deps.env ?? process.env;
    this.central = central
      ? new CentralForwarder({
          trail: new LocalTrail(db, 'central', now),
          desk: workstation,
          // Read at each connection: a password set or fixed later is picked up without a restart.
          connect: () => CentralSession.open(centralClientConfig(central, env)),
          publicKey: deps.publicKey,
          batchSize: central.batchSize,
          pollMs: central.pollMs,
          anchorEveryMs: central.anchorEveryMs,
          now,
          logger,
          onAlarm: (finding) => deps.trail.record(anchorAlarmEvent(finding)),
        })
      : null;
    this.syslog = config.syslog
      ? new SyslogForwarder({
          trail: new LocalTrail(db, 'syslog', now),
          config: config.syslog,
          identity: { hostname: workstation, desk: workstation },
          now,
          logger,
        })
      : null;
  }

  start(): void {
    this.central?.start();
    this.syslog?.start();
  }

  /** New local events: forward them now rather than at the next poll. */
  wake(): void {
    this.central?.wake();
    this.syslog?.wake();
  }

  status(): AuditForwardingStatus {
    return {
      central: this.central?.status() ?? null,
      anchor: this.central?.anchorStatus() ?? null,
      syslog: this.syslog?.status() ?? null,
    };
  }

  async close(): Promise<void> {
    await Promise.all([this.central?.close(), this.syslog?.close()]);
  }
}
