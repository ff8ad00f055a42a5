import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attribute, BerWriter, Change, Client, EqualityFilter } from 'ldapts';
import { generateTestCa, startDirectory, type DirectoryFixture } from '../../resources/directory/fixture';

const PASSWORD_MODIFY_OID = '1.3.6.1.4.1.4203.1.11.1';

function passwordModifyValue(dn: string, newPassword: string, oldPassword?: string): Buffer {
  const w = new BerWriter();
  w.startSequence();
  w.writeString(dn, 0x80);
  if (oldPassword !== undefined) w.writeString(oldPassword, 0x81);
  w.writeString(newPassword, 0x82);
  w.endSequence();
  return w.buffer;
}

/** ldapts gives one value as a string, several as an array, an absent attribute as [] or not at all. */
function vals(entry: Record<string, unknown>, attr: string): unknown[] {
  const v = entry[attr];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** A running (not zombie) slapd with this pid. An orphan killed at exit may stay a zombie until init reaps it. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && stat.includes('(slapd)');
  } catch {
    return false;
  }
}

describe('directory fixture (real slapd, tls)', () => {
  let dir: DirectoryFixture;
  const clients: Client[] = [];
  const wrongCaDir = mkdtempSync(path.join(os.tmpdir(), 'guichet-wrong-ca-'));

  const client = (url = dir.url, tlsOptions?: { ca: Buffer[] }) => {
    const c = new Client({ url, timeout: 5000, connectTimeout: 3000, ...(tlsOptions ? { tlsOptions } : {}) });
    clients.push(c);
    return c;
  };
  const bound = async (dn: string, password: string) => {
    const c = client();
    await c.bind(dn, password);
    return c;
  };
  const agent = (kind: string) => dir.agents.find((a) => a.kind === kind)!;
  const asAgent = () => bound(agent('agent').dn, agent('agent').password);
  const asRoot = () => bound(dir.rootDn, dir.rootPassword);

  beforeAll(async () => {
    dir = await startDirectory({ tls: true, people: 50 });
  });

  // unbind on a connection that is already gone waits for the timeout: only close live ones
  const closeClients = () => Promise.all(clients.splice(0).filter((c) => c.isConnected).map((c) => c.unbind().catch(() => undefined)));

  afterAll(async () => {
    await closeClients();
    await dir?.stop();
    rmSync(wrongCaDir, { recursive: true, force: true });
  });

  it('says where the load went: slapadd on a CPU, and waiting for one', () => {
    const t = dir.timings;
    expect(t.reusedLoad).toBe(false);
    expect(t.slapaddCpuSeconds).toBeGreaterThan(0);
    expect(t.slapaddCpuWaitSeconds).not.toBeNull();
    expect(t.slapaddCpuWaitSeconds!).toBeGreaterThanOrEqual(0);
    // Read while slapadd runs: never more than its threads could wait in the time it took.
    expect(t.slapaddCpuWaitSeconds!).toBeLessThanOrEqual(t.slapaddSeconds * t.slapaddThreads);
  });

  it('loads the people, the agents and the groups', async () => {
    expect(dir.url).toMatch(/^ldap:\/\/127\.0\.0\.1:\d+$/);
    expect(dir.ldapsUrl).toMatch(/^ldaps:\/\/localhost:\d+$/);
    expect(dir.people).toHaveLength(50 + 17);
    const root = await asRoot();
    const { searchEntries } = await root.search(dir.peopleBase, { scope: 'one', filter: '(objectClass=inetOrgPerson)', attributes: ['uid'], paged: true });
    expect(searchEntries).toHaveLength(dir.people.length + dir.agents.length + Object.keys(dir.tokenHolders).length);
    const { searchEntries: groups } = await root.search(dir.agentsGroupDn, { scope: 'base', attributes: ['member'] });
    expect(groups[0]!.member).toEqual(expect.arrayContaining([agent('agent').dn, agent('supervisor').dn, agent('locked-agent').dn]));
    expect(groups[0]!.member).not.toContain(agent('not-agent').dn);
    // operational attributes came in through slapadd
    const locked = dir.named.locked;
    const { searchEntries: [l] } = await root.search(locked.dn, { scope: 'base', attributes: ['pwdAccountLockedTime', 'pwdFailureTime', 'pwdChangedTime'] });
    expect(l!.pwdAccountLockedTime).toBe(locked.pwdAccountLockedTime);
    expect(l!.pwdFailureTime).toHaveLength(locked.pwdFailureTimes.length);
    const { searchEntries: [r] } = await root.search(dir.named.resetPending.dn, { scope: 'base', attributes: ['pwdReset'] });
    expect(r!.pwdReset).toBe('TRUE');
  });

  it('lets agents bind and refuses the locked agent with 49', async () => {
    await asAgent();
    await bound(agent('supervisor').dn, agent('supervisor').password);
    await bound(agent('not-agent').dn, agent('not-agent').password);
    await expect(bound(agent('locked-agent').dn, agent('locked-agent').password)).rejects.toMatchObject({ code: 49 });
    await expect(bound(agent('agent').dn, 'not-the-password')).rejects.toMatchObject({ code: 49 });
  });

  it('lets the desk compare a date of birth but never read or search it', async () => {
    const c = await asAgent();
    const p = dir.named.active;
    expect(await c.compare(p.dn, 'schacDateOfBirth', p.dateOfBirth)).toBe(true);
    expect(await c.compare(p.dn, 'schacDateOfBirth', '19000101')).toBe(false);
    const { searchEntries } = await c.search(p.dn, { scope: 'base', attributes: ['schacDateOfBirth', 'supannOIDCDateDeNaissance', 'mail', 'userPassword', 'pwdReset'] });
    expect(searchEntries[0]!.mail).toBe(p.mail);
    expect(vals(searchEntries[0]!, 'schacDateOfBirth')).toEqual([]);
    expect(vals(searchEntries[0]!, 'supannOIDCDateDeNaissance')).toEqual([]);
    expect(vals(searchEntries[0]!, 'userPassword')).toEqual([]);
    const bySearch = await c.search(dir.peopleBase, { filter: new EqualityFilter({ attribute: 'schacDateOfBirth', value: p.dateOfBirth }), attributes: ['uid'] });
    expect(bySearch.searchEntries).toHaveLength(0);
    // the person reads their own date
    const self = await bound(p.dn, p.password!);
    const own = await self.search(p.dn, { scope: 'base', attributes: ['schacDateOfBirth', 'userPassword'] });
    expect(own.searchEntries[0]!.schacDateOfBirth).toBe(p.dateOfBirth);
    expect(vals(own.searchEntries[0]!, 'userPassword')).toEqual([]);
  });

  it('resets a locked password as password administrator: pwdReset TRUE, lock cleared', async () => {
    const c = await asAgent();
    const p = dir.named.locked;
    await expect(bound(p.dn, p.password!)).rejects.toMatchObject({ code: 49 });
    const temporary = 'Temporaire-Guichet-42';
    await c.exop(PASSWORD_MODIFY_OID, passwordModifyValue(p.dn, temporary));
    const { searchEntries } = await c.search(p.dn, { scope: 'base', attributes: ['pwdReset', 'pwdAccountLockedTime', 'pwdFailureTime', 'pwdChangedTime'] });
    expect(searchEntries[0]!.pwdReset).toBe('TRUE');
    expect(vals(searchEntries[0]!, 'pwdAccountLockedTime')).toEqual([]);
    expect(vals(searchEntries[0]!, 'pwdFailureTime')).toEqual([]);
    expect(searchEntries[0]!.pwdChangedTime).toMatch(/Z$/);
    // the person can bind, but must change the password before anything else
    const self = await bound(p.dn, temporary);
    await expect(self.search(p.dn, { scope: 'base' })).rejects.toMatchObject({ code: 50 });
    // too short for pwdMinLength 12: refused even to the owner (19)
    await expect(self.exop(PASSWORD_MODIFY_OID, passwordModifyValue(p.dn, 'Court-1!', temporary))).rejects.toMatchObject({ code: 19 });
    await self.exop(PASSWORD_MODIFY_OID, passwordModifyValue(p.dn, 'Choisi-Par-Hugo-2026', temporary));
    const root = await asRoot();
    const after = await root.search(p.dn, { scope: 'base', attributes: ['pwdReset'] });
    expect(vals(after.searchEntries[0]!, 'pwdReset')).toEqual([]);
  });

  it('lets the desk unlock by deleting pwdAccountLockedTime', async () => {
    const c = await asAgent();
    const locked = agent('locked-agent');
    await c.modify(locked.dn, new Change({ operation: 'delete', modification: new Attribute({ type: 'pwdAccountLockedTime' }) }));
    await bound(locked.dn, locked.password);
  });

  it('refuses writes by someone outside the helpdesk group (50)', async () => {
    const c = await bound(agent('not-agent').dn, agent('not-agent').password);
    const target = dir.named.active;
    await expect(
      c.modify(target.dn, new Change({ operation: 'replace', modification: new Attribute({ type: 'mobile', values: ['+33 6 00 00 00 00'] }) })),
    ).rejects.toMatchObject({ code: 50 });
    await expect(c.exop(PASSWORD_MODIFY_OID, passwordModifyValue(target.dn, 'Pirate-Password-2026'))).rejects.toMatchObject({ code: 50 });
    // and cannot even see the other entries (no disclose on ou=people: 32, or nothing found)
    const found = await c
      .search(dir.peopleBase, { filter: new EqualityFilter({ attribute: 'uid', value: target.login }) })
      .then((r) => r.searchEntries.length, (e: { code?: number }) => (e.code === 32 ? 0 : Promise.reject(e)));
    expect(found).toBe(0);
  });

  it('gives the service account only what it needs to find agents', async () => {
    const c = await bound(dir.serviceDn, dir.servicePassword);
    const a = agent('agent');
    const { searchEntries } = await c.search(dir.peopleBase, { filter: new EqualityFilter({ attribute: 'uid', value: a.login }), attributes: ['*'] });
    expect(searchEntries).toHaveLength(1);
    expect(searchEntries[0]!.dn).toBe(a.dn);
    expect(searchEntries[0]!.displayName).toBe(a.displayName);
    expect(vals(searchEntries[0]!, 'mail')).toEqual([]);
    expect(vals(searchEntries[0]!, 'supannEmpId')).toEqual([]);
    const groups = await c.search(dir.agentsGroupDn, { scope: 'base', attributes: ['member'] });
    expect(groups.searchEntries[0]!.member).toContain(a.dn);
    await expect(
      c.modify(a.dn, new Change({ operation: 'replace', modification: new Attribute({ type: 'displayName', values: ['x'] }) })),
    ).rejects.toMatchObject({ code: 50 });
  });

  it('speaks ldaps and StartTLS with the test CA, and refuses a wrong CA', async () => {
    const ca = [readFileSync(dir.caFile!)];
    const s = client(dir.ldapsUrl!, { ca });
    await s.bind(agent('agent').dn, agent('agent').password);
    expect((await s.search(dir.named.active.dn, { scope: 'base', attributes: ['uid'] })).searchEntries).toHaveLength(1);

    const st = client();
    await st.startTLS({ ca, servername: dir.tlsHostname });
    await st.bind(agent('agent').dn, agent('agent').password);
    expect((await st.search(dir.named.active.dn, { scope: 'base', attributes: ['uid'] })).searchEntries).toHaveLength(1);

    // closed here: once the server dies, a StartTLS'd ldapts client still says isConnected and
    // its unbind() waits for the timeout
    await s.unbind();
    await st.unbind();

    const wrong = [readFileSync(generateTestCa(wrongCaDir).caFile)];
    await expect(client(dir.ldapsUrl!, { ca: wrong }).bind(agent('agent').dn, agent('agent').password)).rejects.toThrow(/certificate/i);
    // after a failed StartTLS handshake ldapts still reports the client connected and an
    // unbind() waits for its timeout: these two are left for the server to close
    const loose = () => new Client({ url: dir.url, timeout: 2000, connectTimeout: 2000 });
    await expect(loose().startTLS({ ca: wrong, servername: dir.tlsHostname })).rejects.toThrow(/certificate/i);
    // the name must match too
    await expect(loose().startTLS({ ca, servername: 'ldap.univ-demo.fr' })).rejects.toThrow(/altnames|certificate|hostname/i);
  });

  it('survives kill() + restart() with its data, then stop() leaves nothing behind', async () => {
    const firstPid = dir.pid;
    dir.kill();
    await expect(client().bind(agent('agent').dn, agent('agent').password)).rejects.toThrow();
    await dir.restart();
    expect(dir.pid).not.toBe(firstPid);
    // the reset done above is still there after a SIGKILL
    await bound(dir.named.locked.dn, 'Choisi-Par-Hugo-2026');
    const pid = dir.pid;
    const folder = dir.dir;
    expect(isAlive(pid)).toBe(true);
    expect(existsSync(folder)).toBe(true);
    await closeClients();
    await dir.stop();
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(folder)).toBe(false);
    await dir.stop(); // idempotent
  });
});

describe('directory fixture cleanup', () => {
  it('kills slapd and removes its folder when the process exits without stop()', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'guichet-exit-hook-'));
    try {
      const fixtureUrl = pathToFileURL(fileURLToPath(new URL('../../resources/directory/fixture.ts', import.meta.url))).href;
      const script = path.join(tmp, 'forget-to-stop.mts');
      writeFileSync(
        script,
        `import { startDirectory } from ${JSON.stringify(fixtureUrl)};\n` +
          'const d = await startDirectory({ people: 0 });\n' +
          'console.log(JSON.stringify({ pid: d.pid, dir: d.dir }));\n' +
          'process.exit(0);\n',
      );
      const out = execFileSync(process.execPath, ['--import', 'tsx', script], { cwd: process.cwd(), encoding: 'utf8', timeout: 30_000 });
      const { pid, dir } = JSON.parse(out.trim().split('\n').pop()!) as { pid: number; dir: string };
      expect(pid).toBeGreaterThan(0);
      // SIGKILL is sent as the process exits; on a busy machine slapd takes a moment to be gone.
      await expect.poll(() => isAlive(pid), { timeout: 5_000, interval: 50 }).toBe(false);
      expect(existsSync(dir)).toBe(false);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
