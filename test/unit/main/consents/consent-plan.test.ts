import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../src/main/config/load';
import { demoConfig } from '../../../../src/main/config/demo-config';
import type { Entry } from 'ldapts';
import { consentChoiceOf, consentFlags, holdsChoice, planConsents, storedConsents, type StoredConsents } from '../../../../src/main/consents/consent-plan';
import { consentHistory } from '../../../../src/main/consents/consent-history';
import type { AuditEventView } from '../../../../src/shared/audit-events';
import { refusalOf } from '../../../support/refusal-of';

const directory = parseConfig(demoConfig(), null).directory;
const none: StoredConsents = { consentValues: [], mobile: null, hiddenRaw: null };
const all: StoredConsents = { consentValues: ['{APPLI:OFFICE365}CGU', '{sms}alertes', '{PHOTO}TROMBINOSCOPE'], mobile: '+33 6 12 34 56 78', hiddenRaw: 'TRUE' };

describe('consent flags from the entry', () => {
  it('reads the two managed values case-insensitively and supannListeRouge as a boolean', () => {
    expect(consentFlags(all, directory)).toEqual({ smsAlerts: true, photoUse: true, hiddenFromDirectory: true });
    expect(consentFlags(none, directory)).toEqual({ smsAlerts: false, photoUse: false, hiddenFromDirectory: false });
  });
});

describe('the one modify of a consent change', () => {
  it('only what changes: adds the values, replaces the mobile in E.164, records the mobile masked', () => {
    const plan = planConsents(none, { smsAlerts: true, mobile: '06 12 34 56 78', photoUse: true, hiddenFromDirectory: false }, directory);
    expect(plan.modifications).toEqual([
      { operation: 'add', type: 'supannConsentement', values: ['{SMS}ALERTES', '{PHOTO}TROMBINOSCOPE'] },
      { operation: 'replace', type: 'mobile', values: ['+33612345678'] },
    ]);
    expect(plan.fields).toEqual(['smsAlerts', 'mobile', 'photoUse']);
    expect(plan.changes).toEqual({
      consents: { before: [], after: ['{PHOTO}TROMBINOSCOPE', '{SMS}ALERTES'] },
      mobile: { before: null, after: '+33*******78' },
    });
    expect(JSON.stringify(plan.changes)).not.toContain('612345678');
  });

  it('withdrawing deletes the stored spelling and leaves other consents alone', () => {
    const plan = planConsents(all, { smsAlerts: false, photoUse: true, hiddenFromDirectory: false }, directory);
    expect(plan.modifications).toEqual([
      { operation: 'delete', type: 'supannConsentement', values: ['{sms}alertes'] },
      { operation: 'replace', type: 'supannListeRouge', values: ['FALSE'] },
    ]);
    expect(plan.changes.hiddenFromDirectory).toEqual({ before: true, after: false });
  });

  it('the same number typed again in another form is no change', () => {
    const plan = planConsents(all, { smsAlerts: true, mobile: '0612345678', photoUse: true, hiddenFromDirectory: true }, directory);
    expect(plan.modifications).toEqual([]);
    expect(plan.fields).toEqual([]);
  });

  it('SMS alerts need a number typed or registered', () => {
    const error = refusalOf(() => planConsents(none, { smsAlerts: true, photoUse: false, hiddenFromDirectory: false }, directory));
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.details).toEqual({ field: 'mobile', reason: 'required' });
    expect(planConsents({ ...none, mobile: '+33612345678' }, { smsAlerts: true, photoUse: false, hiddenFromDirectory: false }, directory).fields).toEqual(['smsAlerts']);
  });

  it('an invalid number is refused even when SMS alerts are refused', () => {
    const error = refusalOf(() => planConsents(none, { smsAlerts: false, mobile: '06 12', photoUse: false, hiddenFromDirectory: false }, directory));
    expect(error.details).toEqual({ field: 'mobile', reason: 'incomplete' });
    expect(error.message).not.toContain('06 12');
  });
});

