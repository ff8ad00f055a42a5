import { join } from 'node:path';
import type { AuditFilter, DetailsOf } from '../../shared/audit-events';
import type { ExportProgress } from '../../shared/contract/audit';
import { GuichetError } from '../../shared/result';
import type { Router } from '../router';
import type { Services } from '../services';
import { filterSummary } from './audit-export';
import type { Viewer } from './audit-filter';

export const EXPORTS_FOLDER = 'exports';

const exportStamp = (date: Date): string => date.toISOString().replace(/[-:]/g, '').replace('T', '-').replace(/\.(\d{3})Z$/, '-$1');

/**
 * The audit review channels. Each needs a signed-in, unlocked agent (an offline sign-in
 * is enough: the trail is local). Supervisors see every event, agents only their own.
 * Looking at the trail is itself recorded: the first page of a search or of an account's
 * history writes an audit-viewed event, and an export an audit-exported one. If that
 * record cannot be written, nothing is shown.
 */
export function setupAudit(router: Router, services: Services): void {
  const store = services.audit;
  let progress: ExportProgress = { running: false, written: 0, total: 0, path: null };

  const who = () => {
    const session = services.session.require();
    const viewer: Viewer = { login: session.login, role: session.role };
    return { viewer, agent: { login: session.login, displayName: session.displayName } };
  };

  /** Reads, then records the viewing (denied when the role rule refused it). */
  function viewed<T>(
    agent: { login: string; displayName: string },
    details: DetailsOf<'audit-viewed'>,
    target: { login: string; dn: null } | null,
    read: () => T,
  ): T {
    let value: T;
    try {
      value = read();
    } catch (error) {
      if (error instanceof GuichetError && error.code === 'FORBIDDEN')
        store.append({ action: 'audit-viewed', outcome: 'denied', agent, target, details });
      throw error;
    }
    store.append({ action: 'audit-viewed', outcome: 'success', agent, target, details });
    return value;
  }

  const summary = (filter: AuditFilter) => filterSummary(filter) as DetailsOf<'audit-viewed'>['filter'];

  router.register('audit:query', (request) => {
    const { viewer, agent } = who();
    const read = () => store.query(request.filter, viewer, { after: request.after, limit: request.limit });
    if (request.after !== undefined) return read();
    return viewed(agent, { view: 'review', filter: summary(request.filter) }, null, read);
  });

  router.register('audit:history', (request) => {
    const { viewer, agent } = who();
    const read = () => store.history(request.login, viewer, { after: request.after, limit: request.limit });
    if (request.after !== undefined) return read();
    return viewed(agent, { view: 'account-history' }, { login: request.login, dn: null }, read);
  });

  router.register('audit:event', (request) => {
    const { viewer } = who();
    const detail = store.event(request.seq, viewer);
    if (!detail) throw new GuichetError('NOT_FOUND', 'no such audit event');
    return detail;
  });

  router.register('audit:stats', (request) => {
    const { viewer } = who();
    return store.stats(request.filter, viewer);
  });

  router.register('audit:verify', async (request) => {
    if (request.full) services.session.require({ role: 'supervisor' });
    else who();
    if (request.statusOnly) return { result: null, lastRun: store.lastVerification() };
    const result = await store.verify({ full: request.full ?? false });
    return { result, lastRun: store.lastVerification() };
  });

  router.register('audit:export', async (request) => {
    const { viewer, agent } = who();
    if (progress.running) throw new GuichetError('CONFLICT', 'an export is already running');
    const extension = request.format === 'csv' ? 'csv' : 'jsonl';
    const outPath = join(services.dataDir, EXPORTS_FOLDER, `guichet-audit-${exportStamp(services.now())}.${extension}`);
    progress = { running: true, written: 0, total: 0, path: outPath };
    try {
      return await store.export({
        filter: request.filter,
        viewer,
        agent,
        via: 'console',
        format: request.format,
        separator: request.separator,
        outPath,
        onProgress: ({ written, total }) => {
          progress = { running: true, written, total, path: outPath };
        },
      });
    } finally {
      progress = { ...progress, running: false };
    }
  });

  router.register('audit:export-progress', () => {
    who();
    return progress;
  });

  // Retention runs once per start; the purge is itself an audit event.
  try {
    const purged = store.purgeExpired({ retentionDays: services.config.audit.retentionDays });
    if (purged.count > 0) services.logger.log({ level: 'info', event: 'audit-retention-purge', note: `${purged.count}` });
  } catch (error) {
    services.logger.log({
      level: 'error',
      event: 'audit-retention-purge',
      code: error instanceof GuichetError ? error.code : 'INTERNAL',
    });
  }
}
