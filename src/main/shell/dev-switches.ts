/**
 * What development may change in the shell, decided in one place: the renderer URL override
 * (a Vite dev server) and DevTools only in an unpackaged app started by `npm run dev`; the
 * embedded demo directory only in an unpackaged app started by `npm run demo`. A packaged
 * build ignores all of them, whatever the environment says.
 */

/** Set by scripts/dev.ts (`npm run dev`), next to electron-vite's ELECTRON_RENDERER_URL. */
export const DEV_SCRIPT_ENV = 'GUICHET_DEV_SCRIPT';
export const RENDERER_URL_ENV = 'ELECTRON_RENDERER_URL';
/** Set by scripts/demo.ts: the loopback URL of the throw-away demo directory. */
export const DEMO_URL_ENV = 'GUICHET_DEMO_URL';

export interface DevSwitches {
  /** The page to load instead of app://guichet/index.html (the dev server), or null. */
  rendererUrl: string | null;
  devTools: boolean;
  /** The demo directory to use with the embedded demo configuration, or null. */
  demoDirectoryUrl: string | null;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function loopbackUrl(value: string | undefined, protocols: readonly string[]): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) && LOOPBACK.has(url.hostname) ? url.href : null;
  } catch {
    return null;
  }
}

export function devSwitches(options: { isPackaged: boolean; env: Record<string, string | undefined> }): DevSwitches {
  if (options.isPackaged) return { rendererUrl: null, devTools: false, demoDirectoryUrl: null };
  const development = options.env[DEV_SCRIPT_ENV] === '1';
  return {
    rendererUrl: development ? loopbackUrl(options.env[RENDERER_URL_ENV], ['http:', 'https:']) : null,
    devTools: development,
    demoDirectoryUrl: loopbackUrl(options.env[DEMO_URL_ENV], ['ldap:', 'ldaps:']),
  };
}
