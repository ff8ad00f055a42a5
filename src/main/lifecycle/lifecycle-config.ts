/** The configuration of the account lifecycle actions: who may do them, the reasons offered, how far a validity may be extended, and the notices. */
import { z } from 'zod';
import { LIFECYCLE_ACTIONS, type LifecycleAction } from '../../shared/lifecycle-actions';

const reasonSchema = z.strictObject({
  /** Kept in the trail (e.g. `fraud-suspected`). */
  code: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'lower-case letters, digits and dashes' }),
  /** What the agent reads in the list, in French and in English. */
  label: z.string().trim().min(2).max(120),
  labelEn: z.string().trim().min(2).max(120).optional(),
  /** The agent must also write a few words (the list's "other"). */
  needsText: z.boolean().default(false),
});
export type LifecycleReason = z.output<typeof reasonSchema>;

const reasons = (list: Array<z.input<typeof reasonSchema>>) => z.array(reasonSchema).min(1).max(30).default(list as never);

const DEFAULT_ROLES: Record<LifecycleAction, 'agent' | 'supervisor'> = { suspend: 'supervisor', reactivate: 'supervisor', 'extend-validity': 'supervisor' };

export const lifecycleConfigSchema = z
  .strictObject({
    /** The role each action needs (main refuses others; the directory's ACL should say the same). */
    roles: z
      .strictObject(Object.fromEntries(LIFECYCLE_ACTIONS.map((a) => [a, z.enum(['agent', 'supervisor']).default(DEFAULT_ROLES[a])])) as Record<LifecycleAction, z.ZodDefault<z.ZodEnum<{ agent: 'agent'; supervisor: 'supervisor' }>>>)
      .prefault({}),
    suspendReasons: reasons([
      { code: 'compromised', label: 'Compte compromis ou piraté', labelEn: 'Account compromised', needsText: false },
      { code: 'fraud-suspected', label: 'Usurpation d’identité suspectée', labelEn: 'Identity fraud suspected', needsText: false },
      { code: 'person-request', label: 'À la demande de la personne', labelEn: 'At the person’s request', needsText: false },
      { code: 'administrative', label: 'Décision administrative', labelEn: 'Administrative decision', needsText: true },
      { code: 'other', label: 'Autre (préciser)', labelEn: 'Other (say which)', needsText: true },
    ]),
    reactivateReasons: reasons([
      { code: 'cleared', label: 'Situation réglée', labelEn: 'Matter settled', needsText: false },
      { code: 'identity-confirmed', label: 'Identité confirmée au guichet', labelEn: 'Identity confirmed at the desk', needsText: false },
      { code: 'other', label: 'Autre (préciser)', labelEn: 'Other (say which)', needsText: true },
    ]),
    extendReasons: reasons([
      { code: 'enrolment-pending', label: 'Réinscription en cours', labelEn: 'Re-enrolment in progress', needsText: false },
      { code: 'contract-renewed', label: 'Contrat renouvelé', labelEn: 'Contract renewed', needsText: false },
      { code: 'grace-period', label: 'Délai de grâce accordé', labelEn: 'Grace period granted', needsText: true },
      { code: 'other', label: 'Autre (préciser)', labelEn: 'Other (say which)', needsText: true },
    ]),
    /** The furthest new end date, in days from today. */
    maxExtensionDays: z.number().int().min(1).max(3_650).default(365),
    /** Which actions send the person a notice by mail (when mail is configured). */
    notify: z.array(z.enum(LIFECYCLE_ACTIONS)).max(LIFECYCLE_ACTIONS.length).default(['suspend', 'reactivate', 'extend-validity']),
  })
  .prefault({});

export type LifecycleConfig = z.output<typeof lifecycleConfigSchema>;

/** The reasons each action's form offers. */
export function reasonsOf(config: LifecycleConfig, action: LifecycleAction): LifecycleReason[] {
  return action === 'suspend' ? config.suspendReasons : action === 'reactivate' ? config.reactivateReasons : config.extendReasons;
}
