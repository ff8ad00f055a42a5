/**
 * Every way the app ends closes the services first: the last window closed, Cmd+Q or
 * app.quit() (`before-quit`, `will-quit`), a system shutdown (powerMonitor `shutdown`) and a
 * Windows session end (the window's `session-end`). Closing settles the late settler's open
 * intents as "unknown" before anything else, so the trail never claims more than is known.
 */

/** The part of Electron's `app` used here. */
export interface QuitApp {
  on(event: 'before-quit' | 'will-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  quit(): void;
  exit(code?: number): void;
}

export interface PowerMonitorLike {
  on(event: 'shutdown', listener: (event?: { preventDefault(): void }) => void): unknown;
}

export interface QuitControl {
  /** For the window's `session-end` (Windows): the OS ends the process right after, so close now. */
  sessionEnding(): void;
  /** True once the services are closed. */
  readonly closed: boolean;
}

/** Long enough for an LDAP unbind and a mail pool to close; a hung server must not keep the app alive. */
export const CLOSE_TIMEOUT_MS = 5_000;

export function closeOnEveryQuit(options: {
  app: QuitApp;
  powerMonitor?: PowerMonitorLike;
  /** services.close(): settles open intents synchronously first, then closes connections. */
  close: () => Promise<void>;
  timeoutMs?: number;
  onError?: (error: unknown) => void;
}): QuitControl {
  const { app } = options;
  let closing: Promise<void> | null = null;
  let closed = false;

  const closeOnce = (): Promise<void> => {
    closing ??= (async () => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          options.close(),
          new Promise<void>((done) => {
            timer = setTimeout(done, options.timeoutMs ?? CLOSE_TIMEOUT_MS);
            timer.unref?.();
          }),
        ]);
      } catch (error) {
        options.onError?.(error);
      } finally {
        clearTimeout(timer);
        closed = true;
      }
    })();
    return closing;
  };

  /** Holds the quit until the services are closed, then quits again (this time let through). */
  const holdQuit = (event: { preventDefault(): void }) => {
    if (closed) return;
    event.preventDefault();
    void closeOnce().then(() => app.quit());
  };

  app.on('before-quit', holdQuit);
  app.on('will-quit', holdQuit);
  app.on('window-all-closed', () => app.quit());
  options.powerMonitor?.on('shutdown', (event) => {
    // Electron then delays the shutdown until the app quits.
    event?.preventDefault();
    void closeOnce().then(() => app.quit());
  });

  return {
    sessionEnding() {
      void closeOnce().then(() => app.exit(0));
    },
    get closed() {
      return closed;
    },
  };
}
