import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
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

/**
 * A new ldapts client for one URL, with finite timeouts. StartTLS, when configured,
 * is the caller's first operation (see `openSession`).
 */
export function createClient(url: string, directory: DirectoryConfig): Client {
  assertTransportAllowed(url, directory);
  const ldaps = url.toLowerCase().startsWith('ldaps://');
  return new Client({
    url,
    timeout: directory.operationTimeoutMs,
    connectTimeout: directory.connectTimeoutMs,
    strictDN: true,
    ...(ldaps ? { tlsOptions: tlsOptionsFor(url, directory) } : {}),
  });
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
