/**
 * Transport security against a real slapd: ldaps and StartTLS with the test CA, a wrong CA
 * and a wrong hostname refused (never an offline fallback), plain ldap:// to a non-loopback
 * host refused before any connection.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateTestCa, startDirectory, type DirectoryFixture } from '../../resources/directory/fixture';
import { startConsole, type ConsoleHarness } from '../support/console-harness';
import type { GuichetConfigInput } from '../../src/main/config/schema';

let fixture: DirectoryFixture;
let harness: ConsoleHarness | null = null;
let scratch: string;
const servers: net.Server[] = [];

const withDirectory = (directory: Partial<GuichetConfigInput['directory']>): Partial<GuichetConfigInput> =>
  ({ directory }) as Partial<GuichetConfigInput>;
const portOf = (url: string) => Number(new URL(url).port);

async function signInWith(directory: Partial<GuichetConfigInput['directory']>) {
  harness = startConsole({ fixture, overrides: withDirectory({ connectTimeoutMs: 1_000, ...directory }) });
  const agent = fixture.agents.find((a) => a.kind === 'agent')!;
  return harness.invoke('session:sign-in', { login: agent.login, password: agent.password });
}

/** A TLS front for slapd's plain port, presenting the given certificate. */
async function tlsFront(certs: { certFile: string; keyFile: string }): Promise<number> {
  const server = tls.createServer({ cert: readFileSync(certs.certFile), key: readFileSync(certs.keyFile) }, (socket) => {
    const upstream = net.connect(portOf(fixture.url), '127.0.0.1');
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
    socket.pipe(upstream).pipe(socket);
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return (server.address() as net.AddressInfo).port;
}

beforeAll(async () => {
  fixture = await startDirectory({ people: 20, tls: true });
  scratch = mkdtempSync(join(tmpdir(), 'guichet-tls-'));
});
afterEach(async () => {
  await harness?.close();
  harness = null;
});
afterAll(async () => {
  for (const s of servers) s.close();
  await fixture?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the test CA accepted', () => {
  it('ldaps://localhost', async () => {
    expect(await signInWith({ urls: [fixture.ldapsUrl!], tls: { mode: 'ldaps', caFile: fixture.caFile! } })).toMatchObject({
      ok: true,
      value: { agent: { online: true } },
    });
    expect(await harness!.invoke('directory:search', { query: 'jbernard1' })).toMatchObject({ ok: true, value: { results: [{ login: 'jbernard1' }] } });
  });

  it('StartTLS on ldap://127.0.0.1 (IP in the certificate) and ldap://localhost', async () => {
    for (const url of [fixture.url, fixture.url.replace('127.0.0.1', 'localhost')]) {
      expect(await signInWith({ urls: [url], tls: { mode: 'starttls', caFile: fixture.caFile! } })).toMatchObject({ ok: true });
      expect(await harness!.invoke('directory:search', { query: 'jbernard1' })).toMatchObject({ ok: true, value: { results: [{ login: 'jbernard1' }] } });
      await harness!.close();
      harness = null;
    }
  });

  it('StartTLS session dropped by a directory restart: the next search opens TLS and binds again', async () => {
    await signInWith({ urls: [fixture.url], tls: { mode: 'starttls', caFile: fixture.caFile! } });
    await fixture.restart();
    expect(await harness!.invoke('directory:search', { query: 'jbernard1' })).toMatchObject({ ok: true, value: { results: [{ login: 'jbernard1' }] } });
  });
});

describe('refused certificates (DIRECTORY_REFUSED, no offline fallback)', () => {
  it('a certificate from another CA, by ldaps and by StartTLS', async () => {
    const other = generateTestCa(mkdtempSync(join(scratch, 'ca-')), 'localhost');
    expect(await signInWith({ urls: [fixture.ldapsUrl!], tls: { mode: 'ldaps', caFile: other.caFile } })).toMatchObject({
      ok: false,
      error: { code: 'DIRECTORY_REFUSED' },
    });
    await harness!.close();
    expect(await signInWith({ urls: [fixture.url], tls: { mode: 'starttls', caFile: other.caFile } })).toMatchObject({
      ok: false,
      error: { code: 'DIRECTORY_REFUSED' },
    });
  });

  it('the system store alone does not trust the test CA', async () => {
    expect(await signInWith({ urls: [fixture.ldapsUrl!], tls: { mode: 'ldaps' } })).toMatchObject({ ok: false, error: { code: 'DIRECTORY_REFUSED' } });
  });

  it('a certificate for another name, from a trusted CA', async () => {
    // Control: the same front with a certificate for localhost is accepted.
    const good = generateTestCa(mkdtempSync(join(scratch, 'good-')), 'localhost');
    const goodPort = await tlsFront(good);
    expect(await signInWith({ urls: [`ldaps://localhost:${goodPort}`], tls: { mode: 'ldaps', caFile: good.caFile } })).toMatchObject({ ok: true });
    await harness!.close();

    const wrong = generateTestCa(mkdtempSync(join(scratch, 'wrong-')), 'other.example');
    const wrongPort = await tlsFront(wrong);
    expect(await signInWith({ urls: [`ldaps://localhost:${wrongPort}`], tls: { mode: 'ldaps', caFile: wrong.caFile } })).toMatchObject({
      ok: false,
      error: { code: 'DIRECTORY_REFUSED' },
    });
  });
});

describe('plain ldap://', () => {
  const nonLoopback = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

  it.skipIf(!nonLoopback)('to a non-loopback host is refused before any connection; the lab setting lets it through', async () => {
    let connections = 0;
    const server = net.createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, nonLoopback, resolve));
    servers.push(server);
    const url = `ldap://${nonLoopback}:${(server.address() as net.AddressInfo).port}`;

    const started = performance.now();
    expect(await signInWith({ urls: [url], tls: { mode: 'none' } })).toMatchObject({ ok: false, error: { code: 'DIRECTORY_REFUSED' } });
    expect(performance.now() - started).toBeLessThan(500);
    expect(connections).toBe(0);
    await harness!.close();

    expect(await signInWith({ urls: [url], tls: { mode: 'none', allowPlainToNonLoopback: true } })).toMatchObject({ ok: false });
    expect(connections).toBeGreaterThan(0);
  });

  it('to loopback is allowed (tests and demo)', async () => {
    expect(await signInWith({ urls: [fixture.url], tls: { mode: 'none' } })).toMatchObject({ ok: true });
  });
});
