/** Recognition of the key of what the agent typed, numbers printed in groups included, and the keys offered instead. */
import { describe, expect, it } from 'vitest';
import { cleanQuery, compactIdentifier, recogniseQuery, searchKeyChoices } from '../../../src/shared/search-query';

const STUDENT = /^[0-9]{8}$/;

describe('recogniseQuery: what the agent typed', () => {
  it.each([
    ['21900001', 'studentId'],
    ['0123456789A', 'ine'],
    ['123456789ab', 'ine'],
    ['123456', 'staffId'],
    ['000777', 'staffId'],
    ['1234567890', 'staffId'],
    ['7f3a9c01d2e4b5a6@univ-demo.fr', 'uniqueId'],
    ['{INVITE}G000123', 'uniqueId'],
    ['{SIHAM}42@x', 'uniqueId'],
    ['julie.bernard@univ-demo.fr', 'mail'],
    ['Julie.Perso@Gmail.com', 'mail'],
    ['jbernard1@univ-demo.fr', 'mail'],
    ['ifournier38@univ-demo.fr', 'mail'],
    ['0123456789@univ-demo.fr', 'uniqueId'],
    ['Zq81mKx0pLw2Ty7Rv@partner.org', 'uniqueId'],
    ['jbernard1', 'loginOrAlias'],
    ['julie.bernard', 'loginOrAlias'],
    ['agent.accueil', 'loginOrAlias'],
    ['dupont', 'name'],
    ['Dupont Martin', 'name'],
    ['éloïse lefèvre', 'name'],
    ["n'diaye", 'name'],
    ['*)(uid=*', 'name'],
    ['', 'name'],
  ] as const)('%s -> %s', (typed, key) => {
    expect(recogniseQuery(typed, 'auto', STUDENT).key).toBe(key);
  });

  it('follows the configured student number pattern', () => {
    expect(recogniseQuery('E1234567', 'auto', /^E\d{7}$/).key).toBe('studentId');
    expect(recogniseQuery('21900001', 'auto', /^E\d{7}$/).key).toBe('staffId');
  });

  it('a forced key overrides recognition', () => {
    expect(recogniseQuery('21900001', 'staffId', STUDENT).key).toBe('staffId');
    expect(recogniseQuery('dupont', 'login', STUDENT).key).toBe('login');
    expect(recogniseQuery('jbernard1', 'name', STUDENT).key).toBe('name');
  });

  it('a bare word that could be a login is also searched as login and alias', () => {
    expect(recogniseQuery('dupont', 'auto', STUDENT).alsoLoginOrAlias).toBe(true);
    expect(recogniseQuery('éloïse', 'auto', STUDENT).alsoLoginOrAlias).toBe(false);
    expect(recogniseQuery('martin dupont', 'auto', STUDENT).alsoLoginOrAlias).toBe(false);
  });

  it('cleans control characters (NUL included) and extra spaces', () => {
    expect(cleanQuery('  jean\u0000  dupont\t\n')).toBe('jean dupont');
    expect(recogniseQuery(' 21900001 ', 'auto', STUDENT)).toMatchObject({ key: 'studentId', value: '21900001' });
  });
});

describe('numbers typed the way they are printed', () => {
  it.each([
    ['2648 6152', 'studentId', '26486152'],
    ['26 486 152', 'studentId', '26486152'],
    ['26.48.61.52', 'studentId', '26486152'],
    ['2648-6152', 'studentId', '26486152'],
    ['2648 – 6152', 'studentId', '26486152'],
    ['2648\u00a06152', 'studentId', '26486152'],
    ['2648\u202f6152', 'studentId', '26486152'],
    ['  26 48 61 52 ', 'studentId', '26486152'],
    ['123 456', 'staffId', '123456'],
    ['12.34.56', 'staffId', '123456'],
    ['0123 456 789 A', 'ine', '0123456789A'],
    ['123 456 789 ab', 'ine', '123456789ab'],
    ['123-456-789-0A', 'ine', '1234567890A'],
  ] as const)('%j -> %s %s', (typed, key, value) => {
    expect(recogniseQuery(typed, 'auto', STUDENT)).toMatchObject({ key, value });
  });

  it('keeps what was typed beside the number searched', () => {
    expect(recogniseQuery('2648 6152', 'auto', STUDENT)).toMatchObject({ value: '26486152', typed: '2648 6152' });
  });

  it('follows the configured pattern once the separators are gone', () => {
    expect(recogniseQuery('E 123 4567', 'auto', /^E\d{7}$/)).toMatchObject({ key: 'studentId', value: 'E1234567' });
  });

  it('a forced number key drops the separators too; other forced keys keep them', () => {
    expect(recogniseQuery('123 456', 'studentId', STUDENT)).toMatchObject({ key: 'studentId', value: '123456' });
    expect(recogniseQuery('2648 6152', 'staffId', STUDENT)).toMatchObject({ key: 'staffId', value: '26486152' });
    expect(recogniseQuery('2648 6152', 'login', STUDENT)).toMatchObject({ key: 'login', value: '2648 6152' });
  });

  it.each([
    ['julie.bernard', 'loginOrAlias'],
    ['jean-pierre.martin2', 'loginOrAlias'],
    ['j.bernard1', 'loginOrAlias'],
    ['Marie-Ève', 'name'],
    ['saint-just', 'name'],
    ['le gall', 'name'],
  ] as const)('names, logins and aliases are not numbers: %s -> %s', (typed, key) => {
    expect(recogniseQuery(typed, 'auto', STUDENT).key).toBe(key);
  });

  it('compacts only groups of letters and digits holding a digit', () => {
    expect(compactIdentifier('2648 6152')).toBe('26486152');
    expect(compactIdentifier('le gall')).toBeNull();
    expect(compactIdentifier('26486152')).toBeNull();
    expect(compactIdentifier('12 *)(uid=*')).toBeNull();
    expect(compactIdentifier('12 @ 34')).toBeNull();
  });
});

describe('the keys offered instead ("Chercher comme")', () => {
  it('offers the other likely keys, never the one recognised', () => {
    expect(searchKeyChoices('studentId', 'auto')).toEqual(['staffId', 'ine', 'login']);
    expect(searchKeyChoices('name', 'auto')).not.toContain('name');
    expect(searchKeyChoices('loginOrAlias', 'auto')).toEqual(expect.arrayContaining(['login', 'alias', 'name']));
  });

  it('offers the automatic choice back once a key was forced', () => {
    expect(searchKeyChoices('staffId', 'staffId')[0]).toBe('auto');
    expect(searchKeyChoices('staffId', 'staffId')).not.toContain('staffId');
  });
});
