/**
 * verifyExportFile in this process, on real exports of a real trail edited by hand: what it
 * answers for each edit (which number, which reason, who vouches), the same checks the CLI
 * tests make through the shipped binary, where mutation testing cannot see them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainHashHex, type HashedRecord } from '../../src/main/audit/audit-chain';
import { csvLine } from '../../src/main/audit/audit-csv';
import { publicKeyFromBase64 } from '../../src/main/audit/ed25519';
import { exportSignedText, jsonLineToRecord, recordToJsonLine, RowsDigest, type ExportHeader } from '../../src/main/audit/export-format';
import { CSV_HEADINGS } from '../../src/main/audit/export-csv-layout';
import { ExportFormatError, verifyExportFile } from '../../src/main/audit/export-verify';
import { AGENT, OTHER_AGENT, SUPERVISOR, accountViewed, signIn, tempAudit, type TempAudit } from './support/audit-temp';
import { otherDeskKey } from './support/checkpoint-files';

let audit: TempAudit;
let jsonl: string;
let registered: string;
beforeAll(async () => {
  audit = tempAudit();
  for (let i = 0; i < 12; i += 1) audit.store.append(i % 3 ? accountViewed(i % 2 ? AGENT : OTHER_AGENT) : signIn(AGENT));
  registered = audit.store.deskKey!.publicKey;
  jsonl = (await audit.store.export({ filter: {}, viewer: null, agent: SUPERVISOR, via: 'console', format: 'jsonl', separator: ';', outPath: join(audit.dir, 'all.jsonl') })).path;
});
afterAll(() => audit?.cleanup());

const pinned = () => ({ publicKey: publicKeyFromBase64(registered) });
let n = 0;

interface Parts {
  header: ExportHeader;
  rows: HashedRecord[];
  signature: string | null;
}

/** The export's header, rows and signature line as objects, edited, written back to a new file. */
function variant(edit: (parts: Parts) => void): string {
  const all = readFileSync(jsonl, 'utf8').split('\n').filter((l) => l !== '');
  const parts: Parts = { header: JSON.parse(all[0]!) as ExportHeader, rows: all.slice(1, -1).map(jsonLineToRecord), signature: all.at(-1)! };
  edit(parts);
  const path = join(audit.dir, `variant-${(n += 1)}.jsonl`);
  const body = [JSON.stringify(parts.header), ...parts.rows.map((r) => recordToJsonLine(r).trimEnd()), ...(parts.signature ? [parts.signature] : [])];
  writeFileSync(path, body.join('\n') + '\n');
  return path;
}

/** Every hash from `seq` on recomputed, and the header's last hash with them: self-consistent rows. */
function rehashFrom(parts: Parts, seq: number): void {
  const { rows } = parts;
  for (let i = 0; i < rows.length; i += 1) {
    if (rows[i]!.seq < seq) continue;
    const prevHash = i === 0 ? rows[i]!.prevHash : rows[i - 1]!.hash;
    rows[i] = { ...rows[i]!, prevHash, hash: chainHashHex(prevHash, rows[i]!) };
  }
  parts.header = { ...parts.header, lastHash: rows.at(-1)!.hash };
}

/** A signature line made by `signer` over the header and rows as they now are. */
function signedBy(parts: Parts, signer: ReturnType<typeof otherDeskKey>, header = parts.header): string {
  const digest = new RowsDigest();
  for (const r of parts.rows) digest.add(r.hash);
  const rowsDigest = digest.hex();
  return JSON.stringify({ guichetAuditSignature: { v: 1, publicKey: signer.publicKey, rowsDigest, sig: signer.sign(exportSignedText(header, rowsDigest)) } });
}

