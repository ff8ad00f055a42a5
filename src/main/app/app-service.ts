/** The console's status (directory reachability, audit schema, configuration in use) and its language. */
import type Database from 'better-sqlite3';
import type { AuditForwardingStatus } from '../../shared/audit-forwarding';
import type { AppStatus, DirectoryStatus } from '../../shared/contract/app';
import type { Locale } from '../../shared/domain';
import { resolvePasswordProfile } from '../../shared/password-profiles';
import { schemaVersion } from '../audit/database';
import { keyPathFor } from '../audit/audit-writer';
import { signingKeyStatus } from '../audit/signing-key-vault';
import type { GuichetConfig } from '../config/schema';
import { deskJourneysOf } from '../config/journeys';
import { mailboxRules } from '../mail/mail-config';
import { probeDirectory } from '../directory/probe';
import { deskRulesOf } from '../desk/desk-rules';
import type { ConsoleSettings } from './console-settings';

export interface AppDeps {
  config: GuichetConfig;
  configSource: AppStatus['config'];
  version: string;
  workstation: string;
  auditDb: Database.Database;
  auditPath: string;
  /** Whether the audit store opened its checkpoint signing key. */
  signingKeyOpen: () => boolean;
  settings: ConsoleSettings;
  /** Where the trail stands beyond the desk (central store, anchor, SIEM). */
  forwarding: () => AuditForwardingStatus;
  /** Whether the review across desks is configured. */
  centralReview?: boolean;
  now: () => Date;
}

export class AppService {
  private lastStatus: DirectoryStatus | null = null;

  constructor(private readonly deps: AppDeps) {}

  /** The directory is probed once, then again only when asked (`refresh`). */
  async status(refresh: boolean): Promise<AppStatus> {
    const { config, configSource, settings } = this.deps;
    if (!this.lastStatus || refresh) this.lastStatus = await probeDirectory(config.directory, this.deps.now);
    return {
      version: this.deps.version,
      institution: config.institution.name,
      locale: settings.locale(),
      config: { source: configSource.source, path: configSource.path },
      directory: this.lastStatus,
      audit: {
        schemaVersion: schemaVersion(this.deps.auditDb),
        path: this.deps.auditPath,
        signingKey: signingKeyStatus(keyPathFor(this.deps.auditPath), this.deps.signingKeyOpen()),
      },
      forwarding: this.deps.forwarding(),
      centralReview: this.deps.centralReview ?? false,
      workstation: this.deps.workstation,
      passwordProfile: resolvePasswordProfile(config.passwordPolicy),
      helpdeskName: config.institution.helpdeskName,
      mailConfigured: config.mail.enabled,
      phoneRegions: { region: config.directory.consents.phoneRegion, alsoRegions: [...config.directory.consents.phoneAlsoRegions] },
      secondFactor: { enabled: config.secondFactor.enabled, enrolOnlineUrl: config.secondFactor.enrolOnlineUrl ?? null },
      addresses: { rules: mailboxRules(config.mail), recordsOffice: config.institution.recordsOffice },
      desk: deskRulesOf(config),
      journeys: deskJourneysOf(config),
    };
  }

  setLocale(locale: Locale): { locale: Locale } {
    return { locale: this.deps.settings.setLocale(locale) };
  }
}
