/**
 * The whole console (real slapd, real services) with `audit.central` and `audit.syslog`: the desk
 * signs in and opens accounts while the centre is down, app:status says so in French, and the
 * trail reaches the centre once it is back. Without either setting the console is as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDirectory, type DirectoryFixture } from '../../resources/directory/fixture';
import { forwardingStatusLines } from '../../src/shared/audit-forwarding';
import { expectOk, signInAs, startConsole } from '../support/console-harness';
import { centralView, eventually, usePostgres } from './support/central-desk';

const server = usePostgres();
let fixture: DirectoryFixture;
beforeAll(async () => {
  fixture = await startDirectory({ people: 10 });
});
afterAll(async () => {
  await fixture?.stop();
});

describe('the console with a central audit store', () => {
  it('the centre down at start: sign-in and lookups work, the status bar says so, and the trail arrives once it is back', async () => {
    const desk = await server.pg.createDesk();
    process.env['GUICHET_TEST_CENTRAL_PASSWORD'] = desk.password;
    await server.pg.kill();
    const console = startConsole({
      fixture,
      overrides: {
        workstation: 'GUICHET-CONSOLE-01',
        audit: {
          central: {
            url: `postgres://127.0.0.1:${server.pg.port}/${server.pg.database}?sslmode=disable`,
            role: desk.role,
            passwordEnv: 'GUICHET_TEST_CENTRAL_PASSWORD',
            pollMs: 100,
            connectTimeoutMs: 1_000,
          },
        },
      },
    });
    try {
      await signInAs(console, fixture, 'agent');
      const person = fixture.people[0]!;
      await expectOk(console, 'account:open', { dn: person.dn });
      const down = await eventually(async () => {
        const status = await expectOk(console, 'app:status', {});
        return status.forwarding.central?.state === 'down' ? status : null;
      }, 'app:status reports the centre down');
      expect(down.forwarding).toMatchObject({ central: { problem: 'unreachable' }, anchor: { state: 'unchecked' }, syslog: null });
      expect(forwardingStatusLines(down.forwarding)[0]).toMatch(/^Centre d’audit : injoignable depuis .* événements? en attente, envoyés dès son retour$/);
      await server.pg.restart();
      const local = console.services.auditDb.prepare('SELECT max(seq) FROM events').pluck().get() as number;
      await eventually(async () => (await centralView(server.pg, 'GUICHET-CONSOLE-01').catch(() => null))?.rows === local, 'the trail reaches the centre');
      const view = await centralView(server.pg, 'GUICHET-CONSOLE-01');
      expect(view.verification).toMatchObject({ state: 'ok', broken: null, events: local });
      const { rows } = await server.pg.admin("SELECT action FROM guichet.events WHERE desk = 'GUICHET-CONSOLE-01' ORDER BY seq");
      expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['sign-in', 'account-viewed']));
      // The centre holds it all; the desk hears so with the batch's answer.
      const up = await eventually(async () => {
        const status = await expectOk(console, 'app:status', {});
        return status.forwarding.central?.state === 'up-to-date' ? status : null;
      }, 'app:status says up to date');
      expect(forwardingStatusLines(up.forwarding)).toEqual(["Centre d’audit : à jour"]);
      expect(up.forwarding.anchor).toMatchObject({ state: 'ok' });
    } finally {
      if (!server.pg.running) await server.pg.restart();
      await console.close();
    }
  });

  it('without audit.central nor audit.syslog: nothing is forwarded, the status says nothing about it', async () => {
    const console = startConsole({ fixture });
    try {
      await signInAs(console, fixture, 'agent');
      const status = await expectOk(console, 'app:status', {});
      expect(status.forwarding).toEqual({ central: null, anchor: null, syslog: null });
      expect(forwardingStatusLines(status.forwarding)).toEqual([]);
      expect(console.services.auditDb.prepare('SELECT count(*) FROM forward_watermarks').pluck().get()).toBe(0);
    } finally {
      await console.close();
    }
  });
});
