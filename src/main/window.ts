/** The console window's security: BrowserWindow options, the CSP, navigation, new-window and permission guards. */
import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The Content-Security-Policy of every page: only the app's own scripts and styles,
 * no inline script, no remote origin, no framing, no plugins.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * `devTools` only in development builds: at the desk nobody opens the page's internals.
 * `preloadPath` null: a window with no bridge at all (the first-run screen).
 */
export function windowOptions(preloadPath: string | null, options: { devTools?: boolean } = {}): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    title: 'Guichet',
    backgroundColor: '#f6f7f9',
    autoHideMenuBar: true,
    webPreferences: {
      ...(preloadPath ? { preload: preloadPath } : {}),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: options.devTools ?? false,
      // Middle-click opens nothing either (new windows are denied anyway).
      disableBlinkFeatures: 'Auxclick',
    },
  };
}

/**
 * `scheme://host[:port]` of a URL, or null. Built by hand: the URL parser gives custom
 * schemes such as `app:` an opaque origin ("null"), which would make every app:// URL equal.
 */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : null;
  } catch {
    return null;
  }
}

/** The app's own pages: same origin as the app's entry (`app://guichet`, or the dev server in development). */
export function isAppUrl(url: string, appUrl: string): boolean {
  const origin = originOf(appUrl);
  return origin !== null && originOf(url) === origin;
}

/** Navigation guard: only a reload of the app's own page is allowed. */
export function shouldBlockNavigation(url: string, appUrl: string): boolean {
  return !isAppUrl(url, appUrl);
}

/** New windows are never opened, whatever the URL. */
export function windowOpenHandler(): { action: 'deny' } {
  return { action: 'deny' };
}

/** Permission requests (camera, notifications, geolocation...) are all refused. */
export function permissionRequestHandler(
  _webContents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void {
  callback(false);
}
