/**
 * People of the test directory whose names do not agree from one attribute to the next, as
 * in real directories: a married name in sn and displayName while cn keeps the birth name, a
 * typo fixed in sn but not in cn and displayName, a pseudonymised cn. They are generated
 * people at fixed places (every 500, from the 21st), so even a 60-person directory holds
 * one of each. Pure and deterministic; it draws nothing from the generator's random stream,
 * so every other person stays as it was.
 */
export type NameVariant = 'married' | 'typoFixed' | 'pseudonymisedCn';

const SLOTS: Readonly<Record<number, NameVariant>> = { 21: 'married', 33: 'typoFixed', 45: 'pseudonymisedCn' };
const EVERY = 500;

/** The variant of the i-th generated person, if any. */
export function nameVariantAt(index: number): NameVariant | null {
  return SLOTS[index % EVERY] ?? null;
}

/** The names a person's attributes hold. */
export interface PersonNames {
  /** sn */
  familyName: string;
  givenName: string;
  /** cn */
  commonName: string;
  displayName: string;
  /** What cn (and for a typo, displayName) still says: the birth name, the name with its typo, the pseudonym. */
  formerName?: string;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const wordStarts = (s: string) => fold(s).split(/[^a-z]+/).filter(Boolean).map((w) => w.slice(0, 3));

/** A neighbouring key on an AZERTY keyboard: the first letter mistyped. */
const AZERTY_NEIGHBOUR: Readonly<Record<string, string>> = {
  a: 'z', b: 'v', c: 'x', d: 's', e: 'r', f: 'd', g: 'f', h: 'g', i: 'u', j: 'h', k: 'j', l: 'k', m: 'l',
  n: 'b', o: 'i', p: 'o', q: 's', r: 'e', s: 'd', t: 'r', u: 'y', v: 'c', w: 'x', x: 'c', y: 't', z: 'a',
};

function mistyped(family: string): string {
  const firstLetter = fold(family[0]!);
  const wrong = AZERTY_NEIGHBOUR[firstLetter] ?? 'x';
  return wrong.toUpperCase() + family.slice(1);
}

/**
 * The names of a generated person with their variant. `families` is the generator's list of
 * family names: a married name is taken from it, one that no word of the birth names starts
 * like (so that cn alone cannot find it).
 */
export function namesWithVariant(variant: NameVariant, given: string, family: string, login: string, index: number, families: readonly string[]): PersonNames {
  const together = `${given} ${family}`;
  switch (variant) {
    case 'married': {
      const taken = new Set(wordStarts(together));
      let married = families[(index * 7 + 11) % families.length]!;
      for (let k = 1; wordStarts(married).some((w) => taken.has(w)); k++) married = families[(index * 7 + 11 + k) % families.length]!;
      return { familyName: married, givenName: given, commonName: together, displayName: `${given} ${married}`, formerName: family };
    }
    case 'typoFixed': {
      const typo = `${given} ${mistyped(family)}`;
      return { familyName: family, givenName: given, commonName: typo, displayName: typo, formerName: mistyped(family) };
    }
    case 'pseudonymisedCn': {
      const pseudonym = `Usager ${login}`;
      return { familyName: family, givenName: given, commonName: pseudonym, displayName: together, formerName: pseudonym };
    }
  }
}
