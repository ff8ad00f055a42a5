/**
 * A fake preload bridge for the renderer store's unit tests (pure store logic, no browser):
 * every method answers a plausible value about one person, and records what it was asked.
 * Answers can be held back to play a late answer after the agent has gone.
 */
import { createStore } from 'zustand/vanilla';
import { CHANNELS, type MethodName } from '../../../src/shared/channels';
import type { GuichetApi } from '../../../src/shared/contract';
import type { AccountCard, AccountSummary } from '../../../src/shared/account';
import type { Result } from '../../../src/shared/result';
import { deskStore, type StoreState } from '../../../src/renderer/src/store';

/** Values that must not stay in the renderer once the agent signs out or the screen locks. */
export const PERSON = {
  dn: 'uid=jmartin,ou=people,dc=univ-exemple,dc=fr',
  login: 'jmartin',
  name: 'Jeanne Martin',
  mail: 'jeanne.martin@univ-exemple.fr',
  mobile: '06 •• •• •• 78',
  question: 'Nom de mon premier chat ?',
  temporaryPassword: 'Kq7-xW2-pL9',
  /** The new authenticator's key, shown on the privacy screen only. */
  secondFactorKey: 'JBSW-Y3DP-EHPK-3PXP-JBSW-Y3DP-EHPK-3PXP',
  /** The agent's note being typed for the next action (it may name what the person said). */
  noteComment: 'Carte étudiante présentée, téléphone perdu dans le tram',
  noteTicket: 'INC0042424',
  /** The reason typed for a suspension. */
  suspensionText: 'Signalement du service scolarité du 28 novembre',
  /** The directory photo, shown on request only. */
  photoBase64: '/9j/4AAQSkZJRgABAQ==',
};

export const OTHER_DN = 'uid=pdurand,ou=people,dc=univ-exemple,dc=fr';

const summary = { dn: PERSON.dn, login: PERSON.login, displayName: PERSON.name, studentIds: ['22001234'], staffIds: [] } as unknown as AccountSummary;
const card = (dn: string) =>
  ({ ...summary, dn, mail: PERSON.mail, recentActions: [] }) as unknown as AccountCard;
const verification = (dn: string) => ({ dn, active: true, expired: false, agentLogin: 'agent.accueil', evidence: [], requirements: {}, blocked: {}, secretQuestion: PERSON.question });
const notification = { sentTo: ['j•••@perso.fr'], failed: false, unusable: [] };
const auditEvent = { seq: 7, action: 'password-reset', outcome: 'success', target: { login: PERSON.login, dn: PERSON.dn } };

