/** The audit:* review channels, adapted to the audit review service. */
import type { Handlers } from '../router';
import type { AuditReview } from './audit-service';

export function auditHandlers(review: AuditReview) {
  return {
    'audit:query': (request) => review.query(request),
    'audit:history': (request) => review.history(request),
    'audit:event': ({ seq }) => review.event(seq),
    'audit:stats': ({ filter }) => review.stats(filter),
    'audit:verify': (request) => review.verify(request),
    'audit:export': (request) => review.export(request),
    'audit:export-progress': () => review.exportProgress(),
    'audit:suggest': (request) => review.suggest(request),
    'audit:reveal-export': () => review.revealExport(),
  } satisfies Handlers;
}
