/** The name rules: accent folding, the words of a query, and whether names match them. */
import { describe, expect, it } from 'vitest';
import { accentVariants, foldName, fullNameRank, nameMatches, nameTokens } from '../../../../src/main/directory/search-names';

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

describe('full names first', () => {
  it.each([
    ['Clémence Clément', 'Clémence', 'Clément', [], 0],
    ['clemence clement', 'Clémence', 'Clément', [], 0],
    ['Clément Clémence', 'Clémence', 'Clément', [], 1],
    ['Clémence Clément', 'Clémence', 'Abel-Clément', ['Clémence Abel-Clément'], 2],
    ['Clémence Clément', 'Clémence', 'Clément-Abel', [], 2],
    ['Lefevre-Nguessan Eloise', 'Éloïse', "Lefèvre-N'Guessan", [], 1],
    // A married name in sn, the birth name still in cn.
    ['Claire Martin', 'Claire', 'Durand', ['Claire Martin', 'Claire Durand'], 0],
    ['', 'Claire', 'Durand', [], 2],
  ] as const)('%j for %s %s: %i', (query, given, family, names, rank) => {
    expect(fullNameRank(query, given, family, names)).toBe(rank);
  });
});
