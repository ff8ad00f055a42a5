/** The desk's own record of an anchor alarm: one audit event, hashes and numbers only. */
import type { AuditEventInput } from '../../shared/audit-events';
import type { Logger } from '../logger';
import type { AnchorFinding } from './central-forwarder';

export function anchorAlarmEvent(finding: AnchorFinding): AuditEventInput {
  return {
    action: 'audit-anchor-alarm',
    outcome: 'failure',
    agent: null,
    details: {
      kind: finding.kind,
      centralSeq: finding.centralSeq,
      centralHash: finding.centralHash,
      localSeq: finding.localSeq,
      localHash: finding.localHash,
      centralState: finding.centralState,
    },
  };
}

/** Records the alarm; a trail that cannot be written is logged (the banner still shows it). */
export function recordAnchorAlarm(audit: { append(event: AuditEventInput): unknown }, finding: AnchorFinding, logger: Logger): void {
  try {
    audit.append(anchorAlarmEvent(finding));
  } catch {
    logger.log({ level: 'error', event: 'central-anchor-alarm-record', code: 'AUDIT_UNAVAILABLE' });
  }
}
