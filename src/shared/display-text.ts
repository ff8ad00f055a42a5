/**
 * Directory values shown to an agent: characters that are invisible or that change how the
 * text around them is drawn (bidi overrides and isolates, zero-width characters, the BOM,
 * NUL and every other control) are made visible as a marker such as "⟨U+202E⟩", so that
 * "Martin\u202Efdp.exe" cannot pass for another name and two logins that differ only by a
 * zero-width space do not look the same. Pure: used by the renderer, testable anywhere.
 */

/**
 * Controls (Cc, NUL included), format characters (Cf: bidi marks/embeddings/overrides/isolates,
 * zero-width space/joiners, word joiner, BOM, soft hyphen, tag characters), line and paragraph
 * separators, lone surrogates, and letters that draw as blank space (Hangul fillers,
 * combining grapheme joiner, braille blank).
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u034f\u115f\u1160\u2800\u3164\uffa0]/u;
const HIDDEN_ALL = new RegExp(HIDDEN.source, 'gu');

export type DisplayPart = { kind: 'text'; text: string } | { kind: 'hidden'; codePoint: number; marker: string };

/** "U+202E" for a code point (at least four hex digits, upper case). */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The visible stand-in of one hidden character: "⟨U+202E⟩". */
export function hiddenMarker(codePoint: number): string {
  return `⟨${codePointLabel(codePoint)}⟩`;
}

export function hasHiddenCharacters(value: string): boolean {
  return HIDDEN.test(value);
}

/**
 * The value cut into plain text runs and hidden characters (one part each), in order.
 * `keepLineBreaks`: "\n" stays text (pre-formatted blocks such as indented JSON).
 */
export function displayParts(value: string, options: { keepLineBreaks?: boolean } = {}): DisplayPart[] {
  const parts: DisplayPart[] = [];
  let last = 0;
  for (const match of value.matchAll(HIDDEN_ALL)) {
    if (options.keepLineBreaks && match[0] === '\n') continue;
    const at = match.index;
    if (at > last) parts.push({ kind: 'text', text: value.slice(last, at) });
    const codePoint = match[0].codePointAt(0)!;
    parts.push({ kind: 'hidden', codePoint, marker: hiddenMarker(codePoint) });
    last = at + match[0].length;
  }
  if (last < value.length) parts.push({ kind: 'text', text: value.slice(last) });
  return parts;
}

/** The value as plain text with every hidden character replaced by its marker. */
export function revealHidden(value: string): string {
  return value.replace(HIDDEN_ALL, (ch) => hiddenMarker(ch.codePointAt(0)!));
}
