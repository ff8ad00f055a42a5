/** Reads an export back and checks it: each row, the links, the header's figures, and the desk's signature over all of it. */
import { createReadStream } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import type { IntegrityBreak } from '../../shared/contract/audit';
import { ChainChecker, type HashedRecord } from './audit-chain';
import { CsvReader } from './audit-csv';
import { publicKeyBase64, publicKeyFromBase64, verifySignature } from './ed25519';
import {
  CSV_MARKER,
  CSV_SIGNATURE_MARKER,
  exportSignedText,
  jsonLineToRecord,
  JSONL_SIGNATURE_KEY,
  RowsDigest,
  type ExportHeader,
  type ExportSignature,
} from './export-format';
import { headingsSeparator, isCsvHeadings, recordOfCsvRow } from './export-csv-layout';

export class ExportFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportFormatError';
  }
}

export type ExportFileItem =
  | { kind: 'header'; header: ExportHeader; format: 'csv' | 'jsonl' }
  | { kind: 'record'; record: HashedRecord }
  | { kind: 'signature'; signature: ExportSignature };

function parseHeader(text: string): ExportHeader {
  let header: ExportHeader;
  try {
    header = JSON.parse(text) as ExportHeader;
  } catch {
    throw new ExportFormatError("en-tête d'export illisible");
  }
  if (header?.guichetAuditExport !== 1 && header?.guichetAuditExport !== 2)
    throw new ExportFormatError("ce fichier n'est pas un export d'audit Guichet (version 1 ou 2)");
  return header;
}

/** A signature line that does not parse is an edit: it yields a signature nothing can match. */
function parseSignature(value: () => unknown): ExportSignature {
  try {
    const parsed = value() as ExportSignature | null;
    if (typeof parsed?.publicKey === 'string' && typeof parsed.rowsDigest === 'string' && typeof parsed.sig === 'string') return parsed;
  } catch {
    // below
  }
  return { v: 1, publicKey: '', rowsDigest: '', sig: '' };
}

/** Reads an export (CSV or JSON Lines, told apart by their first line), one record at a time. */
export async function* readExportFile(path: string): AsyncGenerator<ExportFileItem> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1024 * 1024 });
  let first = true;
  let csv: CsvReader | null = null;
  let csvRow = 0;
  let pending = '';
  // The export's own line is the first row of older files, the second (after the column names) since.
  let markerRow = 2;
  const fromCells = function* (cells: string[]): Generator<ExportFileItem> {
    csvRow += 1;
    if (csvRow === markerRow) {
      if (cells[0] !== CSV_MARKER || cells.length < 2) throw new ExportFormatError("ligne d'en-tête d'export CSV inattendue");
      yield { kind: 'header', header: parseHeader(cells[1]!), format: 'csv' };
    } else if (csvRow <= 2) {
      if (!isCsvHeadings(cells)) throw new ExportFormatError('colonnes CSV inattendues');
    } else if (cells[0] === CSV_SIGNATURE_MARKER) {
      yield { kind: 'signature', signature: parseSignature(() => JSON.parse(cells[1] ?? '')) };
    } else if (cells.length > 1 || cells[0] !== '') {
      yield { kind: 'record', record: recordOfCsvRow(cells) };
    }
  };
  for await (const piece of stream as AsyncIterable<string>) {
    let text = piece;
    if (first) {
      first = false;
      if (text.startsWith('\uFEFF')) text = text.slice(1);
      const separator = text.startsWith(CSV_MARKER) ? text[CSV_MARKER.length] : headingsSeparator(text);
      if (text.startsWith(CSV_MARKER)) markerRow = 1;
      if (separator) {
        if (separator !== ',' && separator !== ';') throw new ExportFormatError('séparateur CSV inconnu');
        csv = new CsvReader(separator);
      } else if (!text.startsWith('{')) {
        throw new ExportFormatError("ce fichier n'est ni un export CSV ni un export JSONL de Guichet");
      }
    }
    if (csv) {
      for (const cells of csv.feed(text)) yield* fromCells(cells);
      continue;
    }
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) yield* jsonItem(line);
  }
  if (csv) for (const cells of csv.end()) yield* fromCells(cells);
  else if (pending.trim() !== '') yield* jsonItem(pending);

  function* jsonItem(line: string): Generator<ExportFileItem> {
    if (line.trim() === '') return;
    if (line.includes('"guichetAuditExport"')) yield { kind: 'header', header: parseHeader(line), format: 'jsonl' };
    else if (line.startsWith(`{"${JSONL_SIGNATURE_KEY}":`))
      yield { kind: 'signature', signature: parseSignature(() => (JSON.parse(line) as Record<string, unknown>)[JSONL_SIGNATURE_KEY]) };
    else yield { kind: 'record', record: jsonLineToRecord(line) };
  }
}

/**
 * Who vouches for the file: `pinned`, the key the verifier gave (the desk's registered key);
 * `declared`, only the key the file names itself (anyone can re-sign a file with a key of their
 * own); `unsigned`, nobody (a version 1 file, or one exported without the desk's key).
 */
export type ExportSigner = 'pinned' | 'declared' | 'unsigned';

export type ExportVerifyResult =
  | {
      intact: true;
      format: 'csv' | 'jsonl';
      events: number;
      fromSeq: number | null;
      toSeq: number | null;
      contiguous: boolean;
      signer: ExportSigner;
      /** The public key the signature verified under (base64), when signed. */
      publicKey: string | null;
      workstation: string | null;
      exportedAt: string;
    }
  | { intact: false; format: 'csv' | 'jsonl' | null; firstBadSeq: number; reason: IntegrityBreak; missing?: number };

