/**
 * Which proof of identity each desk action needs, by the person's affiliation, and which
 * agent role. Pure: the configuration and the evidence gathered come in, a verdict goes out.
 */
import { z } from 'zod';
import type { Role } from '../../shared/domain';
import { ACCOUNT_ACTIONS, EVIDENCE_KINDS, type AccountAction, type EvidenceKind, type VerifiedAction } from '../../shared/verification';
import { evaluateRequirement, WEAK_EVIDENCE, type Evaluation as SharedEvaluation } from '../../shared/verification-policy';
import { documentCodeSchema, identifiersSchema } from '../config/journeys-schema';

// One definition, in shared (the renderer needs them too); re-exported for main's modules.
export { DOCUMENT_KINDS, EVIDENCE_KINDS, VERIFIED_ACTIONS } from '../../shared/verification';
export type { DocumentKind, EvidenceKind, VerifiedAction } from '../../shared/verification';

export { WEAK_EVIDENCE } from '../../shared/verification-policy';

export const requirementSchema = z
  .strictObject({
    /** Any one of these sets of evidence is enough. */
    alternatives: z.array(z.array(z.enum(EVIDENCE_KINDS)).min(1)).min(1),
    /** The agent must also hold this role ('supervisor' implies 'agent'). */
    agentRole: z.enum(['agent', 'supervisor']).optional(),
  })
  .refine((r) => r.alternatives.every((set) => set.some((kind) => !WEAK_EVIDENCE.includes(kind))), {
    message: 'a secret question is never enough on its own: add stronger evidence to that alternative',
    path: ['alternatives'],
  });
export type Requirement = z.output<typeof requirementSchema>;

/** Keys: eduPersonAffiliation values (student, staff, faculty...), and `default` for the others. */
export const actionPolicySchema = z
  .record(z.string().min(1), requirementSchema)
  .refine((r) => 'default' in r, { message: 'a `default` entry is required' });
export type ActionPolicy = z.output<typeof actionPolicySchema>;

const STUDENT_SELF_SERVICE: ActionPolicy = {
  student: { alternatives: [['document'], ['identifier-birthdate', 'email-code']] },
  default: { alternatives: [['document']], agentRole: 'supervisor' },
};

export const DEFAULT_VERIFICATION_POLICY: Readonly<Record<AccountAction, ActionPolicy>> = {
  'reset-password': STUDENT_SELF_SERVICE,
  unlock: STUDENT_SELF_SERVICE,
  'reveal-login': STUDENT_SELF_SERVICE,
  activation: STUDENT_SELF_SERVICE,
  // The person's own sign-in proves more than the rest: they know their password (and hold their phone).
  'consent-change': { default: { alternatives: [['document'], ['identifier-birthdate'], ['person-sign-in']] } },
};

export type VerificationPolicy = Record<VerifiedAction, ActionPolicy>;

const minutes = (fallback: number, max: number) => z.number().min(1).max(max).default(fallback);

export const verificationConfigSchema = z
  .strictObject({
    /** How long gathered evidence stays valid. */
    sessionMinutes: minutes(10, 60),
    /** The identifiers the person may state with their date of birth, each with the institution's label and hint. */
    identifiers: identifiersSchema,
    /** A code printed on a document the person holds (UBP's certificate code), compared by the directory; null: none. */
    documentCode: documentCodeSchema,
    code: z
      .strictObject({
        digits: z.union([z.literal(6), z.literal(8)]).default(6),
        ttlMinutes: minutes(10, 60),
        maxTries: z.number().int().min(1).max(10).default(3),
        maxSendsPerDay: z.number().int().min(1).max(20).default(3),
      })
      .prefault({}),
    /** Wrong identifier/birth date, document code, mailed code or answer: this many in `windowMinutes` block the method. */
    throttle: z
      .strictObject({
        maxFailures: z.number().int().min(1).max(20).default(3),
        windowMinutes: minutes(15, 24 * 60),
        blockMinutes: minutes(15, 24 * 60),
      })
      .prefault({}),
    /** Per action; an action left out keeps its default. */
    actions: z
      .strictObject(
        Object.fromEntries(
          ACCOUNT_ACTIONS.map((action) => [action, actionPolicySchema.default(DEFAULT_VERIFICATION_POLICY[action])]),
        ) as Record<AccountAction, z.ZodDefault<typeof actionPolicySchema>>,
      )
      .prefault({}),
  })
  .prefault({});
export type VerificationConfig = z.output<typeof verificationConfigSchema>;

/** Every action's policy: the verification section's, and the second-factor section's two. */
export function deskPolicy(config: {
  verification: Pick<VerificationConfig, 'actions'>;
  secondFactor: { policy: { enrol: ActionPolicy; remove: ActionPolicy } };
}): VerificationPolicy {
  return { ...config.verification.actions, 'second-factor-enrol': config.secondFactor.policy.enrol, 'second-factor-remove': config.secondFactor.policy.remove };
}

export function requirementFor(policy: VerificationPolicy, action: VerifiedAction, affiliation: string | null): Requirement {
  const byAffiliation = policy[action];
  return (affiliation ? byAffiliation[affiliation] : undefined) ?? byAffiliation.default!;
}

export interface Evaluation extends SharedEvaluation {
  requirement: Requirement;
}

/** Does the evidence gathered allow `action` on a person of `affiliation`, by an agent of `agentRole`? (The shared rule, with the configuration's requirement.) */
export function evaluate(
  policy: VerificationPolicy,
  action: VerifiedAction,
  affiliation: string | null,
  agentRole: Role,
  evidence: ReadonlyArray<{ kind: EvidenceKind }>,
): Evaluation {
  const requirement = requirementFor(policy, action, affiliation);
  return { ...evaluateRequirement(requirement, agentRole, evidence.map((e) => e.kind)), requirement };
}
