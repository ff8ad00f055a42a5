import type { Router } from '../router';
import type { Services } from '../services';
import { probeDirectory } from '../directory/probe';
import { schemaVersion } from '../audit/database';
import { signingKeyStatus } from '../audit/signing-key-vault';
import { keyPathFor } from '../audit/audit-writer';
import type { DirectoryStatus } from '../../shared/contract/app';
import { resolvePasswordProfile } from '../../shared/password-profiles';

/** App-level channels: status (directory reachability, audit schema, config in use) and locale. */
export function setupApp(router: Router, services: Services): void {
  let lastStatus: DirectoryStatus | null = null;

  router.register('app:status', async (request) => {
    if (!lastStatus || request.refresh) lastStatus = await probeDirectory(services.config.directory, services.now);
    return {
      version: services.version,
      institution: services.config.institution.name,
      locale: services.locale,
      config: { source: services.configSource.source, path: services.configSource.path },
      directory: lastStatus,
      audit: { schemaVersion: schemaVersion(services.auditDb), path: services.auditPath, signingKey: signingKeyStatus(keyPathFor(services.auditPath), services.audit.signingKey !== null) },
      workstation: services.workstation,
      passwordProfile: resolvePasswordProfile(services.config.passwordPolicy),
      helpdeskName: services.config.institution.helpdeskName,
    };
  });

  router.register('app:set-locale', (request) => {
    services.locale = request.locale;
    return { locale: services.locale };
  });
}
