/**
 * What free text searches: an event's comment and the string values of its details, not
 * the JSON keys (a search for "source" must not match every event), and not the values of
 * enumerated keys (mode, delivery channel...: the same few words on every event, already
 * reachable through the action filter). That keeps the trigram index to what free text is
 * for (comments, masked contacts, consents, states) and its cost to a third.
 */
export const ENUMERATED_DETAIL_KEYS: ReadonlySet<string> = new Set([
  'mode', 'role', 'reason', 'source', 'method', 'delivery', 'channel', 'purpose', 'step', 'view', 'via', 'format',
]);

function collect(value: unknown, key: string | null, out: string[]): void {
  if (typeof value === 'string') {
    if (key === null || !ENUMERATED_DETAIL_KEYS.has(key)) out.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, key, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) collect(v, k, out);
  }
}

/** The text indexed for one event ('' when there is nothing to search). */
export function searchTextOf(details: unknown, comment: string | null): string {
  const parts: string[] = [];
  collect(details, null, parts);
  if (comment) parts.push(comment);
  return parts.join(' ').trim();
}
