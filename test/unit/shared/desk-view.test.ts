/**
 * The desk model's table: every account state × lock × verification × role × action gives
 * the verdict written here (the expectations are the desk's rules, spelled out, not the
 * model run twice), and the band, the methods and the badges say the same.
 */
import { describe, expect, it } from 'vitest';
import type { AccountCard, AccountState } from '../../../src/shared/account';
import { accountFactsOf, fixerOf, standingOf, type AccountFacts, type Standing } from '../../../src/shared/account-standing';
import { accountBadges } from '../../../src/shared/account-view';
import { actionVerdict, DESK_ACTIONS, POLICY_ACTION, type DeskAction } from '../../../src/shared/desk-actions';
import { deskView } from '../../../src/shared/desk-view';
import { NO_SECOND_FACTOR } from '../../../src/shared/second-factor';
import type { Role } from '../../../src/shared/domain';
import type { EvidenceKind, Requirement, VerificationState, VerifiedAction } from '../../../src/shared/verification';

const state = (status: AccountState['status'], subState: string | null, reading: AccountState['reading'] = 'read'): AccountState => ({
  status,
  subState,
  start: null,
  end: null,
  reading,
});

/** The account cases: the SUPANN state as read, whether a password exists, and the standing it means. */
const CASES: ReadonlyArray<{ name: string; state: AccountState; hasPassword: boolean; standing: Standing }> = [
  { name: 'active', state: state('active', 'SupannActif'), hasPassword: true, standing: 'active' },
  { name: 'active, in grace period', state: state('active', 'SupannSursis'), hasPassword: true, standing: 'active' },
  { name: 'created, never activated', state: state('inactive', 'SupannCree'), hasPassword: false, standing: 'never-activated' },
  { name: 'pre-created', state: state('inactive', 'SupannPrecree'), hasPassword: false, standing: 'pre-created' },
  { name: 'expired', state: state('inactive', 'SupannExpire'), hasPassword: true, standing: 'expired' },
  { name: 'deactivated', state: state('inactive', 'SupannInactif'), hasPassword: true, standing: 'inactive' },
  { name: 'suspended', state: state('suspended', 'SupannVerrouille'), hasPassword: true, standing: 'suspended' },
  { name: 'suspended (technical)', state: state('suspended', 'SupannVerrouTechnique'), hasPassword: true, standing: 'suspended' },
  { name: 'unreadable state', state: state('unknown', null, 'unreadable'), hasPassword: false, standing: 'unknown' },
  { name: 'no state, a password', state: state('unknown', null, 'missing'), hasPassword: true, standing: 'active' },
  { name: 'no state, no password', state: state('unknown', null, 'missing'), hasPassword: false, standing: 'never-activated' },
];

type AccountExpectation = 'ok' | 'ok-if-locked' | string;
/** What the account itself allows, per standing (a reason names what stops it). */
const ACCOUNT_RULES: Readonly<Record<Standing, Readonly<Record<DeskAction, AccountExpectation>>>> = {
  active: { 'reset-generated': 'ok', 'reset-chosen': 'ok', unlock: 'ok-if-locked', 'reveal-login': 'ok', activation: 'already-activated', 'consent-change': 'ok', 'second-factor-enrol': 'ok', 'second-factor-remove': 'ok' },
  'never-activated': {
    'reset-generated': 'never-activated',
    'reset-chosen': 'never-activated',
    unlock: 'ok-if-locked',
    'reveal-login': 'ok',
    activation: 'ok',
    'consent-change': 'ok',
    'second-factor-enrol': 'never-activated',
    'second-factor-remove': 'never-activated',
  },
  'pre-created': { 'reset-generated': 'pre-created', 'reset-chosen': 'pre-created', unlock: 'pre-created', 'reveal-login': 'pre-created', activation: 'pre-created', 'consent-change': 'ok', 'second-factor-enrol': 'pre-created', 'second-factor-remove': 'pre-created' },
  expired: { 'reset-generated': 'expired', 'reset-chosen': 'expired', unlock: 'expired', 'reveal-login': 'expired', activation: 'expired', 'consent-change': 'ok', 'second-factor-enrol': 'expired', 'second-factor-remove': 'expired' },
  inactive: { 'reset-generated': 'inactive', 'reset-chosen': 'inactive', unlock: 'inactive', 'reveal-login': 'inactive', activation: 'inactive', 'consent-change': 'ok', 'second-factor-enrol': 'inactive', 'second-factor-remove': 'inactive' },
  suspended: { 'reset-generated': 'suspended', 'reset-chosen': 'suspended', unlock: 'suspended', 'reveal-login': 'suspended', activation: 'suspended', 'consent-change': 'ok', 'second-factor-enrol': 'suspended', 'second-factor-remove': 'suspended' },
  unknown: {
    'reset-generated': 'state-unreadable',
    'reset-chosen': 'state-unreadable',
    unlock: 'state-unreadable',
    'reveal-login': 'state-unreadable',
    activation: 'state-unreadable',
    'consent-change': 'state-unreadable',
    'second-factor-enrol': 'state-unreadable',
    'second-factor-remove': 'state-unreadable',
  },
};

