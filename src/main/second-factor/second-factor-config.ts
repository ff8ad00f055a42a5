/**
 * The secondFactor section of the configuration: whether the desk manages authenticators,
 * what the enrolment offers to the phone (issuer, digits, period, algorithm), how the
 * directory checks the codes, and the evidence each second-factor action needs.
 */
import { z } from 'zod';
import { TOTP_ALGORITHMS } from '../../shared/second-factor';
import { actionPolicySchema, type ActionPolicy } from '../verification/policy';

/**
 * Enrolling (or replacing) an authenticator: the ID document, or the person's own sign-in
 * (password, plus the current code of the old phone when they still have one), or, for
 * students, the self-service pair identifier + date of birth and a code sent by mail.
 */
export const DEFAULT_ENROL_POLICY: ActionPolicy = {
  student: { alternatives: [['document'], ['person-sign-in'], ['identifier-birthdate', 'email-code']] },
  default: { alternatives: [['document'], ['person-sign-in']] },
};

/** Removing it (lost device): the ID document seen, plus a supervisor for staff and everyone not a student. */
export const DEFAULT_REMOVE_POLICY: ActionPolicy = {
  student: { alternatives: [['document']] },
  default: { alternatives: [['document']], agentRole: 'supervisor' },
};

export const secondFactorConfigSchema = z
  .strictObject({
    /** Off: the card says nothing of a second factor and the desk offers no second-factor action. */
    enabled: z.boolean().default(false),
    /** Shown in the person's app above the login; the institution's name when absent. */
    issuer: z.string().trim().min(1).max(64).regex(/^[^:\p{Cc}]+$/u, { message: 'no colon or control character' }).optional(),
    digits: z.union([z.literal(6), z.literal(8)]).default(6),
    periodSeconds: z.union([z.literal(30), z.literal(60)]).default(30),
    algorithm: z.enum(TOTP_ALGORITHMS).default('SHA1'),
    /** Steps either side of the current one the directory accepts at sign-in (oathTOTPTimeStepWindow; the desk's own check allows one). */
    directoryWindow: z.number().int().min(0).max(3).default(1),
    /** Where the person enrols a new device online, told after a removal; none when the desk is the only place. */
    enrolOnlineUrl: z.string().url().optional(),
    /** How long the key stays on the privacy screen waiting for the person's first code. */
    enrolmentMinutes: z.number().min(1).max(30).default(5),
    /** Wrong first codes before the key is dropped and the enrolment starts again. */
    maxCodeTries: z.number().int().min(1).max(10).default(5),
    policy: z
      .strictObject({
        enrol: actionPolicySchema.default(DEFAULT_ENROL_POLICY),
        remove: actionPolicySchema.default(DEFAULT_REMOVE_POLICY),
      })
      .prefault({}),
  })
  .prefault({});
export type SecondFactorConfig = z.output<typeof secondFactorConfigSchema>;
