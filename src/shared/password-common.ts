/**
 * How a password is seen by the "too common" rule, pure and without data: folded (case,
 * accents), its decoration taken off (the digits, years and special characters people
 * put before or after a word), its look-alike substitutions undone (0→o, @→a, 1→i or l,
 * 3→e, $→s...), and the keyboard and sequence shapes a core can have (rows, columns and
 * zigzags of AZERTY, QWERTY, QWERTZ and the keypad; abcd, 1357, aaaa, lolo). The list
 * itself is in password-blocklist.ts; the build script normalises its entries with the
 * same functions, so that an entry and a typed password meet in the same form.
 */

/** Case- and accent-insensitive form used for "must not contain" comparisons. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/đ/g, 'd');
}

/** Shorter cores are left to the strength estimate: a 3-letter word is not "a password". */
export const MIN_COMMON_LENGTH = 4;

/** Look-alikes people type for a letter; 1, ! and | stand for i or l. */
const SUBSTITUTES: Readonly<Record<string, readonly string[]>> = {
  '0': ['o'],
  '1': ['i', 'l'],
  '!': ['i', 'l'],
  '|': ['i', 'l'],
  '3': ['e'],
  '€': ['e'],
  '4': ['a'],
  '@': ['a'],
  '5': ['s'],
  $: ['s'],
  '7': ['t'],
  '+': ['t'],
  '8': ['b'],
  '6': ['g'],
  '9': ['g'],
  '2': ['z'],
  '(': ['c'],
  '¢': ['c'],
};
const MAX_AMBIGUOUS = 3;

const LEAD = /^[^\p{L}]*/u;
const TRAIL = /[^\p{L}]*$/u;

/** Every reading of `text` with its look-alikes undone (all i/l combinations up to three of them). */
function substituted(text: string): string[] {
  const chars = [...text];
  const ambiguous = chars.filter((ch) => (SUBSTITUTES[ch]?.length ?? 0) > 1).length;
  if (!chars.some((ch) => SUBSTITUTES[ch])) return [text];
  let readings = [''];
  if (ambiguous <= MAX_AMBIGUOUS) {
    for (const ch of chars) {
      const options = SUBSTITUTES[ch] ?? [ch];
      readings = readings.flatMap((r) => options.map((o) => r + o));
    }
    return readings;
  }
  // Many 1, ! or |: one reading with i everywhere, one with l.
  return [0, 1].map((pick) => chars.map((ch) => (SUBSTITUTES[ch] ? SUBSTITUTES[ch]![Math.min(pick, SUBSTITUTES[ch]!.length - 1)] : ch)).join(''));
}

/** The folded text around its core: "2024Soleil!!" → { lead: '2024', core: 'soleil', trail: '!!' }. */
function decorated(text: string): { folded: string; lead: string; core: string; trail: string } {
  const folded = foldText(text.normalize('NFC'));
  const lead = LEAD.exec(folded)![0];
  const rest = folded.slice(lead.length);
  const trail = TRAIL.exec(rest)![0];
  return { folded, lead, core: rest.slice(0, rest.length - trail.length), trail };
}

/** How a list entry is stored: its core, look-alikes undone ("P@ssw0rd1" → password); the whole folded entry when it has no letter. */
export function entryForms(entry: string): string[] {
  const { folded, core } = decorated(entry);
  return core === '' ? [folded] : substituted(core);
}

/** How many look-alikes next to the core may belong to the word ("C@m1|1€" is camille). */
const MAX_REACH = 4;
/** A run of digits is judged whole from four digits, and with digits or a year taken off its ends from six. */
const MIN_TRIMMED_DIGITS = 6;
const MAX_TRIM = 4;

/** How many characters at the end (or start) of `run` could be look-alikes of letters, at most MAX_REACH. */
function reach(run: string, fromEnd: boolean): number {
  const chars = [...run];
  let n = 0;
  while (n < Math.min(MAX_REACH, chars.length) && SUBSTITUTES[chars[fromEnd ? chars.length - 1 - n : n]!]) n += 1;
  return n;
}

/** A digit run as typed, and with up to four digits (a year, a birth day) taken off either end: 1969123456789 → 123456789. */
function digitForms(run: string, forms: Set<string>): void {
  for (const digits of run.match(/[0-9]+/g) ?? []) {
    if (digits.length >= MIN_COMMON_LENGTH) forms.add(digits);
    for (let start = 0; start <= MAX_TRIM; start += 1)
      for (let end = 0; end <= MAX_TRIM; end += 1)
        if (digits.length - start - end >= MIN_TRIMMED_DIGITS) forms.add(digits.slice(start, digits.length - end));
  }
}

/**
 * The cores a password can be read as: "2024$oleil!!" → soleil; "P@ssw0rd1!" → password;
 * "Azerty2024!" → azerty. The decoration is every non-letter before the first letter and
 * after the last; up to four look-alikes next to the core ($oleil, C@m1|1€) are tried as
 * part of it, and the core as typed too (its digits kept). A password whose core is
 * shorter than four characters (or has no letter) is also read as its runs of digits,
 * whole and with a year or a few digits taken off: 741852963Ab!, 1969123456789/.
 */
