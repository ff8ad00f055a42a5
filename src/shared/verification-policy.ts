/**
 * Is the evidence gathered enough for an action, and what is still missing: the one rule
 * main enforces before every desk action and the screen shows on its band and buttons. Pure.
 */
import type { Role } from './domain';
import type { EvidenceKind, Requirement } from './verification';

export type { Requirement } from './verification';

/** Evidence that never proves identity by itself (a secret answer can be known by relatives). */
export const WEAK_EVIDENCE: readonly EvidenceKind[] = ['secret-question'];

export interface Evaluation {
  /** Evidence enough and role held. */
  satisfied: boolean;
  /** One alternative is complete (whatever the role). */
  evidenceMet: boolean;
  /** For each alternative that can still be completed, the evidence it still lacks (empty when met). */
  missing: EvidenceKind[][];
  /** Evidence is not met and no alternative can be completed with the methods available now. */
  impossible: boolean;
  /** The role the action needs, when the agent lacks it. */
  missingRole: Role | null;
}

export const roleSatisfies = (held: Role, required: Role | undefined): boolean => !required || required === 'agent' || held === 'supervisor';

/**
 * `have`: the evidence kinds gathered and still valid. `unavailable`: methods that cannot be
 * used now (no mail configured, no personal address, blocked): an alternative that needs one
 * of them is left out of `missing`, since asking for it would send the agent nowhere.
 */
export function evaluateRequirement(
  requirement: Requirement,
  agentRole: Role,
  have: Iterable<EvidenceKind>,
  unavailable: ReadonlySet<EvidenceKind> = new Set(),
): Evaluation {
  const held = new Set(have);
  // Checked here too, not only in the configuration schema: a hand-built policy must not open a weak path.
  const usable = requirement.alternatives.filter((set) => set.some((kind) => !WEAK_EVIDENCE.includes(kind)));
  const lacking = usable.map((set) => [...new Set(set)].filter((kind) => !held.has(kind)));
  const evidenceMet = lacking.some((set) => set.length === 0);
  const reachable = lacking.filter((set) => set.every((kind) => !unavailable.has(kind)));
  const missingRole = roleSatisfies(agentRole, requirement.agentRole) ? null : (requirement.agentRole ?? null);
  return {
    satisfied: evidenceMet && missingRole === null,
    evidenceMet,
    missing: evidenceMet ? [] : reachable,
    impossible: !evidenceMet && reachable.length === 0,
    missingRole,
  };
}
