/** The desk's own record of an anchor alarm: one audit event, hashes and numbers only. */
import type { AuditEventInput } from '../../shared/audit-events';
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
