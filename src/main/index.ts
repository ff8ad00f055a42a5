/**
 * Electron glue only: wires the real `app`, `dialog`, `protocol`, `safeStorage` and windows to
 * the plain-Node shell modules in ./shell (start, quit, app:// handler, dev switches, data
 * folder) and ipcMain to the router. `--audit` runs the audit command line, no window.
 */
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, powerMonitor, protocol, safeStorage, session, shell, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS } from '../shared/channels';
import { CONTENT_SECURITY_POLICY, isAppUrl, permissionRequestHandler, windowOpenHandler } from './window';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './shell/app-protocol';
import { auditModeArgs } from './shell/audit-mode';
import { dataFolder } from './shell/data-folder';
import { devSwitches } from './shell/dev-switches';
import { exportFilesThroughShell } from './shell/export-files';
import { FIRST_RUN_PATH } from './shell/first-run';
import { openConsoleWindow, openFirstRunWindow } from './shell/main-window';
import { closeOnEveryQuit } from './shell/quit';
import { startDesk } from './shell/startup';
import type { Services } from './services';

const here = dirname(fileURLToPath(import.meta.url));
const auditArgs = auditModeArgs(process.argv);

if (auditArgs) {
  // The same command line as bin/guichet-audit.mjs, on the app's own runtime.
  void import('./audit/audit-cli')
    .then(({ runCli }) => runCli(auditArgs))
    .then(
      (code) => app.exit(code),
      (error: unknown) => {
        process.stderr.write(`guichet --audit : ${error instanceof Error ? error.message : String(error)}\n`);
        app.exit(2);
      },
    );
} else {
  runDesk();
}

function runDesk(): void {
  app.setPath('userData', dataFolder({ platform: process.platform, env: process.env, home: homedir(), argv: process.argv }));
  // Before ready, once: the scheme the renderer is served from (checklist item 18).
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  const switches = devSwitches({ isPackaged: app.isPackaged, env: process.env });
  const entryUrl = switches.rendererUrl ?? APP_ENTRY_URL;
  const pages: Record<string, () => string> = {};
  let consoleWindow: BrowserWindow | null = null;
  let services: Services | null = null;

  const quit = closeOnEveryQuit({ app, powerMonitor, close: async () => services?.close() });
  app.on('second-instance', () => {
    if (consoleWindow?.isMinimized()) consoleWindow.restore();
    consoleWindow?.focus();
  });
  app.on('web-contents-created', (_event, contents) => contents.setWindowOpenHandler(windowOpenHandler));

  void app.whenReady().then(async () => {
    protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: join(here, '../renderer'), csp: CONTENT_SECURITY_POLICY, pages }));
    session.defaultSession.setPermissionRequestHandler(permissionRequestHandler);
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    });
    await startDesk({
      app,
      dialog,
      argv: process.argv,
      env: process.env,
      platform: process.platform,
      dataDir: app.getPath('userData'),
      switches,
      exampleConfigPath: app.isPackaged
        ? join(process.resourcesPath, 'guichet.example.yaml')
        : join(app.getAppPath(), 'resources', 'config', 'guichet.example.yaml'),
      safeStorage,
      loadConsole: async () => {
        const [{ createServices }, { keyPathFor }] = await Promise.all([import('./services'), import('./audit/audit-writer')]);
        return { createServices, keyPathFor };
      },
      // The one origin the bridge answers: app://guichet (or the dev server in development).
      isTrustedSender: (sender) => consoleWindow !== null && sender.id === consoleWindow.webContents.id && isAppUrl(sender.url, entryUrl),
      exportFiles: exportFilesThroughShell({
        dialog,
        fileManager: shell,
        window: () => consoleWindow,
        folder: () => app.getPath('documents'),
        locale: () => services?.settings.locale() ?? 'fr',
      }),
      openConsole(built) {
        services = built;
        for (const channel of Object.values(CHANNELS)) {
          ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) =>
            built.router.dispatch(channel, payload, { id: event.sender.id, url: event.senderFrame?.url ?? '' }),
          );
        }
        consoleWindow = openConsoleWindow({ preload: join(here, '../preload/index.cjs'), entryUrl, devTools: switches.devTools });
        consoleWindow.on('session-end', () => quit.sessionEnding());
        consoleWindow.on('closed', () => (consoleWindow = null));
      },
      openFirstRun(html) {
        pages[FIRST_RUN_PATH] = () => html;
        openFirstRunWindow(`${APP_ORIGIN}${FIRST_RUN_PATH}`).on('session-end', () => quit.sessionEnding());
      },
      warn(title, body) {
        void dialog.showMessageBox({ type: 'warning', title, message: title, detail: body });
      },
    });
  });
}
