import { describe, expect, it } from 'vitest';
import { AndFilter, EqualityFilter, OrFilter, SubstringFilter, type Filter } from 'ldapts';
import { attributeMapSchema } from '../../../../src/main/config/schema';
import { buildSearchFilter, nameFilter, searchAttributesOf } from '../../../../src/main/directory/search-filter';
import { accentVariants } from '../../../../src/main/directory/search-names';
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

/**
 * What a directory answers to a filter for one entry, the way slapd's caseIgnoreMatch does
 * (case folded, accents kept). ldapts' own Filter.matches() cannot evaluate these filters:
 * its unicode regular expression rejects the escaped "-" of `(cn=*-ber*)`.
 */
function answers(filter: Filter, entry: Record<string, string>): boolean {
  if (filter instanceof AndFilter) return filter.filters.every((f) => answers(f, entry));
  if (filter instanceof OrFilter) return filter.filters.some((f) => answers(f, entry));
  if (filter instanceof EqualityFilter) return entry[filter.attribute]?.toLowerCase() === String(filter.value).toLowerCase();
  if (filter instanceof SubstringFilter) {
    const value = entry[filter.attribute]?.toLowerCase();
    if (value === undefined) return false;
    const parts = [filter.initial, ...filter.any, filter.final].map((p) => (p ?? '').toLowerCase());
    if (!value.startsWith(parts[0]!)) return false;
    let at = parts[0]!.length;
    for (const part of parts.slice(1, -1)) {
      const found = value.indexOf(part, at);
      if (found < 0) return false;
      at = found + part.length;
    }
    return value.slice(at).endsWith(parts.at(-1)!);
  }
  throw new Error(`filter not evaluated here: ${filter.toString()}`);
}

describe('the name filter reaches the person the agent types', () => {
  it.each([
    // Elided family names typed without their apostrophe, for each elided letter.
    ['dalmeida', "Rui D'Almeida"],
    ['lhote', "Anne L'Hôte"],
    ['ndiaye', "Awa N'Diaye"],
    ['obrien', "Sean O'Brien"],
    // A typographic apostrophe (what a phone or a word processor types) reads as the plain one,
    // whether the accent comes from the accent table or only from the typed form.
    ['m’eba', "Jean M'Éba"],
    ['m’øller', "Anna M'Øller"],
    ['éloïse', 'Éloïse Lefèvre'],
    ['lefevre', 'Éloïse Lefèvre'],
    ['bernard', 'Julie Bernard-Lopez'],
    ['lopez', 'Julie Bernard-Lopez'],
  ])('%s reaches %s', (typed, cn) => {
    expect(answers(nameFilter(typed, search.names)!, { cn })).toBe(true);
  });

  it('the letters after the first three keep unrelated people out of the answer', () => {
    expect(answers(nameFilter('bernard', search.names)!, { cn: 'Julie Berthier' })).toBe(false);
    expect(answers(nameFilter('ndiaye', search.names)!, { cn: 'Awa Ndongo' })).toBe(false);
  });

  it('a three-letter word sends no empty substring (slapd refuses a substring filter without a part)', () => {
    const filter = nameFilter('lee', search.names)!;
    expect(filter.toString()).not.toContain('(cn=*)');
    expect(answers(filter, { cn: 'Bruce Lee' })).toBe(true);
  });

  it('a word that could be a login also asks the login and the alias, even a single letter', () => {
    const filter = buildSearchFilter(recogniseQuery('bernard', 'auto', /^[0-9]{8}$/), search)!;
    expect(answers(filter, { uid: 'bernard', cn: 'Paul Martin' })).toBe(true);
    expect(answers(filter, { supannAliasLogin: 'bernard', cn: 'Paul Martin' })).toBe(true);
    expect(answers(filter, { uid: 'jbernard1', cn: 'Julie Bernard' })).toBe(true);
    expect(filterOf('j')).toBe('(|(uid=j)(supannAliasLogin=j))');
  });
});

