/** The external anchor's comparison, the problem codes, the audit.central configuration. */
import { describe, expect, it } from 'vitest';
import { anchorAlarm, compareWithCentre } from '../../../../src/main/central-audit/central-anchor';
import { centralConfigSchema } from '../../../../src/main/central-audit/central-config';
import { forwardingProblem } from '../../../../src/main/central-audit/forwarding-problem';
import { CentralSchemaError } from '../../../../src/main/central-audit/central-migrate';

const H = (c: string) => c.repeat(64);

describe('the external anchor compares the local trail with the centre', () => {
  const central = { headSeq: 150, headHash: H('a') };
  it('nothing at the centre yet, or the same hash at its head: no alarm', () => {
    expect(compareWithCentre({ headSeq: 0, headHash: null }, { seq: 3, hash: H('b') }, null).kind).toBeNull();
    expect(compareWithCentre(central, { seq: 160, hash: H('c') }, { hash: H('a') })).toEqual({
      kind: null,
      report: { centralSeq: 150, localSeq: 160, localHash: H('a') },
    });
  });
  it('a local trail ending before the centre head is shorter; another hash there is diverged; a row deleted under it too', () => {
    expect(compareWithCentre(central, { seq: 100, hash: H('b') }, { missing: 'absent' })).toMatchObject({ kind: 'shorter', report: { localSeq: 100, localHash: null } });
    expect(compareWithCentre(central, { seq: 150, hash: H('d') }, { hash: H('d') }).kind).toBe('diverged');
    expect(compareWithCentre(central, { seq: 170, hash: H('d') }, { missing: 'absent' })).toMatchObject({ kind: 'diverged', report: { localHash: '' } });
  });
  it('purged by the local retention: nothing to compare, no alarm', () => {
    expect(compareWithCentre(central, { seq: 9_000, hash: H('d') }, { missing: 'purged' }).kind).toBeNull();
  });
  it("the centre's own marking (a fork seen at ingest) is an alarm even when the comparison is clean", () => {
    const clean = compareWithCentre(central, { seq: 150, hash: H('a') }, { hash: H('a') });
    expect(anchorAlarm(clean, 'ok')).toBeNull();
    expect(anchorAlarm(clean, 'forked')).toBe('flagged');
    expect(anchorAlarm(compareWithCentre(central, { seq: 1, hash: H('a') }, { missing: 'absent' }), 'regressed')).toBe('shorter');
  });
});

describe('audit.central configuration', () => {
  const valid = { url: 'postgres://audit.univ-demo.fr:5432/guichet_audit?sslmode=verify-full', role: 'guichet_desk_accueil_01', passwordEnv: 'GUICHET_CENTRAL_PASSWORD' };
  it('takes a postgres URL without credentials, the role and the variable holding the password', () => {
    expect(centralConfigSchema.parse(valid)).toMatchObject({ batchSize: 500, pollMs: 1_000, anchorEveryMs: 300_000 });
  });
  it.each([
    ['postgres://desk:secret@audit.univ-demo.fr/guichet_audit', /no user or password/],
    ['mysql://audit.univ-demo.fr/guichet_audit', /postgres:\/\//],
    ['postgres://audit.univ-demo.fr/', /database name/],
    ['postgres://audit.univ-demo.fr/guichet_audit?sslmode=allow', /sslmode among/],
    ['postgres://audit.univ-demo.fr/guichet_audit?password=x', /only sslmode/],
  ])('refuses %s', (url, message) => {
    const parsed = centralConfigSchema.safeParse({ ...valid, url });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toMatch(message);
  });
});

describe('forwarding problems', () => {
  it('problems are closed codes, never the server text', () => {
    expect(forwardingProblem(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe('unreachable');
    expect(forwardingProblem(Object.assign(new Error('x'), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }))).toBe('tls-refused');
    expect(forwardingProblem(Object.assign(new Error('password authentication failed'), { code: '28P01' }))).toBe('auth-refused');
    expect(forwardingProblem(Object.assign(new Error('desk X forwards under another role'), { code: '42501' }))).toBe('desk-refused');
    expect(forwardingProblem(new Error('Query read timeout'))).toBe('timeout');
    expect(forwardingProblem(new CentralSchemaError('x', 5, 4))).toBe('schema');
  });
});