const LOCKS = ['none', 'failures', 'administrator'] as const;
type Lock = (typeof LOCKS)[number];

/** The default policy (config/schema.ts): students prove with a document, or identifier + date + code; others need a document and a supervisor; consents for everyone with a document or identifier + date. */
const SELF_SERVICE: Requirement = { alternatives: [['document'], ['identifier-birthdate', 'email-code']] };
const STAFF: Requirement = { alternatives: [['document']], agentRole: 'supervisor' };
const CONSENTS: Requirement = { alternatives: [['document'], ['identifier-birthdate']] };
const requirements = (affiliation: 'student' | 'staff'): Record<VerifiedAction, Requirement> => {
  const r = affiliation === 'student' ? SELF_SERVICE : STAFF;
  return { 'reset-password': r, unlock: r, 'reveal-login': r, activation: r, 'consent-change': CONSENTS, 'second-factor-enrol': r, 'second-factor-remove': r };
};

const VERIFICATIONS = {
  none: { evidence: [], expired: false },
  'identifier + date': { evidence: ['identifier-birthdate'], expired: false },
  'identifier + date + code': { evidence: ['identifier-birthdate', 'email-code'], expired: false },
  document: { evidence: ['document'], expired: false },
  'document, expired': { evidence: [], expired: true },
} as const satisfies Record<string, { evidence: readonly EvidenceKind[]; expired: boolean }>;
type VerificationCase = keyof typeof VERIFICATIONS;

/** What the evidence allows, per policy action, for a student (staff: only a document, then the role). */
function evidenceAllows(verification: VerificationCase, action: VerifiedAction, affiliation: 'student' | 'staff'): boolean {
  const has = new Set<EvidenceKind>(VERIFICATIONS[verification].evidence);
  if (action === 'consent-change') return has.has('document') || has.has('identifier-birthdate');
  if (affiliation === 'staff') return has.has('document');
  return has.has('document') || (has.has('identifier-birthdate') && has.has('email-code'));
}

function factsOf(c: (typeof CASES)[number], lock: Lock, affiliation: string): AccountFacts {
  return {
    state: c.state,
    primaryAffiliation: affiliation,
    hasPassword: c.hasPassword,
    locked: lock !== 'none',
    lockedByAdministrator: lock === 'administrator',
    resetPending: false,
    redListed: false,
    // Holds an authenticator: both second-factor actions can apply (see the second-factor rules below).
    secondFactor: 'totp',
  };
}

