/**
 * Serves the built renderer on loopback for the Chromium host (tests, demo) through the very
 * handler the Electron shell registers for `app://guichet/`: same files, same refusals, same
 * CSP and security headers.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APP_ORIGIN, createAppProtocolHandler } from '../../src/main/shell/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../src/main/window';

export async function serveRenderer(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const handle = createAppProtocolHandler({ root, csp: CONTENT_SECURITY_POLICY });
  const server: Server = createServer((request, response) => {
    void (async () => {
      // The raw request target, path and query as sent, moved onto the app's own origin.
      const target = (request.url ?? '/').startsWith('/') ? (request.url ?? '/') : '/';
      const answer = await handle(new Request(`${APP_ORIGIN}${target}`, { method: request.method ?? 'GET' }));
      response.writeHead(answer.status, Object.fromEntries(answer.headers));
      response.end(Buffer.from(await answer.arrayBuffer()));
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
