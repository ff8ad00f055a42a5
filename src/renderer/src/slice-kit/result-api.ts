/** The preload's API as slices use it: every method resolves to a Result; a broken bridge becomes an INTERNAL error instead of a crash. */
import { CHANNELS, type MethodName } from '../../../shared/channels';
import type { GuichetApi } from '../../../shared/contract';
import type { Result } from '../../../shared/result';

/** One call, its failure to cross the bridge made a Result. */
async function call<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run();
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'bridge failure' } };
  }
}

/**
 * Wraps the bridge (in Electron the contextBridge object, in the Chromium harness the same
 * methods routed by Playwright), read at each call, so that no slice needs its own try/catch.
 */
export function resultApi(bridge: () => GuichetApi): GuichetApi {
  const methods = Object.keys(CHANNELS) as MethodName[];
  return Object.fromEntries(methods.map((method) => [method, (request: never) => call(() => (bridge()[method] as (request: never) => Promise<Result<unknown>>)(request))])) as GuichetApi;
}