describe('the second-factor actions’ own rule', () => {
  const active = { state: state('active', 'SupannActif'), primaryAffiliation: 'student', hasPassword: true, locked: false, lockedByAdministrator: false, resetPending: false, redListed: false };
  const verification = { requirement: SELF_SERVICE, evidence: ['document'] as EvidenceKind[], expired: false };
  it('not offered where the desk does not manage second factors (or has not read the token)', () => {
    for (const secondFactor of [null, undefined])
      for (const action of ['second-factor-enrol', 'second-factor-remove'] as const)
        expect(actionVerdict({ ...active, secondFactor }, action, 'agent', verification)).toMatchObject({ offered: false, blocker: { kind: 'account', reason: 'second-factor-off' } });
  });
  it('enrol for anyone active; remove only a token there is', () => {
    expect(actionVerdict({ ...active, secondFactor: 'none' }, 'second-factor-enrol', 'agent', verification)).toMatchObject({ offered: true, enabled: true });
    expect(actionVerdict({ ...active, secondFactor: 'none' }, 'second-factor-remove', 'agent', verification)).toMatchObject({ offered: false, blocker: { kind: 'account', reason: 'no-second-factor' } });
    expect(actionVerdict({ ...active, secondFactor: 'totp' }, 'second-factor-remove', 'agent', verification)).toMatchObject({ offered: true, enabled: true });
  });
});

describe('the desk table: state × lock × verification × role × affiliation × action', () => {
  let rows = 0;
  for (const c of CASES)
    for (const lock of LOCKS)
      for (const verification of Object.keys(VERIFICATIONS) as VerificationCase[])
        for (const role of ['agent', 'supervisor'] as Role[])
          for (const affiliation of ['student', 'staff'] as const)
            it(`${c.name}, lock ${lock}, ${verification}, ${role}, ${affiliation}`, () => {
              const facts = factsOf(c, lock, affiliation);
              expect(standingOf(facts.state, facts.hasPassword)).toBe(c.standing);
              for (const action of DESK_ACTIONS) {
                rows += 1;
                const v = VERIFICATIONS[verification];
                const verdict = actionVerdict(facts, action, role, {
                  requirement: requirements(affiliation)[POLICY_ACTION[action]],
                  evidence: v.evidence,
                  expired: v.expired,
                });
                const rule = ACCOUNT_RULES[c.standing][action];
                const where = `${action}`;
                if (rule === 'ok-if-locked' && lock === 'none') {
                  expect(verdict, where).toMatchObject({ offered: false, enabled: false, blocker: { kind: 'account', reason: 'not-locked' } });
                  continue;
                }
                if (rule !== 'ok' && rule !== 'ok-if-locked') {
                  expect(verdict, where).toMatchObject({ offered: false, enabled: false, blocker: { kind: 'account', reason: rule } });
                  continue;
                }
                const liftsAdminLock = action === 'unlock' || action === 'reset-generated' || action === 'reset-chosen';
                if (lock === 'administrator' && liftsAdminLock && role === 'agent') {
                  expect(verdict, where).toMatchObject({ offered: true, enabled: false, blocker: { kind: 'role', reason: 'administrative-lock' } });
                  continue;
                }
                if (affiliation === 'staff' && action !== 'consent-change' && role === 'agent') {
                  expect(verdict, where).toMatchObject({ offered: true, enabled: false, blocker: { kind: 'role', role: 'supervisor', reason: 'policy' } });
                  continue;
                }
                if (evidenceAllows(verification, POLICY_ACTION[action], affiliation)) {
                  expect(verdict, where).toEqual({ action, offered: true, enabled: true, blocker: null });
                  continue;
                }
                const reason = v.expired ? 'expired' : v.evidence.length === 0 ? 'none' : 'insufficient';
                expect(verdict, where).toMatchObject({ offered: true, enabled: false, blocker: { kind: 'verification', reason } });
              }
            });
  it('covers every combination', () => {
    expect(rows).toBe(CASES.length * LOCKS.length * Object.keys(VERIFICATIONS).length * 2 * 2 * DESK_ACTIONS.length);
  });
});

