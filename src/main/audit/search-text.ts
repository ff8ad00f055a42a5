/**
 * What free text searches: the agent's login and name, the target's login and the
 * identifier its DN is named by, an event's comment and the string values of its details, not
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

/** Who an event is about and who made it, as a supervisor would type them. */
export interface EventPeople {
  agentLogin: string | null;
  agentName: string | null;
  targetLogin: string | null;
  targetDn: string | null;
}

/**
 * The value of a DN's first component (`uid=jdupont,ou=people,...` -> `jdupont`,
 * `supannEmpId=12345,...` -> `12345`): the identifier the entry is named by, without the
 * base every DN of the directory shares (which would match every event).
 */
export function firstRdnValue(dn: string): string | null {
  const match = /^[^=,]+=((?:\\.|[^,\\+])*)/.exec(dn);
  return match ? match[1]!.replace(/\\(.)/g, '$1').trim() || null : null;
}

/** The text indexed for one event ('' when there is nothing to search). */
export function searchTextOf(details: unknown, comment: string | null, people?: EventPeople): string {
  const parts: string[] = [];
  if (people) {
    const rdn = people.targetDn ? firstRdnValue(people.targetDn) : null;
    for (const value of [people.agentLogin, people.agentName, people.targetLogin, rdn !== people.targetLogin ? rdn : null])
      if (value) parts.push(value);
  }
  collect(details, null, parts);
  if (comment) parts.push(comment);
  return parts.join(' ').trim();
}
