/**
 * The identifiers a generated person must not share with another (logins, aliases, student
 * and staff numbers, INE, eduPersonUniqueId): a registry of those given out, and how each is made.
 */
import { aliasPart, asciiLetters } from './accent-folding';
import type { Rng } from './seeded-random';

export interface Registry {
  logins: Set<string>;
  loginCounters: Map<string, number>;
  aliases: Set<string>;
  aliasCounters: Map<string, number>;
  studentIds: Set<string>;
  ines: Set<string>;
  staffIds: Set<string>;
  uniqueIds: Set<string>;
}

export function uniqueOf(set: Set<string>, make: () => string): string {
  for (;;) {
    const v = make();
    if (!set.has(v)) {
      set.add(v);
      return v;
    }
  }
}

/** `base` followed by the first number from `first` (or where the last one for `base` stopped) not yet taken. */
function numbered(taken: Set<string>, counters: Map<string, number>, base: string, first: number): string {
  let n = counters.get(base) ?? first;
  while (taken.has(base + n)) n++;
  counters.set(base, n + 1);
  taken.add(base + n);
  return base + n;
}

export function makeLogin(reg: Registry, rng: Rng, given: string, family: string): string {
  const base = (asciiLetters(given).slice(0, 1) + asciiLetters(family)).slice(0, 9) || 'x';
  for (let i = 0; i < 3; i++) {
    const login = base + rng.int(1, 99);
    if (!reg.logins.has(login)) {
      reg.logins.add(login);
      return login;
    }
  }
  return numbered(reg.logins, reg.loginCounters, base, 100);
}

export function makeAlias(reg: Registry, given: string, family: string): string {
  const base = `${aliasPart(given)}.${aliasPart(family)}`;
  if (!reg.aliases.has(base)) {
    reg.aliases.add(base);
    return base;
  }
  return numbered(reg.aliases, reg.aliasCounters, base, 2);
}

export function makeIne(reg: Registry, rng: Rng): string {
  return uniqueOf(reg.ines, () => (rng.chance(0.5) ? rng.digits(10) + rng.letters(1) : rng.digits(9) + rng.letters(2)));
}

export function newRegistry(): Registry {
  return {
    logins: new Set(),
    loginCounters: new Map(),
    aliases: new Set(),
    aliasCounters: new Map(),
    studentIds: new Set(),
    ines: new Set(),
    staffIds: new Set(),
    uniqueIds: new Set(),
  };
}
