/**
 * The `app://guichet/` scheme that serves the built renderer (Electron security checklist
 * item 18: no `file://`). A plain Request -> Response function: Electron's protocol.handle
 * calls it, and so does the loopback server of the Chromium host used by the tests and the demo.
 */
import { realpath as realpathCallback, stat as statCallback, readFile as readFileCallback, type Stats } from 'node:fs';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'guichet';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Standard (relative URLs and a real origin, which the sender check compares), secure (a
 * secure context, like https), fetch for the module scripts Vite emits. Not bypassCSP:
 * the page's own policy applies.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, codeCache: true } as const;

/** Only what a Vite build of the renderer contains; any other file is not served. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

/** Headers on every answer, files and refusals alike. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), bluetooth=(), payment=()',
    'Cache-Control': 'no-store',
  };
}

export interface AppProtocolOptions {
  /** The built renderer folder (`out/renderer`, inside app.asar once packaged). */
  root: string;
  /** The Content-Security-Policy sent with every answer. */
  csp: string;
  /** Pages written by main (the first-run screen), by path, e.g. `/first-run.html`. */
  pages?: Record<string, () => string>;
}

/** Electron's request carries the origin that issued it; absent for the browser's own loads. */
type AppRequest = Request & { initiatorOrigin?: string };

// Callback forms: Electron patches these to read inside app.asar.
const realpath = (path: string) =>
  new Promise<string>((done, fail) => realpathCallback(path, (error, resolved) => (error ? fail(error) : done(resolved))));
const stat = (path: string) => new Promise<Stats>((done, fail) => statCallback(path, (error, stats) => (error ? fail(error) : done(stats))));
const readFile = (path: string) => new Promise<Buffer>((done, fail) => readFileCallback(path, (error, data) => (error ? fail(error) : done(data))));

const isInside = (root: string, target: string): boolean => {
  const rel = relative(root, target);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};

/**
 * The path segments a URL asks for, or null when it must be refused: encoded separators
 * (`%2f`, `%5c`) or NUL, a backslash, an undecodable escape, a dot segment left after the URL
 * parser resolved the plain ones (so an encoded `..`), or a hidden file.
 */
export function requestedSegments(pathname: string): string[] | null {
  if (/%(2f|5c|00)/i.test(pathname) || pathname.includes('\\')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s.startsWith('.'))) return null;
  return segments.length === 0 ? ['index.html'] : segments;
}

export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const root = resolve(options.root);
  const headers = securityHeaders(options.csp);
  let realRoot: Promise<string> | null = null;
  /** The renderer folder's real path, resolved once; asked again only if resolving it failed (the folder was missing). */
  const resolvedRoot = (): Promise<string> => {
    const pending = (realRoot ??= realpath(root));
    pending.catch(() => {
      if (realRoot === pending) realRoot = null;
    });
    return pending;
  };
  const answer = (status: number, body?: Uint8Array | string | null, type = 'text/plain; charset=utf-8') =>
    // Cast: the DOM and Node typings of BodyInit disagree on a Buffer; both runtimes take one.
    new Response((body ?? null) as ConstructorParameters<typeof Response>[0], { status, headers: { ...headers, 'Content-Type': type } });
  const refuse = (status: number) => answer(status, status === 405 ? 'Méthode refusée' : 'Introuvable');

  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    const initiator = (request as AppRequest).initiatorOrigin;
    // A page of another origin (or an opaque one) gets nothing from the app's files.
    if (initiator !== undefined && initiator !== APP_ORIGIN) return refuse(404);
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refuse(404);
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refuse(404);
    const segments = requestedSegments(url.pathname);
    if (!segments) return refuse(404);
    const head = request.method === 'HEAD';
    const page = options.pages?.[`/${segments.join('/')}`];
    if (page) return answer(200, head ? null : page(), CONTENT_TYPES['.html']);
    const type = CONTENT_TYPES[extname(segments[segments.length - 1]!).toLowerCase()];
    if (!type) return refuse(404);
    const file = join(root, ...segments);
    if (!isInside(root, file)) return refuse(404);
    try {
      const real = await realpath(file);
      // A symbolic link that leads out of the renderer folder is not the renderer's file.
      if (!isInside(await resolvedRoot(), real)) return refuse(404);
      if (!(await stat(real)).isFile()) return refuse(404);
      const body = head ? null : new Uint8Array(await readFile(real));
      return answer(200, body, type);
    } catch {
      // A missing file is a plain 404: it must not disturb requests in flight beside it
      // (a reload asks for the page and /favicon.ico at once).
      return refuse(404);
    }
  };
}
