/** Dates and times as the desk reads them: jj/mm/aaaa (and hh:mm), whatever the browser's locale or the interface language. */
import { formatDayMonthYear } from '../../shared/day-month-year';

const TIME = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', hour12: false });
const DAY = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric' });

/** Local date and time, e.g. "23/11/2026 14:05". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return `${DAY.format(date)} ${TIME.format(date)}`;
}

/** A calendar date given as YYYY-MM-DD, e.g. "01/09/2026". */
export function formatDate(isoDate: string | null | undefined): string {
  return formatDayMonthYear(isoDate) || '—';
}
