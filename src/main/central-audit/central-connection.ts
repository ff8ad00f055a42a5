/** How Guichet connects to the central store: TLS with verify-full semantics unless sslmode=disable to loopback, the password from the environment. */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { ClientConfig } from 'pg';
import { GuichetError } from '../../shared/result';
import { isLoopbackHost } from '../directory/client-factory';
import type { CentralConfig } from './central-config';

export interface PgTarget {
  url: string;
  user: string;
  password: string;
  caFile?: string;
  allowPlainToNonLoopback?: boolean;
  connectTimeoutMs: number;
  queryTimeoutMs: number;
  applicationName: string;
}

/** Plain only when sslmode=disable (loopback, or the lab setting); otherwise TLS with verify-full semantics. */
export function pgClientConfig(target: PgTarget): ClientConfig {
  const url = new URL(target.url);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const plain = url.searchParams.get('sslmode') === 'disable';
  if (plain && !isLoopbackHost(host) && !target.allowPlainToNonLoopback)
    throw new GuichetError('FORBIDDEN', `sslmode=disable to ${host} is refused: the central audit store is reached over TLS`);
  return {
    host,
    port: url.port ? Number(url.port) : 5432,
    database: decodeURIComponent(url.pathname.slice(1)),
    user: target.user,
    password: target.password,
    ssl: plain
      ? false
      : {
          rejectUnauthorized: true,
          servername: isIP(host) ? undefined : host,
          ...(target.caFile ? { ca: readFileSync(target.caFile) } : {}),
        },
    application_name: target.applicationName,
    connectionTimeoutMillis: target.connectTimeoutMs,
    query_timeout: target.queryTimeoutMs,
    statement_timeout: target.queryTimeoutMs,
    keepAlive: true,
  };
}

/** How a desk connects: its own role, its password from the environment. */
export function centralClientConfig(
  central: CentralConfig,
  env: Record<string, string | undefined> = process.env,
): ClientConfig {
  const password = env[central.passwordEnv];
  if (!password) throw new GuichetError('FORBIDDEN', `the central audit password is missing (${central.passwordEnv} not set)`);
  return pgClientConfig({ ...central, user: central.role, password, applicationName: 'guichet-desk' });
}

/** How the supervisors' review reads the centre: the read-only role of `audit.central.reader`. */
export function centralReaderConfig(
  central: CentralConfig,
  env: Record<string, string | undefined> = process.env,
): ClientConfig | null {
  if (!central.reader) return null;
  const password = env[central.reader.passwordEnv];
  if (!password) throw new GuichetError('FORBIDDEN', `the central review password is missing (${central.reader.passwordEnv} not set)`);
  return pgClientConfig({ ...central, user: central.reader.role, password, applicationName: 'guichet-review' });
}