describe('who vouches for an export', () => {
  it('the registered key when given, else only the key the file declares', async () => {
    const intact = { intact: true, format: 'jsonl', events: 13, fromSeq: 1, toSeq: 13, contiguous: true, publicKey: registered, workstation: 'GUICHET-TEST-01' };
    expect(await verifyExportFile(jsonl, pinned())).toMatchObject({ ...intact, signer: 'pinned' });
    expect(await verifyExportFile(jsonl)).toMatchObject({ ...intact, signer: 'declared' });
  });

  it('rows edited, re-hashed and re-signed with another key: refused under the registered key', async () => {
    // Mutation caught: the key the file declares used even when the registered key is given.
    const attacker = otherDeskKey();
    const path = variant((parts) => {
      parts.rows[2] = { ...parts.rows[2]!, outcome: 'failure' };
      rehashFrom(parts, 3);
      parts.signature = signedBy(parts, attacker);
    });
    expect(await verifyExportFile(path, pinned())).toStrictEqual({ intact: false, format: 'jsonl', firstBadSeq: 1, reason: 'signature' });
    expect(await verifyExportFile(path)).toMatchObject({ intact: true, signer: 'declared', publicKey: attacker.publicKey });
  });

  it('a signature that does not match its rows or its header is refused, with or without the registered key', async () => {
    // Mutations caught: the rows digest not compared, the Ed25519 signature not checked.
    const cut = variant((parts) => {
      parts.rows = parts.rows.slice(0, -3);
      parts.header = { ...parts.header, count: 10, toSeq: 10, lastHash: parts.rows.at(-1)!.hash };
    });
    const reSigned = variant((parts) => {
      const digest = new RowsDigest();
      for (const r of parts.rows) digest.add(r.hash);
      const declared = JSON.parse(parts.signature!).guichetAuditSignature;
      // The right digest, a signature over another text.
      parts.signature = JSON.stringify({ guichetAuditSignature: { ...declared, rowsDigest: digest.hex(), sig: otherDeskKey().sign('autre chose') } });
    });
    const badKey = variant((parts) => {
      parts.signature = JSON.stringify({ guichetAuditSignature: { ...JSON.parse(parts.signature!).guichetAuditSignature, publicKey: 'pas une clé' } });
    });
    for (const path of [cut, reSigned])
      for (const options of [pinned(), {}]) expect(await verifyExportFile(path, options)).toStrictEqual({ intact: false, format: 'jsonl', firstBadSeq: 1, reason: 'signature' });
    expect(await verifyExportFile(badKey)).toStrictEqual({ intact: false, format: 'jsonl', firstBadSeq: 1, reason: 'signature' });
  });

  it('an unsigned export passes only as unsigned, and never under the registered key', async () => {
    // Mutations caught: "promised" (a signature line expected) computed wrongly for version 1
    // files and for version 2 files that say they are unsigned.
    const unsigned = variant((parts) => {
      parts.header = { ...parts.header, signed: false };
      parts.signature = null;
    });
    const old = variant((parts) => {
      const { workstation: _w, signed: _s, ...v1 } = parts.header;
      parts.header = { ...v1, guichetAuditExport: 1 };
      parts.signature = null;
    });
    for (const path of [unsigned, old]) {
      expect(await verifyExportFile(path)).toMatchObject({ intact: true, signer: 'unsigned', publicKey: null, events: 13 });
      expect(await verifyExportFile(path, pinned())).toMatchObject({ intact: false, reason: 'signature' });
    }
    // Saying "unsigned" and carrying a signature line anyway (one of the attacker's own): refused.
    const attacker = otherDeskKey();
    const contradicting = variant((parts) => {
      parts.header = { ...parts.header, signed: false };
      parts.signature = signedBy(parts, attacker);
    });
    expect(await verifyExportFile(contradicting)).toMatchObject({ intact: false, reason: 'signature' });
  });
});

