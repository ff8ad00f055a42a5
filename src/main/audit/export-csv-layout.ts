/**
 * The CSV export as a spreadsheet opens it: a header row of column names first (French, or
 * English), then the export's own line (CSV_MARKER and its JSON), then one row per event with
 * its time in the desk's zone and offset. The verifier reads both this layout and the older
 * one (marker line first, machine column names, UTC times), and turns each time back into the
 * UTC instant the event's hash covers.
 */
import type { HashedRecord } from './audit-chain';
import type { CsvSeparator } from './audit-csv';
import { CSV_COLUMNS, csvCellsToRecord, recordToCsvCells } from './export-format';

export type CsvColumnLanguage = 'fr' | 'en';

/** One name per column of CSV_COLUMNS, in its order. */
export const CSV_HEADINGS: Record<CsvColumnLanguage, readonly string[]> = {
  fr: [
    'N°',
    'Date et heure (heure du guichet)',
    'Action',
    'Résultat',
    'N° de l’intention',
    'Identifiant de l’agent',
    'Nom de l’agent',
    'Poste',
    'Compte concerné',
    'DN du compte',
    'Preuves d’identité',
    'Code annuaire',
    'Détails',
    'Commentaire',
    'Empreinte précédente',
    'Empreinte',
  ],
  en: [
    'No.',
    'Date and time (desk time)',
    'Action',
    'Outcome',
    'Intent no.',
    'Agent login',
    'Agent name',
    'Workstation',
    'Account',
    'Account DN',
    'Identity evidence',
    'Directory code',
    'Details',
    'Comment',
    'Previous hash',
    'Hash',
  ],
};

/** The separator of a file whose first row is a header row (null: not this layout). */
export function headingsSeparator(firstText: string): CsvSeparator | null {
  for (const headings of Object.values(CSV_HEADINGS)) {
    if (!firstText.startsWith(headings[0]!)) continue;
    const separator = firstText[headings[0]!.length];
    if (separator === ',' || separator === ';') return separator;
  }
  return null;
}

/** A header row the verifier accepts: either language, or the older machine names. */
export function isCsvHeadings(cells: readonly string[]): boolean {
  const row = cells.join('\n');
  return [...Object.values(CSV_HEADINGS), CSV_COLUMNS].some((names) => names.join('\n') === row);
}

/** The system's zone: the desk's, when the console does not say. */
export const systemTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Whether the runtime knows this zone name. */
export function knownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      fractionalSecondDigits: 3,
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** `2026-11-23T13:05:12.345Z` in Europe/Paris -> `2026-11-23T14:05:12.345+01:00` (ISO 8601, the same instant). */
export function deskTime(utc: string, timeZone: string): string {
  const date = new Date(utc);
  if (Number.isNaN(date.getTime())) return utc;
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(date).map((p) => [p.type, p.value]));
  const offset = /^GMT([+-]\d{2}:\d{2})$/.exec(parts['timeZoneName'] ?? '')?.[1] ?? '+00:00';
  return `${parts['year']}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}:${parts['second']}.${parts['fractionalSecond']}${offset}`;
}

const DESK_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/;

/** Back to the UTC text the hash covers; anything else is left as it is (and then fails its hash). */
export function utcFromDeskTime(cell: string): string {
  return DESK_TIME.test(cell) ? new Date(cell).toISOString() : cell;
}

/** An event's CSV cells, its time in the desk's zone. */
export function csvRowOf(record: HashedRecord, timeZone: string): string[] {
  const cells = recordToCsvCells(record);
  cells[1] = deskTime(record.at, timeZone);
  return cells;
}

/** An event read back from its CSV cells, its time in UTC again. */
export function recordOfCsvRow(cells: readonly string[]): HashedRecord {
  const record = csvCellsToRecord(cells);
  return { ...record, at: utcFromDeskTime(record.at) };
}
