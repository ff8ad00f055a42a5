/**
 * The trail door every desk domain goes through, on a real SQLite file: an account's consent
 * proof (every agent's consent changes, no reviewer needed), its recent desk actions (as the
 * viewer may see them), and an intent whose answer was lost, left open for the late settler.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditIntentInput } from '../../src/shared/audit-events';
import { createAuditTrail, type AuditTrail } from '../../src/main/audit/audit-trail';
import { LateSettler } from '../../src/main/audit/late-settler';
import { silentLogger } from '../../src/main/logger';
import { accountViewed, AGENT, OTHER_AGENT, TARGET, tempAudit, type Person, type TempAudit } from './support/audit-temp';

let audit: TempAudit;
let settler: LateSettler;
let trail: AuditTrail;
beforeEach(() => {
  audit = tempAudit();
  settler = new LateSettler(silentLogger, [20, 20, 20, 20, 20, 2_000]);
  trail = createAuditTrail({ writer: audit.store, db: audit.store.db, logger: silentLogger, settler });
});
afterEach(() => {
  settler.close();
  audit.cleanup();
});

const consentChange = (agent: Person, target = TARGET): AuditIntentInput => ({
  action: 'consent-change',
  agent,
  target,
  evidence: ['student-card'],
  details: { changes: { hiddenFromDirectory: { before: false, after: true } } },
  comment: null,
});
const outcomes = (action: string) =>
  (audit.store.db.prepare('SELECT outcome FROM events WHERE action = ? ORDER BY seq').all(action) as Array<{ outcome: string }>).map((r) => r.outcome);
const waitFor = async (done: () => boolean) => {
  for (let waited = 0; !done() && waited < 5_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
};

describe('the trail door', () => {
  it("gives an account's consent proof: every agent's successful consent changes, newest first, nothing else", async () => {
    await trail.withAudit(consentChange(AGENT), async () => undefined);
    await trail.withAudit(consentChange(OTHER_AGENT), async () => undefined);
    await trail.withAudit(consentChange(AGENT, { login: 'autre', dn: 'uid=autre,ou=people,dc=univ-demo,dc=fr' }), async () => undefined);
    await expect(trail.withAudit(consentChange(AGENT), async () => Promise.reject(Object.assign(new Error('refused'), { code: 50 })))).rejects.toThrow();
    trail.record(accountViewed(AGENT));

    const proof = trail.consentProof(TARGET.login);
    expect(proof.map((e) => [e.action, e.outcome, e.agent?.login])).toEqual([
      ['consent-change', 'success', OTHER_AGENT.login],
      ['consent-change', 'success', AGENT.login],
    ]);
    expect(proof[0]!.seq).toBeGreaterThan(proof[1]!.seq);
  });

  it("gives an account's recent desk actions without the views, as the viewer may see them", async () => {
    trail.record(accountViewed(AGENT));
    await trail.withAudit(consentChange(AGENT), async () => undefined);
    await trail.withAudit(consentChange(OTHER_AGENT), async () => undefined);

    const asAgent = trail.recentActions(TARGET.login, { login: AGENT.login, role: 'agent' });
    expect(asAgent.map((a) => [a.action, a.agentLogin])).toEqual([['consent-change', AGENT.login]]);
    const asSupervisor = trail.recentActions(TARGET.login, { login: 'chef', role: 'supervisor' });
    expect(asSupervisor.map((a) => a.agentLogin)).toEqual([OTHER_AGENT.login, AGENT.login]);
  });

  it('leaves an intent whose answer was lost open, and the late settler records what the read back finds', async () => {
    let directoryBack = false;
    const lost = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    // The read back fails while the directory is away, then finds the change applied.
    const recheck = async () => {
      if (!directoryBack) throw lost;
      return true;
    };
    await expect(trail.withAudit(consentChange(AGENT), async () => Promise.reject(lost), { lateCheck: { recheck } })).rejects.toBe(lost);
    expect(outcomes('consent-change')).toEqual(['pending']);
    expect(settler.pending).toBe(1);

    directoryBack = true;
    await waitFor(() => settler.pending === 0);
    expect(outcomes('consent-change')).toEqual(['pending', 'success']);
    expect(trail.consentProof(TARGET.login)).toHaveLength(1);
  });
});
