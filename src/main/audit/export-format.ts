/** The exported forms of an audit event (CSV columns, JSON Lines), the export header and its signature line. */
import { createHash, type Hash } from 'node:crypto';
import { canonicalEventText, type HashedRecord } from './audit-chain';
import { canonicalJson } from './canonical-json';
import { unprefixCell } from './audit-csv';

/**
 * The exported forms of an event. Both carry everything the hash covers plus the event's
 * hash and its predecessor's, so a file can be checked on its own (`guichet-audit verify`),
 * and since version 2 a last line signed with the desk's Ed25519 key over the header and
 * every row's hash, so that it can be authenticated too.
 */
export const EXPORT_FORMAT_VERSION = 2;
export const CSV_MARKER = '#guichet-audit-export';
export const CSV_SIGNATURE_MARKER = '#guichet-audit-signature';
export const JSONL_SIGNATURE_KEY = 'guichetAuditSignature';

/** The export's first line: which events it holds. The audit-exported event in the database records the same figures. */
export interface ExportHeader {
  /** 1: files from before signatures (self-consistent only); 2: `signed` says whether a signature line closes the file. */
  guichetAuditExport: 1 | 2;
  exportedAt: string;
  fromSeq: number | null;
  toSeq: number | null;
  count: number;
  contiguous: boolean;
  lastHash: string | null;
  filter: Record<string, unknown>;
  /** v2: the desk that exported it (whose registered key should verify it); null when unknown. */
  workstation?: string | null;
  /** v2: false when written without the desk's key (the command line away from its keystore). */
  signed?: boolean;
}

/** The export's last line (v2, signed): the desk's public key as declared, and the signature. */
export interface ExportSignature {
  v: 1;
  publicKey: string;
  /** SHA-256 over the rows' hashes in file order (see RowsDigest). */
  rowsDigest: string;
  sig: string;
}

/** Every row's hash, in order: what the signature binds the rows by (each row is bound to its hash by the chain). */
export class RowsDigest {
  private readonly hash: Hash = createHash('sha256');

  add(rowHash: string): void {
    this.hash.update(`${rowHash}\n`);
  }

  hex(): string {
    return this.hash.digest('hex');
  }
}

/** The signed text: the header as written (parsed, canonical) and the rows digest, typed apart from a checkpoint's. */
export const exportSignedText = (header: ExportHeader, rowsDigest: string): string =>
  canonicalJson({ type: 'guichet-audit-export', header, rowsDigest });

export const CSV_COLUMNS = [
  'seq',
  'horodatage_utc',
  'action',
  'resultat',
  'intention_seq',
  'agent_login',
  'agent_nom',
  'poste',
  'cible_login',
  'cible_dn',
  'preuves',
  'code_annuaire',
  'details',
  'commentaire',
  'hash_precedent',
  'hash',
] as const;

const cell = (value: string | number | null): string => (value === null ? '' : String(value));

export function recordToCsvCells(r: HashedRecord): string[] {
  return [
    cell(r.seq),
    r.at,
    r.action,
    r.outcome,
    cell(r.intentSeq),
    cell(r.agentLogin),
    cell(r.agentLogin === null ? null : r.agentName),
    r.workstation,
    cell(r.targetLogin),
    cell(r.targetDn),
    r.evidence,
    cell(r.directoryCode),
    r.details,
    cell(r.comment),
    r.prevHash,
    r.hash,
  ];
}

/** Empty cells are nulls: the store never writes an empty login, DN or comment. */
export function csvCellsToRecord(raw: readonly string[]): HashedRecord {
  if (raw.length !== CSV_COLUMNS.length) throw new Error(`ligne de ${raw.length} colonnes au lieu de ${CSV_COLUMNS.length}`);
  const c = raw.map(unprefixCell);
  const nullable = (value: string) => (value === '' ? null : value);
  const int = (value: string) => (value === '' ? null : Number(value));
  const agentLogin = nullable(c[5]!);
  return {
    seq: Number(c[0]),
    at: c[1]!,
    action: c[2]!,
    outcome: c[3]!,
    intentSeq: int(c[4]!),
    agentLogin,
    agentName: agentLogin === null ? null : c[6]!,
    workstation: c[7]!,
    targetLogin: nullable(c[8]!),
    targetDn: nullable(c[9]!),
    evidence: canonicalJson(JSON.parse(c[10]!)),
    directoryCode: int(c[11]!),
    details: canonicalJson(JSON.parse(c[12]!)),
    comment: nullable(c[13]!),
    prevHash: c[14]!.toLowerCase(),
    hash: c[15]!.toLowerCase(),
  };
}

/**
 * The same line built by SQLite (json_object keeps the keys in the order given, here the
 * canonical order): a third cheaper than materialising sixteen columns and formatting in
 * JavaScript. Escapes may differ from JSON.stringify, never the parsed values, which is
 * what the CLI re-hashes (a test holds both forms to the same text).
 */
export const jsonLineSql = (e: string): string =>
  `json_object('action', ${e}action, ` +
  `'agent', CASE WHEN ${e}agent_login IS NULL THEN NULL ELSE json_object('displayName', coalesce(${e}agent_name, ''), 'login', ${e}agent_login) END, ` +
  `'at', ${e}at, 'comment', ${e}comment, 'details', json(${e}details), 'directoryCode', ${e}directory_code, ` +
  `'evidence', json(${e}evidence), 'intentSeq', ${e}intent_seq, 'outcome', ${e}outcome, 'seq', ${e}seq, ` +
  `'target', CASE WHEN ${e}target_login IS NULL THEN NULL ELSE json_object('dn', ${e}target_dn, 'login', ${e}target_login) END, ` +
  `'workstation', ${e}workstation, 'hash', lower(hex(${e}hash)), 'prevHash', lower(hex(${e}prev_hash)))`;

/** One JSON object per line: the canonical event plus `hash` and `prevHash`. */
export function recordToJsonLine(r: HashedRecord): string {
  const canonical = canonicalEventText(r);
  return `${canonical.slice(0, -1)},"hash":"${r.hash}","prevHash":"${r.prevHash}"}\n`;
}

interface JsonEvent {
  seq: number;
  at: string;
  action: string;
  outcome: string;
  intentSeq: number | null;
  agent: { login: string; displayName: string } | null;
  workstation: string;
  target: { login: string; dn: string | null } | null;
  evidence: unknown;
  directoryCode: number | null;
  details: unknown;
  comment: string | null;
  prevHash: string;
  hash: string;
}

export function jsonLineToRecord(line: string): HashedRecord {
  const e = JSON.parse(line) as JsonEvent;
  return {
    seq: e.seq,
    at: e.at,
    action: e.action,
    outcome: e.outcome,
    intentSeq: e.intentSeq ?? null,
    agentLogin: e.agent?.login ?? null,
    agentName: e.agent ? e.agent.displayName : null,
    workstation: e.workstation,
    targetLogin: e.target?.login ?? null,
    targetDn: e.target ? e.target.dn : null,
    evidence: canonicalJson(e.evidence),
    directoryCode: e.directoryCode ?? null,
    details: canonicalJson(e.details),
    comment: e.comment ?? null,
    prevHash: String(e.prevHash).toLowerCase(),
    hash: String(e.hash).toLowerCase(),
  };
}
