/** What the event preparer hands to the chain: stamped, canonical, scrubbed, and refusals that name the field only. */
import { describe, expect, it } from 'vitest';
import { EventPreparer, type IntentHandle } from '../../../../src/main/audit/event-preparer';
import { AGENT, TARGET, resetIntent } from '../../../support/audit-inputs';

const handleFor = (preparer: EventPreparer, seq = 7, intent = resetIntent): IntentHandle => {
  const parsed = preparer.parseIntent(intent);
  return { seq, action: parsed.action, intent: parsed };
};

describe('event preparer', () => {
  it('a finished event: workstation stamped, evidence sorted once each, details canonical, comment trimmed', () => {
    const prepared = new EventPreparer('GUICHET-01').event({
      action: 'verification-attempt',
      outcome: 'success',
      agent: AGENT,
      target: TARGET,
      evidence: ['student-card', 'identity-document', 'student-card'],
      comment: '  vu au guichet ',
      details: { method: 'student-card', matched: true, attempt: 1 },
    });
    expect(prepared).toEqual({
      action: 'verification-attempt',
      outcome: 'success',
      intentSeq: null,
      agentLogin: 'mdurand',
      agentName: 'Marie Durand',
      workstation: 'GUICHET-01',
      targetLogin: 'jdupont',
      targetDn: TARGET.dn,
      evidence: '["identity-document","student-card"]',
      directoryCode: null,
      details: '{"attempt":1,"matched":true,"method":"student-card"}',
      comment: 'vu au guichet',
      opensIntent: false,
      closesIntent: null,
    });
  });

  it('refuses secrets and bad envelopes, naming the field and never the value', () => {
    const preparer = new EventPreparer('GUICHET-01');
    expect(() =>
      preparer.event({ action: 'sign-in', outcome: 'success', agent: AGENT, details: { mode: 'online', role: 'agent', password: 'Hunter2!' } } as never),
    ).toThrow(/forbidden key details\.password/);
    const refusal = (() => {
      try {
        preparer.event({ action: 'sign-in', outcome: 'maybe-secret-value', agent: AGENT, details: { mode: 'online', role: 'agent' } } as never);
      } catch (error) {
        return (error as Error).message;
      }
      return null;
    })();
    expect(refusal).toMatch(/^audit event refused: outcome/);
    expect(refusal).not.toContain('maybe-secret-value');
  });

  it('a comment is required for the configured actions when an agent acts, not for system events nor outcomes', () => {
    const preparer = new EventPreparer('GUICHET-01', ['password-reset']);
    const parsed = preparer.parseIntent(resetIntent);
    expect(() => preparer.intent(parsed)).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST', details: expect.objectContaining({ field: 'comment' }) }));
    expect(() => preparer.intent(preparer.parseIntent({ ...resetIntent, comment: '   ' }))).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST' }));
    expect(preparer.intent(preparer.parseIntent({ ...resetIntent, agent: null }))).toMatchObject({ agentLogin: null, comment: null });
    expect(preparer.outcome({ seq: 3, action: parsed.action, intent: parsed }, 'success', {})).toMatchObject({ comment: null, closesIntent: 3 });
  });

  it('an intent is pending and opens; its outcome closes it, with the intent’s details unless given others', () => {
    const preparer = new EventPreparer('GUICHET-01');
    const handle = handleFor(preparer, 7);
    expect(preparer.intent(handle.intent)).toMatchObject({ outcome: 'pending', opensIntent: true, closesIntent: null, intentSeq: null });
    expect(preparer.outcome(handle, 'failure', { directoryCode: 19 })).toMatchObject({
      outcome: 'failure',
      opensIntent: false,
      closesIntent: 7,
      intentSeq: 7,
      directoryCode: 19,
      details: '{"delivery":"shown-at-desk","mustChangeAtNextLogin":true}',
    });
    expect(preparer.outcome(handle, 'success', { details: { delivery: 'mail', mustChangeAtNextLogin: true } })).toMatchObject({
      details: '{"delivery":"mail","mustChangeAtNextLogin":true}',
    });
  });

  it('refuses outcome details outside the action’s schema and directory codes outside 0..65535', () => {
    const preparer = new EventPreparer('GUICHET-01');
    const handle = handleFor(preparer);
    expect(() => preparer.outcome(handle, 'success', { details: { delivery: 'pigeon', mustChangeAtNextLogin: true } })).toThrow(
      /^audit outcome refused: delivery: /,
    );
    expect(() => preparer.outcome(handle, 'success', { details: { ...resetIntent.details, newPassword: 'x' } })).toThrow(/forbidden key/);
    for (const directoryCode of [-1, 65_536, 1.5, Number.NaN])
      expect(() => preparer.outcome(handle, 'failure', { directoryCode })).toThrow('audit outcome refused: directoryCode');
    for (const directoryCode of [0, 65_535, null]) expect(preparer.outcome(handle, 'failure', { directoryCode })).toMatchObject({ directoryCode });
  });

  it('refuses an intent with unknown fields before anything is prepared', () => {
    const preparer = new EventPreparer('GUICHET-01');
    expect(() => preparer.parseIntent({ ...resetIntent, details: { ...resetIntent.details, extra: 1 } } as never)).toThrow(/^audit intent refused: details/);
  });
});
