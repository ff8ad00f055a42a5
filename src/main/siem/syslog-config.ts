/** `audit.syslog`: the SIEM receiver the desk forwards each event to (RFC 5424 over TLS, RFC 5425 framing). */
import { z } from 'zod';

const durationMs = (fallback: number, max = 120_000) => z.number().int().min(100).max(max).default(fallback);

export const syslogConfigSchema = z.strictObject({
  host: z.string().min(1),
  /** 6514: the port RFC 5425 assigns to syslog over TLS. */
  port: z.number().int().min(1).max(65_535).default(6514),
  /** PEM file of the CA that signed the receiver's certificate; the system store when absent. The certificate is always verified. */
  caFile: z.string().min(1).optional(),
  /** RFC 5424 facility: 13 is "log audit" (10, authpriv, is another common choice). */
  facility: z.number().int().min(0).max(23).default(13),
  appName: z.string().regex(/^[!-~]{1,48}$/).default('guichet'),
  /** Private enterprise number of the structured data ID (guichet@N); 32473 is the one RFC 5612 reserves for examples. */
  enterpriseId: z.number().int().min(1).max(4_294_967_295).default(32_473),
  batchSize: z.number().int().min(1).max(2_000).default(200),
  pollMs: durationMs(1_000, 60_000),
  /** Connecting, then the receiver reading a batch to its end, must each take less. */
  timeoutMs: durationMs(10_000),
});
export type SyslogConfig = z.output<typeof syslogConfigSchema>;
