/** The audit:central-* channels (review across desks), adapted to the central review service. */
import type { Handlers } from '../router';
import type { CentralReview } from './central-review-service';

export function centralReviewHandlers(review: CentralReview) {
  return {
    'audit:central-query': (request) => review.query(request),
    'audit:central-event': ({ desk, seq }) => review.event(desk, seq),
    'audit:central-stats': ({ filter, pinnedAt }) => review.stats(filter, pinnedAt),
    'audit:central-suggest': ({ field, typed }) => review.suggest(field, typed),
    'audit:central-export': (request) => review.export(request),
    'audit:central-export-progress': () => review.exportProgress(),
  } satisfies Handlers;
}
