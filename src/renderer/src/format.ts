/** Dates and times in the interface language. */
import i18next from 'i18next';

/** Local date and time, e.g. "23 nov. 2026, 14:05". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(i18next.language === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A calendar date given as YYYY-MM-DD, e.g. "1 sept. 2026". */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  const date = new Date(`${isoDate}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(i18next.language === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'medium' }).format(date);
}
