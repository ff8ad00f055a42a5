/** Exports authenticated by the desk's Ed25519 signature: cut short, header edited, rows re-hashed, re-signed with another key, or unsigned — each through the real CLI. */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainHashHex, type HashedRecord } from '../../src/main/audit/audit-chain';
import { CsvReader, csvLine } from '../../src/main/audit/audit-csv';
import { deskPublicKey } from '../../src/main/audit/desk-signing-key';
import { keyFingerprint } from '../../src/main/audit/ed25519';
import { exportSignedText, jsonLineToRecord, recordToCsvCells, recordToJsonLine, RowsDigest, type ExportHeader } from '../../src/main/audit/export-format';
import { cli, useBuiltCli } from './support/audit-cli-process';
import { AGENT, OTHER_AGENT, SUPERVISOR, accountViewed, signIn, tempAudit, type TempAudit } from './support/audit-temp';
import { otherDeskKey } from './support/checkpoint-files';

let audit: TempAudit;
useBuiltCli();
let registered: string;
let jsonl: string;
let csv: string;

beforeAll(async () => {
  audit = tempAudit();
  for (let i = 0; i < 20; i += 1) audit.store.append(i % 3 ? accountViewed(i % 2 ? AGENT : OTHER_AGENT) : signIn(AGENT));
  registered = audit.store.deskKey!.publicKey;
  const exportTo = async (name: string, format: 'csv' | 'jsonl') =>
    (await audit.store.export({ filter: {}, viewer: null, agent: SUPERVISOR, via: 'console', format, separator: ';', outPath: join(audit.dir, name) })).path;
  jsonl = await exportTo('all.jsonl', 'jsonl');
  csv = await exportTo('all.csv', 'csv');
});
afterAll(() => audit?.cleanup());

const pin = () => ['--public-key', registered];
const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter((l) => l !== '');

/** A variant of the JSONL export: its header, rows and signature line as objects, edited, written back. */
function jsonlVariant(name: string, edit: (parts: { header: ExportHeader; rows: HashedRecord[]; signature: string | null }) => void): string {
  const all = lines(jsonl);
  const parts = {
    header: JSON.parse(all[0]!) as ExportHeader,
    rows: all.slice(1, -1).map(jsonLineToRecord),
    signature: all.at(-1)!,
  };
  edit(parts);
  const path = join(audit.dir, name);
  writeFileSync(path, [JSON.stringify(parts.header), ...parts.rows.map((r) => recordToJsonLine(r).trimEnd()), ...(parts.signature ? [parts.signature] : [])].join('\n') + '\n');
  return path;
}

/** An edit at `seq`, then every hash from there recomputed (the export is contiguous): self-consistent rows. */
function rehashFrom(rows: HashedRecord[], seq: number): void {
  for (let i = 0; i < rows.length; i += 1) {
    if (rows[i]!.seq < seq) continue;
    const prevHash = i === 0 ? rows[i]!.prevHash : rows[i - 1]!.hash;
    rows[i] = { ...rows[i]!, prevHash, hash: chainHashHex(prevHash, rows[i]!) };
  }
}

describe('a signed export', () => {
  it('verifies under the registered key (exit 0), and only under its declared key without it (exit 3)', async () => {
    const [pinnedJsonl, pinnedCsv, declared] = await Promise.all([cli('verify', jsonl, ...pin()), cli('verify', csv, ...pin()), cli('verify', jsonl)]);
    expect(pinnedJsonl).toMatchObject({ code: 0, stdout: expect.stringContaining(`Signé du poste GUICHET-TEST-01 par la clé enregistrée ${keyFingerprint(registered)}`) });
    expect(pinnedCsv).toMatchObject({ code: 0 });
    expect(declared).toMatchObject({ code: 3, stdout: expect.stringContaining('NON authentifiée') });
  });

  it('guichet-audit key prints the desk key the central registry gets, from the trail and from an export', async () => {
    expect(deskPublicKey()).toBe(registered);
    const [fromDb, fromExport] = await Promise.all([cli('key', audit.path), cli('key', csv)]);
    expect(fromDb).toMatchObject({ code: 0 });
    expect(fromDb.stdout.split('\n')[0]).toBe(registered);
    expect(fromDb.stdout).toContain(`Empreinte : ${keyFingerprint(registered)}`);
    expect(fromDb.stdout).toContain('coffre de ce dossier');
    expect(fromExport.stdout.split('\n')[0]).toBe(registered);
  });
});

