/** What the renderer sees of the preload: the typed window.guichet API. */
import type { GuichetApi } from '../shared/contract';

/** What the renderer sees of the preload: typed methods only. */
declare global {
  interface Window {
    guichet: GuichetApi;
  }
}

export type { GuichetApi };
