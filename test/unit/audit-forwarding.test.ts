/** Pure parts of forwarding: the anchor's comparison, the status wording, the syslog message, the config, the alarm's detail schema. */
import { describe, expect, it } from 'vitest';
import { anchorAlarm, compareWithCentre } from '../../src/main/central-audit/central-anchor';
import { centralConfigSchema } from '../../src/main/central-audit/central-config';
import { forwardingProblem } from '../../src/main/central-audit/forwarding-problem';
import { CentralSchemaError } from '../../src/main/central-audit/central-migrate';
import { formatSyslogMessage, octetCounted, printableAscii, sdValue, severityOf } from '../../src/main/siem/rfc5424';
import { anchorAlarmText, forwardingLine, forwardingStatusLines } from '../../src/shared/audit-forwarding';
import { auditEventInputSchema } from '../../src/shared/audit-events';
import type { HashedRecord } from '../../src/main/audit/audit-chain';

const H = (c: string) => c.repeat(64);

describe('the external anchor compares the local trail with the centre', () => {
  const central = { headSeq: 150, headHash: H('a') };
  it('nothing at the centre yet, or the same hash at its head: no alarm', () => {
    expect(compareWithCentre({ headSeq: 0, headHash: null }, { seq: 3, hash: H('b') }, null).kind).toBeNull();
    expect(compareWithCentre(central, { seq: 160, hash: H('c') }, { hash: H('a') })).toEqual({
      kind: null,
      report: { centralSeq: 150, localSeq: 160, localHash: H('a') },
    });
  });
  it('a local trail ending before the centre head is shorter; another hash there is diverged; a row deleted under it too', () => {
    expect(compareWithCentre(central, { seq: 100, hash: H('b') }, { missing: 'absent' })).toMatchObject({ kind: 'shorter', report: { localSeq: 100, localHash: null } });
    expect(compareWithCentre(central, { seq: 150, hash: H('d') }, { hash: H('d') }).kind).toBe('diverged');
    expect(compareWithCentre(central, { seq: 170, hash: H('d') }, { missing: 'absent' })).toMatchObject({ kind: 'diverged', report: { localHash: '' } });
  });
  it('purged by the local retention: nothing to compare, no alarm', () => {
    expect(compareWithCentre(central, { seq: 9_000, hash: H('d') }, { missing: 'purged' }).kind).toBeNull();
  });
  it("the centre's own marking (a fork seen at ingest) is an alarm even when the comparison is clean", () => {
    const clean = compareWithCentre(central, { seq: 150, hash: H('a') }, { hash: H('a') });
    expect(anchorAlarm(clean, 'ok')).toBeNull();
    expect(anchorAlarm(clean, 'forked')).toBe('flagged');
    expect(anchorAlarm(compareWithCentre(central, { seq: 1, hash: H('a') }, { missing: 'absent' }), 'regressed')).toBe('shorter');
  });
});

