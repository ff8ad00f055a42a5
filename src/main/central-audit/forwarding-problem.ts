/** Turns what a failed connection or statement threw into a closed problem code (the status never shows server text). */
import type { ForwardingProblem } from '../../shared/audit-forwarding';
import { GuichetError } from '../../shared/result';
import { CentralSchemaError } from './central-migrate';

const TLS_CODES = /^(UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|CERT_|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH)/;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED']);

export function forwardingProblem(error: unknown): ForwardingProblem {
  if (error instanceof CentralSchemaError) return 'schema';
  if (error instanceof GuichetError) return 'config';
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  if (typeof code === 'string') {
    if (TLS_CODES.test(code)) return 'tls-refused';
    if (NETWORK_CODES.has(code)) return 'unreachable';
    if (code === 'ETIMEDOUT') return 'timeout';
    // SQLSTATE: invalid password, no pg_hba entry or unknown role, database missing or not allowed.
    if (code === '28P01' || code === '28000' || code === '3D000') return 'auth-refused';
    if (code === '42501') return /another role|another desk/.test(message) ? 'desk-refused' : 'auth-refused';
    if (code === '57014') return 'timeout'; // statement_timeout
    if (/^(08|57P)/.test(code)) return 'unreachable'; // connection exceptions, server shutting down or crashed
  }
  if (/does not support SSL/i.test(message)) return 'tls-refused';
  if (/timeout/i.test(message)) return 'timeout';
  if (/Connection terminated|socket|closed|ended/i.test(message)) return 'unreachable';
  return 'error';
}
