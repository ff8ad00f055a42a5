/**
 * SIEM forwarding to a real rsyslog over TLS (RFC 5425 framing): every event once, as an
 * RFC 5424 message whose structured data and JSON body are the trail's own (masked) fields;
 * rsyslog down then back, and a wrong CA, lose and double nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRsyslog, type RsyslogFixture } from '../../resources/central/rsyslog-fixture';
import { generateTestCa } from '../../resources/directory/fixture';
import { forwardingLine } from '../../src/shared/audit-forwarding';
import { maskEmail } from '../../src/shared/audit-events';
import { LocalTrail } from '../../src/main/central-audit/local-trail';
import { syslogConfigSchema, type SyslogConfig } from '../../src/main/siem/syslog-config';
import { SyslogForwarder } from '../../src/main/siem/syslog-forwarder';
import { recordToJsonLine } from '../../src/main/audit/export-format';
import { accountViewed, AGENT, signIn, tempAudit, type TempAudit } from './support/audit-temp';
import { eventually } from './support/central-desk';
import { parseReceived, type ReceivedMessage } from './support/syslog-received';

let rsyslog: RsyslogFixture;
beforeAll(async () => {
  rsyslog = await startRsyslog();
});
afterAll(async () => {
  await rsyslog?.stop();
});

/** One desk name per test: the receiver's file holds every test's messages. */
let DESK = '';
let desks = 0;
let audit: TempAudit | null = null;
const forwarders: SyslogForwarder[] = [];
const scratch: string[] = [];
beforeEach(() => {
  DESK = `GUICHET-ÉTÉ ${String(++desks).padStart(2, '0')}`;
});
afterEach(async () => {
  for (const f of forwarders.splice(0)) await f.close();
  audit?.cleanup();
  audit = null;
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
  if (!rsyslog.running) await rsyslog.restart();
});

function forwarder(config: Partial<SyslogConfig> = {}): SyslogForwarder {
  const f = new SyslogForwarder({
    trail: new LocalTrail(audit!.store.db, 'syslog'),
    config: syslogConfigSchema.parse({ host: '127.0.0.1', port: rsyslog.port, caFile: rsyslog.caFile, pollMs: 100, timeoutMs: 3_000, ...config }),
    identity: { hostname: DESK, desk: DESK },
    backoff: { firstMs: 100, maxMs: 400 },
  });
  forwarders.push(f);
  f.start();
  return f;
}

/** What rsyslog stored for this desk, by seq. */
const received = (): ReceivedMessage[] => rsyslog.lines().map(parseReceived).filter((m) => m.sd['desk'] === DESK);

async function allReceived(count: number): Promise<ReceivedMessage[]> {
  await eventually(() => received().length >= count, `rsyslog stored ${count} messages`);
  return received();
}

/** Every local event exactly once, each with the trail's own JSON. */
function expectEachEventOnce(messages: ReceivedMessage[]): void {
  const local = new LocalTrail(audit!.store.db, 'syslog').after(0, 100_000);
  expect(messages.map((m) => Number(m.sd['seq'])).sort((a, b) => a - b)).toEqual(local.map((r) => r.seq));
  const bySeq = new Map(messages.map((m) => [Number(m.sd['seq']), m]));
  for (const record of local) expect(bySeq.get(record.seq)!.body).toEqual(JSON.parse(recordToJsonLine(record)));
}

describe('SIEM forwarding (RFC 5424 over TLS, octet-counted)', () => {
  it("each event once, its fields as structured data and the trail's masked JSON as the body", async () => {
    audit = tempAudit({ workstation: DESK });
    const hostileTarget = { login: 'j]d"u\\p\u202Eont', dn: null };
    const store = audit.store;
    store.append(signIn());
    store.append({ ...accountViewed(AGENT, hostileTarget), comment: 'appel du\nsecrétariat "B]" \\ fin' });
    store.append({
      action: 'notification-sent',
      outcome: 'success',
      agent: AGENT,
      target: hostileTarget,
      details: { channel: 'mail', recipient: maskEmail('jean.dupont@etu.univ-demo.fr'), purpose: 'password-reset' },
    });
    const intent = store.beginIntent({ action: 'account-unlock', agent: AGENT, target: hostileTarget, details: {} });
    store.settle(intent, 'failure', { directoryCode: 50 });
    const f = forwarder();
    // The receiver may store the messages before the session's close confirms the batch.
    await eventually(() => f.status().state === 'up-to-date', 'the batch is confirmed');
    const messages = await allReceived(5);
    expect(f.status()).toMatchObject({ state: 'up-to-date', pending: 0 });
    expect(forwardingLine('SIEM', f.status())).toBe('SIEM : à jour');
    expectEachEventOnce(messages);
    const [first, viewed, , pending, failed] = messages.sort((a, b) => Number(a.sd['seq']) - Number(b.sd['seq']));
    expect(first).toMatchObject({ pri: 13 * 8 + 6, hostname: 'GUICHET-_T__01', appName: 'guichet', msgId: 'sign-in', sdId: 'guichet@32473' });
    expect(first!.sd).toMatchObject({ desk: DESK, seq: '1', outcome: 'success', agent: AGENT.login, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(viewed!.sd['target']).toBe(hostileTarget.login);
    expect(viewed!.body['comment']).toBe('appel du\nsecrétariat "B]" \\ fin');
    expect(viewed!.raw).not.toContain('#012');
    expect(pending).toMatchObject({ pri: 13 * 8 + 5, msgId: 'account-unlock' });
    expect(failed).toMatchObject({ pri: 13 * 8 + 4 });
    expect(failed!.sd['intentSeq']).toBe(pending!.sd['seq']);
    // Masked as in the trail: the address itself never leaves the desk.
    expect(rsyslog.lines().join('\n')).not.toContain('jean.dupont');
  });

  it('rsyslog down then back: the desk goes on, the status says so, every event arrives once', async () => {
    audit = tempAudit({ workstation: DESK });
    for (let i = 0; i < 30; i += 1) audit.store.append(signIn());
    const f = forwarder({ batchSize: 10 });
    await eventually(() => f.status().state === 'up-to-date', 'first events delivered');
    await rsyslog.kill();
    for (let i = 0; i < 25; i += 1) audit.store.append(accountViewed());
    await eventually(() => f.status().state === 'down', 'the receiver is seen down');
    expect(f.status()).toMatchObject({ problem: 'unreachable', pending: 25 });
    expect(forwardingLine('SIEM', f.status())).toMatch(/^SIEM : injoignable depuis \d\d h \d\d — 25 événements en attente, envoyés dès son retour$/);
    await rsyslog.restart();
    await eventually(() => f.status().state === 'up-to-date', 'caught up after the restart');
    expectEachEventOnce(await allReceived(55));
  });

  it('a certificate from another CA is refused: nothing sent, said so; with the right CA everything goes', async () => {
    audit = tempAudit({ workstation: DESK });
    for (let i = 0; i < 12; i += 1) audit.store.append(signIn());
    const dir = mkdtempSync(join(tmpdir(), 'guichet-syslog-ca-'));
    scratch.push(dir);
    const refused = forwarder({ caFile: generateTestCa(dir, 'localhost').caFile });
    await eventually(() => refused.status().state === 'down', 'the certificate is refused');
    expect(refused.status()).toMatchObject({ problem: 'tls-refused', pending: 12 });
    expect(forwardingLine('SIEM', refused.status())).toMatch(/^SIEM : certificat refusé depuis/);
    expect(received()).toEqual([]);
    await refused.close();
    forwarder();
    expectEachEventOnce(await allReceived(12));
  });
});
