/** The forwarding status and the anchor alarm in plain French (and English); the alarm event's detail schema. */
import { describe, expect, it } from 'vitest';
import { anchorAlarmText, forwardingLine, forwardingStatusLines } from '../../../src/shared/audit-forwarding';
import { auditEventInputSchema } from '../../../src/shared/audit-events';

const H = (c: string) => c.repeat(64);

describe('the status in plain French', () => {
  const base = { since: null, problem: null, lastDeliveryAt: null };
  it('up to date, pending, down since a time with the reason', () => {
    expect(forwardingLine("Centre d’audit", { ...base, state: 'up-to-date', pending: 0 })).toBe("Centre d’audit : à jour");
    expect(forwardingLine("Centre d’audit", { ...base, state: 'pending', pending: 1 })).toBe("Centre d’audit : 1 événement en attente");
    expect(forwardingLine("Centre d’audit", { ...base, state: 'pending', pending: 12_345 })).toBe("Centre d’audit : 12\u202f345 événements en attente");
    const since = new Date();
    since.setHours(9, 5, 0, 0);
    expect(forwardingLine('SIEM', { ...base, state: 'down', pending: 3, since: since.toISOString(), problem: 'tls-refused' })).toBe(
      'SIEM : certificat refusé depuis 09 h 05 — 3 événements en attente, envoyés dès son retour',
    );
  });
  it('in English too, from the same model', () => {
    expect(forwardingLine('SIEM', { ...base, state: 'pending', pending: 2 }, 'en')).toBe('SIEM: 2 events waiting');
    expect(anchorAlarmText({ state: 'alarm', kind: 'shorter', centralSeq: 10, localSeq: 5, checkedAt: null }, 'en')).toMatch(/^Integrity alarm: this desk's audit log is shorter .* \(no\. 10 at the centre, 5 on this desk\)/);
  });
  it('one line per configured target, none when nothing is configured', () => {
    expect(forwardingStatusLines({ central: null, anchor: null, syslog: null })).toEqual([]);
    expect(forwardingStatusLines({ central: { ...base, state: 'up-to-date', pending: 0 }, anchor: null, syslog: { ...base, state: 'up-to-date', pending: 0 } })).toEqual([
      "Centre d’audit : à jour",
      'SIEM : à jour',
    ]);
  });
  it('the banner for each alarm kind, nothing while ok or unchecked', () => {
    const alarm = (kind: 'shorter' | 'diverged' | 'flagged') => anchorAlarmText({ state: 'alarm', kind, centralSeq: 1500, localSeq: 1200, checkedAt: null });
    expect(alarm('shorter')).toContain("plus court que ce que détient le centre d’audit");
    expect(alarm('shorter')).toContain('(n° 1\u202f500 au centre, 1\u202f200 sur ce poste)');
    expect(alarm('diverged')).toContain('diffère');
    expect(alarm('flagged')).toContain('signale');
    expect(anchorAlarmText({ state: 'ok', kind: null, centralSeq: 1, localSeq: 1, checkedAt: null })).toBeNull();
    expect(anchorAlarmText(null)).toBeNull();
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
