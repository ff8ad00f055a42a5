/** Calendar dates as the desk types and reads them, jj/mm/aaaa, whatever the browser's locale; ISO (YYYY-MM-DD) inside. Pure. */

/** `15/03/2004` (also `15.03.2004`, `15-03-2004`, `15 03 2004`, `5/3/2004`) -> `2004-03-15`; null unless a real date. */
export function parseDayMonthYear(text: string): string | null {
  const match = /^\s*(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})\s*$/.exec(text);
  if (!match) return null;
  const [, d, m, y] = match;
  const iso = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}

/** `2004-03-15` (or a longer ISO time, its date part) -> `15/03/2004`; '' for anything else. */
export function formatDayMonthYear(iso: string | null | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return match ? `${match[3]}/${match[2]}/${match[1]}` : '';
}