describe('who can change what the desk cannot', () => {
  it.each([
    ['expired', 'student', state('inactive', 'SupannExpire'), 'registrar'],
    ['expired', 'faculty', state('inactive', 'SupannExpire'), 'hr'],
    ['pre-created', 'staff', state('inactive', 'SupannPrecree'), 'hr'],
    ['suspended', 'student', state('suspended', 'SupannVerrouAdministratif'), 'registrar'],
    ['suspended for security', 'student', state('suspended', 'SupannVerrouTechnique'), 'security-team'],
    ['inactive', 'affiliate', state('inactive', 'SupannInactif'), 'sponsor'],
    ['unreadable', 'student', state('unknown', null, 'unreadable'), 'directory-team'],
    ['active', 'student', state('active', 'SupannActif'), null],
  ] as const)('%s (%s): %s', (_label, affiliation, s, fixer) => {
    expect(fixerOf({ state: s, hasPassword: true, primaryAffiliation: affiliation })).toBe(fixer);
  });
});

// ------------------------------------------------------------------------------------ the band

const t0 = Date.parse('2026-11-23T10:00:00Z');

function card(overrides: Partial<AccountCard> = {}): AccountCard {
  return {
    dn: 'uid=jb,ou=people,dc=x',
    login: 'jb',
    displayName: 'J B',
    givenName: 'J',
    familyName: 'B',
    primaryAffiliation: 'student',
    state: state('active', 'SupannActif'),
    studentIds: ['20000001'],
    staffIds: [],
    locked: false,
    lockedByAdministrator: false,
    hasPassword: true,
    resetPending: false,
    redListed: false,
    civility: null,
    alias: null,
    uniqueId: null,
    principalName: null,
    affiliations: ['student'],
    ines: [],
    dossierNumbers: [],
    mail: null,
    personalMailMasked: 'j•••@x.fr',
    password: { lastChange: null, hasPassword: true, mustChange: false, lockedSince: null, lockedByAdministrator: false, recentFailures: [] },
    consents: { smsAlerts: false, mobileMasked: null, photoUse: false, hiddenFromDirectory: false },
    secretQuestionSet: false,
    passwordPolicy: { reading: 'unknown' },
    passwordHistory: null,
    lastSignIn: { reading: 'not-tracked' },
    photoOffered: false,
    secondFactor: null,
    recentActions: [],
    ...overrides,
    // What main reads of the same values (account-entry.ts): the kinds held follow the numbers given.
    identifierKinds: overrides.identifierKinds ?? [
      ...((overrides.studentIds ?? ['20000001']).length > 0 ? (['studentId'] as const) : []),
      ...((overrides.ines ?? []).length > 0 ? (['ine'] as const) : []),
      ...((overrides.staffIds ?? []).length > 0 ? (['staffId'] as const) : []),
      'login',
    ],
  };
}

function verification(evidence: EvidenceKind[], overrides: Partial<VerificationState> = {}): VerificationState {
  return {
    dn: 'uid=jb,ou=people,dc=x',
    active: evidence.length > 0,
    expired: false,
    agentLogin: 'agent1',
    startedAt: new Date(t0).toISOString(),
    expiresAt: new Date(t0 + 10 * 60_000).toISOString(),
    evidence: evidence.map((kind) => ({ kind, at: new Date(t0).toISOString(), detail: null })),
    requirements: requirements('student'),
    blocked: {},
    codeDestinationMasked: 'j•••@x.fr',
    codePendingUntil: null,
    secretQuestion: null,
    ...overrides,
  };
}

const view = (c: AccountCard, v: VerificationState | null, extra: { now?: number; mailConfigured?: boolean; role?: Role } = {}) =>
  deskView({ card: c, verification: v, agentRole: extra.role ?? 'agent', mailConfigured: extra.mailConfigured ?? true, now: extra.now ?? t0 + 60_000 });

