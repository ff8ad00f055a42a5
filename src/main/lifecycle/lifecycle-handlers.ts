/** lifecycle:suspend, lifecycle:reactivate, lifecycle:extend, adapted to the lifecycle service. */
import type { Handlers } from '../router';
import type { LifecycleService } from './lifecycle-service';

export function lifecycleHandlers(lifecycle: LifecycleService) {
  return {
    'lifecycle:suspend': (request) => lifecycle.run('suspend', request),
    'lifecycle:reactivate': (request) => lifecycle.run('reactivate', request),
    'lifecycle:extend': (request) => lifecycle.run('extend-validity', request),
  } satisfies Handlers;
}