describe('an export cut short or recounted', () => {
  it('the signature line dropped: the last events may be gone', async () => {
    const path = variant((parts) => (parts.signature = null));
    expect(await verifyExportFile(path)).toStrictEqual({ intact: false, format: 'jsonl', firstBadSeq: 14, reason: 'truncated' });
  });

  it('rows dropped, the header left: truncated after the last row kept, with how many are gone', async () => {
    // Mutations caught: the count compared wrongly, or the number missing miscounted or left out.
    const path = variant((parts) => (parts.rows = parts.rows.slice(0, -4)));
    expect(await verifyExportFile(path)).toStrictEqual({ intact: false, format: 'jsonl', firstBadSeq: 10, reason: 'truncated', missing: 4 });
  });

  it('header figures edited: a last number further than the rows, or nearer; a count too small', async () => {
    const further = variant((parts) => (parts.header = { ...parts.header, toSeq: 16 }));
    expect(await verifyExportFile(further)).toStrictEqual({ intact: false, format: 'jsonl', firstBadSeq: 14, reason: 'truncated' });
    const nearer = variant((parts) => (parts.header = { ...parts.header, toSeq: 10 }));
    expect(await verifyExportFile(nearer)).toStrictEqual({ intact: false, format: 'jsonl', firstBadSeq: 11, reason: 'altered' });
    const fewer = variant((parts) => (parts.header = { ...parts.header, count: 12 }));
    expect(await verifyExportFile(fewer)).toStrictEqual({ intact: false, format: 'jsonl', firstBadSeq: 14, reason: 'altered' });
  });

  it('a last hash blanked in the header of an unsigned file is an edit, not "nothing to compare"', async () => {
    // Bug found by mutation testing: a null lastHash skipped the comparison, so an old-format
    // (unsigned) file whose header no longer named its last hash verified as intact. Only an
    // empty export has none.
    const blanked = variant((parts) => {
      const { workstation: _w, signed: _s, ...v1 } = parts.header;
      parts.header = { ...v1, guichetAuditExport: 1, lastHash: null };
      parts.signature = null;
    });
    expect(await verifyExportFile(blanked)).toStrictEqual({ intact: false, format: 'jsonl', firstBadSeq: 13, reason: 'altered' });
    const empty = (await audit.store.export({ filter: { agent: 'personne' }, viewer: null, agent: SUPERVISOR, via: 'console', format: 'jsonl', separator: ';', outPath: join(audit.dir, 'empty.jsonl') })).path;
    expect(await verifyExportFile(empty, pinned())).toMatchObject({ intact: true, events: 0, toSeq: null });
  });

  it('a first or last number blanked in the header of an unsigned file is an edit, not an export "from 1 to null"', async () => {
    // Bug found by mutation testing: a null toSeq skipped the last-number comparison (and a null
    // fromSeq the first-number one), so an unsigned file whose header no longer said where it ends
    // verified as intact. Only an empty export names neither. Mutations caught with the fix:
    // either `header.toSeq === null` / `header.fromSeq === null` test in verifyExportFile dropped.
    const blanked = (edit: Partial<ExportHeader>) =>
      variant((parts) => {
        parts.header = { ...parts.header, signed: false, ...edit };
        parts.signature = null;
      });
    expect(await verifyExportFile(blanked({ toSeq: null }))).toStrictEqual({ intact: false, format: 'jsonl', firstBadSeq: 13, reason: 'altered' });
    expect(await verifyExportFile(blanked({ fromSeq: null }))).toStrictEqual({ intact: false, format: 'jsonl', firstBadSeq: 1, reason: 'altered' });
    expect(await verifyExportFile(blanked({}))).toMatchObject({ intact: true, signer: 'unsigned', fromSeq: 1, toSeq: 13 });
  });

  it('a first row numbered 0 is an edit at number 1, not "-1 events missing"', async () => {
    // Bug found by mutation testing: a first row numbered below the export's first number was
    // counted as a gap of (its number - the expected one), a negative count of missing events.
    // Mutation caught with the fix: ChainChecker's `record.seq < this.expectedSeq` test dropped.
    for (const seq of [0, -3]) {
      const renumbered = variant((parts) => {
        parts.rows[0] = { ...parts.rows[0]!, seq };
        parts.header = { ...parts.header, signed: false };
        parts.signature = null;
      });
      expect(await verifyExportFile(renumbered)).toStrictEqual({ intact: false, format: 'jsonl', firstBadSeq: 1, reason: 'altered' });
    }
  });

  it('a signature line that is not one (no signature in it, or not JSON) is refused, not a crash', async () => {
    // Mutation caught: a signature line without its `sig` taken as well-formed (the check then throws).
    const declared = () => JSON.parse(readFileSync(jsonl, 'utf8').split('\n').filter((l) => l !== '').at(-1)!).guichetAuditSignature;
    const noSig = variant((parts) => {
      const { sig: _sig, ...rest } = declared();
      parts.signature = JSON.stringify({ guichetAuditSignature: rest });
    });
    const garbled = variant((parts) => (parts.signature = '{"guichetAuditSignature":{"v":1,'));
    for (const path of [noSig, garbled]) expect(await verifyExportFile(path)).toStrictEqual({ intact: false, format: 'jsonl', firstBadSeq: 1, reason: 'signature' });
  });

  it('the first rows dropped, or a row after the signature line', async () => {
    const headless = variant((parts) => (parts.rows = parts.rows.slice(3)));
    expect(await verifyExportFile(headless)).toStrictEqual({ intact: false, format: 'jsonl', firstBadSeq: 1, reason: 'missing', missing: 3 });
    const appended = variant((parts) => {
      parts.signature = `${parts.signature}\n${recordToJsonLine(parts.rows[0]!).trimEnd()}`;
    });
    expect(await verifyExportFile(appended)).toStrictEqual({ intact: false, format: 'jsonl', firstBadSeq: 14, reason: 'altered' });
  });
});

