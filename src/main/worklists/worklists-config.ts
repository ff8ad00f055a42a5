/** The configuration of the worklists: each list's N days, the start of term, the page size. */
import { z } from 'zod';

const days = (fallback: number) => z.number().int().min(1).max(365).default(fallback);

export const worklistsConfigSchema = z
  .strictObject({
    /** A temporary password handed out and not changed after this many days. */
    temporaryPasswordDays: days(7),
    /** Validity ending within this many days. */
    validityEndingDays: days(30),
    /** Password expiring within this many days (when the policy has a pwdMaxAge). */
    passwordExpiringDays: days(14),
    /** The start of term, `MM-DD` (the never-activated list says how far it is). */
    termStart: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'MM-DD, e.g. 09-01' }).default('09-01'),
    /** The affiliations the never-activated list is counted by (eduPersonPrimaryAffiliation values). */
    affiliations: z.array(z.string().min(1).max(64)).min(1).max(12).default(['student', 'staff', 'faculty', 'affiliate']),
    pageSize: z.number().int().min(10).max(200).default(50),
  })
  .prefault({});

export type WorklistsConfig = z.output<typeof worklistsConfigSchema>;
