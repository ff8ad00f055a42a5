/**
 * Where the trail stands outside the desk (central store, SIEM) and what the external anchor
 * found: the one model the status bar and the alarm banner read, with their French wording.
 */

/** Why a target is not being reached; no server text, which could carry anything. */
export const FORWARDING_PROBLEMS = [
  'unreachable',
  'timeout',
  'tls-refused',
  'auth-refused',
  'desk-refused',
  'schema',
  'config',
  'error',
] as const;
export type ForwardingProblem = (typeof FORWARDING_PROBLEMS)[number];

export interface ForwardingTargetStatus {
  /** up-to-date: every local event acknowledged; pending: connected, sending; down: not reached since `since`. */
  state: 'up-to-date' | 'pending' | 'down';
  /** Local events not acknowledged yet. */
  pending: number;
  /** When the target stopped being reached (ISO), while down. */
  since: string | null;
  problem: ForwardingProblem | null;
  /** The last acknowledged batch (ISO). */
  lastDeliveryAt: string | null;
}

export type AnchorAlarmKind = 'shorter' | 'diverged' | 'flagged';

export interface AnchorStatus {
  /** unchecked: the centre was never reached since start; ok: the trail holds what the centre holds. */
  state: 'unchecked' | 'ok' | 'alarm';
  kind: AnchorAlarmKind | null;
  centralSeq: number | null;
  localSeq: number | null;
  checkedAt: string | null;
}

export interface AuditForwardingStatus {
  /** null: no audit.central configured. */
  central: ForwardingTargetStatus | null;
  anchor: AnchorStatus | null;
  /** null: no audit.syslog configured. */
  syslog: ForwardingTargetStatus | null;
}

interface ForwardingWords {
  number: string;
  central: string;
  syslog: string;
  upToDate: string;
  pending: (count: string, many: boolean) => string;
  down: (problem: string, since: string | null, pending: string) => string;
  at: (hours: string, minutes: string, day: string | null) => string;
  problems: Record<ForwardingProblem, string>;
  alarm: Record<AnchorAlarmKind, (where: string) => string>;
  where: (central: string, local: string) => string;
}

/** The wording, French first: one table per language, so the status bar and the tests read the same sentences. */
const WORDS: Record<'fr' | 'en', ForwardingWords> = {
  fr: {
    number: 'fr-FR',
    central: "Centre d’audit",
    syslog: 'SIEM',
    upToDate: 'à jour',
    pending: (count, many) => `${count} ${many ? 'événements' : 'événement'} en attente`,
    down: (problem, since, pending) => `${problem}${since ? ` depuis ${since}` : ''} — ${pending}, envoyés dès son retour`,
    at: (h, m, day) => `${day ? `${day} ` : ''}${h} h ${m}`,
    problems: {
      unreachable: 'injoignable',
      timeout: 'ne répond plus',
      'tls-refused': 'certificat refusé',
      'auth-refused': 'connexion refusée (rôle ou mot de passe)',
      'desk-refused': 'ce poste est enregistré sous un autre rôle',
      schema: 'schéma incompatible',
      config: 'configuration incomplète',
      error: 'erreur',
    },
    where: (c, l) => ` (n° ${c} au centre, ${l} sur ce poste)`,
    alarm: {
      shorter: (where) =>
        `Alerte d’intégrité : le journal de ce poste est plus court que ce que détient le centre d’audit${where}. Des événements ont été supprimés ou un ancien dossier restauré : prévenez l’équipe informatique.`,
      diverged: (where) =>
        `Alerte d’intégrité : le journal de ce poste diffère de ce que détient le centre d’audit${where}. Il a été modifié ou remplacé : prévenez l’équipe informatique.`,
      flagged: () =>
        "Alerte d’intégrité : le centre d’audit signale que l’historique de ce poste ne suit plus celui qu’il détient. Prévenez l’équipe informatique.",
    },
  },
  en: {
    number: 'en-GB',
    central: 'Central audit store',
    syslog: 'SIEM',
    upToDate: 'up to date',
    pending: (count, many) => `${count} ${many ? 'events' : 'event'} waiting`,
    down: (problem, since, pending) => `${problem}${since ? ` since ${since}` : ''} — ${pending}, sent once it is back`,
    at: (h, m, day) => `${day ? `${day} ` : ''}${h}:${m}`,
    problems: {
      unreachable: 'unreachable',
      timeout: 'not answering',
      'tls-refused': 'certificate refused',
      'auth-refused': 'connection refused (role or password)',
      'desk-refused': 'this desk is registered under another role',
      schema: 'incompatible schema',
      config: 'incomplete configuration',
      error: 'error',
    },
    where: (c, l) => ` (no. ${c} at the centre, ${l} on this desk)`,
    alarm: {
      shorter: (where) =>
        `Integrity alarm: this desk's audit log is shorter than what the central audit store holds${where}. Events were deleted or an older folder restored: tell the IT team.`,
      diverged: (where) =>
        `Integrity alarm: this desk's audit log differs from what the central audit store holds${where}. It was altered or replaced: tell the IT team.`,
      flagged: () => "Integrity alarm: the central audit store reports that this desk's history no longer follows the one it holds. Tell the IT team.",
    },
  },
};

