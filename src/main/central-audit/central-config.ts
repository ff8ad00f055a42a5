/** `audit.central`: where the desk forwards its trail (PostgreSQL) and as whom (central-connection.ts turns it into a verified TLS connection). */
import { z } from 'zod';

const durationMs = (fallback: number, max = 120_000) => z.number().int().min(100).max(max).default(fallback);

/** sslmode values accepted in the URL: every TLS mode is checked as verify-full (CA and host name). */
const TLS_MODES = ['require', 'verify-ca', 'verify-full'] as const;
const SSL_MODES = ['disable', ...TLS_MODES] as const;

function urlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'an URL such as postgres://audit.univ.fr:5432/guichet_audit?sslmode=verify-full';
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') return 'a postgres:// URL';
  if (url.username || url.password) return 'no user or password in the URL (audit.central.role, audit.central.passwordEnv)';
  if (!/^\/[^/]+$/.test(url.pathname)) return 'the database name after the host (postgres://host/guichet_audit)';
  for (const key of url.searchParams.keys()) if (key !== 'sslmode') return `only sslmode in the URL (found ${key})`;
  const mode = url.searchParams.get('sslmode');
  if (mode !== null && !(SSL_MODES as readonly string[]).includes(mode)) return `sslmode among ${SSL_MODES.join(', ')}`;
  return null;
}

export const centralUrlSchema = z.string().superRefine((value, ctx) => {
  const problem = urlProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const centralConfigSchema = z.strictObject({
  /** postgres://host[:port]/database[?sslmode=verify-full]; TLS (verify-full) unless sslmode=disable. */
  url: centralUrlSchema,
  /** PEM file of the CA that signed the server's certificate; the system store when absent. */
  caFile: z.string().min(1).optional(),
  /** The desk's own login role, member of guichet_desk (resources/central/roles.sql). */
  role: z.string().regex(/^[A-Za-z_][A-Za-z0-9_$]{0,62}$/, { message: 'a PostgreSQL role name' }),
  /** Read from this environment variable, never from the file itself. */
  passwordEnv: z.string().min(1),
  /**
   * The supervisors' review across desks ("tous les postes"): a login role member of
   * guichet_reader (read-only), its password from this environment variable. Absent: the
   * audit screen reads this desk only.
   */
  reader: z
    .strictObject({
      role: z.string().regex(/^[A-Za-z_][A-Za-z0-9_$]{0,62}$/, { message: 'a PostgreSQL role name' }),
      passwordEnv: z.string().min(1),
    })
    .optional(),
  /** Lab only: allow sslmode=disable to a non-loopback host. Never in production. */
  allowPlainToNonLoopback: z.boolean().default(false),
  /** Events per insert (a catch-up after an outage goes by batches of this size). */
  batchSize: z.number().int().min(1).max(5_000).default(500),
  /** How often the forwarder looks for new local events when it is up to date. */
  pollMs: durationMs(1_000, 60_000),
  /** How often the desk compares its trail with the centre's head (also at every connection). */
  anchorEveryMs: durationMs(300_000, 86_400_000),
  connectTimeoutMs: durationMs(5_000),
  /** A statement that takes longer (a stalled connection) is abandoned and the session reopened. */
  queryTimeoutMs: durationMs(15_000),
});
export type CentralConfig = z.output<typeof centralConfigSchema>;
