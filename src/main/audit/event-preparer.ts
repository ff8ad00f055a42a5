/** Turns an audit event, intent or outcome into a PreparedEvent: validated, scrubbed, serialised for the chain. */
import {
  auditIntentInputSchema,
  DETAIL_SCHEMAS,
  type AuditAction,
  type AuditEventInput,
  type AuditIntentInput,
  type AuditOutcome,
  type ParsedAuditIntentInput,
} from '../../shared/audit-events';
import { GuichetError } from '../../shared/result';
import type { ChainRecord } from './audit-chain';
import { canonicalJson } from './canonical-json';
import { checkAuditEvent } from './event-envelope';
import { assertNoSecrets } from './secret-scrubber';

/** Returned by beginIntent; hand it to settle once the directory has answered. */
export interface IntentHandle {
  readonly seq: number;
  readonly action: AuditAction;
  readonly intent: ParsedAuditIntentInput;
}

export interface SettleInfo {
  /** The outcome's details (same schema as the intent's action); the intent's details when absent. */
  details?: unknown;
  directoryCode?: number | null;
}

/** An event ready for the chain: validated, scrubbed, serialised; only seq and time missing. */
export interface PreparedEvent extends Omit<ChainRecord, 'seq' | 'at'> {
  opensIntent: boolean;
  closesIntent: number | null;
}

function describeIssue(error: { issues: ReadonlyArray<{ path: PropertyKey[]; code: string }> }): string {
  const issue = error.issues[0];
  // Path and kind only: zod messages can quote the refused value.
  return issue ? `${issue.path.map(String).join('.') || '(event)'}: ${issue.code}` : 'invalid';
}

/** The rules every event meets before it reaches the chain, for one workstation and configuration. */
export class EventPreparer {
  private readonly requireComment: ReadonlySet<AuditAction>;

  constructor(
    private readonly workstation: string,
    requireComment: readonly AuditAction[] = [],
  ) {
    this.requireComment = new Set(requireComment);
  }

  /** A finished event (sign-in, view, notification...). */
  event(event: AuditEventInput): PreparedEvent {
    assertNoSecrets((event as { details?: unknown }).details);
    // The rules of auditEventInputSchema, the envelope checked by hand (see event-envelope.ts).
    const checked = checkAuditEvent(event);
    if (!checked.ok) throw new GuichetError('INTERNAL', `audit event refused: ${checked.issue}`);
    return this.prepare(checked.event, checked.event.outcome, null, false);
  }

  /** An intent as its handle keeps it (the outcome is built from it): scrubbed and parsed. */
  parseIntent(intent: AuditIntentInput): ParsedAuditIntentInput {
    assertNoSecrets((intent as { details?: unknown }).details);
    const parsed = auditIntentInputSchema.safeParse(intent);
    if (!parsed.success) throw new GuichetError('INTERNAL', `audit intent refused: ${describeIssue(parsed.error)}`);
    return parsed.data;
  }

  /** The intent's own event: outcome pending, it opens an intent. */
  intent(parsed: ParsedAuditIntentInput): PreparedEvent {
    return this.prepare(parsed, 'pending', null, true);
  }

  /** The outcome that closes the intent of `handle`. */
  outcome(handle: IntentHandle, outcome: AuditOutcome, info: SettleInfo): PreparedEvent {
    let details: unknown = handle.intent.details;
    if (info.details !== undefined) {
      assertNoSecrets(info.details);
      const parsed = DETAIL_SCHEMAS[handle.action].safeParse(info.details);
      if (!parsed.success) throw new GuichetError('INTERNAL', `audit outcome refused: ${describeIssue(parsed.error)}`);
      details = parsed.data;
    }
    const directoryCode = info.directoryCode ?? null;
    if (directoryCode !== null && !(Number.isInteger(directoryCode) && directoryCode >= 0 && directoryCode <= 65_535))
      throw new GuichetError('INTERNAL', 'audit outcome refused: directoryCode');
    return this.prepare({ ...handle.intent, details, directoryCode } as ParsedAuditIntentInput, outcome, handle.seq, false);
  }

  private prepare(
    event: ParsedAuditIntentInput,
    outcome: AuditOutcome | 'pending',
    closesIntent: number | null,
    opensIntent: boolean,
  ): PreparedEvent {
    const comment = event.comment?.trim() ? event.comment.trim() : null;
    if (closesIntent === null && comment === null && event.agent !== null && this.requireComment.has(event.action))
      throw new GuichetError('INVALID_REQUEST', 'comment required for this action', {
        field: 'comment',
        reason: 'required',
        action: event.action,
      });
    return {
      action: event.action,
      outcome,
      intentSeq: closesIntent,
      agentLogin: event.agent?.login ?? null,
      agentName: event.agent ? event.agent.displayName : null,
      workstation: this.workstation,
      targetLogin: event.target?.login ?? null,
      targetDn: event.target ? event.target.dn : null,
      evidence: canonicalJson([...new Set(event.evidence)].sort()),
      directoryCode: event.directoryCode ?? null,
      details: canonicalJson(event.details),
      comment,
      opensIntent,
      closesIntent,
    };
  }
}
