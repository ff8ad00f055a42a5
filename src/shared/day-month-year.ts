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

/** How many digits the day, the month and the year take. */
const PART_DIGITS = [2, 2, 4] as const;

/**
 * The text as typed, tidied into jj/mm/aaaa: a slash comes by itself once a part is full,
 * a one-digit day or month is padded when the agent types the slash, "." "-" and spaces
 * count as slashes, an ISO date (pasted) is turned round. Deleting leaves the text alone.
 */
export function tidyDateText(raw: string, previous: string): string {
  const iso = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(raw);
  if (iso) return `${iso[3]}/${iso[2]}/${iso[1]}`;
  const text = raw.replace(/[.\- ]/g, '/').replace(/[^\d/]/g, '');
  if (text.length < previous.length) return text;
  const parts = [''];
  for (const ch of text) {
    const at = parts.length - 1;
    if (ch === '/') {
      if (at < 2 && parts[at] !== '') {
        parts[at] = parts[at]!.padStart(2, '0');
        parts.push('');
      }
      continue;
    }
    if (parts[at]!.length >= PART_DIGITS[at]!) {
      if (at === 2) continue;
      parts.push(ch);
    } else parts[at] += ch;
  }
  return parts.join('/');
}