describe('the band says exactly what the evidence allows', () => {
  it('identifier + date of birth alone: consents only, and what the password actions still need (issue 16 item 1)', () => {
    const band = view(card(), verification(['identifier-birthdate'])).band;
    expect(band.tone).toBe('partial');
    expect(band.allowed).toEqual(['consent-change']);
    expect(band.needs).toEqual([{ actions: ['reset-generated', 'reset-chosen', 'reveal-login'], missing: [['document'], ['email-code']], role: null, impossible: false }]);
  });

  it('a document: every offered action, nothing left to ask', () => {
    const band = view(card(), verification(['document'])).band;
    expect(band).toMatchObject({ tone: 'verified', allowed: ['reset-generated', 'reset-chosen', 'reveal-login', 'consent-change'], needs: [] });
    expect(band.remainingMs).toBe(9 * 60_000);
  });

  it('past its time the evidence counts for nothing at once, the methods say so and every action is off (item 2)', () => {
    const v = view(card(), verification(['document']), { now: t0 + 10 * 60_000 });
    expect(v.band.tone).toBe('expired');
    expect(v.band.allowed).toEqual([]);
    expect(v.band.remainingMs).toBeNull();
    expect(v.methods.document.status).toBe('expired');
    for (const action of DESK_ACTIONS) expect(v.actions[action].enabled).toBe(false);
    expect(v.actions['reset-generated'].blocker).toMatchObject({ kind: 'verification', reason: 'expired' });
    // Main's own word (a reload after expiry) says the same.
    expect(view(card(), verification(['document'], { expired: true, active: false }), { now: t0 }).band.tone).toBe('expired');
  });

  it('an unreadable state: no action, no method, and who to ask (issue 15 item 7)', () => {
    const v = view(card({ state: state('unknown', null, 'unreadable'), hasPassword: false }), verification([]));
    expect(v.band.tone).toBe('no-action');
    expect(v.band.noAction).toEqual({ reason: 'state-unreadable', fixer: 'directory-team' });
    expect(Object.values(v.actions).every((a) => !a.offered && !a.enabled)).toBe(true);
    expect(Object.values(v.methods).every((m) => !m.usable && m.problem === 'no-action')).toBe(true);
  });

  it('an expired account keeps only the consents, and says who can reopen it (item 3)', () => {
    const v = view(card({ state: state('inactive', 'SupannExpire') }), verification(['document']));
    expect(v.band.allowed).toEqual(['consent-change']);
    expect(v.band.needs).toEqual([]);
    expect(v.actions['reset-generated']).toMatchObject({ offered: false, blocker: { reason: 'expired', fixer: 'registrar' } });
  });

  it('mail not configured: no code offered, and an alternative that needs one is not asked for (item 6)', () => {
    const v = view(card(), verification(['identifier-birthdate']), { mailConfigured: false });
    expect(v.methods['email-code']).toMatchObject({ usable: false, problem: 'mail-disabled' });
    expect(v.band.needs).toEqual([{ actions: ['reset-generated', 'reset-chosen', 'reveal-login'], missing: [['document']], role: null, impossible: false }]);
    const noMail = view(card({ personalMailMasked: null }), verification([], { codeDestinationMasked: null }));
    expect(noMail.methods['email-code'].problem).toBe('no-personal-mail');
  });

  it('every account action allowed, only the second factor asking for more (UBP: dossier number + date + certificate code): verified for the account, not "partial"', () => {
    const ubp: Requirement = { alternatives: [['document'], ['identifier-birthdate', 'document-code']] };
    const stronger: Requirement = { alternatives: [['document'], ['person-sign-in']] };
    const requirementsOf = { ...requirements('student'), 'reset-password': ubp, unlock: ubp, 'reveal-login': ubp, 'second-factor-enrol': stronger, 'second-factor-remove': stronger };
    const v = view(card({ secondFactor: NO_SECOND_FACTOR }), verification(['identifier-birthdate', 'document-code'], { requirements: requirementsOf }));
    expect(v.band).toMatchObject({
      tone: 'account-verified',
      allowed: ['reset-generated', 'reset-chosen', 'reveal-login', 'consent-change'],
      needs: [{ actions: ['second-factor-enrol'], missing: [['document'], ['person-sign-in']], role: null, impossible: false }],
    });
    // The buttons say the same: the band's allowed actions are enabled, the second factor's is not.
    for (const action of v.band.allowed) expect(v.actions[action].enabled).toBe(true);
    expect(v.actions['second-factor-enrol'].enabled).toBe(false);
    // One account action still missing: back to "partial".
    const fewer = view(card({ secondFactor: NO_SECOND_FACTOR }), verification(['identifier-birthdate'], { requirements: requirementsOf }));
    expect(fewer.band.tone).toBe('partial');
  });

  it('a staff account seen by an agent: the band says supervisors only', () => {
    const v = view(card({ primaryAffiliation: 'staff', studentIds: [], staffIds: ['123456'] }), verification(['document'], { requirements: requirements('staff') }));
    expect(v.band.tone).toBe('partial');
    expect(v.band.needs).toEqual([{ actions: ['reset-generated', 'reset-chosen', 'reveal-login'], missing: [], role: 'supervisor', impossible: false }]);
  });

  it('a method blocked after failures, and one the person has no identifier for', () => {
    const v = view(card({ studentIds: [] }), verification([], { blocked: { 'secret-question': new Date(t0 + 3_600_000).toISOString() }, secretQuestion: 'Q ?' }));
    expect(v.methods['identifier-birthdate'].problem).toBe('no-identifier');
    expect(v.methods['secret-question']).toMatchObject({ shown: true, usable: false, problem: 'blocked' });
    expect(v.methods.document.usable).toBe(true);
  });

  it('while the verification is being read, nothing is enabled', () => {
    const v = view(card(), null);
    expect(v.band.tone).toBe('unverified');
    expect(Object.values(v.actions).some((a) => a.enabled)).toBe(false);
  });
});

