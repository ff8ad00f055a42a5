/** ldapts clients with verified TLS, finite timeouts, and no silent reconnect. */
import { readFileSync } from 'node:fs';
import net, { isIP } from 'node:net';
import tls, { type ConnectionOptions } from 'node:tls';
import { Client } from 'ldapts';
import type { GuichetConfig } from '../config/schema';
import { GuichetError } from '../../shared/result';

type DirectoryConfig = GuichetConfig['directory'];

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1';
  return false;
}

export function hostOf(url: string): string {
  return new URL(url).hostname;
}

/**
 * TLS options for one server. Certificates are always verified, hostname included:
 * there is deliberately no setting that turns verification off.
 */
export function tlsOptionsFor(url: string, directory: DirectoryConfig): ConnectionOptions {
  const host = hostOf(url).replace(/^\[|\]$/g, '');
  const options: ConnectionOptions = { servername: isIP(host) ? undefined : host, host, rejectUnauthorized: true };
  if (directory.tls.caFile) options.ca = readFileSync(directory.tls.caFile);
  return options;
}

/** Refuses settings that would send a password in clear over a network. */
export function assertTransportAllowed(url: string, directory: DirectoryConfig): void {
  const secure = url.toLowerCase().startsWith('ldaps://') || directory.tls.mode === 'starttls';
  if (secure) return;
  if (isLoopbackHost(hostOf(url)) || directory.tls.allowPlainToNonLoopback) return;
  throw new GuichetError(
    'DIRECTORY_REFUSED',
    `plain ldap:// to ${hostOf(url)} is refused: use ldaps:// or StartTLS (directory.tls.mode)`,
  );
}

/** Thrown when a client would reconnect by itself: the caller must open a new session. */
export const SESSION_GONE = 'the directory connection was lost: a new session is needed';

/**
 * A new ldapts client for one URL, with finite timeouts. StartTLS, when configured,
 * is the caller's first operation (see `openSession`).
 *
 * Each client connects once. ldapts would silently reconnect a dropped client without
 * StartTLS and without bind (anonymous, possibly in clear): the second connection attempt
 * fails instead, so a dropped connection always becomes a new session (TLS, then bind).
 */
export function createClient(url: string, directory: DirectoryConfig): Client {
  assertTransportAllowed(url, directory);
  const ldaps = url.toLowerCase().startsWith('ldaps://');
  let connections = 0;
  const state = { closed: false };
  const once = () => {
    connections += 1;
    if (connections > 1) throw new GuichetError('DIRECTORY_UNAVAILABLE', SESSION_GONE);
  };
  const watch = <S extends net.Socket>(socket: S): S => {
    socket.once('close', () => {
      state.closed = true;
    });
    return socket;
  };
  const createConnection = ((...args: Parameters<typeof net.connect>) => {
    once();
    return watch(net.connect(...args));
  }) as typeof net.connect;
  const createSecureConnection = ((...args: unknown[]) => {
    const [first] = args;
    // startTLS() upgrades the socket already open: that is not a new connection.
    const upgrade = args.length === 1 && typeof first === 'object' && first !== null && 'socket' in first;
    if (upgrade) return watch((tls.connect as (...a: unknown[]) => tls.TLSSocket)(...args));
    once();
    return watch((tls.connect as (...a: unknown[]) => tls.TLSSocket)(...args));
  }) as typeof tls.connect;
  const client = new Client({
    url,
    timeout: directory.operationTimeoutMs,
    connectTimeout: directory.connectTimeoutMs,
    strictDN: true,
    createConnection,
    createSecureConnection,
    ...(ldaps ? { tlsOptions: tlsOptionsFor(url, directory) } : {}),
  });
  sessions.set(client, state);
  return client;
}

const sessions = new WeakMap<Client, { closed: boolean }>();

/**
 * False once the client's connection has closed. After StartTLS, ldapts keeps listening to
 * the plain socket it replaced and does not notice the close (isBound stays true and the
 * next operation waits for its timeout): the TCP socket itself is watched here.
 */
export function isConnectionOpen(client: Client): boolean {
  const state = sessions.get(client);
  return !!state && !state.closed && client.isConnected;
}

/** A client ready for a bind: connected, and upgraded with StartTLS when configured. */
export async function openSession(url: string, directory: DirectoryConfig): Promise<Client> {
  const client = createClient(url, directory);
  if (directory.tls.mode === 'starttls' && !url.toLowerCase().startsWith('ldaps://')) {
    try {
      await client.startTLS(tlsOptionsFor(url, directory));
    } catch (error) {
      await client.unbind().catch(() => undefined);
      throw error;
    }
  }
  return client;
}
