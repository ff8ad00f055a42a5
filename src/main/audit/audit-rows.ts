/** Rows of the events table as chain records and as the views the review screens show. */
import type { AuditEventView, StoredOutcome } from '../../shared/audit-events';
import type { HashedRecord } from './audit-chain';

const COLUMNS = [
  'seq', 'at', 'action', 'outcome', 'intent_seq', 'agent_login', 'agent_name', 'workstation',
  'target_login', 'target_dn', 'evidence', 'directory_code', 'details', 'comment',
];
/** Hashes come out as hex text: SQLite's hex() is much cheaper than a Buffer per BLOB. */
const columns = (alias: string) =>
  [...COLUMNS.map((c) => `${alias}${c}`), `lower(hex(${alias}prev_hash))`, `lower(hex(${alias}hash))`].join(', ');

/** The columns of `events`, in the order every reader selects them. */
export const EVENT_COLUMNS = columns('');

/** Same list, qualified with the `e` alias, for joins. */
export const E_COLUMNS = columns('e.');

export type EventRowArray = [
  seq: number,
  at: string,
  action: string,
  outcome: string,
  intentSeq: number | null,
  agentLogin: string | null,
  agentName: string | null,
  workstation: string,
  targetLogin: string | null,
  targetDn: string | null,
  evidence: string,
  directoryCode: number | null,
  details: string,
  comment: string | null,
  prevHash: string,
  hash: string,
];

export function arrayToRecord(r: EventRowArray): HashedRecord {
  return {
    seq: r[0],
    at: r[1],
    action: r[2],
    outcome: r[3],
    intentSeq: r[4],
    agentLogin: r[5],
    agentName: r[6],
    workstation: r[7],
    targetLogin: r[8],
    targetDn: r[9],
    evidence: r[10],
    directoryCode: r[11],
    details: r[12],
    comment: r[13],
    prevHash: r[14],
    hash: r[15],
  };
}

/**
 * The view the review screen gets. An intent row reads `unknown` with `pending: true`
 * unless `settledAs` says how it ended (only the detail view links them).
 */
export function recordToView(r: HashedRecord, settledAs: StoredOutcome | null = null): AuditEventView {
  const stored = r.outcome as StoredOutcome;
  const outcome = stored === 'pending' ? (settledAs && settledAs !== 'pending' ? settledAs : 'unknown') : stored;
  return {
    seq: r.seq,
    at: r.at,
    action: r.action,
    outcome,
    pending: stored === 'pending' && settledAs === null,
    intentSeq: r.intentSeq,
    agent: r.agentLogin === null ? null : { login: r.agentLogin, displayName: r.agentName ?? '' },
    workstation: r.workstation,
    target: r.targetLogin === null ? null : { login: r.targetLogin, dn: r.targetDn },
    evidence: JSON.parse(r.evidence) as AuditEventView['evidence'],
    directoryCode: r.directoryCode,
    details: JSON.parse(r.details) as AuditEventView['details'],
    comment: r.comment,
    prevHash: r.prevHash,
    hash: r.hash,
  } as AuditEventView;
}
