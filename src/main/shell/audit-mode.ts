/**
 * `guichet --audit verify FILE`: the installed app runs the audit command line instead of
 * the console, with no window and no single-instance lock.
 */
export const AUDIT_FLAG = '--audit';

/** The audit command's own arguments when the app was started with `--audit`, else null. */
export function auditModeArgs(argv: readonly string[]): string[] | null {
  const at = argv.indexOf(AUDIT_FLAG);
  return at < 0 ? null : argv.slice(at + 1);
}