function answers(): { [M in MethodName]: (request: never) => unknown } {
  return {
    appStatus: () => ({ locale: 'fr', institution: 'Université Exemple', directory: { reachable: true } }),
    appSetLocale: (r: { locale: string }) => ({ locale: r.locale }),
    signIn: () => ({ agent: { login: 'agent.accueil', displayName: 'Agent Accueil', role: 'agent', online: true }, locked: false, idleLockMinutes: 5 }),
    signOut: () => ({}),
    lockSession: () => ({}),
    resumeSession: () => ({ agent: { login: 'agent.accueil', displayName: 'Agent Accueil', role: 'agent', online: true }, locked: false, idleLockMinutes: 5 }),
    currentSession: () => ({ agent: null, locked: false, idleLockMinutes: 5 }),
    searchDirectory: (r: { query: string }) => ({ results: [summary], truncated: true, sizeLimit: 50, key: 'name', searched: r.query }),
    openAccount: (r: { dn: string }) => card(r.dn),
    queryAudit: () => ({ events: [auditEvent], nextAfter: 7, upToSeq: 7 }),
    auditEvent: () => ({ event: auditEvent, intent: null, outcome: null }),
    auditStats: () => ({ total: 1, perDay: [], perAgent: [{ login: 'agent.accueil', count: 1 }] }),
    verifyAudit: () => ({ result: { intact: true }, lastRun: { at: '2026-12-01T09:00:00Z', mode: 'full', intact: true, headSeq: 7, firstBadSeq: null, reason: null } }),
    exportAudit: () => ({ path: `/tmp/audit-${PERSON.login}.csv`, format: 'csv', count: 1, fromSeq: 7, toSeq: 7, operations: 1, revealable: false }),
    auditExportProgress: () => ({ running: false, written: 1, total: 1, path: null }),
    auditHistory: () => ({ events: [] }),
    suggestAuditLogins: () => [{ login: PERSON.login, displayName: null }],
    revealAuditExport: () => ({ revealed: false }),
    queryCentralAudit: () => ({ events: [{ ...auditEvent, desk: 'ACCUEIL-02' }], nextCursor: null, pinnedAt: '2026-03-01T10:00:00.000000Z', desks: [] }),
    centralAuditEvent: () => ({ event: { ...auditEvent, desk: 'ACCUEIL-02' }, intent: null, outcome: null }),
    centralAuditStats: () => ({ total: 1, perDay: [], perAgent: [] }),
    suggestCentralAuditLogins: () => [{ login: 'agent.nord', displayName: 'Agent Nord' }],
    exportCentralAudit: () => ({ folder: '/data/exports/guichet-audit-centre-1', format: 'jsonl', desks: [{ desk: 'ACCUEIL-02', file: '001-ACCUEIL-02.jsonl', count: 1, fromSeq: 1, toSeq: 1 }], count: 1, operations: 1 }),
    centralAuditExportProgress: () => ({ running: false, written: 1, total: 1, path: null }),
    verificationStatus: (r: { dn: string }) => verification(r.dn),
    verifyDocument: (r: { dn: string }) => verification(r.dn),
    verifyIdentifier: (r: { dn: string }) => ({ matched: true, state: verification(r.dn) }),
    verifyDocumentCode: (r: { dn: string }) => ({ matched: false, state: verification(r.dn) }),
    sendVerificationCode: (r: { dn: string }) => verification(r.dn),
    checkVerificationCode: (r: { dn: string }) => ({ matched: false, triesLeft: 2, state: verification(r.dn) }),
    checkSecretAnswer: (r: { dn: string }) => ({ matched: true, state: verification(r.dn) }),
    clearVerification: (r: { dn: string }) => verification(r.dn),
    personSignIn: (r: { dn: string }) => ({ matched: true, state: verification(r.dn) }),
    resetPasswordGenerated: () => ({ login: PERSON.login, groups: PERSON.temporaryPassword.split('-'), changeUrl: 'https://sesame.univ-exemple.fr', at: '2026-12-01T09:00:00Z', notification }),
    resetPasswordChosen: () => ({ at: '2026-12-01T09:00:00Z', notification }),
    changeOwnPassword: () => ({ login: PERSON.login, at: '2026-12-01T09:00:00Z', notification }),
    unlockAccount: () => ({ at: '2026-12-01T09:00:00Z', notification }),
    revealLogin: () => ({ login: PERSON.login, alias: 'jeanne.martin', notification }),
    getConsents: () => ({ smsAlerts: true, mobileMasked: PERSON.mobile, photoUse: false, hiddenFromDirectory: false, lastChanged: {}, history: [] }),
    updateConsents: () => ({ smsAlerts: false, mobileMasked: PERSON.mobile, photoUse: true, hiddenFromDirectory: false, lastChanged: {}, history: [] }),
    activationOffer: () => ({ offered: true, reason: null, fixer: null, login: PERSON.login, presetQuestions: [PERSON.question], minAnswerLength: 3, charter: { url: 'https://x', version: '3' }, mobileMasked: PERSON.mobile }),
    sendActivationMailCode: () => ({ sentTo: 'j•••@perso.fr', validUntil: '2026-12-01T09:10:00Z', sendsLeft: 4 }),
    checkActivationMailCode: () => ({ confirmed: true, triesLeft: 0 }),
    abandonActivation: () => ({ recorded: true }),
    accountPhoto: () => ({ kind: 'jpeg', base64: PERSON.photoBase64, bytes: 12 }),
    completeActivation: () => ({ login: PERSON.login, uniqueId: 'UE-0042', mail: PERSON.mail, at: '2026-12-01T09:00:00Z', notification }),
    suspendAccount: () => ({ action: 'suspend', at: '2026-12-01T09:00:00Z', changes: {}, notification }),
    reactivateAccount: () => ({ action: 'reactivate', at: '2026-12-01T09:00:00Z', changes: {}, notification }),
    extendValidity: () => ({ action: 'extend-validity', at: '2026-12-01T09:00:00Z', changes: {}, notification }),
    startSecondFactorEnrolment: () => ({
      enrolmentId: 'a'.repeat(32),
      replacing: false,
      issuer: 'Université Exemple',
      account: PERSON.login,
      qr: ['101', '010', '101'],
      keyGroups: PERSON.secondFactorKey.split('-'),
      digits: 6,
      periodSeconds: 30,
      algorithm: 'SHA1',
      expiresAt: '2026-12-01T09:05:00Z',
    }),
    confirmSecondFactorEnrolment: () => ({ confirmed: true, replaced: false, at: '2026-12-01T09:01:00Z', notification }),
    cancelSecondFactorEnrolment: () => ({ cancelled: true }),
    removeSecondFactor: () => ({ at: '2026-12-01T09:00:00Z', enrolOnlineUrl: 'https://sesame.univ-exemple.fr/2fa', notification }),
    worklistCounts: () => ({ takenAt: '2026-12-01T09:00:00Z', counts: [] }),
    worklistPage: () => ({ list: 'locked', page: 1, pageSize: 50, count: 1, problem: null, params: { days: null, termStart: null, affiliation: null }, rows: [{ account: summary, date: '2026-11-20T08:34:04.000Z', dateUnreadable: false }], sortedBy: 'directory', takenAt: '2026-12-01T09:00:00Z' }),
    exportWorklist: () => ({ fileName: 'liste.csv', path: '/tmp/liste.csv', count: 0 }),
  };
}

