/**
 * When the lookup searches: every change of the box, at once, names included; at most one
 * search on its way, the latest text sent when it answers (a fast typist's keystrokes fold
 * into one search, never a flood). No wait fitted to the typing: a wait only saves a search
 * when it outlasts the gap between two keys, and then the last key pays all of it (at a
 * fast agent's 120 ms between keys, 130 ms of wait put a name's results at 200 ms). And when
 * Enter picks a row: not the first of several people that came an instant before it.
 */
import { cleanQuery } from '../../../../shared/search-query';

/** Fewer characters than this are not searched (one letter would match a tenth of the directory). */
export const MIN_TYPED = 2;

/** Whether what is typed can be searched at all. */
export function isSearchable(query: string): boolean {
  return cleanQuery(query).length >= MIN_TYPED;
}

/** Under this long on screen, a list of several people has not been read: Enter does not pick its first row. */
export const READING_MS = 400;
