import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/audit/audit-cli';
import { CsvReader } from '../../src/main/audit/audit-csv';
import { arrayToRecord, EVENT_COLUMNS } from '../../src/main/audit/audit-rows';
import { CSV_COLUMNS, jsonLineSql, recordToJsonLine } from '../../src/main/audit/export-format';
import { CSV_HEADINGS } from '../../src/main/audit/export-csv-layout';
import { AGENT, OTHER_AGENT, SUPERVISOR, accountViewed, signIn, tempAudit, type TempAudit } from './support/audit-temp';

let audit: TempAudit;
const run = async (...argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

beforeEach(() => {
  audit = tempAudit();
  for (let i = 0; i < 30; i += 1) {
    audit.store.append(i % 3 ? accountViewed(i % 2 ? AGENT : OTHER_AGENT) : signIn(AGENT));
  }
  // Cells a spreadsheet would evaluate, quotes, separators, newlines.
  audit.store.append({ ...signIn({ login: 'evil', displayName: '=HYPERLINK("http://x";"clic")' }), comment: "-2+3; 'cité' \"guillemets\"\nsur deux lignes" });
  audit.store.append({ ...signIn(AGENT), comment: '@SUM(A1)' });
});
afterEach(() => audit.cleanup());

/** The desk's public key as a supervisor would have it registered. */
const pinned = () => ['--public-key', audit.store.deskKey!.publicKey];

const exportTo = (name: string, format: 'csv' | 'jsonl', separator: ',' | ';' = ',', filter = {}) =>
  audit.store.export({ filter, viewer: null, agent: SUPERVISOR, via: 'console', format, separator, outPath: join(audit.dir, 'exports', name) });

function csvRows(path: string, separator: ',' | ';'): string[][] {
  const reader = new CsvReader(separator);
  return [...reader.feed(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')), ...reader.end()];
}

describe('exports', () => {
  it('CSV: UTF-8 with BOM, header naming the seq range, `;` option, quoting and formula protection', async () => {
    const result = await exportTo('a.csv', 'csv', ';');
    expect(result).toMatchObject({ count: 33, fromSeq: 1, toSeq: 33, contiguous: true, format: 'csv' });
    const bytes = readFileSync(result.path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csvRows(result.path, ';');
    // A spreadsheet opens on the column names; the export's own line comes next.
    expect(rows[0]).toEqual([...CSV_HEADINGS.fr]);
    expect(rows[0]!.slice(0, 4)).toEqual(['N°', 'Date et heure (heure du guichet)', 'Action', 'Résultat']);
    expect(rows[1]![0]).toBe('#guichet-audit-export');
    expect(JSON.parse(rows[1]![1]!)).toMatchObject({ fromSeq: 1, toSeq: 33, count: 33, contiguous: true });
    const evil = rows.find((r) => r[5] === 'evil')!;
    expect(evil[6]).toBe(`'=HYPERLINK("http://x";"clic")`);
    expect(evil[13]).toBe(`'-2+3; 'cité' "guillemets"\nsur deux lignes`);
    expect(rows.find((r) => r[13]?.includes('SUM'))![13]).toBe("'@SUM(A1)");
    for (const row of rows.slice(2)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it('CSV times are the desk’s with their offset, headings French or English; verify reads them back, and older files too', async () => {
    const paris = await audit.store.export({ filter: {}, viewer: null, agent: SUPERVISOR, via: 'console', format: 'csv', separator: ';', outPath: join(audit.dir, 'exports', 'paris.csv'), timeZone: 'Europe/Paris' });
    const rows = csvRows(paris.path, ';');
    const stored = audit.store.db.prepare('SELECT at FROM events WHERE seq = 1').pluck().get() as string;
    const first = rows[2]!;
    expect(first[0]).toBe('1');
    expect(first[1]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0[12]:00$/);
    expect(new Date(first[1]!).toISOString()).toBe(stored);
    expect(await run('verify', paris.path, ...pinned())).toMatchObject({ code: 0 });

    const english = await audit.store.export({ filter: {}, viewer: null, agent: SUPERVISOR, via: 'console', format: 'csv', outPath: join(audit.dir, 'exports', 'en.csv'), columns: 'en', timeZone: 'America/New_York' });
    const enRows = csvRows(english.path, ',');
    expect(enRows[0]!.slice(0, 4)).toEqual(['No.', 'Date and time (desk time)', 'Action', 'Outcome']);
    expect(enRows[2]![1]).toMatch(/-0[45]:00$/);
    expect(await run('verify', english.path, ...pinned())).toMatchObject({ code: 0 });

    // A time moved by an hour (same text shape) is an edit.
    const moved = join(audit.dir, 'moved.csv');
    writeFileSync(moved, readFileSync(paris.path, 'utf8').replace(first[1]!, first[1]!.replace(/\+0([12]):00$/, (_, h: string) => `+0${Number(h) + 1}:00`)));
    expect(await run('verify', moved, ...pinned())).toMatchObject({ code: 1, out: expect.stringMatching(/n° 1 — événement modifié/) });

    // The layout written before header rows: the export's line first, machine column names, UTC times.
    const legacy = join(audit.dir, 'legacy.csv');
    const lines = readFileSync(paris.path, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    const utc = (line: string) => line.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}/, (t) => new Date(t).toISOString());
    writeFileSync(legacy, `\uFEFF${[lines[1]!, CSV_COLUMNS.join(';'), ...lines.slice(2).map(utc)].join('\r\n')}`);
    expect(await run('verify', legacy, ...pinned())).toMatchObject({ code: 0, out: expect.stringMatching(/^Intègre : export CSV de 33/) });
  });

  it('CSV and JSONL verify with the CLI; the export itself is recorded', async () => {
    const csv = await exportTo('a.csv', 'csv');
    const jsonl = await exportTo('a.jsonl', 'jsonl');
    expect(await run('verify', csv.path, ...pinned())).toMatchObject({ code: 0, out: expect.stringMatching(/^Intègre : export CSV de 33/) });
    expect(await run('verify', jsonl.path, ...pinned())).toMatchObject({ code: 0, out: expect.stringMatching(/^Intègre : export JSONL de 35[\s\S]*Signé du poste GUICHET-TEST-01 par la clé enregistrée/) });
    const exported = audit.store.query({ action: 'audit-exported' }, { login: SUPERVISOR.login, role: 'supervisor' }).events;
    expect(exported.map((e) => e.details)).toEqual([
      expect.objectContaining({ format: 'jsonl', fileName: 'a.jsonl', count: 35, fromSeq: 1, toSeq: 35, lastHash: expect.stringMatching(/^[0-9a-f]{64}$/) }),
      expect.objectContaining({ format: 'csv', fileName: 'a.csv', count: 33 }),
    ]);
    expect(await run('verify', audit.path)).toMatchObject({ code: 0, out: expect.stringContaining('point de contrôle signé par la clé') });
  });

  it('a tampered export is detected, naming the first bad sequence number', async () => {
    const jsonl = await exportTo('a.jsonl', 'jsonl');
    const lines = readFileSync(jsonl.path, 'utf8').split('\n');
    const variant = (name: string, edit: (l: string[]) => string[]) => {
      const path = join(audit.dir, name);
      writeFileSync(path, edit([...lines]).join('\n'));
      return path;
    };
    const edited = variant('edited.jsonl', (l) => {
      l[5] = l[5]!.replace('"outcome":"success"', '"outcome":"failure"');
      return l;
    });
    const deleted = variant('deleted.jsonl', (l) => l.filter((_, i) => i !== 10));
    const swapped = variant('swapped.jsonl', (l) => {
      [l[7], l[8]] = [l[8]!, l[7]!];
      return l;
    });
    const truncated = variant('truncated.jsonl', (l) => l.slice(0, 30));
    expect(await run('verify', edited)).toMatchObject({ code: 1, out: expect.stringMatching(/n° 5 — événement modifié/) });
    expect(await run('verify', deleted)).toMatchObject({ code: 1, out: expect.stringMatching(/n° 10 — événement\(s\) manquant/) });
    expect(await run('verify', swapped)).toMatchObject({ code: 1, out: expect.stringMatching(/n° 7 — événements réordonnés/) });
    expect(await run('verify', truncated)).toMatchObject({ code: 1, out: expect.stringMatching(/n° 30 — derniers événements supprimés/) });

    const csv = await exportTo('b.csv', 'csv', ';');
    const text = readFileSync(csv.path, 'utf8');
    const tamperedCsv = join(audit.dir, 'tampered.csv');
    writeFileSync(tamperedCsv, text.replace(';mdurand;Marie Durand;', ';pmartin;Marie Durand;'));
    expect(await run('verify', tamperedCsv)).toMatchObject({ code: 1, out: expect.stringMatching(/n° 1 — événement modifié/) });
  });

  it('the JSONL line SQLite builds parses to the canonical event, whatever the text holds', async () => {
    const odd = ['tab\there', 'retour\r\nligne', 'guillemets " et \\ barre', 'émoji 👩🏽‍💻 et ĳ', 'séparateur\u2028ligne', '</script>', 'x'.repeat(1000)];
    for (const comment of odd) audit.store.append({ ...signIn(AGENT), comment });
    expect(() => audit.store.append({ ...signIn(AGENT), comment: 'moitié \uD83D seule' })).toThrow(/comment/);
    const rows = audit.store.db.prepare(`SELECT ${EVENT_COLUMNS}, ${jsonLineSql('')} FROM events ORDER BY seq`).raw(true).all() as unknown[][];
    for (const row of rows) {
      const fromSql = row.at(-1) as string;
      const fromJs = recordToJsonLine(arrayToRecord(row.slice(0, -1) as never));
      expect(JSON.parse(fromSql)).toEqual(JSON.parse(fromJs));
    }
    const jsonl = await exportTo('odd.jsonl', 'jsonl');
    const csv = await exportTo('odd.csv', 'csv', ';');
    expect(await run('verify', jsonl.path, ...pinned())).toMatchObject({ code: 0 });
    expect(await run('verify', csv.path, ...pinned())).toMatchObject({ code: 0 });
  });

  it('a filtered export verifies row by row and says it is not contiguous', async () => {
    const result = await exportTo('agent.jsonl', 'jsonl', ',', { agent: OTHER_AGENT.login });
    expect(result.contiguous).toBe(false);
    expect(result.count).toBe(10);
    expect(await run('verify', result.path, ...pinned())).toMatchObject({ code: 0, out: expect.stringContaining('export filtré') });
  });

  it('CLI export with filters, and stats of a database and of an export', async () => {
    const out = join(audit.dir, 'cli.csv');
    const exported = await run('export', audit.path, '--format', 'csv', '--sep', ';', '--action', 'sign-in', '-o', out);
    expect(exported).toMatchObject({ code: 0, out: expect.stringMatching(/^Export CSV : 12 événement\(s\)/) });
    expect(await run('verify', out, ...pinned())).toMatchObject({ code: 0 });
    expect((await run('stats', out)).out).toMatch(/Connexion\s+12/);
    expect((await run('stats', audit.path)).out).toMatch(/Connexion\s+12[\s\S]*Export de l'audit\s+1/);
    expect(await run('export', audit.path, '--format', 'xml', '-o', out)).toMatchObject({ code: 2 });
    expect(await run('export', audit.path, '--format', 'csv', '--outcome', 'maybe', '-o', out)).toMatchObject({ code: 2, err: expect.stringContaining('--outcome') });
    expect(await run('verify', join(audit.dir, 'absent.csv'))).toMatchObject({ code: 2, err: expect.stringContaining('introuvable') });
  });

  it('streams with progress and constant memory', async () => {
    const progress: number[] = [];
    const many = Array.from({ length: 25_000 }, () => accountViewed());
    audit.store.appendMany(many);
    const result = await audit.store.export({
      filter: {},
      viewer: null,
      agent: SUPERVISOR,
      via: 'console',
      format: 'jsonl',
      outPath: join(audit.dir, 'big.jsonl'),
      onProgress: ({ written }) => progress.push(written),
    });
    expect(result.count).toBe(25_033);
    expect(progress).toEqual([10_000, 20_000, 25_033]);
  });
});
