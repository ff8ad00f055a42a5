/** The benchmarks' audit events: deterministic (the same data set on every run), in a desk's mix of actions. */
import type { AuditEventInput, VerificationMethod } from '../../src/shared/audit-events';

// Deterministic pseudo-random numbers: the same data set on every run.
let seed = 0x9e3779b9;
export const rand = (): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
export const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const weighted = <T>(entries: ReadonlyArray<[T, number]>): T => {
  let r = rand() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, w] of entries) if ((r -= w) <= 0) return value;
  return entries[0]![0];
};

export const AGENTS = Array.from({ length: 60 }, (_, i) => ({ login: `agent${String(i).padStart(2, '0')}`, displayName: `Agent ${i}` }));
export const TARGET_COUNT = 50_000;
const COMMENT_WORDS = [
  'carte étudiante perdue',
  'appel du secrétariat',
  'inscription tardive',
  'scolarité',
  'badge bibliothèque',
  'doctorant invité',
  'personnel BIATSS',
  'rentrée',
  'demande par téléphone',
  'vérification en présence',
];
const METHODS: VerificationMethod[] = ['identity-document', 'student-card', 'staff-card', 'sms-code', 'security-question', 'date-of-birth'];
const outcome = () => weighted<'success' | 'failure' | 'denied' | 'unknown'>([['success', 85], ['failure', 7], ['denied', 5], ['unknown', 3]]);

/** Event i of the benchmark trail: the mix of actions, outcomes, targets and comments a busy desk writes. */
export function makeEvent(i: number): AuditEventInput {
  const agent = pick(AGENTS);
  const n = Math.floor(rand() * TARGET_COUNT);
  const target = { login: `etu${n}`, dn: `uid=etu${n},ou=people,dc=univ-demo,dc=fr` };
  const comment = rand() < 0.12 ? `${pick(COMMENT_WORDS)} dossier ${i % 100_000}` : null;
  const common = { agent, target, comment, outcome: outcome() };
  const kind = weighted<string>([
    ['view', 30], ['verify', 15], ['reset', 8], ['sign-in', 8], ['sign-out', 7], ['lock', 5], ['resume', 4], ['unlock', 3],
    ['reveal', 3], ['step', 5], ['activation', 2], ['consent', 4], ['notify', 4], ['notify-failed', 1], ['refused', 1],
  ]);
  switch (kind) {
    case 'view':
      return { ...common, action: 'account-viewed', details: { source: pick(['search', 'history', 'link'] as const) } };
    case 'verify': {
      const method = pick(METHODS);
      return { ...common, action: 'verification-attempt', evidence: [method], details: { method, matched: rand() < 0.9, attempt: 1 + Math.floor(rand() * 3) } };
    }
    case 'reset':
      return { ...common, action: 'password-reset', evidence: [pick(METHODS)], directoryCode: common.outcome === 'failure' ? 19 : null, details: { delivery: pick(['shown-at-desk', 'mail', 'sms'] as const), mustChangeAtNextLogin: true } };
    case 'sign-in':
      return { ...common, target: null, action: 'sign-in', details: { mode: 'online', role: 'agent' } };
    case 'sign-out':
      return { ...common, target: null, action: 'sign-out', details: { reason: 'user' } };
    case 'lock':
      return { ...common, target: null, action: 'idle-lock', details: { idleMinutes: 5 } };
    case 'resume':
      return { ...common, target: null, action: 'session-resumed', details: {} };
    case 'unlock':
      return { ...common, action: 'account-unlock', details: { changes: { locked: { before: true, after: false } } } };
    case 'reveal':
      return { ...common, action: 'login-revealed', details: { channel: 'screen' } };
    case 'step':
      return { ...common, action: 'activation-step', details: { step: pick(['charter-accepted', 'personal-mail-set', 'password-set'] as const) } };
    case 'activation':
      return { ...common, action: 'activation', details: { charterVersion: '2026-09', changes: { accountState: { before: 'inactif', after: 'actif' } } } };
    case 'consent':
      return { ...common, action: 'consent-change', details: { changes: { personalMail: { before: null, after: `${String.fromCharCode(97 + (n % 26))}***@g***.com` }, consents: { before: [], after: ['{SMS}ALERTES'] } } } };
    case 'notify':
      return { ...common, action: 'notification-sent', details: { channel: 'mail', recipient: 'j***@g***.com', purpose: 'activation' } };
    case 'notify-failed':
      return { ...common, action: 'notification-failed', details: { channel: 'sms', recipient: '06******78', purpose: 'verification', reason: 'unavailable' } };
    default:
      return { ...common, target: null, action: 'sign-in-refused', details: { reason: 'invalid-credentials' } };
  }
}

