/**
 * The app:// handler on real files in a temp folder: only the renderer's own files, with the
 * CSP and security headers, whatever the URL tries (dot segments, encoded separators,
 * symbolic links out, other hosts), and an install folder with `#` or `%` in its name works.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_ORIGIN, createAppProtocolHandler, requestedSegments } from '../../../../src/main/shell/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../../src/main/window';

const scratch = mkdtempSync(join(tmpdir(), 'guichet-app-protocol-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** An install folder a file:// URL could not load: `#` cuts the path, `%` starts an escape. */
const install = join(scratch, 'Programmes #1 100% Guichet');
const root = join(install, 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Guichet</title>');
writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log("app")');
writeFileSync(join(root, 'assets', 'style#1 100%.css'), 'body{}');
writeFileSync(join(root, 'assets', 'notes.txt'), 'not a renderer file');
writeFileSync(join(root, '.env'), 'SECRET=1');
writeFileSync(join(install, 'secret.js'), 'SECRET');
mkdirSync(join(scratch, 'outside'));
writeFileSync(join(scratch, 'outside', 'stolen.js'), 'SECRET');
symlinkSync(join(scratch, 'outside', 'stolen.js'), join(root, 'assets', 'link-out.js'));
symlinkSync(join(scratch, 'outside'), join(root, 'linked-dir'));
symlinkSync(join(root, 'assets', 'index-abc.js'), join(root, 'assets', 'link-in.js'));

const handle = createAppProtocolHandler({ root, csp: CONTENT_SECURITY_POLICY, pages: { '/first-run.html': () => '<p>premier lancement</p>' } });
const get = (path: string, init: RequestInit & { initiatorOrigin?: string } = {}) => {
  const request = new Request(`${APP_ORIGIN}${path}`, init);
  if (init.initiatorOrigin) Object.defineProperty(request, 'initiatorOrigin', { value: init.initiatorOrigin });
  return handle(request);
};

describe('app:// protocol handler', () => {
  it('serves the renderer page and its assets with the CSP and the security headers', async () => {
    for (const path of ['/', '/index.html']) {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await response.text()).toContain('<title>Guichet</title>');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    const script = await get('/assets/index-abc.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log("app")');
  });

  it('works from a folder whose name holds # and %, and serves file names holding them', async () => {
    const response = await get('/assets/style%231%20100%25.css');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('body{}');
  });

  it('refuses every way out of the renderer folder, and says nothing of what is there', async () => {
    const attempts = [
      '/../secret.js',
      '/%2e%2e/secret.js',
      '/assets/%2e%2e/%2e%2e/secret.js',
      '/assets/..%2f..%2fsecret.js',
      '/assets/..%2F..%2Fsecret.js',
      '/assets/..%5c..%5csecret.js',
      '/assets/..\\..\\secret.js',
      '/%252e%252e/secret.js',
      '/index.html%00.js',
      '/assets/%E0%A4%A.js',
      '/assets/link-out.js',
      '/linked-dir/stolen.js',
      '/.env',
      '/assets/notes.txt',
      '/assets/',
      '/assets',
      '/missing.js',
    ];
    for (const path of attempts) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      const body = await response.text();
      expect(body, path).not.toContain('SECRET');
      expect(response.headers.get('content-security-policy'), path).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('a missing file asked for at the same time as the page does not turn the page away (a reload fetching /favicon.ico)', async () => {
    // Each round starts from a fresh handler, whose folder is not resolved yet.
    for (let round = 0; round < 20; round += 1) {
      const fresh = createAppProtocolHandler({ root, csp: CONTENT_SECURITY_POLICY });
      const ask = (path: string) => fresh(new Request(`${APP_ORIGIN}${path}`));
      const [missing, page, script] = await Promise.all([ask('/favicon.ico'), ask('/'), ask('/assets/index-abc.js')]);
      expect(missing.status).toBe(404);
      expect(page.status).toBe(200);
      expect(script.status).toBe(200);
      // And after the miss, the same handler still serves.
      const [again, page2] = await Promise.all([ask('/nothing.js'), ask('/index.html')]);
      expect([again.status, page2.status]).toEqual([404, 200]);
    }
  });

  it('follows a symbolic link that stays inside the renderer folder', async () => {
    const response = await get('/assets/link-in.js');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log("app")');
  });

  it('answers only its own host and scheme, GET and HEAD, and only to its own pages', async () => {
    expect((await handle(new Request('app://evil/index.html'))).status).toBe(404);
    expect((await handle(new Request('http://guichet/index.html'))).status).toBe(404);
    expect((await get('/index.html', { method: 'POST', body: 'x' })).status).toBe(405);
    const head = await get('/index.html', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('/index.html', { initiatorOrigin: 'https://phishing.example' })).status).toBe(404);
    expect((await get('/index.html', { initiatorOrigin: 'null' })).status).toBe(404);
    expect((await get('/assets/index-abc.js', { initiatorOrigin: APP_ORIGIN })).status).toBe(200);
  });

  it('serves the pages main writes itself (the first-run screen) with the same headers', async () => {
    const response = await get('/first-run.html');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('premier lancement');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('reads a path into segments, refusing encoded separators and dot segments', () => {
    expect(requestedSegments('/')).toEqual(['index.html']);
    expect(requestedSegments('/assets/a%20b.js')).toEqual(['assets', 'a b.js']);
    expect(requestedSegments('/a%2Fb.js')).toBeNull();
    expect(requestedSegments('/a%5Cb.js')).toBeNull();
    expect(requestedSegments('/%2e%2e/x.js')).toBeNull();
    expect(requestedSegments('/%ZZ')).toBeNull();
  });
});