export interface ExportVerifyOptions {
  /** The desk's public key as registered: the signature must be made with it. */
  publicKey?: KeyObject | null;
}

/** The records of an export, its header first, checked against nothing (stats, reference comparison). */
export async function* exportRecords(path: string): AsyncGenerator<HashedRecord> {
  for await (const item of readExportFile(path)) if (item.kind === 'record') yield item.record;
}

/**
 * Checks an exported file on its own: each row against its hash, consecutive rows against
 * each other, and (for a contiguous export) that no number is missing, plus the header's
 * count, last number and last hash (a cut-off tail); then the signature line, over the
 * header and every row's hash, under the desk's key.
 */
export async function verifyExportFile(path: string, options: ExportVerifyOptions = {}): Promise<ExportVerifyResult> {
  let header: ExportHeader | null = null;
  let format: 'csv' | 'jsonl' | null = null;
  let checker: ChainChecker | null = null;
  let signature: ExportSignature | null = null;
  let firstSeq: number | null = null;
  const digest = new RowsDigest();
  const fail = (firstBadSeq: number, reason: IntegrityBreak, missing?: number): ExportVerifyResult => ({
    intact: false,
    format,
    firstBadSeq,
    reason,
    ...(missing !== undefined ? { missing } : {}),
  });
  const expectedNext = () => (checker?.lastSeq ?? (header?.fromSeq ?? 1) - 1) + 1;
  try {
    for await (const item of readExportFile(path)) {
      if (item.kind === 'header') {
        if (header) throw new ExportFormatError('en-tête répété');
        header = item.header;
        format = item.format;
        checker = new ChainChecker({ startSeq: header.fromSeq ?? 1, startPrev: null, contiguous: header.contiguous });
        continue;
      }
      if (!checker || !header) throw new ExportFormatError('export sans en-tête');
      // Anything after the signature line was added after signing.
      if (signature) return fail(expectedNext(), 'altered');
      if (item.kind === 'signature') {
        signature = item.signature;
        continue;
      }
      const record = item.record;
      if (firstSeq === null) {
        firstSeq = record.seq;
        if (header.fromSeq !== null && record.seq > header.fromSeq) return fail(header.fromSeq, 'missing', record.seq - header.fromSeq);
      }
      const problem = checker.push(record);
      if (problem) return fail(problem.firstBadSeq, problem.reason, problem.missing);
      digest.add(record.hash);
    }
  } catch (error) {
    if (error instanceof ExportFormatError) throw error;
    // A line that no longer parses was edited.
    return fail(expectedNext(), 'altered');
  }
  if (!header || !checker) throw new ExportFormatError('export vide ou sans en-tête');
  const end = checker.finish();
  if (end) return fail(end.firstBadSeq, end.reason, end.missing);
  // Only an empty export names no first or last number and no last hash (and then neither has the checker): a null beside rows is an edit.
  if (firstSeq !== null && header.fromSeq === null) return fail(firstSeq, 'altered');
  if (checker.lastSeq !== null && header.toSeq === null) return fail(checker.lastSeq, 'altered');
  if (checker.count < header.count || checker.lastSeq !== header.toSeq) {
    if (checker.lastSeq !== null && header.toSeq !== null && checker.lastSeq > header.toSeq) return fail(header.toSeq + 1, 'altered');
    return fail(expectedNext(), 'truncated', header.count > checker.count ? header.count - checker.count : undefined);
  }
  if (checker.count > header.count) return fail((header.toSeq ?? 0) + 1, 'altered');
  if (checker.lastHash !== header.lastHash) return fail(header.toSeq ?? 0, 'altered');
  const signed = checkSignature(header, signature, digest.hex(), options.publicKey ?? null);
  if (signed === 'cut-off') return fail(expectedNext(), 'truncated');
  if (signed === 'invalid') return fail(header.fromSeq ?? 0, 'signature');
  return {
    intact: true,
    format: format!,
    events: checker.count,
    fromSeq: header.fromSeq,
    toSeq: header.toSeq,
    contiguous: header.contiguous,
    signer: signed.signer,
    publicKey: signed.publicKey,
    workstation: header.workstation ?? null,
    exportedAt: header.exportedAt,
  };
}

function checkSignature(
  header: ExportHeader,
  signature: ExportSignature | null,
  rowsDigest: string,
  pinned: KeyObject | null,
): 'cut-off' | 'invalid' | { signer: ExportSigner; publicKey: string | null } {
  const promised = header.guichetAuditExport === 2 && header.signed !== false;
  if (!signature) {
    if (promised) return 'cut-off';
    // Unsigned by its own account: nothing to check, and nothing to trust it by when a key was expected.
    return pinned ? 'invalid' : { signer: 'unsigned', publicKey: null };
  }
  if (!promised || signature.rowsDigest !== rowsDigest) return 'invalid';
  let key = pinned;
  if (!key) {
    try {
      key = publicKeyFromBase64(signature.publicKey);
    } catch {
      return 'invalid';
    }
  }
  if (!verifySignature(key, exportSignedText(header, rowsDigest), signature.sig)) return 'invalid';
  return { signer: pinned ? 'pinned' : 'declared', publicKey: publicKeyBase64(key) };
}
