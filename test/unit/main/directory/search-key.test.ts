import { describe, expect, it } from 'vitest';
import {
  accentVariants,
  cleanQuery,
  foldName,
  nameMatches,
  nameTokens,
  recogniseQuery,
} from '../../../../src/main/directory/search-key';

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

describe('accent folding and name matching', () => {
  it('folds accents, case and ligatures', () => {
    expect(foldName("Éloïse Lefèvre-N'Guessan")).toBe("eloise lefevre-n'guessan");
    expect(foldName('Lecœur Lætitia')).toBe('lecoeur laetitia');
    expect(foldName('Çelik Trần')).toBe('celik tran');
  });

  it('spells a folded prefix in every accented way', () => {
    const v = accentVariants('elo');
    expect(v).toContain('élo');
    expect(v).toContain('èlo');
    expect(v).toContain('elô');
    expect(v).toContain('ëlö');
    // Rarer forms, one position at a time.
    expect(v).toContain('ẹlo');
    expect(v).not.toContain('ẹlơ');
    expect(accentVariants('tra')).toContain('trầ');
    expect(accentVariants('lec')).toEqual(expect.arrayContaining(['lec', 'leç', 'léc', 'léç', 'lèc', 'lêç', 'lëc', 'leč']));
    expect(accentVariants('coe')).toContain('cœ');
    expect(accentVariants('brt')).toEqual(['brt']);
  });

  it('drops tokens without letters: wildcards and parentheses search nothing', () => {
    expect(nameTokens('*)(uid=*')).toEqual([{ raw: 'uid', folded: 'uid', letters: 'uid' }]);
    expect(nameTokens('* ( ) \\')).toEqual([]);
  });

  const cases: Array<[string, string[], boolean]> = [
    ['eloise lefevre', ["Éloïse Lefèvre-N'Guessan"], true],
    ['lefevre eloise', ["Éloïse Lefèvre-N'Guessan"], true],
    ['ÉLOÏSE', ["Éloïse Lefèvre-N'Guessan"], true],
    ['guessan', ["Éloïse Lefèvre-N'Guessan"], true],
    ['nguessan', ["Éloïse Lefèvre-N'Guessan"], true],
    ['ndiaye', ["Khadija N'Diaye"], true],
    ['dasilva', ['Jean Da Silva'], true],
    ['lecoeur', ['Anne Lecœur'], true],
    ['dup mar', ['Martin Dupont'], true],
    ['lefevre', ['Hervé Lefebvre'], false],
    ['tran', ['Thu Trần'], true],
    ['oise', ['Éloïse Martin'], false],
    ['martin durand', ['Martin Dupont'], false],
  ];
  it.each(cases)('%s matches %j: %s', (query, names, expected) => {
    expect(nameMatches(nameTokens(query), names)).toBe(expected);
  });
});
