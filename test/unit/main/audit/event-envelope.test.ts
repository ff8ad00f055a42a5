/**
 * The hand-written envelope check of audit events must give the very verdict and output of
 * the zod schema it stands for (auditEventInputSchema): generated events, valid and broken
 * in every field, are fed to both.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, VERIFICATION_METHODS, auditEventInputSchema } from '../../../../src/shared/audit-events';
import { checkAuditEvent } from '../../../../src/main/audit/event-envelope';

/** Strings around the rules: empty, long, spaces, controls (C0, DEL, C1), bidi, lone surrogates, markup. */
const boundaryString = fc.constantFrom(
    '',
    ' ',
    'a b',
    'agent.accueil',
    'Agnès Accueil',
    'uid=jdupont,ou=people,dc=univ-demo,dc=fr',
    'tab\there',
    'line\nbreak',
    'nul\u0000',
    'bell\u0007',
    'del\u007f',
    'c1\u0085',
    'rlo\u202Eexe',
    'zw\u200Bsp',
    '\uD800',
    'ok\uD83D\uDE00',
    '<img src=x onerror=alert(1)>',
    'x'.repeat(128),
    'x'.repeat(129),
    'x'.repeat(256),
    'x'.repeat(257),
    'x'.repeat(512),
    'x'.repeat(513),
    'x'.repeat(1_000),
    'x'.repeat(1_001),
);
const oddString = fc.oneof({ weight: 3, arbitrary: boundaryString }, fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 12 }));
const oddValue = fc.oneof(oddString, fc.constantFrom<unknown>(null, undefined, 0, -1, 1.5, 65_535, 65_536, Number.NaN, true, [], {}, ['x']));

const agent = fc.oneof(
  fc.constant(null),
  fc.record({ login: fc.oneof(fc.constant('agent.accueil'), oddString), displayName: fc.oneof(fc.constant('Agnès Accueil'), oddString) }),
  fc.record({ login: fc.constant('a'), displayName: fc.constant('A'), extra: oddValue }),
  oddValue,
);
const target = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.record({ login: fc.oneof(fc.constant('jdupont'), oddString), dn: fc.oneof(fc.constant(null), fc.constant('uid=jdupont,dc=fr'), oddString) }),
  fc.record({ login: fc.constant('jdupont') }),
  oddValue,
);
const evidence = fc.oneof(
  fc.constant(undefined),
  fc.array(fc.constantFrom(...VERIFICATION_METHODS), { maxLength: VERIFICATION_METHODS.length + 2 }),
  fc.array(oddValue, { maxLength: 3 }),
  oddValue,
);
const directoryCode = fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer({ min: -2, max: 70_000 }), oddValue);
const comment = fc.oneof(fc.constant(undefined), fc.constant(null), fc.constant('Carte vue, dossier 41234'), oddString, oddValue);
/** Details valid for some actions (the details schemas are zod's on both sides, but the action picks which). */
const details = fc.constantFrom<unknown>(
  {},
  { source: 'search' },
  { mode: 'online', role: 'agent' },
  { reason: 'invalid-credentials' },
  { method: 'student-card', matched: true, attempt: 1 },
  { delivery: 'shown-at-desk', mustChangeAtNextLogin: true },
  { changes: { locked: { before: true, after: false } } },
  { view: 'review' },
  { unknownKey: 1 },
  null,
  'x',
);

const anyEvent = fc.record(
  {
    action: fc.oneof(fc.constantFrom(...AUDIT_ACTIONS), oddValue),
    outcome: fc.oneof(fc.constantFrom(...AUDIT_OUTCOMES), oddValue),
    details,
    agent,
    target,
    evidence,
    directoryCode,
    comment,
    stray: oddValue,
  },
  { requiredKeys: [] },
);

