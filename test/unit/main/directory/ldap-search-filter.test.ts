import { describe, expect, it } from 'vitest';
import { attributeMapSchema } from '../../../../src/main/config/schema';
import { buildSearchFilter, nameFilter, searchAttributesOf } from '../../../../src/main/directory/search-filter';
import { recogniseQuery } from '../../../../src/shared/search-query';
import { cardAttributes, summaryAttributes } from '../../../../src/main/directory/account-entry';
import { isBelow } from '../../../../src/main/directory/people-dn';

const attrs = attributeMapSchema.parse({});
const search = searchAttributesOf({ attributes: attrs });
const filterOf = (typed: string, key: Parameters<typeof recogniseQuery>[1] = 'auto') =>
  buildSearchFilter(recogniseQuery(typed, key, /^[0-9]{8}$/), search)?.toString() ?? null;

describe('search filters', () => {
  it.each([
    ['jbernard1', '(|(uid=jbernard1)(supannAliasLogin=jbernard1))'],
    ['Julie.Bernard', '(|(uid=Julie.Bernard)(|(supannAliasLogin=Julie.Bernard)(supannAliasLogin=julie.bernard)))'],
    ['21900001', '(|(supannEtuId=21900001)(supannEmpId=21900001))'],
    ['123456', '(|(supannEmpId=123456)(supannEtuId=123456))'],
    ['0123456789a', '(supannCodeINE=0123456789A)'],
    ['2648 6152', '(|(supannEtuId=26486152)(supannEmpId=26486152)(supannEtuId=2648 6152)(supannEmpId=2648 6152))'],
    ['12.34.56', '(|(supannEmpId=123456)(supannEtuId=123456)(supannEmpId=12.34.56)(supannEtuId=12.34.56))'],
  ])('%s -> %s', (typed, expected) => {
    expect(filterOf(typed)).toBe(expected);
  });

  it('a mail-like query looks in every address-like attribute', () => {
    const f = filterOf('julie.perso@gmail.com')!;
    for (const a of ['mail', 'supannMailPerso', 'eduPersonPrincipalName', 'eduPersonUniqueId']) expect(f).toContain(`(${a}=julie.perso@gmail.com)`);
  });

  it('a supannRefId is tried as typed and in upper case (caseExact)', () => {
    const f = filterOf('{invite}g000123')!;
    expect(f).toContain('(supannRefId={invite}g000123)');
    expect(f).toContain('(supannRefId={INVITE}G000123)');
  });

  it('hostile input is escaped, never filter syntax', () => {
    // Equality values are escaped by ldapts on the wire; the string form shows the escapes.
    const login = filterOf('*)(uid=*', 'login')!;
    expect(login).toBe('(uid=\\2a\\29\\28uid=\\2a)');
    const name = filterOf('*)(uid=*')!;
    expect(name).not.toMatch(/\(uid=\*\)/);
    expect(filterOf('\\', 'auto')).toBeNull();
    expect(filterOf('()', 'auto')).toBeNull();
    expect(filterOf('*', 'auto')).toBeNull();
  });

  it('names: a plain word start at the start of the value and after each separator, accented spellings anywhere (4 bytes: indexed)', () => {
    const f = nameFilter('eloise', search.names)!.toString();
    for (const start of ['(cn=elo*)', '(cn=* elo*)', "(cn=*'elo*)", '(cn=*-elo*)', '(cn=*élo*)', '(cn=*èlö*)', '(cn=*ẹlo*)']) expect(f).toContain(start);
    // The skeleton (letters that never carry an accent, after the first three) is checked first, in any name attribute.
    expect(f.startsWith('(&(|(sn=*s*)(givenName=*s*)(displayName=*s*)(cn=*s*))(|')).toBe(true);
  });

  it('names: in every name attribute the configuration maps, the same rules', () => {
    expect(search.names).toEqual(['sn', 'givenName', 'displayName', 'cn']);
    const f = nameFilter('eloise', search.names)!.toString();
    for (const a of search.names) for (const start of [`(${a}=elo*)`, `(${a}=* elo*)`, `(${a}=*-elo*)`, `(${a}=*'elo*)`, `(${a}=*élo*)`]) expect(f).toContain(start);
    const renamed = searchAttributesOf({ attributes: attributeMapSchema.parse({ familyName: 'nomUsage' }) });
    expect(renamed.names).toEqual(['nomUsage', 'givenName', 'displayName', 'cn']);
    const listed = searchAttributesOf({ attributes: attrs, nameAttributes: ['cn', 'CN', 'supannNomDeNaissance'] });
    expect(listed.names).toEqual(['cn', 'supannNomDeNaissance']);
    expect(nameFilter('eloise', listed.names)!.toString()).not.toContain('(sn=');
  });

  it('names: a single letter alone is not searched (it would scan the whole directory)', () => {
    expect(nameFilter('j', search.names)).toBeNull();
    const two = nameFilter('le', search.names)!.toString();
    for (const a of search.names) expect(two).toContain(`(${a}=le*)`);
  });
});

describe('attributes asked for', () => {
  it('never the date of birth, the password or the secret answer', () => {
    for (const list of [summaryAttributes(attrs), cardAttributes(attrs)]) {
      const lower = list.map((a) => a.toLowerCase());
      for (const banned of ['schacdateofbirth', 'supannoidcdatedenaissance', 'userpassword', 'guichetsecretanswerhash', 'pwdhistory'])
        expect(lower).not.toContain(banned);
    }
  });

  it('not even when the mapping points a field at one of them', () => {
    const bad = attributeMapSchema.parse({ mobile: 'schacDateOfBirth', mail: 'userPassword' });
    expect(cardAttributes(bad).map((a) => a.toLowerCase())).not.toContain('schacdateofbirth');
    expect(cardAttributes(bad).map((a) => a.toLowerCase())).not.toContain('userpassword');
  });
});

describe('account DNs', () => {
  const base = 'ou=people,dc=univ-demo,dc=fr';
  it.each([
    ['uid=jbernard1,ou=people,dc=univ-demo,dc=fr', true],
    ['UID=jbernard1, OU=People, DC=univ-demo, DC=fr', true],
    ['uid=x\\,y,ou=people,dc=univ-demo,dc=fr', true],
    ['ou=people,dc=univ-demo,dc=fr', false],
    ['cn=helpdesk,ou=groups,dc=univ-demo,dc=fr', false],
    ['uid=x,ou=people,dc=other,dc=fr', false],
    ['uid=x,ou=people\\,dc=univ-demo,dc=fr', false],
    ['uid=x\u0000,ou=people,dc=univ-demo,dc=fr', false],
    ['garbage', false],
    ['uid=x,=people,dc=univ-demo,dc=fr', false],
  ])('%s below people: %s', (dn, expected) => {
    expect(isBelow(dn, base)).toBe(expected);
  });
});
