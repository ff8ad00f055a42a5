/**
 * From a worklist's entries to its rows and its CSV: the account as the desk model reads it
 * (a garbled state stays garbled, never a crash), the date the list is about, and the
 * spreadsheet's cells through the audit's formula-safe CSV writer.
 */
import type { Entry } from 'ldapts';
import type { WorklistId, WorklistRow } from '../../shared/contract/worklists';
import { csvLine, type CsvSeparator } from '../audit/audit-csv';
import type { AttributeMap } from '../config/schema';
import { first, summaryAttributes, toSummary } from '../directory/account-entry';
import { ADMIN_LOCK, generalizedTimeToIso } from '../directory/account-state';
import { dateAttributeOf } from './worklist-filters';

/** What a list's search asks for: the summary's attributes and the list's date. */
export function rowAttributes(list: WorklistId, attrs: AttributeMap): string[] {
  return [...new Set([...summaryAttributes(attrs), dateAttributeOf(list, attrs).attribute])];
}

export function rowOf(entry: Entry, list: WorklistId, attrs: AttributeMap, maxAgeSeconds: number | null): WorklistRow {
  const account = toSummary(entry, attrs);
  const { attribute, kind } = dateAttributeOf(list, attrs);
  if (kind === 'state-start' || kind === 'state-end') {
    const date = kind === 'state-start' ? account.state.start : account.state.end;
    return { account, date, dateUnreadable: account.state.reading === 'unreadable' };
  }
  const raw = first(entry, attribute);
  if (raw === null || raw.trim() === ADMIN_LOCK) return { account, date: null, dateUnreadable: false };
  const iso = generalizedTimeToIso(raw);
  if (iso === null) return { account, date: null, dateUnreadable: true };
  if (kind === 'expiry') {
    if (maxAgeSeconds === null) return { account, date: null, dateUnreadable: false };
    return { account, date: new Date(Date.parse(iso) + maxAgeSeconds * 1000).toISOString(), dateUnreadable: false };
  }
  return { account, date: iso, dateUnreadable: false };
}

const HEADINGS = {
  fr: { login: 'Identifiant', name: 'Nom', affiliation: 'Affiliation', state: 'État du compte', date: 'Date', dn: 'DN' },
  en: { login: 'Login', name: 'Name', affiliation: 'Affiliation', state: 'Account state', date: 'Date', dn: 'DN' },
} as const;
const UNREADABLE = { fr: 'illisible', en: 'unreadable' } as const;

/** How the state cell reads: the SUPANN state as given, or that it could not be read. */
function stateCell(row: WorklistRow, columns: 'fr' | 'en'): string {
  const { state } = row.account;
  if (state.reading === 'unreadable') return UNREADABLE[columns];
  if (state.reading === 'missing') return '';
  return [state.status, state.subState].filter(Boolean).join(':');
}

/** The list as a spreadsheet opens it (BOM, CRLF, a cell starting with = + - @ made inert). */
export function worklistCsv(rows: readonly WorklistRow[], options: { separator: CsvSeparator; columns: 'fr' | 'en' }): string {
  const h = HEADINGS[options.columns];
  const lines = [csvLine([h.login, h.name, h.affiliation, h.state, h.date, h.dn], options.separator)];
  for (const row of rows) {
    const date = row.dateUnreadable ? UNREADABLE[options.columns] : (row.date ?? '');
    const a = row.account;
    lines.push(csvLine([a.login, a.displayName, a.primaryAffiliation ?? '', stateCell(row, options.columns), date, a.dn], options.separator));
  }
  return `\uFEFF${lines.join('')}`;
}