describe('two words of a full name that start alike', () => {
  const person = (given: string, family: string) => ({ sn: family, givenName: given, displayName: `${given} ${family}`, cn: `${given} ${family}` });

  it('each asks for four letters of its own, in every spelling, indexed', () => {
    const f = nameFilter('Clémence Clément', search.names)!.toString();
    for (const a of search.names) for (const w of ['menc', 'ménc', 'menç', 'ment', 'mént', 'meňt']) expect(f).toContain(`(${a}=*${w}*)`);
  });

  it.each(['Clémence Clément', 'clement clemence', 'CLEMENCE CLÉMENT', 'Clémençe Clèment'])('%s reaches Clémence Clément, not the people named Clément or Clémence alone', (typed) => {
    const filter = nameFilter(typed, search.names)!;
    expect(answers(filter, person('Clémence', 'Clément'))).toBe(true);
    expect(answers(filter, person('Clément', 'Clémence'))).toBe(true);
    for (const [given, family] of [['Clément', 'Dupont'], ['Lucas', 'Clément'], ['Clémence', 'Martin'], ['Clémentine', 'Leclerc'], ['Clément', 'Leclerc']])
      expect(answers(filter, person(given!, family!)), `${given} ${family}`).toBe(false);
  });

  it('a word typed with its hyphen or glued to its particle still reaches the person', () => {
    expect(answers(nameFilter('marie-claire marin', search.names)!, person('Marie-Claire', 'Marin'))).toBe(true);
    expect(answers(nameFilter('benali benjamin', search.names)!, person('Benjamin', 'Ben Ali'))).toBe(true);
    expect(answers(nameFilter('jean-baptiste jean', search.names)!, person('Jean-Baptiste', 'Jean'))).toBe(true);
    // "eurs" would split the ligature of Lecœurs: no window of its own, the person is still reached.
    expect(answers(nameFilter('lecoeurs lecoeur', search.names)!, person('Lecœur', 'Lecœurs'))).toBe(true);
  });

  it('words that do not start alike are asked as before; the same word twice, once', () => {
    const rémi = nameFilter('rémi', search.names)!.toString();
    const david = nameFilter('david', search.names)!.toString();
    expect(nameFilter('rémi david', search.names)!.toString()).toBe(`(&${rémi}${david})`);
    expect(nameFilter('martin martin', search.names)!.toString()).toBe(nameFilter('martin', search.names)!.toString());
  });
});

