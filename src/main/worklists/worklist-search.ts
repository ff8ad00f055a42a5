/**
 * The directory side of the worklists, on a read client: a list's count (the paged results
 * control, no attribute), one sorted window of it (slapd's sssvlv sorts: any page by its offset
 * with the virtual list view, on a connection of its own; without it, the first k pages with a
 * size limit, which leaves no sort state on the connection, unlike a page left half-read), the
 * whole list, and whether the directory hides an attribute from the agent.
 */
import { ServerSideSortingRequestControl, type Entry, type Filter } from 'ldapts';
import type { AttributeMap } from '../config/schema';
import { values } from '../directory/account-entry';
import type { ReadableClient } from '../directory/client-access';
import { VirtualListViewControl, VLV_ERROR_CODE, VLV_REQUEST_OID } from './vlv-control';

/** Entries per page of the paged results control when a list is counted or read whole. */
export const COUNT_PAGE_SIZE = 1_000;
/** LDAP's busy result code: what sssvlv answers when its slots are taken. */
const BUSY_CODE = 51;
/** The server-side sort control (RFC 2891). */
export const SORT_CONTROL_OID = '1.2.840.113556.1.4.473';

/** Sorted by family name, then given name, as a desk reads a list (caseIgnoreOrderingMatch: sn has no ordering rule of its own). */
export function sortControl(attrs: AttributeMap): ServerSideSortingRequestControl {
  return new ServerSideSortingRequestControl({
    critical: false,
    value: [
      { attributeType: attrs.familyName, orderingRule: 'caseIgnoreOrderingMatch' },
      { attributeType: attrs.givenName, orderingRule: 'caseIgnoreOrderingMatch' },
    ],
  });
}

/** How many people match: every page of the paged results control, no attribute asked. */
export async function countMatches(client: ReadableClient, base: string, filter: Filter): Promise<number> {
  const { searchEntries } = await client.search(base, { scope: 'sub', filter, attributes: ['1.1'], paged: { pageSize: COUNT_PAGE_SIZE } });
  return searchEntries.length;
}

/** How many match, and how many of them hold each (first, lower-cased) value of `attribute`: one search for a count and its split. */
export async function countBy(client: ReadableClient, base: string, filter: Filter, attribute: string): Promise<{ count: number; by: Map<string, number> }> {
  const { searchEntries } = await client.search(base, { scope: 'sub', filter, attributes: [attribute], paged: { pageSize: COUNT_PAGE_SIZE } });
  const by = new Map<string, number>();
  for (const entry of searchEntries) {
    const value = values(entry, attribute)[0]?.trim().toLowerCase();
    if (value) by.set(value, (by.get(value) ?? 0) + 1);
  }
  return { count: searchEntries.length, by };
}

/** The first `upTo` matches in the directory's order (sorted by sssvlv). */
export async function sortedWindow(client: ReadableClient, base: string, filter: Filter, attributes: string[], upTo: number, attrs: AttributeMap): Promise<Entry[]> {
  const { searchEntries } = await client.search(base, { scope: 'sub', filter, attributes, sizeLimit: upTo }, [sortControl(attrs)]);
  return searchEntries;
}

/**
 * `count` matches from the 1-based `offset` of the sorted list, and how many the list holds,
 * in one search (the sort and virtual list view controls): the directory sorts the whole list
 * and sends only the window. sssvlv keeps the sorted list on the connection until it closes:
 * run it on a connection of its own (DetachedReader). An offset past the list's end (it shrank
 * since the agent saw it) gives no rows and the list's size. null: the directory is busy with
 * other sorted lists (sssvlv's server-wide or per-connection limit), the caller reads otherwise.
 */
export async function sortedSlice(
  client: ReadableClient,
  base: string,
  filter: Filter,
  attributes: string[],
  slice: { offset: number; count: number },
  attrs: AttributeMap,
): Promise<{ entries: Entry[]; count: number } | null> {
  const vlv = new VirtualListViewControl(slice.offset, slice.count);
  try {
    const { searchEntries } = await client.search(base, { scope: 'sub', filter, attributes }, [sortControl(attrs), vlv]);
    if (!vlv.response) throw new Error('the directory sent no virtual list view response');
    return { entries: searchEntries.slice(0, slice.count), count: vlv.response.contentCount };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === BUSY_CODE) return null;
    if (code === VLV_ERROR_CODE && vlv.response && slice.offset > vlv.response.contentCount) return { entries: [], count: vlv.response.contentCount };
    throw error;
  }
}

/** Every match, read with the paged results control (the console sorts them). */
export async function allMatches(client: ReadableClient, base: string, filter: Filter, attributes: string[]): Promise<Entry[]> {
  const { searchEntries } = await client.search(base, { scope: 'sub', filter, attributes, paged: { pageSize: COUNT_PAGE_SIZE } });
  return searchEntries;
}

/** Whether the agent may search `attribute` (see readableProbe): one entry at most is asked. */
export async function canSearch(client: ReadableClient, base: string, probe: Filter): Promise<boolean> {
  const { searchEntries } = await client.search(base, { scope: 'sub', filter: probe, attributes: ['1.1'], sizeLimit: 1 });
  return searchEntries.length > 0;
}

/** What the directory offers, read from the root DSE: the sort control (sssvlv loaded) and the virtual list view. */
export async function offeredControls(client: ReadableClient): Promise<{ serverSort: boolean; virtualListView: boolean }> {
  const { searchEntries } = await client.search('', { scope: 'base', filter: '(objectClass=*)', attributes: ['supportedControl'] });
  const raw = searchEntries[0]?.['supportedControl'];
  const controls = raw === undefined ? [] : Array.isArray(raw) ? raw.map(String) : [String(raw)];
  const serverSort = controls.includes(SORT_CONTROL_OID);
  return { serverSort, virtualListView: serverSort && controls.includes(VLV_REQUEST_OID) };
}

/** The policy's pwdMaxAge in seconds; null when it sets none (absent, 0, or unreadable). */
export async function policyMaxAge(client: ReadableClient, policyDn: string): Promise<number | null> {
  const { searchEntries } = await client.search(policyDn, { scope: 'base', filter: '(objectClass=*)', attributes: ['pwdMaxAge'] });
  const raw = searchEntries[0]?.['pwdMaxAge'];
  const text = Array.isArray(raw) ? String(raw[0] ?? '') : raw === undefined ? '' : String(raw);
  if (!/^\d{1,10}$/.test(text.trim())) return null;
  const seconds = Number(text.trim());
  return seconds > 0 ? seconds : null;
}