describe('an export altered after it was written fails verify', () => {
  it('cut short: rows dropped with or without the signature line, or only the signature line', async () => {
    const all = lines(jsonl);
    const write = (name: string, kept: string[]) => {
      writeFileSync(join(audit.dir, name), kept.join('\n') + '\n');
      return join(audit.dir, name);
    };
    const results = await Promise.all([
      cli('verify', write('cut-rows.jsonl', all.slice(0, -4)), ...pin()),
      cli('verify', write('cut-keep-sig.jsonl', [...all.slice(0, -4), all.at(-1)!])),
      cli('verify', write('cut-sig.jsonl', all.slice(0, -1))),
    ]);
    for (const result of results) expect(result).toMatchObject({ code: 1, stdout: expect.stringMatching(/^ALTÉRÉ : export JSONL en défaut au n° \d+ — derniers événements supprimés/) });
  });

  it('cut short with the header counts edited to match: the signature no longer fits', async () => {
    // Mutation caught: checkSignature accepting a file whose rows digest or signature does not match.
    const path = jsonlVariant('cut-and-recounted.jsonl', (parts) => {
      parts.rows = parts.rows.slice(0, -3);
      parts.header = { ...parts.header, count: parts.rows.length, toSeq: parts.rows.at(-1)!.seq, lastHash: parts.rows.at(-1)!.hash };
    });
    const [pinned, unpinned] = await Promise.all([cli('verify', path, ...pin()), cli('verify', path)]);
    expect(pinned).toMatchObject({ code: 1, stdout: expect.stringContaining('signature de l’export absente, invalide') });
    expect(unpinned).toMatchObject({ code: 1 });
  });

  it('header figures edited alone', async () => {
    const count = jsonlVariant('recount.jsonl', (parts) => (parts.header = { ...parts.header, count: parts.header.count - 1 }));
    const filter = jsonlVariant('refilter.jsonl', (parts) => (parts.header = { ...parts.header, filter: { agent: 'quelqu-un' } }));
    const results = await Promise.all([cli('verify', count), cli('verify', filter), cli('verify', filter, ...pin())]);
    for (const result of results) expect(result.code).toBe(1);
  });

  it('a row edited and every hash after it recomputed, header included', async () => {
    const path = jsonlVariant('rehashed.jsonl', (parts) => {
      parts.rows[4] = { ...parts.rows[4]!, comment: 'ajouté après coup' };
      rehashFrom(parts.rows, parts.rows[4]!.seq);
      parts.header = { ...parts.header, lastHash: parts.rows.at(-1)!.hash };
    });
    const [pinned, unpinned] = await Promise.all([cli('verify', path, ...pin()), cli('verify', path)]);
    expect(pinned).toMatchObject({ code: 1, stdout: expect.stringContaining('signature') });
    expect(unpinned).toMatchObject({ code: 1 });
  });

  it('re-signed with another key: refused under the registered key; without it, another fingerprint and exit 3', async () => {
    // Mutation caught: the --public-key given being ignored in favour of the key the file declares.
    const attacker = otherDeskKey();
    const path = jsonlVariant('resigned.jsonl', (parts) => {
      parts.rows[2] = { ...parts.rows[2]!, outcome: 'failure' };
      rehashFrom(parts.rows, parts.rows[2]!.seq);
      parts.header = { ...parts.header, lastHash: parts.rows.at(-1)!.hash };
      const digest = new RowsDigest();
      for (const r of parts.rows) digest.add(r.hash);
      const rowsDigest = digest.hex();
      parts.signature = JSON.stringify({
        guichetAuditSignature: { v: 1, publicKey: attacker.publicKey, rowsDigest, sig: attacker.sign(exportSignedText(parts.header, rowsDigest)) },
      });
    });
    const [pinned, unpinned] = await Promise.all([cli('verify', path, ...pin()), cli('verify', path)]);
    expect(pinned).toMatchObject({ code: 1, stdout: expect.stringContaining('d’une autre clé') });
    expect(unpinned).toMatchObject({ code: 3, stdout: expect.stringContaining(keyFingerprint(attacker.publicKey)) });
    expect(unpinned.stdout).not.toContain(keyFingerprint(registered));
  });

  it('CSV: cut short with its header recounted, or a row re-hashed', async () => {
    const reader = new CsvReader(';');
    const rows = [...reader.feed(readFileSync(csv, 'utf8').replace(/^\uFEFF/, '')), ...reader.end()].filter((r) => r.length > 1 || r[0] !== '');
    // The column names, then the export's own line (export-csv-layout.ts).
    const header = JSON.parse(rows[1]![1]!) as ExportHeader;
    const body = rows.slice(2, -1);
    const write = (name: string, head: ExportHeader, cells: string[][]) => {
      const text = '\uFEFF' + [rows[0]!, ['#guichet-audit-export', JSON.stringify(head)], ...cells, rows.at(-1)!].map((r) => csvLine(r, ';')).join('');
      writeFileSync(join(audit.dir, name), text);
      return join(audit.dir, name);
    };
    const cut = body.slice(0, -2);
    const recounted = write('cut.csv', { ...header, count: cut.length, toSeq: Number(cut.at(-1)![0]), lastHash: cut.at(-1)![15]! }, cut);
    const { recordOfCsvRow } = await import('../../src/main/audit/export-csv-layout');
    const records = body.map((r) => recordOfCsvRow(r));
    records[6] = { ...records[6]!, agentName: 'Quelqu’un d’autre' };
    rehashFrom(records, records[6]!.seq);
    const rehashed = write('rehashed.csv', { ...header, lastHash: records.at(-1)!.hash }, records.map(recordToCsvCells));
    const results = await Promise.all([cli('verify', recounted, ...pin()), cli('verify', rehashed, ...pin()), cli('verify', rehashed)]);
    for (const result of results) expect(result).toMatchObject({ code: 1, stdout: expect.stringContaining('signature') });
  });
});

