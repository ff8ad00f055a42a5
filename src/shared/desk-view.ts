/**
 * Everything the screen says about the open account and its verification, in one pure
 * derivation: the account's badges and lines, each action's verdict, which proofs can be
 * gathered, and the verification band (which actions the evidence allows, what the others
 * still need, expiry). The band, the badges, the card lines and the buttons all read it.
 */
import type { AccountCard } from './account';
import { accountFactsOf } from './account-standing';
import { accountView, type AccountView } from './account-view';
import { actionVerdict, DESK_ACTIONS, POLICY_ACTION, type AccountBlockReason, type ActionVerdict, type DeskAction } from './desk-actions';
import { methodProblem, unavailableMethods, type MethodFacts, type MethodProblem } from './desk-methods';
import type { Fixer } from './account-standing';
import type { Role } from './domain';
import { lifecycleVerdicts, SUPERVISOR_ONLY, type LifecycleAction, type LifecycleRoles, type LifecycleVerdict } from './lifecycle-actions';
import { DEFAULT_EVIDENCE_OFFER, holdsOfferedIdentifier, type DeskEvidenceOffer } from './institution';
import { EVIDENCE_KINDS, type EvidenceKind, type GatheredEvidence, type VerificationState } from './verification';

export interface DeskViewInput {
  card: AccountCard;
  /** null while it is being read. */
  verification: VerificationState | null;
  agentRole: Role;
  mailConfigured: boolean;
  /** Which proofs the institution gathers (its identifiers, a document code); today's when absent. */
  evidence?: DeskEvidenceOffer;
  /** The clock, in ms: evidence past its time counts for nothing at once, whatever main last said. */
  now: number;
  /** The role each lifecycle action needs (configuration lifecycle.roles); supervisor-only when not given. */
  lifecycleRoles?: LifecycleRoles;
}

export interface MethodView {
  kind: EvidenceKind;
  /** Drawn at all (the secret question only when one is set, the person's sign-in only when they have a password). */
  shown: boolean;
  /** Can be used now. */
  usable: boolean;
  /** Why not; `no-action` when no action is possible on this account, so no proof would serve. */
  problem: MethodProblem | 'no-action' | null;
  blockedUntil: string | null;
  /** `expired`: it was done, and the verification's time ran out. */
  status: 'todo' | 'done' | 'expired';
}

/** What the band says. */
export type BandTone = 'no-action' | 'expired' | 'unverified' | 'partial' | 'verified';

export interface BandNeed {
  actions: DeskAction[];
  /** The alternatives still open, each the evidence it lacks; empty with `role` or `impossible`. */
  missing: EvidenceKind[][];
  role: Role | null;
  /** No alternative can be completed with the methods available now. */
  impossible: boolean;
}

export interface BandView {
  tone: BandTone;
  /** Evidence gathered and still valid. */
  evidence: GatheredEvidence[];
  agentLogin: string | null;
  startedAt: string | null;
  expiresAt: string | null;
  /** ms left, null when nothing was gathered or it expired. */
  remainingMs: number | null;
  /** Offered actions the evidence allows now. */
  allowed: DeskAction[];
  /** Offered actions not allowed yet, grouped by what they still need. */
  needs: BandNeed[];
  /** When nothing at all can be done on this account: why, and who can change it. */
  noAction: { reason: AccountBlockReason; fixer: Fixer | null } | null;
}

export interface DeskView {
  account: AccountView;
  actions: Record<DeskAction, ActionVerdict>;
  /** Suspend, reactivate, extend validity: no verification asked, the account and the role decide (shared/lifecycle-actions.ts). */
  lifecycle: Record<LifecycleAction, LifecycleVerdict>;
  methods: Record<EvidenceKind, MethodView>;
  band: BandView;
}

function methodFactsOf(input: DeskViewInput): MethodFacts {
  const { card, verification } = input;
  const offer = input.evidence ?? DEFAULT_EVIDENCE_OFFER;
  return {
    mailConfigured: input.mailConfigured,
    codeDestinationMasked: verification ? verification.codeDestinationMasked : card.personalMailMasked,
    hasIdentifier: holdsOfferedIdentifier(card.identifierKinds, offer),
    documentCodeOffered: offer.documentCode,
    secretQuestionSet: verification ? verification.secretQuestion !== null : card.secretQuestionSet,
    signIn: !card.hasPassword ? 'no-password' : card.locked ? 'account-locked' : 'possible',
    blocked: verification?.blocked ?? {},
  };
}

