/**
 * The external anchor: the desk's own trail must hold at least what the centre holds for it,
 * with the same hash at the centre's head. A restored older data folder, or deleted newest
 * events, leave the local trail shorter or different: that is an alarm, on the desk and at
 * the centre. Pure: the forwarder reads the centre first, then the local trail, then compares
 * (in that order, so events forwarded meanwhile cannot look like a regression).
 */
import type { AnchorAlarmKind } from '../../shared/audit-forwarding';
import type { CentralHello, DeskState } from './central-session';
import type { HashAt, LocalHead } from './local-trail';

export interface AnchorComparison {
  kind: Exclude<AnchorAlarmKind, 'flagged'> | null;
  /** What the desk reports to the centre: its head, and what it holds at the centre's head. */
  report: { centralSeq: number; localSeq: number; localHash: string | null };
}

export function compareWithCentre(
  central: Pick<CentralHello, 'headSeq' | 'headHash'>,
  localHead: LocalHead | null,
  localAtCentralHead: HashAt | null,
): AnchorComparison {
  const localSeq = localHead?.seq ?? 0;
  if (central.headSeq === 0 || localAtCentralHead === null)
    return { kind: null, report: { centralSeq: central.headSeq, localSeq, localHash: null } };
  if (localSeq < central.headSeq) {
    const localHash = 'hash' in localAtCentralHead ? localAtCentralHead.hash : null;
    return { kind: 'shorter', report: { centralSeq: central.headSeq, localSeq, localHash } };
  }
  if ('hash' in localAtCentralHead) {
    const kind = localAtCentralHead.hash === central.headHash ? null : 'diverged';
    return { kind, report: { centralSeq: central.headSeq, localSeq, localHash: localAtCentralHead.hash } };
  }
  // Purged by retention: nothing to compare. Absent although the trail goes further: deleted.
  return localAtCentralHead.missing === 'purged'
    ? { kind: null, report: { centralSeq: central.headSeq, localSeq, localHash: null } }
    : { kind: 'diverged', report: { centralSeq: central.headSeq, localSeq, localHash: '' } };
}

/** The alarm once the centre has answered: what the desk found, or the centre's own marking (a fork seen at ingest). */
export function anchorAlarm(comparison: AnchorComparison, centralState: DeskState): AnchorAlarmKind | null {
  return comparison.kind ?? (centralState === 'ok' ? null : 'flagged');
}