describe('badges: where the agent looks first (item 5)', () => {
  it('standing, lock, temporary password not changed, red list, in that order', () => {
    const facts = accountFactsOf(card({ locked: true, resetPending: true, redListed: true }));
    expect(accountBadges(facts).map((b) => b.kind)).toEqual(['standing', 'locked', 'reset-pending', 'red-list']);
    expect(accountBadges(accountFactsOf(card())).map((b) => b.kind)).toEqual(['standing']);
  });

  it('a locked account is not called simply active, nor a suspended one locked (item 4)', () => {
    const locked = view(card({ locked: true }), null).account;
    expect(locked.signIn).toBe('locked');
    const suspended = view(card({ state: state('suspended', 'SupannVerrouille') }), null).account;
    expect(suspended).toMatchObject({ standing: 'suspended', signIn: 'no', activated: true });
    expect(view(card({ state: state('inactive', 'SupannPrecree'), hasPassword: false }), null).account).toMatchObject({ standing: 'pre-created', activated: false });
  });
});

describe('the card’s password expiry, last sign-in and photo come from the same model', () => {
  it('reads the card’s facts on the model’s clock: the expiry moves with it, untrusted values say so', () => {
    const c = card({
      password: { lastChange: '2026-10-01T10:00:00Z', hasPassword: true, mustChange: false, lockedSince: null, lockedByAdministrator: false, recentFailures: [] },
      passwordPolicy: { reading: 'read', maxAgeSeconds: 60 * 86_400 },
      lastSignIn: { reading: 'read', at: '2026-11-20T08:00:00Z' },
      photoOffered: true,
    });
    const at = (now: number) => deskView({ card: c, verification: null, agentRole: 'agent', mailConfigured: true, now });
    expect(at(t0).signInTimes).toEqual({
      passwordExpiry: { kind: 'expires', at: '2026-11-30T10:00:00.000Z', days: 7, soon: true },
      lastSignIn: { kind: 'at', at: '2026-11-20T08:00:00.000Z', days: 3 },
    });
    expect(at(t0 + 8 * 86_400_000).signInTimes.passwordExpiry).toEqual({ kind: 'expired', at: '2026-11-30T10:00:00.000Z', days: 1 });
    expect(at(t0).photoOffered).toBe(true);
    const unknown = deskView({ card: card(), verification: null, agentRole: 'agent', mailConfigured: true, now: t0 });
    expect(unknown.signInTimes).toEqual({ passwordExpiry: { kind: 'policy-unknown' }, lastSignIn: { kind: 'not-tracked' } });
    expect(unknown.photoOffered).toBe(false);
  });
});
