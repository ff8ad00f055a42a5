/**
 * Shows the built renderer in Debian's Chromium with the preload's API routed to the
 * very router and services the Electron shell uses, the page served through the shell's own
 * app:// handler (static-server.ts). Used by the e2e tests and by
 * `npm run demo -- --chromium`, since no Electron binary can run on these machines.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CHANNELS } from '../../src/shared/channels';
import type { Router, Sender } from '../../src/main/router';
import { serveRenderer } from './static-server';
import { isAppUrl } from '../../src/main/window';

export const CHROMIUM_PATH = process.env['GUICHET_CHROMIUM'] ?? '/usr/bin/chromium';
export const QUIET_CHROMIUM_FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--disable-quic',
];

export interface ChromiumHost {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  url: string;
  /** Every channel the page called, in order (no payloads): lets tests prove a call did or did not fire. */
  calls: string[];
  close(): Promise<void>;
}

/** The sender the router sees for the harness page: trusted only while it shows the served renderer (the shell's own origin check). */
export function harnessSenderCheck(appUrl: () => string | null): (sender: Sender) => boolean {
  return (sender) => {
    const url = appUrl();
    return url !== null && isAppUrl(sender.url, url);
  };
}

export async function openChromiumHost(options: {
  router: Router;
  rendererDir?: string;
  headed?: boolean;
  viewport?: { width: number; height: number };
  onUrl?: (url: string) => void;
}): Promise<ChromiumHost> {
  const rendererDir = options.rendererDir ?? 'out/renderer';
  if (!existsSync(`${rendererDir}/index.html`)) throw new Error(`Renderer not built: run "npm run build" first (${rendererDir}).`);
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium`);
  const server = await serveRenderer(rendererDir);
  options.onUrl?.(server.url);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: !options.headed,
    // A French desk: date inputs and number formats as the agents see them.
    args: [...QUIET_CHROMIUM_FLAGS, '--lang=fr-FR'],
  });
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 820 },
    locale: 'fr-FR',
    // A desk in metropolitan France: times on screen and in exports carry its zone and offset.
    timezoneId: 'Europe/Paris',
  });
  const calls: string[] = [];
  // The preload's contract: one method per channel, each a Promise<Result>.
  await context.exposeBinding('__guichetInvoke', async (source, channel: unknown, payload: unknown) => {
    calls.push(String(channel));
    return options.router.dispatch(channel, payload, { id: 1, url: source.frame.url() });
  });
  await context.addInitScript((methods: Array<[string, string]>) => {
    const invoke = (globalThis as unknown as { __guichetInvoke: (c: string, p: unknown) => Promise<unknown> }).__guichetInvoke;
    const api = Object.freeze(Object.fromEntries(methods.map(([method, channel]) => [method, (request: unknown) => invoke(channel, request ?? {})])));
    Object.defineProperty(globalThis, 'guichet', { value: api, writable: false, configurable: false });
  }, Object.entries(CHANNELS));
  const page = await context.newPage();
  await page.goto(server.url);
  return {
    browser,
    context,
    page,
    url: server.url,
    calls,
    async close() {
      await browser.close().catch(() => undefined);
      await server.close();
    },
  };
}
