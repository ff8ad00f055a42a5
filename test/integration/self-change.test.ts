/**
 * The person's own change with the current password, on UBP's ready profile (ubp.yaml) and a
 * real slapd with ppolicy. It follows the UBP "Kit de survie ENT / étudiant /
 * L'authentification", section "Personnalisez votre mot de passe" (mot de passe actuel,
 * nouveau mot de passe, confirmation). The change is made under the person's bind: the
 * directory checks the current password and applies its own history and quality rules.
 */
import { Attribute, Change, Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAMED_PERSON_PASSWORD, type FixturePerson } from '../../resources/directory/fixture';
import { Phone } from '../support/authenticator';
import { expectOk, expectRefusal } from '../support/console-harness';
import { startDeskSession, type DeskSession } from './support/desk-session';
import { agentSentence, canBind, entryAsRoot, valuesOf } from './support/fault-checks';

describe('UBP "Personnalisez votre mot de passe": the change with the current password', () => {
  let desk: DeskSession;
  beforeAll(async () => {
    desk = await startDeskSession({ people: 60, institution: 'ubp' });
  });
  afterAll(async () => {
    await desk?.close();
  });

  const call = (payload: { dn: string; currentPassword: string; newPassword: string; code?: string }) => expectOk(desk.harness, 'password:self-change', payload);
  const refusal = (payload: { dn: string; currentPassword: string; newPassword: string; code?: string }) => expectRefusal(desk.harness, 'password:self-change', payload);
  let next = 0;
  /** A different active student with a password for each test (each one changes it). */
  const person = (): FixturePerson & { password: string } => {
    const p = desk.fixture.people.filter((q) => q.key === null && q.state === 'active' && q.password !== null)[next++];
    return p as FixturePerson & { password: string };
  };
  const everything = () => JSON.stringify(desk.harness.services.auditDb.prepare('SELECT * FROM events').all());
  const trailOf = (login: string) =>
    (desk.harness.services.auditDb.prepare("SELECT action, outcome, details, evidence FROM events WHERE target_login = ? AND action = 'password-change' ORDER BY seq").all(login) as Array<{
      action: string;
      outcome: string;
      details: string;
      evidence: string;
    }>).map((r) => r.outcome);
  const policyDn = () => `cn=default,ou=policies,${desk.fixture.baseDn}`;
  async function setPolicy(type: string, value: string): Promise<void> {
    const client = new Client({ url: desk.fixture.url, timeout: 3_000 });
    try {
      await client.bind(desk.fixture.rootDn, desk.fixture.rootPassword);
      await client.modify(policyDn(), new Change({ operation: 'replace', modification: new Attribute({ type, values: [value] }) }));
    } finally {
      await client.unbind();
    }
  }

  it('success: the person signs in with the new password, no longer with the old one; on record and mailed, neither password anywhere', async () => {
    const p = person();
    const chosen = 'Puy-de-Dome!Volcan7';
    const mails = desk.smtp.received.length;
    // No identity check first: the current password is the proof.
    const done = await call({ dn: p.dn, currentPassword: p.password, newPassword: chosen });
    expect(done.login).toBe(p.login);
    expect(await canBind(desk.fixture, p.dn, chosen)).toBe(true);
    expect(await canBind(desk.fixture, p.dn, p.password)).toBe(false);
    expect(trailOf(p.login)).toEqual(['pending', 'success']);
    const notice = await desk.smtp.waitFor(mails + 1);
    expect(notice.body).toContain('vous avez donné l’ancien');
    expect(JSON.stringify(done)).not.toContain(chosen);
    expect(everything()).not.toContain(chosen);
    expect(everything()).not.toContain(p.password);
    // The directory's history holds the old one now (checked under the person's bind below).
    expect(valuesOf(await entryAsRoot(desk.fixture, p.dn), 'pwdHistory')).toHaveLength(1);
  });

  it('a wrong current password: refused next to that field, nothing changed, counted like a failed sign-in (desk throttle and the directory lockout)', async () => {
    const p = person();
    const chosen = 'Gergovie#Arverne63';
    const wrong = await refusal({ dn: p.dn, currentPassword: `${p.password}x`, newPassword: chosen });
    expect(wrong).toMatchObject({ code: 'INVALID_CREDENTIALS', details: { field: 'currentPassword', reason: 'current-password' } });
    await agentSentence(wrong);
    // The directory counted it (ppolicy pwdFailureTime): it counts towards the person's own lockout.
    expect(valuesOf(await entryAsRoot(desk.fixture, p.dn), 'pwdFailureTime')).toHaveLength(1);
    // (A sign-in with the right password clears that count.)
    expect(await canBind(desk.fixture, p.dn, p.password)).toBe(true);
    expect(trailOf(p.login)).toEqual(['pending', 'denied']);
    // Two more, and the desk blocks the person's sign-in and this change alike, even with the right password.
    for (let i = 0; i < 2; i += 1) await refusal({ dn: p.dn, currentPassword: `wrong-${i}`, newPassword: chosen });
    expect((await refusal({ dn: p.dn, currentPassword: p.password, newPassword: chosen })).code).toBe('THROTTLED');
    expect((await expectRefusal(desk.harness, 'verification:person-sign-in', { dn: p.dn, password: p.password })).code).toBe('THROTTLED');
    const state = await expectOk(desk.harness, 'verification:status', { dn: p.dn });
    expect(state.blocked['person-sign-in']).toBeDefined();
    expect(await canBind(desk.fixture, p.dn, chosen)).toBe(false);
    expect(everything()).not.toContain(chosen);
    expect(everything()).not.toContain(`${p.password}x`);
  });

  it('a new password the directory refuses: one of the last ones (history), then one too short for its policy (quality), each said next to the new password', async () => {
    const p = person();
    const first = 'Clermont#Basalte2026';
    await call({ dn: p.dn, currentPassword: p.password, newPassword: first });
    // The same password as the current one: refused by the console before anything is sent.
    expect((await refusal({ dn: p.dn, currentPassword: first, newPassword: first })).details).toMatchObject({ reason: 'same-as-current', field: 'newPassword' });
    // Back to a former password: the console's rules accept it, the directory's history does not.
    const second = 'Volvic#Source-2027';
    await call({ dn: p.dn, currentPassword: first, newPassword: second });
    const history = await refusal({ dn: p.dn, currentPassword: second, newPassword: first });
    expect(history).toMatchObject({ code: 'POLICY_VIOLATION', details: { reason: 'history', policy: 'in-history', field: 'newPassword' } });
    await agentSentence(history);
    expect(await canBind(desk.fixture, p.dn, second)).toBe(true);

    await setPolicy('pwdMinLength', '30');
    try {
      const short = await refusal({ dn: p.dn, currentPassword: second, newPassword: 'Chaine-des-Puys!2028' });
      expect(short).toMatchObject({ code: 'POLICY_VIOLATION', details: { reason: 'directory-policy', policy: 'too-short', field: 'newPassword' } });
    } finally {
      await setPolicy('pwdMinLength', '12');
    }
    expect(await canBind(desk.fixture, p.dn, second)).toBe(true);
    // A refused new password proves the current one was right: the desk's count is not raised by it.
    const state = await expectOk(desk.harness, 'verification:status', { dn: p.dn });
    expect(state.blocked['person-sign-in']).toBeUndefined();
  });

  it('a directory refusal mid-way: the person’s bind is accepted, then the change refused (people may not change their own password): nothing changed, on record as denied', async () => {
    const p = person();
    const chosen = 'Montferrand!Rugby15';
    await setPolicy('pwdAllowUserChange', 'FALSE');
    try {
      const refused = await refusal({ dn: p.dn, currentPassword: p.password, newPassword: chosen });
      expect(refused).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'user-change-not-allowed' } });
      await agentSentence(refused);
    } finally {
      await setPolicy('pwdAllowUserChange', 'TRUE');
    }
    expect(await canBind(desk.fixture, p.dn, p.password)).toBe(true);
    expect(await canBind(desk.fixture, p.dn, chosen)).toBe(false);
    expect(trailOf(p.login)).toEqual(['pending', 'denied']);
    // Once the directory allows it again, the same change goes through.
    await call({ dn: p.dn, currentPassword: p.password, newPassword: chosen });
    expect(await canBind(desk.fixture, p.dn, chosen)).toBe(true);
  });

  it('refused before anything is tried: a locked account, an account never activated, a password against the console’s rules', async () => {
    const locked = desk.fixture.named.locked;
    expect((await refusal({ dn: locked.dn, currentPassword: 'Etudiant-Demo-2026!', newPassword: 'Puy-de-Dome!Volcan7' })).code).toBe('ACCOUNT_LOCKED');
    const never = desk.fixture.people.find((q) => q.key === null && q.state === 'neverActivated')!;
    expect((await refusal({ dn: never.dn, currentPassword: 'anything', newPassword: 'Puy-de-Dome!Volcan7' })).code).toBe('ACCOUNT_STATE');
    const p = person();
    const weak = await refusal({ dn: p.dn, currentPassword: p.password, newPassword: 'court' });
    expect(weak).toMatchObject({ code: 'POLICY_VIOLATION', details: { reason: 'rules', field: 'newPassword' } });
    // Nothing was sent to the directory: no failure counted, the password as it was.
    expect(await canBind(desk.fixture, p.dn, p.password)).toBe(true);
    expect(trailOf(p.login)).toEqual([]);
  });

  it('with an authenticator: the current code is asked for and checked with the current password (as at the person’s sign-in), then the change is made', async () => {
    const holder = desk.fixture.tokenHolders.enrolled;
    const phone = new Phone(holder.totpSecret);
    const chosen = 'Sancy#Sommet-1886';
    const history = async () => valuesOf(await entryAsRoot(desk.fixture, holder.dn), 'pwdHistory').length;
    const before = await history();
    expect(await refusal({ dn: holder.dn, currentPassword: NAMED_PERSON_PASSWORD, newPassword: chosen })).toMatchObject({ code: 'INVALID_REQUEST', details: { reason: 'code-required', field: 'code' } });
    expect(await refusal({ dn: holder.dn, currentPassword: NAMED_PERSON_PASSWORD, newPassword: chosen, code: phone.wrongCode() })).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      details: { field: 'currentPassword' },
    });
    expect(await history()).toBe(before);
    await call({ dn: holder.dn, currentPassword: NAMED_PERSON_PASSWORD, newPassword: chosen, code: phone.nextCode() });
    // The old password went into the directory's history: the change was made.
    expect(await history()).toBe(before + 1);
    expect(everything()).not.toContain(chosen);
  });
});
