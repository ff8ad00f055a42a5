/**
 * Every IPC answer is a Result: Electron passes only an Error's message across the
 * bridge, so failures travel as data with a code from a closed set the renderer translates.
 */
export const ERROR_CODES = [
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER',
  'INVALID_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'NOT_SIGNED_IN',
  'FORBIDDEN',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'NOT_AN_AGENT',
  'SESSION_LOCKED',
  'DIRECTORY_UNAVAILABLE',
  'DIRECTORY_TIMEOUT',
  'DIRECTORY_REFUSED',
  'NOT_FOUND',
  'TOO_MANY_RESULTS',
  'VERIFICATION_REQUIRED',
  'ACCOUNT_STATE',
  'THROTTLED',
  'POLICY_VIOLATION',
  'OUTCOME_UNKNOWN',
  'AUDIT_UNAVAILABLE',
  /** The central audit store cannot be read (the review across desks); this desk's own trail still can. */
  'CENTRAL_UNAVAILABLE',
  'MAIL_FAILED',
  'MAIL_ADDRESS_UNUSABLE',
  'CONFLICT',
  'UNSUPPORTED_ENTRY',
  /** The agent closed a choice without choosing (the export's save dialog). */
  'CANCELLED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  /** Safe, secret-free detail (e.g. a field path). The renderer shows its own text per code. */
  message: string;
  /** Optional structured, secret-free detail (e.g. failing password rules). */
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, details?: Record<string, unknown>): Result<never> => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);

/** Thrown inside main-process services; the router turns it into a failed Result. */
export class GuichetError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'GuichetError';
  }
}
