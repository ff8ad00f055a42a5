/**
 * The Electron windows: the console (with the preload bridge) and the first-run screen (no
 * preload at all). Both are locked to the app's origin: no navigation, no new window, no webview.
 */
import { BrowserWindow } from 'electron';
import { shouldBlockNavigation, windowOpenHandler, windowOptions } from '../window';

function lockToOrigin(window: BrowserWindow, entryUrl: string): void {
  const contents = window.webContents;
  contents.setWindowOpenHandler(windowOpenHandler);
  contents.on('will-navigate', (event, target) => {
    if (shouldBlockNavigation(target, entryUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, target) => {
    if (shouldBlockNavigation(target, entryUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
}

/** The console window. `preload` is the CommonJS bridge; `entryUrl` is app://guichet/index.html (or the dev server). */
export function openConsoleWindow(options: { preload: string; entryUrl: string; devTools: boolean }): BrowserWindow {
  const window = new BrowserWindow(windowOptions(options.preload, { devTools: options.devTools }));
  lockToOrigin(window, options.entryUrl);
  void window.loadURL(options.entryUrl);
  return window;
}

/** The first-run screen: a static page, so the window gets no preload and no bridge. */
export function openFirstRunWindow(url: string): BrowserWindow {
  const window = new BrowserWindow({ ...windowOptions(null), width: 820, height: 640, minWidth: 480, minHeight: 400 });
  lockToOrigin(window, url);
  void window.loadURL(url);
  return window;
}
