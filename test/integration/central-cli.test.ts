/**
 * guichet-audit against a real central store: verify every desk (hashes recomputed), a desk's
 * file --against the centre, export one desk's chain and verify the file, stats by desk,
 * central-migrate as the owner, TLS with the right and a wrong CA.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/audit/audit-cli';
import { verifyExportFile } from '../../src/main/audit/export-verify';
import { CENTRAL_SCHEMA_VERSION } from '../../src/main/central-audit/migrations';
import { generateTestCa } from '../../resources/directory/fixture';
import type { LoginRole } from '../../resources/central/postgres-fixture';
import { tamper } from './support/audit-temp';
import { createTestDesk, upToDate, usePostgres, type TestDesk } from './support/central-desk';

const server = usePostgres();
let reader: LoginRole;
let desk: TestDesk;
const scratch = mkdtempSync(join(tmpdir(), 'guichet-central-cli-'));
beforeAll(async () => {
  reader = await server.pg.createReader();
  desk = await createTestDesk(server.pg);
  desk.appendEvents(50);
  const forwarder = desk.forwarder();
  await upToDate(forwarder);
  await forwarder.close();
});
afterAll(async () => {
  await desk?.cleanup();
  rmSync(scratch, { recursive: true, force: true });
  delete process.env['GUICHET_CENTRAL_PASSWORD'];
});

async function cli(as: LoginRole, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  process.env['GUICHET_CENTRAL_PASSWORD'] = as.password;
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const urlAs = (who: LoginRole, sslmode = 'disable', host = '127.0.0.1') => `postgres://${who.role}@${host}:${server.pg.port}/${server.pg.database}?sslmode=${sslmode}`;

describe('guichet-audit with a PostgreSQL URL', () => {
  it('verify: every desk chain re-hashed centrally, intact; the one desk with --desk', async () => {
    const all = await cli(reader, 'verify', urlAs(reader));
    expect(all.code).toBe(0);
    expect(all.out).toContain(`Intègre : poste ${desk.name}, 50 événement(s) vérifié(s) (n° 1 à 50)`);
    const one = await cli(reader, 'verify', urlAs(reader), '--desk', desk.name);
    expect(one.out.split('\n').filter((l) => l.startsWith('Intègre'))).toHaveLength(1);
    expect((await cli(reader, 'verify', urlAs(reader), '--desk', 'NULLE-PART')).code).toBe(2);
  });

  it('verify FILE --against: the anchor holds for an intact copy, and alarms once the newest events are deleted', async () => {
    desk.store.flushCheckpoint();
    const ok = await cli(reader, 'verify', desk.audit.path, '--against', urlAs(reader));
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(new RegExp(`Ancrage vérifié : le fichier contient ce que le centre détient pour le poste ${desk.name} \\(centre : n° 50, ce fichier : n° 50\\)`));
    const copy = join(scratch, 'restored.sqlite');
    desk.store.db.exec(`VACUUM INTO '${copy}'`);
    tamper(copy, (db) => db.exec('DELETE FROM events WHERE seq > 40'));
    const shorter = await cli(reader, 'verify', copy, '--against', urlAs(reader), '--desk', desk.name);
    expect(shorter.code).toBe(1);
    expect(shorter.out).toContain(`ALERTE D'ANCRAGE : poste ${desk.name}, le fichier est plus court que ce que détient le centre`);
    expect(shorter.out).toContain('centre : n° 50, ce fichier : n° 40');
  });

  it('export one desk from the centre in the local format; the file verifies on its own; stats count by desk', async () => {
    const out = join(scratch, 'central.jsonl');
    const exported = await cli(reader, 'export', urlAs(reader), '--desk', desk.name, '--format', 'jsonl', '-o', out);
    expect(exported.code).toBe(0);
    expect(exported.out).toContain('50 événement(s) (n° 1 à 50)');
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(51);
    expect(JSON.parse(lines[0]!)).toMatchObject({ count: 50, fromSeq: 1, toSeq: 50, contiguous: true, filter: { desk: desk.name } });
    // Whole, but the centre holds no desk key to sign it with: exit 3, said so.
    const verified = await cli(reader, 'verify', out);
    expect(verified.code).toBe(3);
    expect(verified.out).toMatch(/^Intègre : export JSONL de 50 événement\(s\) \(n° 1 à 50\), chaîne continue.*\nExport NON signé/);
    const csv = join(scratch, 'central.csv');
    expect((await cli(reader, 'export', urlAs(reader), '--desk', desk.name, '--format', 'csv', '--action', 'sign-in', '-o', csv)).code).toBe(0);
    expect((await cli(reader, 'verify', csv)).out).toMatch(/^Intègre : export CSV de 25 événement\(s\).*export filtré/s);
    expect((await cli(reader, 'export', urlAs(reader), '--format', 'jsonl', '-o', out)).code).toBe(2);
    const stats = await cli(reader, 'stats', urlAs(reader));
    expect(stats.code).toBe(0);
    expect(stats.out).toMatch(new RegExp(`Par poste\\n(.*\\n)*  ${desk.name}\\s+50`));
  });

  it('an export from the centre, its header written last into room kept for it: cut short or edited, it no longer verifies', async () => {
    for (const format of ['jsonl', 'csv'] as const) {
      const out = join(scratch, `whole.${format}`);
      expect((await cli(reader, 'export', urlAs(reader), '--desk', desk.name, '--format', format, '-o', out)).code).toBe(0);
      expect(await verifyExportFile(out)).toMatchObject({ intact: true, events: 50, fromSeq: 1, toSeq: 50, contiguous: true });
      const text = readFileSync(out, 'utf8');
      const end = format === 'jsonl' ? '\n' : '\r\n';
      const lines = text.split(end);
      // The last event dropped: the header still says 50.
      writeFileSync(out, lines.filter((_, i) => i !== lines.length - 2).join(end));
      expect(await verifyExportFile(out)).toMatchObject({ intact: false, reason: 'truncated' });
      // One outcome rewritten in the middle.
      writeFileSync(out, text.replace(/success/, 'failure'));
      expect(await verifyExportFile(out)).toMatchObject({ intact: false, reason: 'altered' });
    }
    // Nothing kept by the filter: a header saying so, and a file that verifies as empty.
    const none = join(scratch, 'none.jsonl');
    expect((await cli(reader, 'export', urlAs(reader), '--desk', desk.name, '--format', 'jsonl', '--from', '2001-01-01', '--to', '2001-01-02', '-o', none)).code).toBe(0);
    expect(JSON.parse(readFileSync(none, 'utf8'))).toMatchObject({ count: 0, fromSeq: null, toSeq: null, lastHash: null, contiguous: false });
    expect(await verifyExportFile(none)).toMatchObject({ intact: true, events: 0 });
  });

  it('central-migrate as the owner: the schema is already at its version', async () => {
    const migrated = await cli(server.pg.owner, 'central-migrate', urlAs(server.pg.owner));
    expect(migrated).toMatchObject({ code: 0, out: `Centre d'audit au schéma ${CENTRAL_SCHEMA_VERSION}.` });
  });

  it('TLS: verified with the right CA, refused with another; no password in the URL, none missing', async () => {
    expect((await cli(reader, 'verify', urlAs(reader, 'verify-full', 'localhost'), '--ca', server.pg.caFile)).code).toBe(0);
    const other = generateTestCa(scratch, 'localhost');
    const refused = await cli(reader, 'verify', urlAs(reader, 'verify-full', 'localhost'), '--ca', other.caFile);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/^Erreur : .*(certificate|self.signed|verify)/i);
    const inUrl = await cli(reader, 'stats', `postgres://${reader.role}:${reader.password}@127.0.0.1:${server.pg.port}/${server.pg.database}?sslmode=disable`);
    expect(inUrl.err).toContain("pas de mot de passe dans l'URL");
    expect(inUrl.err).not.toContain(reader.password);
  });
});
