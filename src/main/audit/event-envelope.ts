/**
 * The audit event's envelope (action, outcome, agent, target, evidence, directory code,
 * comment) checked by hand, with the very rules of the zod schemas in src/shared/audit-events
 * (a property test holds the two to the same verdicts and outputs); the details still go
 * through their zod schema. Why: every append pays for this check right after the previous
 * event's fsync, when caches are cold, and zod's generic walk over the envelope cost a
 * tenth of the append rate there.
 */
import {
  AGENT_LOGIN_CHARS,
  AUDIT_ACTIONS,
  AUDIT_OUTCOMES,
  DETAIL_SCHEMAS,
  NO_CONTROL,
  TARGET_LOGIN_CHARS,
  VERIFICATION_METHODS,
  wellFormed,
  type AuditAction,
  type ParsedAuditEventInput,
} from '../../shared/audit-events';

export type EnvelopeCheck = { ok: true; event: ParsedAuditEventInput } | { ok: false; issue: string };

const ACTIONS: ReadonlySet<string> = new Set(AUDIT_ACTIONS);
const OUTCOMES: ReadonlySet<string> = new Set(AUDIT_OUTCOMES);
const METHODS: ReadonlySet<string> = new Set(VERIFICATION_METHODS);
const EVENT_KEYS: ReadonlySet<string> = new Set(['action', 'outcome', 'details', 'agent', 'target', 'evidence', 'directoryCode', 'comment']);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length <= max && NO_CONTROL.test(value) && wellFormed(value);
const login = (value: unknown, min: number, max: number, chars: RegExp): value is string =>
  typeof value === 'string' && value.length >= min && value.length <= max && chars.test(value) && wellFormed(value);
const onlyKeys = (value: Record<string, unknown>, keys: readonly string[]): boolean => {
  for (const key of Object.keys(value)) if (!keys.includes(key)) return false;
  return true;
};

function agentOf(value: unknown): { login: string; displayName: string } | null | undefined {
  if (value === null) return null;
  if (!isRecord(value) || !onlyKeys(value, ['login', 'displayName'])) return undefined;
  if (!login(value['login'], 1, 128, AGENT_LOGIN_CHARS) || !text(value['displayName'], 256)) return undefined;
  return { login: value['login'], displayName: value['displayName'] };
}

function targetOf(value: unknown): { login: string; dn: string | null } | null | undefined {
  if (value === undefined || value === null) return null;
  if (!isRecord(value) || !onlyKeys(value, ['login', 'dn'])) return undefined;
  const dn = value['dn'];
  if (!login(value['login'], 1, 256, TARGET_LOGIN_CHARS)) return undefined;
  if (dn !== null && !(typeof dn === 'string' && dn.length >= 1 && dn.length <= 512 && NO_CONTROL.test(dn) && wellFormed(dn)))
    return undefined;
  return { login: value['login'], dn };
}

function evidenceOf(value: unknown): string[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > VERIFICATION_METHODS.length) return undefined;
  for (const item of value) if (typeof item !== 'string' || !METHODS.has(item)) return undefined;
  return [...(value as string[])];
}

const fail = (issue: string): EnvelopeCheck => ({ ok: false, issue });

/** The event as the zod schema would output it, or the path and kind of the first problem (never a value). */
export function checkAuditEvent(input: unknown): EnvelopeCheck {
  if (!isRecord(input)) return fail('(event): invalid_type');
  const action = input['action'];
  if (typeof action !== 'string' || !ACTIONS.has(action)) return fail('action: invalid_union');
  for (const key of Object.keys(input)) if (!EVENT_KEYS.has(key)) return fail('(event): unrecognized_keys');
  const outcome = input['outcome'];
  if (typeof outcome !== 'string' || !OUTCOMES.has(outcome)) return fail('outcome: invalid_value');
  const agent = agentOf(input['agent']);
  if (agent === undefined) return fail('agent: invalid');
  const target = targetOf(input['target']);
  if (target === undefined) return fail('target: invalid');
  const evidence = evidenceOf(input['evidence']);
  if (evidence === undefined) return fail('evidence: invalid');
  const code = input['directoryCode'];
  if (code !== undefined && code !== null && !(typeof code === 'number' && Number.isInteger(code) && code >= 0 && code <= 65_535))
    return fail('directoryCode: invalid');
  const comment = input['comment'];
  if (comment !== undefined && comment !== null && !text(comment, 1_000)) return fail('comment: invalid');
  const details = DETAIL_SCHEMAS[action as AuditAction].safeParse(input['details']);
  if (!details.success) {
    const issue = details.error.issues[0];
    // Path and kind only: zod messages can quote the refused value.
    return fail(`${['details', ...(issue?.path ?? []).map(String)].join('.')}: ${issue?.code ?? 'invalid'}`);
  }
  return {
    ok: true,
    event: {
      action,
      outcome,
      details: details.data,
      agent,
      target,
      evidence,
      directoryCode: (code as number | null | undefined) ?? null,
      comment: (comment as string | null | undefined) ?? null,
    } as ParsedAuditEventInput,
  };
}
