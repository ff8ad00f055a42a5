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

const fr = (n: number) => n.toLocaleString('fr-FR');
const plural = (n: number, one: string, many: string) => `${fr(n)} ${n > 1 ? many : one}`;
const clock = (iso: string) => {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  const today = new Date();
  const sameDay = d.toDateString() === today.toDateString();
  return `${sameDay ? '' : `${pad(d.getDate())}/${pad(d.getMonth() + 1)} `}${pad(d.getHours())} h ${pad(d.getMinutes())}`;
};

const PROBLEM_FR: Record<ForwardingProblem, string> = {
  unreachable: 'injoignable',
  timeout: 'ne répond plus',
  'tls-refused': 'certificat refusé',
  'auth-refused': 'connexion refusée (rôle ou mot de passe)',
  'desk-refused': 'ce poste est enregistré sous un autre rôle',
  schema: 'schéma incompatible',
  config: 'configuration incomplète',
  error: 'erreur',
};

/** "Centre d'audit : à jour" / "… : 12 événements en attente" / "… : injoignable depuis 14 h 32 — 12 événements en attente, …". */
export function forwardingLine(label: string, status: ForwardingTargetStatus): string {
  if (status.state === 'up-to-date') return `${label} : à jour`;
  const pending = plural(status.pending, 'événement en attente', 'événements en attente');
  if (status.state === 'pending') return `${label} : ${pending}`;
  const problem = PROBLEM_FR[status.problem ?? 'unreachable'];
  const since = status.since ? ` depuis ${clock(status.since)}` : '';
  return `${label} : ${problem}${since} — ${pending}, envoyés dès son retour`;
}

/** The alarm banner's text, or null when there is nothing to say. */
export function anchorAlarmText(anchor: AnchorStatus | null): string | null {
  if (!anchor || anchor.state !== 'alarm') return null;
  const where = anchor.centralSeq !== null ? ` (n° ${fr(anchor.centralSeq)} au centre, ${fr(anchor.localSeq ?? 0)} sur ce poste)` : '';
  switch (anchor.kind) {
    case 'shorter':
      return `Alerte d'intégrité : le journal de ce poste est plus court que ce que détient le centre d'audit${where}. Des événements ont été supprimés ou un ancien dossier restauré : prévenez l'équipe informatique.`;
    case 'diverged':
      return `Alerte d'intégrité : le journal de ce poste diffère de ce que détient le centre d'audit${where}. Il a été modifié ou remplacé : prévenez l'équipe informatique.`;
    default:
      return "Alerte d'intégrité : le centre d'audit signale que l'historique de ce poste ne suit plus celui qu'il détient. Prévenez l'équipe informatique.";
  }
}

/** The status bar's lines, central first. */
export function forwardingStatusLines(status: AuditForwardingStatus | null | undefined): string[] {
  if (!status) return [];
  const lines: string[] = [];
  if (status.central) lines.push(forwardingLine("Centre d'audit", status.central));
  if (status.syslog) lines.push(forwardingLine('SIEM', status.syslog));
  return lines;
}