function needsOf(verdicts: readonly ActionVerdict[]): BandNeed[] {
  const groups = new Map<string, BandNeed>();
  for (const v of verdicts) {
    const b = v.blocker;
    if (!v.offered || !b || b.kind === 'account') continue;
    const need: BandNeed =
      b.kind === 'role'
        ? { actions: [], missing: [], role: b.role, impossible: false }
        : { actions: [], missing: b.missing, role: null, impossible: b.reason === 'impossible' };
    const key = JSON.stringify([need.missing, need.role, need.impossible]);
    const group = groups.get(key) ?? need;
    group.actions.push(v.action);
    groups.set(key, group);
  }
  return [...groups.values()];
}

export function deskView(input: DeskViewInput): DeskView {
  const { card, verification: v, now } = input;
  const facts = accountFactsOf(card);
  const expiresAt = v?.expiresAt ? Date.parse(v.expiresAt) : null;
  const timedOut = !!v && v.evidence.length > 0 && expiresAt !== null && expiresAt <= now;
  const expired = !!v && (v.expired || timedOut);
  const valid = v && !expired ? v.evidence : [];
  const methodFacts = methodFactsOf(input);
  const unavailable = unavailableMethods(EVIDENCE_KINDS, methodFacts, now);

  const actions = {} as Record<DeskAction, ActionVerdict>;
  for (const action of DESK_ACTIONS)
    actions[action] = actionVerdict(facts, action, input.agentRole, {
      requirement: v ? v.requirements[POLICY_ACTION[action]] : null,
      evidence: valid.map((e) => e.kind),
      expired,
      unavailable,
    });
  const verdicts = DESK_ACTIONS.map((a) => actions[a]);
  const noActionAtAll = verdicts.every((a) => a.blocker?.kind === 'account' && a.blocker.reason !== 'not-locked' && a.blocker.reason !== 'already-activated');
  const firstBlock = verdicts.find((a) => a.blocker?.kind === 'account')?.blocker;

  const methods = {} as Record<EvidenceKind, MethodView>;
  for (const kind of EVIDENCE_KINDS) {
    const problem = noActionAtAll ? 'no-action' : methodProblem(kind, methodFacts, now);
    const gathered = v?.evidence.some((e) => e.kind === kind) ?? false;
    methods[kind] = {
      kind,
      shown: kind === 'secret-question' ? methodFacts.secretQuestionSet : kind === 'document-code' ? methodFacts.documentCodeOffered : kind === 'person-sign-in' ? card.hasPassword : true,
      usable: problem === null,
      problem,
      blockedUntil: problem === 'blocked' ? (methodFacts.blocked[kind] ?? null) : null,
      status: gathered ? (expired ? 'expired' : 'done') : 'todo',
    };
  }

  const allowed = verdicts.filter((a) => a.enabled).map((a) => a.action);
  const needs = needsOf(verdicts);
  const tone: BandTone = noActionAtAll ? 'no-action' : expired ? 'expired' : valid.length === 0 ? 'unverified' : needs.length === 0 ? 'verified' : 'partial';
  return {
    account: accountView(facts),
    actions,
    lifecycle: lifecycleVerdicts(facts, input.agentRole, input.lifecycleRoles ?? SUPERVISOR_ONLY),
    methods,
    band: {
      tone,
      evidence: valid,
      agentLogin: v?.agentLogin ?? null,
      startedAt: v?.startedAt ?? null,
      expiresAt: v?.expiresAt ?? null,
      remainingMs: valid.length > 0 && expiresAt !== null ? Math.max(0, expiresAt - now) : null,
      allowed,
      needs,
      noAction: noActionAtAll && firstBlock?.kind === 'account' ? { reason: firstBlock.reason, fixer: firstBlock.fixer } : null,
    },
  };
}