describe('a filtered export, and lines that no longer parse', () => {
  it('a filtered export missing its first row, or a row in the middle, is not intact', async () => {
    // Mutations caught: the first row not compared with the header's first number, and the
    // row count not compared (a filtered export has gaps of its own, so only they tell).
    const filtered = (await audit.store.export({ filter: { agent: AGENT.login }, viewer: null, agent: SUPERVISOR, via: 'console', format: 'jsonl', separator: ';', outPath: join(audit.dir, 'agent.jsonl') })).path;
    expect(await verifyExportFile(filtered, pinned())).toMatchObject({ intact: true, contiguous: false });
    const lines = readFileSync(filtered, 'utf8').split('\n').filter((l) => l !== '');
    const [first, second] = [jsonLineToRecord(lines[1]!), jsonLineToRecord(lines[2]!)];
    const write = (kept: string[]) => {
      const path = join(audit.dir, `filtered-${(n += 1)}.jsonl`);
      writeFileSync(path, kept.join('\n') + '\n');
      return path;
    };
    expect(await verifyExportFile(write([lines[0]!, ...lines.slice(2)]))).toStrictEqual({
      intact: false,
      format: 'jsonl',
      firstBadSeq: first.seq,
      reason: 'missing',
      missing: second.seq - first.seq,
    });
    expect(await verifyExportFile(write([...lines.slice(0, 3), ...lines.slice(4)]))).toMatchObject({ intact: false, missing: 1 });
  });

  it('a row that no longer parses is an edit at that row, not an unreadable file', async () => {
    // Mutations caught: every error thrown as a format error, and the first row's number miscounted.
    const garble = (index: number) => variant((parts) => (parts.rows[index] = { ...parts.rows[index]!, details: '{"cassé":' }));
    expect(await verifyExportFile(garble(0))).toStrictEqual({ intact: false, format: 'jsonl', firstBadSeq: 1, reason: 'altered' });
    expect(await verifyExportFile(garble(5))).toStrictEqual({ intact: false, format: 'jsonl', firstBadSeq: 6, reason: 'altered' });
  });
});