/** Valid events with matching details, then each field broken (or dropped) now and then. */
const VALID: ReadonlyArray<Record<string, unknown>> = [
  { action: 'account-viewed', details: { source: 'search' } },
  { action: 'sign-in', details: { mode: 'online', role: 'agent' } },
  { action: 'sign-in-refused', details: { reason: 'invalid-credentials' } },
  { action: 'password-reset', details: { delivery: 'shown-at-desk', mustChangeAtNextLogin: true } },
  { action: 'account-unlock', details: { changes: { locked: { before: true, after: false } } } },
  { action: 'session-resumed', details: {} },
];
const sometimes = <T,>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown>) => fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: bad });
const nearlyValid = fc
  .record({
    base: fc.constantFrom(...VALID),
    outcome: sometimes(fc.constantFrom(...AUDIT_OUTCOMES), oddValue),
    agent: sometimes(
      fc.constant({ login: 'agent.accueil', displayName: 'Agnès Accueil' }),
      fc.oneof(
        fc.record({ login: boundaryString, displayName: fc.constant('Agnès Accueil') }),
        fc.record({ login: fc.constant('agent.accueil'), displayName: boundaryString }),
        agent,
      ),
    ),
    target: sometimes(
      fc.constantFrom<unknown>(undefined, null, { login: 'jdupont', dn: 'uid=jdupont,dc=fr' }, { login: 'a b<i>', dn: null }),
      fc.oneof(
        fc.record({ login: boundaryString, dn: fc.constant(null) }),
        fc.record({ login: fc.constant('jdupont'), dn: boundaryString }),
        target,
      ),
    ),
    evidence: sometimes(fc.subarray([...VERIFICATION_METHODS]), evidence),
    directoryCode: sometimes(fc.constantFrom<unknown>(undefined, null, 0, 49, 65_535), directoryCode),
    comment: sometimes(fc.constantFrom<unknown>(undefined, null, '', 'Carte vue au guichet'), fc.oneof(boundaryString, comment)),
    details: sometimes(fc.constant(undefined), details),
    stray: fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: oddValue }),
  })
  .map(({ base, details: otherDetails, stray, ...fields }) => {
    const event: Record<string, unknown> = { ...base, ...fields };
    if (otherDetails !== undefined) event['details'] = otherDetails;
    if (stray !== undefined) event['stray'] = stray;
    // A field left undefined is sometimes absent altogether.
    for (const [key, value] of Object.entries(event)) if (value === undefined && key.length % 2 === 0) delete event[key];
    return event;
  });

const event = fc.oneof(nearlyValid, anyEvent);

describe('the audit event envelope check', () => {
  it('gives the verdict and the output of auditEventInputSchema on generated events', () => {
    let accepted = 0;
    fc.assert(
      fc.property(event, (input) => {
        const expected = auditEventInputSchema.safeParse(input);
        const actual = checkAuditEvent(input);
        expect(actual.ok).toBe(expected.success);
        if (actual.ok && expected.success) {
          accepted += 1;
          expect(actual.event).toEqual(expected.data);
        }
      }),
      { numRuns: 20_000 },
    );
    // Both sides of the verdict were exercised.
    expect(accepted).toBeGreaterThan(1_000);
    // CPU-bound (20,000 events): ~4 s on a quiet machine, over the 5 s default on a loaded one.
  }, 60_000);

  it('names the field, never the value', () => {
    const result = checkAuditEvent({
      action: 'consent-change',
      outcome: 'success',
      agent: null,
      details: { changes: { mobile: { before: null, after: '+33 6 12 34 56 78' } } },
    });
    expect(result).toEqual({ ok: false, issue: expect.stringMatching(/^details\.changes\.mobile\.after: /) });
    expect(JSON.stringify(result)).not.toContain('12 34');
    expect(checkAuditEvent({ action: 'sign-in', outcome: 'success', agent: { login: 'a b', displayName: 'x' }, details: {} })).toEqual({
      ok: false,
      issue: 'agent: invalid',
    });
  });
});
