/**
 * How long the lookup waits after a keystroke before it searches: not at all for an exact
 * key (a login, a number, an address names one value: its search is one indexed lookup),
 * a short wait fitted to the agent's typing rhythm for a name (whose every letter would
 * otherwise be a substring search), none for pasted text.
 */
import { DEFAULT_STUDENT_ID_PATTERN, cleanQuery, isExactKey, recogniseQuery } from '../../../../shared/search-query';
import type { SearchKey } from '../../../../shared/account';

/** Fewer characters than this are not searched (one letter would match a tenth of the directory). */
export const MIN_TYPED = 2;
/** Bounds of the wait for a name: under the lower one keystrokes of a fast typist would each search; over the upper one the agent feels the wait. */
export const NAME_WAIT_MIN_MS = 50;
export const NAME_WAIT_MAX_MS = 130;
/** Before the rhythm is known (the first keystrokes). */
export const NAME_WAIT_DEFAULT_MS = 110;
/** A gap longer than this is a pause, not the rhythm. */
const PAUSE_MS = 1_000;
const GAPS_KEPT = 6;
const STUDENT_ID = new RegExp(DEFAULT_STUDENT_ID_PATTERN);

/** The agent's typing rhythm: the gaps between the last keystrokes of one character. */
export interface TypingRhythm {
  /** Notes a change of the box; returns whether it was one character typed or removed (not a paste or a clear). */
  note(previous: string, next: string, at: number): boolean;
  /** The wait for a name: a little over the agent's usual gap, within the bounds. */
  nameWait(): number;
  reset(): void;
}

export function typingRhythm(): TypingRhythm {
  let gaps: number[] = [];
  let last: number | null = null;
  return {
    note(previous, next, at) {
      const keystroke = Math.abs(next.length - previous.length) === 1;
      if (keystroke && last !== null && at - last < PAUSE_MS) gaps = [...gaps.slice(1 - GAPS_KEPT), at - last];
      last = keystroke ? at : null;
      return keystroke;
    },
    nameWait() {
      if (gaps.length < 2) return NAME_WAIT_DEFAULT_MS;
      const sorted = [...gaps].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)]!;
      return Math.round(Math.min(NAME_WAIT_MAX_MS, Math.max(NAME_WAIT_MIN_MS, median * 1.3)));
    },
    reset() {
      gaps = [];
      last = null;
    },
  };
}

/** Whether what is typed can be searched at all. */
export function isSearchable(query: string): boolean {
  return cleanQuery(query).length >= MIN_TYPED;
}

/**
 * The wait before searching `query`: 0 for an exact key (or any text holding a digit: a
 * name has none) and for a paste; the rhythm's name wait otherwise. The renderer does not
 * know the configured student number pattern: it only tells exact keys from names, which
 * the pattern does not change.
 */
export function waitBeforeSearch(query: string, key: SearchKey, keystroke: boolean, rhythm: TypingRhythm): number {
  if (!keystroke) return 0;
  const recognised = recogniseQuery(query, key, STUDENT_ID);
  if (isExactKey(recognised.key) || /\d/.test(recognised.value)) return 0;
  return rhythm.nameWait();
}
