/** Storage failures of the audit database (disk full, locked, read-only) as the one AUDIT_UNAVAILABLE error. */
import { GuichetError } from '../../shared/result';

const UNAVAILABLE_CODES = /^SQLITE_(FULL|BUSY|LOCKED|IOERR|READONLY|CANTOPEN|PROTOCOL|CORRUPT|NOTADB|NOMEM|PERM)/;

/** Disk full, database locked or read-only, I/O error, closed connection: nothing can be written. */
export function isAuditUnavailable(error: unknown): boolean {
  if (error instanceof GuichetError) return error.code === 'AUDIT_UNAVAILABLE';
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.test(code)) return true;
  return error instanceof TypeError && /database connection is not open/i.test(error.message);
}

/** The one error callers get when the trail cannot record: the message names the SQLite code only. */
export function auditUnavailable(error: unknown): GuichetError {
  const code = (error as { code?: unknown } | null)?.code;
  return new GuichetError(
    'AUDIT_UNAVAILABLE',
    `Le journal d'audit ne peut pas enregistrer (${typeof code === 'string' ? code : 'connexion fermée'}) : action annulée.`,
  );
}

/** Runs a write; storage failures become AUDIT_UNAVAILABLE, everything else passes through. */
export function guardWrite<T>(write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (error instanceof GuichetError) throw error;
    if (isAuditUnavailable(error)) throw auditUnavailable(error);
    throw error;
  }
}