describe('the status in plain French', () => {
  const base = { since: null, problem: null, lastDeliveryAt: null };
  it('up to date, pending, down since a time with the reason', () => {
    expect(forwardingLine("Centre d'audit", { ...base, state: 'up-to-date', pending: 0 })).toBe("Centre d'audit : à jour");
    expect(forwardingLine("Centre d'audit", { ...base, state: 'pending', pending: 1 })).toBe("Centre d'audit : 1 événement en attente");
    expect(forwardingLine("Centre d'audit", { ...base, state: 'pending', pending: 12_345 })).toBe("Centre d'audit : 12\u202f345 événements en attente");
    const since = new Date();
    since.setHours(9, 5, 0, 0);
    expect(forwardingLine('SIEM', { ...base, state: 'down', pending: 3, since: since.toISOString(), problem: 'tls-refused' })).toBe(
      'SIEM : certificat refusé depuis 09 h 05 — 3 événements en attente, envoyés dès son retour',
    );
  });
  it('one line per configured target, none when nothing is configured', () => {
    expect(forwardingStatusLines({ central: null, anchor: null, syslog: null })).toEqual([]);
    expect(forwardingStatusLines({ central: { ...base, state: 'up-to-date', pending: 0 }, anchor: null, syslog: { ...base, state: 'up-to-date', pending: 0 } })).toEqual([
      "Centre d'audit : à jour",
      'SIEM : à jour',
    ]);
  });
  it('the banner for each alarm kind, nothing while ok or unchecked', () => {
    const alarm = (kind: 'shorter' | 'diverged' | 'flagged') => anchorAlarmText({ state: 'alarm', kind, centralSeq: 1500, localSeq: 1200, checkedAt: null });
    expect(alarm('shorter')).toContain("plus court que ce que détient le centre d'audit");
    expect(alarm('shorter')).toContain('(n° 1\u202f500 au centre, 1\u202f200 sur ce poste)');
    expect(alarm('diverged')).toContain('diffère');
    expect(alarm('flagged')).toContain('signale');
    expect(anchorAlarmText({ state: 'ok', kind: null, centralSeq: 1, localSeq: 1, checkedAt: null })).toBeNull();
    expect(anchorAlarmText(null)).toBeNull();
  });
  it('problems are closed codes, never the server text', () => {
    expect(forwardingProblem(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe('unreachable');
    expect(forwardingProblem(Object.assign(new Error('x'), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }))).toBe('tls-refused');
    expect(forwardingProblem(Object.assign(new Error('password authentication failed'), { code: '28P01' }))).toBe('auth-refused');
    expect(forwardingProblem(Object.assign(new Error('desk X forwards under another role'), { code: '42501' }))).toBe('desk-refused');
    expect(forwardingProblem(new Error('Query read timeout'))).toBe('timeout');
    expect(forwardingProblem(new CentralSchemaError('x', 5, 4))).toBe('schema');
  });
});

const record: HashedRecord = {
  seq: 42,
  at: '2026-12-01T09:30:00.123Z',
  action: 'account-unlock',
  outcome: 'denied',
  intentSeq: 41,
  agentLogin: 'mdurand',
  agentName: 'Marie Durand',
  workstation: 'GUICHET 01',
  targetLogin: 'a"b]c\\d',
  targetDn: null,
  evidence: '[]',
  directoryCode: 50,
  details: '{}',
  comment: 'ligne\nsuivante',
  prevHash: H('1'),
  hash: H('2'),
};

describe('RFC 5424 messages', () => {
  const id = { facility: 13, hostname: 'GUICHET 01', appName: 'guichet', enterpriseId: 32473, desk: 'GUICHET 01' };
  it('header, escaped structured data, BOM and the canonical JSON of the event, one line', () => {
    const message = formatSyslogMessage(record, id);
    expect(message.startsWith('<108>1 2026-12-01T09:30:00.123Z GUICHET_01 guichet - account-unlock [guichet@32473 desk="GUICHET 01" seq="42" outcome="denied" intentSeq="41" agent="mdurand" target="a\\"b\\]c\\\\d" ')).toBe(true);
    expect(message).not.toContain('\n');
    const body = message.slice(message.indexOf('\uFEFF') + 1);
    expect(JSON.parse(body)).toMatchObject({ seq: 42, comment: 'ligne\nsuivante', hash: H('2'), prevHash: H('1'), agent: { login: 'mdurand' } });
  });
  it('severity: anchor alarm critical, failure or refusal warning, success info, the rest notice', () => {
    expect(severityOf({ action: 'audit-anchor-alarm', outcome: 'failure' })).toBe(2);
    expect(severityOf({ action: 'sign-in', outcome: 'failure' })).toBe(4);
    expect(severityOf({ action: 'sign-in', outcome: 'success' })).toBe(6);
    expect(severityOf({ action: 'password-reset', outcome: 'pending' })).toBe(5);
  });
  it('octet counting counts bytes, not characters; names are reduced to printable ASCII', () => {
    expect(octetCounted('é')).toBe('2 é');
    expect(printableAscii('PÔLE ÉTÉ', 255)).toBe('P_LE__T_');
    expect(printableAscii('', 48)).toBe('-');
    expect(sdValue('a"]\\')).toBe('a\\"\\]\\\\');
  });
});

describe('audit.central configuration', () => {
  const valid = { url: 'postgres://audit.univ-demo.fr:5432/guichet_audit?sslmode=verify-full', role: 'guichet_desk_accueil_01', passwordEnv: 'GUICHET_CENTRAL_PASSWORD' };
  it('takes a postgres URL without credentials, the role and the variable holding the password', () => {
    expect(centralConfigSchema.parse(valid)).toMatchObject({ batchSize: 500, pollMs: 1_000, anchorEveryMs: 300_000 });
  });
  it.each([
    ['postgres://desk:secret@audit.univ-demo.fr/guichet_audit', /no user or password/],
    ['mysql://audit.univ-demo.fr/guichet_audit', /postgres:\/\//],
    ['postgres://audit.univ-demo.fr/', /database name/],
    ['postgres://audit.univ-demo.fr/guichet_audit?sslmode=allow', /sslmode among/],
    ['postgres://audit.univ-demo.fr/guichet_audit?password=x', /only sslmode/],
  ])('refuses %s', (url, message) => {
    const parsed = centralConfigSchema.safeParse({ ...valid, url });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toMatch(message);
  });
});

describe('the audit-anchor-alarm event', () => {
  const event = {
    action: 'audit-anchor-alarm',
    outcome: 'failure',
    agent: null,
    details: { kind: 'shorter', centralSeq: 150, centralHash: H('a'), localSeq: 100, localHash: null, centralState: 'regressed' },
  };
  it('holds numbers, hashes and closed values only', () => {
    expect(auditEventInputSchema.safeParse(event).success).toBe(true);
    expect(auditEventInputSchema.safeParse({ ...event, details: { ...event.details, note: 'x' } }).success).toBe(false);
    expect(auditEventInputSchema.safeParse({ ...event, details: { ...event.details, centralHash: 'not-a-hash' } }).success).toBe(false);
    expect(auditEventInputSchema.safeParse({ ...event, details: { ...event.details, kind: 'other' } }).success).toBe(false);
  });
});
