/**
 * The words of the review across desks (source switch, desk column, per-desk standing), in
 * French and English, as one pure model like the forwarding status (audit-forwarding.ts).
 */
import type { CentralDeskStanding } from './contract/audit';
import type { ForwardingLocale } from './audit-forwarding';

interface ReviewWords {
  number: string;
  legend: string;
  desk: string;
  central: string;
  column: string;
  scope: string;
  label: string;
  none: string;
  /** The outcome of an export of every desk: events as the list counts them, rows, one file per desk, where. */
  exported: (operations: string, rows: string, files: string, folder: string) => string;
  exportNote: string;
  state: Record<CentralDeskStanding['state'], (d: CentralDeskStanding, n: (v: number) => string) => string>;
  alarms: (count: string) => string;
  lastSeen: (when: string) => string;
}

const WORDS: Record<ForwardingLocale, ReviewWords> = {
  fr: {
    number: 'fr-FR',
    legend: 'Source du journal',
    desk: 'Ce poste',
    central: 'Tous les postes (centre d’audit)',
    column: 'Poste',
    scope: 'Superviseur·e : les actions de tous les postes, telles que le centre d’audit les a reçues.',
    label: 'Intégrité par poste (centre d’audit)',
    none: 'Aucun poste n’a encore transmis son journal.',
    exported: (operations, rows, files, folder) =>
      `${operations} événement(s) exporté(s) (${rows} ligne(s)), un fichier par poste (${files}) dans le dossier des exports de ce poste : ${folder}`,
    exportNote: 'Un fichier par poste : chacun se vérifie avec guichet-audit verify.',
    state: {
      ok: (d, n) => `${d.desk} : chaîne intègre jusqu’au n° ${n(d.headSeq)}`,
      forked: (d, n) => `${d.desk} : chaîne rompue au centre (${n(d.forks)} événement(s) mis à l’écart)`,
      regressed: (d) => `${d.desk} : le journal du poste est plus court que ce que détient le centre`,
    },
    alarms: (count) => `${count} alerte(s) d’ancrage`,
    lastSeen: (when) => `vu le ${when}`,
  },
  en: {
    number: 'en-GB',
    legend: 'Log source',
    desk: 'This desk',
    central: 'Every desk (central audit store)',
    column: 'Desk',
    scope: 'Supervisor: the actions of every desk, as the central audit store received them.',
    label: 'Integrity per desk (central audit store)',
    none: 'No desk has sent its log yet.',
    exported: (operations, rows, files, folder) => `${operations} event(s) exported (${rows} row(s)), one file per desk (${files}) in this desk’s exports folder: ${folder}`,
    exportNote: 'One file per desk: each one verifies with guichet-audit verify.',
    state: {
      ok: (d, n) => `${d.desk}: chain intact up to no. ${n(d.headSeq)}`,
      forked: (d, n) => `${d.desk}: chain broken at the centre (${n(d.forks)} event(s) kept aside)`,
      regressed: (d) => `${d.desk}: the desk’s log is shorter than what the centre holds`,
    },
    alarms: (count) => `${count} anchor alarm(s)`,
    lastSeen: (when) => `seen ${when}`,
  },
};

export const reviewWords = (locale: string): ReviewWords => WORDS[locale === 'en' ? 'en' : 'fr'];

/** One desk's line of the per-desk badge. */
export function deskStandingText(d: CentralDeskStanding, locale: string): string {
  const w = reviewWords(locale);
  const n = (v: number) => v.toLocaleString(w.number);
  return w.state[d.state](d, n) + (d.alarms > 0 ? ` · ${w.alarms(n(d.alarms))}` : '');
}
