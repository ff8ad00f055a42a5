/** worklists:counts, worklists:page, worklists:export, adapted to the worklists service. */
import type { Handlers } from '../router';
import type { WorklistsService } from './worklists-service';

export function worklistsHandlers(worklists: WorklistsService) {
  return {
    'worklists:counts': ({ lists }) => worklists.counts(lists),
    'worklists:page': ({ list, page, affiliation }) => worklists.page(list, page, affiliation ?? null),
    'worklists:export': (request) => worklists.export(request),
  } satisfies Handlers;
}
