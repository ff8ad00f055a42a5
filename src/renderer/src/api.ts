import type { GuichetApi } from '../../shared/contract';
import type { Result } from '../../shared/result';

/** The preload's API. In Electron it is the contextBridge object; in the Chromium harness, the same methods routed by Playwright. */
export const api = (): GuichetApi => window.guichet;

/** Every call resolves to a Result; a broken bridge becomes an INTERNAL error instead of a crash. */
export async function call<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run();
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'bridge failure' } };
  }
}