export function commonForms(password: string): string[] {
  const { folded, lead, core, trail } = decorated(password);
  const cores = new Set<string>();
  if (core === '') {
    // No letter at all: the look-alikes may still spell a word ("$01€11" + 9599), with digits after it.
    const span = [...folded];
    while (span.length > 0 && !SUBSTITUTES[span[0]!]) span.shift();
    while (span.length > 0 && !SUBSTITUTES[span.at(-1)!]) span.pop();
    cores.add(folded);
    for (let start = 0; start <= MAX_TRIM; start += 1)
      for (let end = 0; end <= MAX_TRIM; end += 1)
        if (span.length - start - end >= MIN_COMMON_LENGTH) cores.add(span.slice(start, span.length - end).join(''));
  } else {
    const before = [...lead];
    const after = [...trail];
    for (let b = 0; b <= reach(lead, true); b += 1)
      for (let a = 0; a <= reach(trail, false); a += 1) cores.add(before.slice(before.length - b).join('') + core + after.slice(0, a).join(''));
  }
  const forms = new Set<string>();
  for (const c of cores) {
    forms.add(c);
    for (const reading of substituted(c)) forms.add(reading);
  }
  if ([...core].length < MIN_COMMON_LENGTH) digitForms(folded, forms);
  return [...forms];
}

// ------------------------------------------------------------------ keyboard shapes

interface Layout {
  rows: readonly string[];
  /** Horizontal offset of each row, in keys: the stagger of a real keyboard. */
  offsets: readonly number[];
  /** Neighbours in the next row lie within this distance (0.75 staggered, 1 on a grid). */
  reach: number;
}

const DIGITS_ROW = '1234567890';
const STAGGER = [0, 0.5, 0.75, 1.25];
const LAYOUTS: Readonly<Record<string, Layout>> = {
  azerty: { rows: [DIGITS_ROW, 'azertyuiop', 'qsdfghjklm', 'wxcvbn'], offsets: STAGGER, reach: 0.75 },
  qwerty: { rows: [DIGITS_ROW, 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'], offsets: STAGGER, reach: 0.75 },
  qwertz: { rows: [DIGITS_ROW, 'qwertzuiop', 'asdfghjkl', 'yxcvbnm'], offsets: STAGGER, reach: 0.75 },
  keypad: { rows: ['789', '456', '123', '0'], offsets: [0, 0, 0, 0], reach: 1 },
};

type Graph = ReadonlyMap<string, ReadonlySet<string>>;

function graphOf(layout: Layout): Graph {
  const keys: Array<{ ch: string; row: number; x: number }> = [];
  layout.rows.forEach((row, r) => [...row].forEach((ch, i) => keys.push({ ch, row: r, x: i + layout.offsets[r]! })));
  const graph = new Map<string, Set<string>>();
  for (const a of keys) {
    const near = new Set<string>();
    for (const b of keys) {
      if (a === b) continue;
      const sameRow = a.row === b.row && Math.abs(a.x - b.x) === 1;
      const nextRow = Math.abs(a.row - b.row) === 1 && Math.abs(a.x - b.x) <= layout.reach;
      if (sameRow || nextRow) near.add(b.ch);
    }
    graph.set(a.ch, near);
  }
  return graph;
}

const GRAPHS: readonly Graph[] = Object.values(LAYOUTS).map(graphOf);
const MAX_WALKS = 3;
const MIN_WALK = 3;

/** One to three walks over neighbouring keys of one layout, each of three keys or more (the last of two in a long one): azerty, 1qaz2wsx, 78945612. */
export function isKeyboardWalk(text: string): boolean {
  if (text.length < MIN_COMMON_LENGTH) return false;
  const chars = [...text];
  return GRAPHS.some((graph) => {
    if (!chars.every((ch) => graph.has(ch))) return false;
    let walks = 1;
    let run = 1;
    for (let i = 1; i < chars.length; i += 1) {
      if (graph.get(chars[i - 1]!)!.has(chars[i]!)) run += 1;
      else {
        if (run < MIN_WALK) return false;
        walks += 1;
        run = 1;
      }
    }
    // The last walk may stop after two keys once the shape is plain (78945612).
    return walks <= MAX_WALKS && (run >= MIN_WALK || (run === MIN_WALK - 1 && walks > 1 && chars.length >= 8));
  });
}

/** abcd, dcba, aceg, 1234, 9753, aaaa: letters or digits with one constant step of 0, 1 or 2. */
export function isSequence(text: string): boolean {
  const codes = [...text].map((ch) => ch.codePointAt(0)!);
  if (codes.length < MIN_COMMON_LENGTH) return false;
  if (!/^(?:[a-z]+|[0-9]+)$/.test(text)) return false;
  const step = codes[1]! - codes[0]!;
  return Math.abs(step) <= 2 && codes.every((c, i) => i === 0 || c - codes[i - 1]! === step);
}

/** The shortest chunk `text` repeats (lolo → lo, azeaze → aze), or null. */
export function repeatedChunk(text: string): string | null {
  for (let size = 1; size <= text.length / 2; size += 1) {
    if (text.length % size !== 0) continue;
    const chunk = text.slice(0, size);
    if (chunk.repeat(text.length / size) === text) return chunk;
  }
  return null;
}