describe('consent history from the trail', () => {
  const event = (seq: number, agent: string, changes: object, outcome: 'success' | 'failure' = 'success') =>
    ({
      seq,
      at: `2026-11-0${seq}T10:00:00.000Z`,
      action: 'consent-change',
      outcome,
      pending: false,
      intentSeq: seq - 1,
      agent: { login: agent, displayName: agent },
      workstation: 'W',
      target: { login: 'p', dn: null },
      evidence: ['student-card'],
      directoryCode: null,
      comment: null,
      prevHash: '',
      hash: '',
      details: { changes },
    }) as unknown as AuditEventView;
  const events = [
    event(2, 'alice', { consents: { before: [], after: ['{SMS}ALERTES'] }, mobile: { before: null, after: '+33*******78' } }),
    event(5, 'bob', { hiddenFromDirectory: { before: false, after: true } }),
    event(7, 'bob', { consents: { before: ['{SMS}ALERTES'], after: [] } }, 'failure'),
  ];

  it('newest first, failures left out, last change per consent; names follow the role rule', () => {
    const asAlice = consentHistory(events, directory, { login: 'alice', role: 'agent' });
    expect(asAlice.history.map((h) => [h.seq, h.fields, h.agentLogin])).toEqual([
      [5, ['hiddenFromDirectory'], null],
      [2, ['smsAlerts', 'mobile'], 'alice'],
    ]);
    expect(asAlice.history[1]).toMatchObject({ before: { smsAlerts: false, mobile: null }, after: { smsAlerts: true, mobile: '+33*******78' }, evidence: ['student-card'] });
    expect(asAlice.lastChanged).toEqual({
      smsAlerts: { at: '2026-11-02T10:00:00.000Z', agentLogin: 'alice' },
      // The SMS block shows a change of number too.
      mobile: { at: '2026-11-02T10:00:00.000Z', agentLogin: 'alice' },
      hiddenFromDirectory: { at: '2026-11-05T10:00:00.000Z', agentLogin: null },
    });
    expect(consentHistory(events, directory, { login: 'carol', role: 'supervisor' }).lastChanged.hiddenFromDirectory?.agentLogin).toBe('bob');
  });
});

describe('the choice, as asked and as stored', () => {
  const entry = (attrs: Record<string, string | string[]>): Entry => ({ dn: 'uid=x,ou=people,dc=univ-demo,dc=fr', ...attrs }) as Entry;

  it('takes the four choices of a request and nothing else; an absent mobile stays absent (keep the registered one)', () => {
    const request = { dn: 'uid=x', comment: 'vu', smsAlerts: false, photoUse: true, hiddenFromDirectory: false };
    expect(consentChoiceOf(request)).toEqual({ smsAlerts: false, photoUse: true, hiddenFromDirectory: false });
    expect('mobile' in consentChoiceOf(request)).toBe(false);
    expect(consentChoiceOf({ ...request, smsAlerts: true, mobile: '06 12 34 56 78' })).toEqual({ smsAlerts: true, photoUse: true, hiddenFromDirectory: false, mobile: '06 12 34 56 78' });
  });

  it('reads the stored consents exactly as the directory holds them', () => {
    const stored = storedConsents(entry({ supannConsentement: ['{sms}alertes', '{APPLI:X}CGU'], mobile: '+33612345678', supannListeRouge: 'TRUE' }), directory);
    expect(stored).toEqual({ consentValues: ['{sms}alertes', '{APPLI:X}CGU'], mobile: '+33612345678', hiddenRaw: 'TRUE' });
    expect(storedConsents(entry({}), directory)).toEqual(none);
  });

  it('tells whether an entry read back holds the choice (to settle a modify whose answer was lost)', () => {
    const now = entry({ supannConsentement: ['{SMS}ALERTES'], mobile: '+33612345678', supannListeRouge: 'FALSE' });
    const choice = { smsAlerts: true, photoUse: false, hiddenFromDirectory: false };
    expect(holdsChoice(now, directory, choice, '+33612345678')).toBe(true);
    expect(holdsChoice(now, directory, choice, null)).toBe(true);
    expect(holdsChoice(now, directory, choice, '+33698765432')).toBe(false);
    expect(holdsChoice(now, directory, { ...choice, photoUse: true }, null)).toBe(false);
    expect(holdsChoice(now, directory, { ...choice, hiddenFromDirectory: true }, null)).toBe(false);
  });
});
