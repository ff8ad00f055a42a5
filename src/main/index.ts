/**
 * Electron glue only: lifecycle, the one window, ipcMain <-> router. Everything it
 * wires is built by createServices in plain Node (tests and the Chromium harness use it too).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, safeStorage, session, type IpcMainInvokeEvent } from 'electron';
import { createSafeStorageKeystore } from './audit/keystore';
import { loadConfig, ConfigError } from './config/load';
import { demoConfig } from './config/demo-config';
import { createServices, type Services } from './services';
import {
  CONTENT_SECURITY_POLICY,
  permissionRequestHandler,
  shouldBlockNavigation,
  windowOpenHandler,
  windowOptions,
} from './window';
import { CHANNELS } from '../shared/channels';
import { refuseUnsafeEnvironment } from './startup-guards';

const here = dirname(fileURLToPath(import.meta.url));
let mainWindow: BrowserWindow | null = null;
let services: Services | null = null;

function appUrl(): string {
  const dev = process.env['ELECTRON_RENDERER_URL'];
  return dev && !app.isPackaged ? dev : `file://${join(here, '../renderer/index.html')}`;
}

function createWindow(): void {
  const url = appUrl();
  mainWindow = new BrowserWindow(windowOptions(join(here, '../preload/index.cjs'), { devTools: !app.isPackaged }));
  const contents = mainWindow.webContents;
  contents.setWindowOpenHandler(windowOpenHandler);
  contents.on('will-navigate', (event, target) => {
    if (shouldBlockNavigation(target, url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, target) => {
    if (shouldBlockNavigation(target, url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  void mainWindow.loadURL(url);
}

function start(): void {
  refuseUnsafeEnvironment(process.env);
  const dataDir = app.getPath('userData');
  let loaded;
  try {
    const demoUrl = process.env['GUICHET_DEMO_URL'];
    loaded = loadConfig({ argv: process.argv, env: process.env, dataDir, demoOverrides: demoUrl ? demoConfig(demoUrl) : undefined });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      app.exit(2);
      return;
    }
    throw error;
  }
  services = createServices({
    config: loaded.config,
    configSource: { source: loaded.source, path: loaded.path },
    dataDir,
    version: app.getVersion(),
    // The audit checkpoint key is sealed by the OS keystore (DPAPI, Keychain, libsecret) when it has one.
    keystore: createSafeStorageKeystore(safeStorage),
    isTrustedSender: (sender) =>
      mainWindow !== null && sender.id === mainWindow.webContents.id && !shouldBlockNavigation(sender.url, appUrl()),
  });
  const router = services.router;
  for (const channel of Object.values(CHANNELS)) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) =>
      router.dispatch(channel, payload, { id: event.sender.id, url: event.senderFrame?.url ?? '' }),
    );
  }
  session.defaultSession.setPermissionRequestHandler(permissionRequestHandler);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  createWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(windowOpenHandler);
  });
  app.on('window-all-closed', () => {
    void services?.close().finally(() => app.quit());
  });
  void app.whenReady().then(start);
}