describe('the four letters of its own a word asks when another word starts alike', () => {
  const names = search.names;
  const asked = (query: string) => nameFilter(query, names)!.toString();
  /** The word's filter alone, plus its window in every accented spelling (and as typed), in each name attribute. */
  const own = (word: string, window: string | null, typed?: string) => {
    const alone = asked(word);
    if (window === null) return alone;
    const spellings = [...new Set([...accentVariants(window), ...(typed ? [typed] : [])])];
    const any = `(|${spellings.flatMap((s) => names.map((a) => `(${a}=*${s}*)`)).join('')})`;
    return alone.startsWith('(&') ? `${alone.slice(0, -1)}${any})` : `(&${alone}${any})`;
  };
  const all = (...parts: string[]) => `(&${parts.join('')})`;

  it('"Clémence Clément": menc and ment, in every spelling, nothing else', () => {
    expect(asked('Clémence Clément')).toBe(all(own('clémence', 'menc'), own('clément', 'ment')));
  });

  it('a window typed with an accent no table knows is also asked as typed (Mureșanu, N’Diaye-Ștefan)', () => {
    expect(asked('Mureșanu Mureșan')).toBe(all(own('mureșanu', 'sanu', 'șanu'), own('mureșan', null)));
    // The typographic apostrophe splits the typed word where it splits the folded one.
    expect(asked('N’Diaye-Ștefan N’Diaye')).toBe(all(own('n’diaye-ștefan', 'stef', 'ștef'), own('n’diaye', null)));
  });

  it('a word typed with a ligature (folded longer than typed) asks its window in the folded spellings only', () => {
    expect(asked('Lecœurier Lecoeur')).toBe(all(own('lecœurier', 'rier'), own('lecoeur', null)));
  });

  it('a hyphenated word finds its window inside one piece, also at the start of a later piece', () => {
    expect(asked('Marie-Claire Marin')).toBe(all(own('marie-claire', 'lair'), own('marin', null)));
    expect(asked('Jean-Eddy Jeanne')).toBe(all(own('jean-eddy', 'eddy'), own('jeanne', null)));
  });

  it('a window never splits an oe/ae, yet may follow an a or end in an o', () => {
    // "chlo" would cut the "oé" of Chloé (Chlœ): "hloe" holds it whole.
    expect(asked('Marie-Chloé Marin')).toBe(all(own('marie-chloé', 'hloe'), own('marin', null)));
    // "ndro" follows an a and ends the word: nothing to split.
    expect(asked('D’Alessandro D’Alessio')).toBe(all(own('d’alessandro', 'ndro'), own('d’alessio', 'essi')));
  });

  it('the window with the fewest spellings wins, the first of equals; none past the spelling limit', () => {
    // thie and hier have 40 spellings each.
    expect(asked('Gautier Gauthier')).toBe(all(own('gautier', 'tier'), own('gauthier', 'thie')));
    // "eaux" has 169 spellings: Moreaux keeps the filter of any word.
    expect(asked('Moreau Moreaux')).toBe(all(own('moreau', null), own('moreaux', null)));
  });

  it('a window another word of the query holds is not chosen, whichever word holds it', () => {
    expect(asked('Clément Clémentine')).toBe(all(own('clément', null), own('clémentine', 'ntin')));
    // "ment" is in clément, not in clémence: still not chosen for clémentine.
    expect(asked('Clémentine Clément Clémence')).toBe(all(own('clémentine', 'ntin'), own('clément', null), own('clémence', 'menc')));
  });

  it('long words that do not start alike ask no window', () => {
    expect(asked('Clémence Martinez')).toBe(all(asked('clémence'), asked('martinez')));
  });
});

describe('the filter of each kind of search the agent can force', () => {
  it('an empty value is never sent, whatever the key', () => {
    for (const key of ['login', 'alias', 'loginOrAlias', 'studentId', 'staffId', 'ine', 'mail', 'uniqueId', 'name'] as const)
      expect(buildSearchFilter({ key, value: '', typed: '', alsoLoginOrAlias: false }, search)).toBeNull();
  });

  it('an alias search asks the alias as typed and in lower case, not the login', () => {
    expect(filterOf('Julie.Bernard', 'alias')).toBe('(|(supannAliasLogin=Julie.Bernard)(supannAliasLogin=julie.bernard))');
  });

  it('a mail search without "@" asks the two mail attributes only; with "@" also the principal and unique names', () => {
    expect(filterOf('jbernard', 'mail')).toBe('(|(mail=jbernard)(supannMailPerso=jbernard))');
    expect(filterOf('julie.perso@gmail.com', 'mail')).toBe(
      '(|(mail=julie.perso@gmail.com)(supannMailPerso=julie.perso@gmail.com)(eduPersonPrincipalName=julie.perso@gmail.com)(eduPersonUniqueId=julie.perso@gmail.com))',
    );
  });

  it('a unique-identifier search asks the mail attributes only for a value with "@"', () => {
    expect(filterOf('abc123', 'uniqueId')).toBe('(|(eduPersonUniqueId=abc123)(eduPersonPrincipalName=abc123)(supannRefId=abc123)(supannRefId=ABC123))');
    const withAt = buildSearchFilter(recogniseQuery('abc@univ.fr', 'uniqueId', /^[0-9]{8}$/), search)!;
    expect(answers(withAt, { supannMailPerso: 'abc@univ.fr' })).toBe(true);
    expect(answers(withAt, { mail: 'abc@univ.fr' })).toBe(true);
  });
});
