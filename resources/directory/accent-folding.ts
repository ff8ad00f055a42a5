/** Accent folding of names for logins, aliases and mail addresses (memoised: names repeat a lot). */

/** ASCII lower-case letters only: "Lefèvre-N'Guessan" -> "lefevrenguessan". */
export function asciiLetters(s: string): string {
  return foldAccents(s).toLowerCase().replace(/[^a-z]/g, '');
}

const foldCache = new Map<string, string>();

/** Strip diacritics and expand ligatures (memoised: names repeat a lot). */
export function foldAccents(s: string): string {
  let r = foldCache.get(s);
  if (r === undefined) {
    r = s
      .replace(/œ/g, 'oe').replace(/Œ/g, 'Oe').replace(/æ/g, 'ae').replace(/Æ/g, 'Ae')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '');
    if (foldCache.size < 10_000) foldCache.set(s, r);
  }
  return r;
}

/** Alias part: lower-case ASCII, hyphens kept, spaces and apostrophes dropped. */
export function aliasPart(s: string): string {
  return foldAccents(s).toLowerCase().replace(/[^a-z-]/g, '');
}