describe('reading an export', () => {
  it('blank lines (an editor or a mail client adding them) are not rows; a stray line is an edit', async () => {
    // Mutations caught: blank CSV rows or blank/space-only JSONL lines taken for records, and a
    // one-cell CSV line skipped like a blank one.
    const csv = (await audit.store.export({ filter: {}, viewer: null, agent: SUPERVISOR, via: 'console', format: 'csv', separator: ';', outPath: join(audit.dir, 'all.csv') })).path;
    const csvLines = readFileSync(csv, 'utf8').split('\r\n');
    const write = (name: string, text: string) => {
      writeFileSync(join(audit.dir, name), text);
      return join(audit.dir, name);
    };
    const withLine = (lines: string[], at: number, extra: string, eol: string) => [...lines.slice(0, at), extra, ...lines.slice(at)].join(eol);
    const clean = await verifyExportFile(csv, pinned());
    expect(clean).toMatchObject({ intact: true, format: 'csv' });
    expect(await verifyExportFile(write('blank.csv', withLine(csvLines, 6, '', '\r\n')), pinned())).toEqual(clean);
    expect(await verifyExportFile(write('stray.csv', withLine(csvLines, 6, 'x', '\r\n')), pinned())).toMatchObject({ intact: false, reason: 'altered' });
    // A row whose number was erased is still a row (out of order: number 0), not one gone missing.
    const erased = csvLines.map((line, i) => (i === 6 ? line.replace(/^\d+/, '') : line)).join('\r\n');
    expect(await verifyExportFile(write('erased.csv', erased), pinned())).toMatchObject({ intact: false, reason: 'reordered' });
    const jsonLines = readFileSync(jsonl, 'utf8').split('\n');
    for (const blank of ['', '   '])
      expect(await verifyExportFile(write('blank.jsonl', withLine(jsonLines, 4, blank, '\n')), pinned())).toMatchObject({ intact: true, format: 'jsonl', events: 13 });
  });

  it('an export larger than one read (1 MiB) is read across the chunks', async () => {
    // Mutation caught: every chunk taken for the start of the file (its first line sniffed again).
    const template = jsonLineToRecord(readFileSync(jsonl, 'utf8').split('\n')[1]!);
    const rows: HashedRecord[] = [];
    let prevHash = template.prevHash;
    for (let seq = 1; seq <= 5_000; seq += 1) {
      const row = { ...template, seq, comment: `ligne ${seq}` };
      const hash = chainHashHex(prevHash, row);
      rows.push({ ...row, prevHash, hash });
      prevHash = hash;
    }
    const header = { guichetAuditExport: 1, exportedAt: template.at, fromSeq: 1, toSeq: 5_000, count: 5_000, contiguous: true, lastHash: prevHash, filter: {} };
    const text = [JSON.stringify(header), ...rows.map((r) => recordToJsonLine(r).trimEnd())].join('\n') + '\n';
    expect(Buffer.byteLength(text)).toBeGreaterThan(2 * 1024 * 1024);
    const path = join(audit.dir, 'large.jsonl');
    writeFileSync(path, text);
    expect(await verifyExportFile(path)).toMatchObject({ intact: true, events: 5_000, toSeq: 5_000, signer: 'unsigned' });
  });
});

describe('a file that is not a Guichet export', () => {
  it('is told so, never reported as an altered export', async () => {
    const write = (text: string) => {
      const path = join(audit.dir, `other-${(n += 1)}`);
      writeFileSync(path, text);
      return path;
    };
    const header = readFileSync(jsonl, 'utf8').split('\n')[0]!;
    const cases: Array<[string, string]> = [
      ['{"guichetAuditExport":"x', "en-tête d'export illisible"],
      [header.replace('"guichetAuditExport":2', '"guichetAuditExport":3'), "ce fichier n'est pas un export d'audit Guichet (version 1 ou 2)"],
      ['#guichet-audit-export,null\n', "ce fichier n'est pas un export d'audit Guichet (version 1 ou 2)"],
      [`${CSV_HEADINGS.fr.join(',')}\n1,2\n`, "ligne d'en-tête d'export CSV inattendue"],
      [`${CSV_HEADINGS.fr.join(',')}\n#guichet-audit-export\n`, "ligne d'en-tête d'export CSV inattendue"],
      [`${csvLine(['#guichet-audit-export', header], ',')}N°,Date\n`, 'colonnes CSV inattendues'],
      ['#guichet-audit-export|{}\n', 'séparateur CSV inconnu'],
      ['bonjour\n', "ce fichier n'est ni un export CSV ni un export JSONL de Guichet"],
      [`${header}\n${header}\n`, 'en-tête répété'],
      [`${readFileSync(jsonl, 'utf8').split('\n')[1]}\n`, 'export sans en-tête'],
      ['', 'export vide ou sans en-tête'],
    ];
    for (const [text, message] of cases) {
      const rejected = await verifyExportFile(write(text)).then(
        (result) => result,
        (error: unknown) => error,
      );
      expect(rejected, text.slice(0, 40)).toBeInstanceOf(ExportFormatError);
      expect((rejected as Error).message, text.slice(0, 40)).toBe(message);
    }
  });
});
