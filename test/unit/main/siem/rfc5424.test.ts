/** One audit event as an RFC 5424 message: header, escaped structured data, the trail's JSON body, framing. */
import { describe, expect, it } from 'vitest';
import { formatSyslogMessage, octetCounted, printableAscii, sdValue, severityOf } from '../../../../src/main/siem/rfc5424';
import type { HashedRecord } from '../../../../src/main/audit/audit-chain';

const H = (c: string) => c.repeat(64);

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