describe('an unsigned export is never taken for an authenticated one', () => {
  it('exported away from the desk key: said unsigned in its header (exit 3), refused under the registered key', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'guichet-audit-nokey-'));
    try {
      audit.store.flushCheckpoint();
      // The trail and its WAL, without the keystore or the sealed keys.
      for (const name of readdirSync(audit.dir).filter((n) => /^audit\.sqlite(-wal|-shm|\.checkpoint\.json)?$/.test(n)))
        copyFileSync(join(audit.dir, name), join(copy, name));
      const out = join(copy, 'unsigned.jsonl');
      const exported = await cli('export', join(copy, 'audit.sqlite'), '--format', 'jsonl', '-o', out, '--no-record');
      expect(exported).toMatchObject({ code: 0, stderr: expect.stringContaining('ne sera pas signé') });
      expect(JSON.parse(lines(out)[0]!)).toMatchObject({ guichetAuditExport: 2, signed: false });
      const [unpinned, pinned] = await Promise.all([cli('verify', out), cli('verify', out, ...pin())]);
      expect(unpinned).toMatchObject({ code: 3, stdout: expect.stringContaining('Export NON signé') });
      expect(pinned).toMatchObject({ code: 1 });
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('a signed export turned into an old-format one (version 1, no signature line) passes only as unsigned', async () => {
    const path = jsonlVariant('downgraded.jsonl', (parts) => {
      const { workstation: _w, signed: _s, ...v1 } = parts.header;
      parts.header = { ...v1, guichetAuditExport: 1 };
      parts.signature = null;
    });
    const [unpinned, pinned] = await Promise.all([cli('verify', path), cli('verify', path, ...pin())]);
    expect(unpinned).toMatchObject({ code: 3, stdout: expect.stringContaining('Export NON signé') });
    expect(pinned).toMatchObject({ code: 1 });
  });
});