export type ForwardingLocale = keyof typeof WORDS;

const pad = (n: number) => String(n).padStart(2, '0');
function clock(iso: string, w: ForwardingWords): string {
  const d = new Date(iso);
  const sameDay = d.toDateString() === new Date().toDateString();
  return w.at(pad(d.getHours()), pad(d.getMinutes()), sameDay ? null : `${pad(d.getDate())}/${pad(d.getMonth() + 1)}`);
}

/** "Centre d’audit : à jour" / "… : 12 événements en attente" / "… : injoignable depuis 14 h 32 — 12 événements en attente, …". */
export function forwardingLine(label: string, status: ForwardingTargetStatus, locale: ForwardingLocale = 'fr'): string {
  const w = WORDS[locale];
  const sep = locale === 'fr' ? ' : ' : ': ';
  if (status.state === 'up-to-date') return `${label}${sep}${w.upToDate}`;
  const pending = w.pending(status.pending.toLocaleString(w.number), status.pending > 1 || (locale === 'en' && status.pending === 0));
  if (status.state === 'pending') return `${label}${sep}${pending}`;
  const since = status.since ? clock(status.since, w) : null;
  return `${label}${sep}${w.down(w.problems[status.problem ?? 'unreachable'], since, pending)}`;
}

/** The alarm banner's text, or null when there is nothing to say. */
export function anchorAlarmText(anchor: AnchorStatus | null, locale: ForwardingLocale = 'fr'): string | null {
  if (!anchor || anchor.state !== 'alarm' || !anchor.kind) return null;
  const w = WORDS[locale];
  const where = anchor.centralSeq !== null ? w.where(anchor.centralSeq.toLocaleString(w.number), (anchor.localSeq ?? 0).toLocaleString(w.number)) : '';
  return w.alarm[anchor.kind](where);
}

/** The status bar's lines, central first; `down` ones are shown as a warning. */
export function forwardingStatusItems(status: AuditForwardingStatus | null | undefined, locale: ForwardingLocale = 'fr'): Array<{ text: string; down: boolean }> {
  if (!status) return [];
  const w = WORDS[locale];
  const targets: Array<[string, ForwardingTargetStatus | null]> = [
    [w.central, status.central],
    [w.syslog, status.syslog],
  ];
  return targets
    .filter((t): t is [string, ForwardingTargetStatus] => t[1] !== null)
    .map(([label, target]) => ({ text: forwardingLine(label, target, locale), down: target.state === 'down' }));
}

export const forwardingStatusLines = (status: AuditForwardingStatus | null | undefined, locale: ForwardingLocale = 'fr'): string[] =>
  forwardingStatusItems(status, locale).map((item) => item.text);