export interface FakeBridge {
  api: GuichetApi;
  /** Every call, in order: method and request. */
  calls: { method: MethodName; request: unknown }[];
  /** The next call to `method` waits until the returned function is called. */
  holdNext: (method: MethodName) => () => void;
  /** The next call to `method` answers this refusal. */
  refuseNext: (method: MethodName, result: Result<never>) => void;
  /** The next call to `method` answers this value instead of the usual one. */
  answerNext: (method: MethodName, value: unknown) => void;
}

export function fakeBridge(): FakeBridge {
  const calls: FakeBridge['calls'] = [];
  const held = new Map<MethodName, Promise<void>>();
  const refused = new Map<MethodName, Result<never>>();
  const answered = new Map<MethodName, unknown>();
  const values = answers();
  const api = Object.fromEntries(
    (Object.keys(CHANNELS) as MethodName[]).map((method) => [
      method,
      async (request: never) => {
        calls.push({ method, request });
        const gate = held.get(method);
        held.delete(method);
        const refusal = refused.get(method);
        refused.delete(method);
        const value = answered.has(method) ? answered.get(method) : values[method](request);
        answered.delete(method);
        if (gate) await gate;
        return refusal ?? { ok: true, value: structuredClone(value) };
      },
    ]),
  ) as unknown as GuichetApi;
  return {
    api,
    calls,
    holdNext(method) {
      let release = () => {};
      held.set(method, new Promise<void>((resolve) => (release = resolve)));
      return release;
    },
    refuseNext(method, result) {
      refused.set(method, result);
    },
    answerNext(method, value) {
      answered.set(method, value);
    },
  };
}

/** A store over the fake bridge, exactly as the console builds it over the real one. */
export function storeOver(bridge: FakeBridge) {
  return createStore<StoreState>()(deskStore(() => bridge.api));
}

/** Lets every answer already given reach the store (answers resolve on the microtask queue). */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
