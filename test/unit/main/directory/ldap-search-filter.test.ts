import { describe, expect, it } from 'vitest';
import { attributeMapSchema } from '../../../../src/main/config/schema';
import { buildSearchFilter, nameFilter } from '../../../../src/main/directory/search-filter';
import { recogniseQuery } from '../../../../src/main/directory/search-key';
import { cardAttributes, summaryAttributes } from '../../../../src/main/directory/account-entry';
import { isBelow } from '../../../../src/main/directory/people-dn';

const attrs = attributeMapSchema.parse({});
const filterOf = (typed: string, key: Parameters<typeof recogniseQuery>[1] = 'auto') =>
  buildSearchFilter(recogniseQuery(typed, key, /^[0-9]{8}$/), attrs)?.toString() ?? null;

describe('search filters', () => {
  it.each([
    ['jbernard1', '(|(uid=jbernard1)(supannAliasLogin=jbernard1))'],
    ['Julie.Bernard', '(|(uid=Julie.Bernard)(|(supannAliasLogin=Julie.Bernard)(supannAliasLogin=julie.bernard)))'],
    ['21900001', '(|(supannEtuId=21900001)(supannEmpId=21900001))'],
    ['123456', '(|(supannEmpId=123456)(supannEtuId=123456))'],
    ['0123456789a', '(supannCodeINE=0123456789A)'],
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

  it('names: every accented spelling of a 3-letter word start, and the skeleton of the word', () => {
    const f = nameFilter('eloise', attrs)!.toString();
    expect(f).toContain('(cn=élo*)');
    expect(f).toContain('(cn=* élo*)');
    expect(f).toContain("(cn=*'élo*)");
    expect(f).toContain('(cn=*-élo*)');
    expect(f).toContain('(cn=*s*)');
  });

  it('names: a single letter alone is not searched (it would scan the whole directory)', () => {
    expect(nameFilter('j', attrs)).toBeNull();
    expect(nameFilter('le', attrs)!.toString()).toContain('(sn=le*)');
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
