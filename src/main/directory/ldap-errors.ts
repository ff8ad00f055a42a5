/** ldapts and socket failures as the console's closed set of error codes. */
import { GuichetError, type ErrorCode } from '../../shared/result';

/** Maps an ldapts / socket failure to the console's closed set of codes, without server text. */
export function classifyLdapError(error: unknown): ErrorCode {
  if (error instanceof GuichetError) return error.code;
  const e = error as { code?: unknown; name?: unknown; message?: unknown };
  const name = typeof e?.name === 'string' ? e.name : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  const code = e?.code;
  if (name === 'TimeoutError' || /timeout|timed out/i.test(message)) return 'DIRECTORY_TIMEOUT';
  if (typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EPIPE|ETIMEDOUT)$/.test(code))
    return code === 'ETIMEDOUT' ? 'DIRECTORY_TIMEOUT' : 'DIRECTORY_UNAVAILABLE';
  if (/certificate|self[- ]signed|altnames|CERT_|hostname/i.test(message) || (typeof code === 'string' && code.startsWith('ERR_TLS')))
    return 'DIRECTORY_REFUSED';
  if (code === 49) return 'INVALID_CREDENTIALS';
  if (code === 50) return 'FORBIDDEN';
  if (code === 32 || code === 34) return 'NOT_FOUND';
  if (code === 4) return 'TOO_MANY_RESULTS';
  if (code === 19) return 'POLICY_VIOLATION';
  if (code === 51 || code === 52 || code === 53) return 'DIRECTORY_UNAVAILABLE';
  if (/closed|socket|connect/i.test(message)) return 'DIRECTORY_UNAVAILABLE';
  return 'DIRECTORY_REFUSED';
}
