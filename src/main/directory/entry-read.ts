/**
 * Reading one entry by DN, inside a directory read: a base search for the attributes named,
 * NOT_FOUND ("no such account") when the entry is not there.
 */
import { PresenceFilter, type Entry } from 'ldapts';
import { GuichetError } from '../../shared/result';
import type { ReadableClient } from './client-access';
import { classifyLdapError } from './ldap-errors';

const presence = new PresenceFilter({ attribute: 'objectClass' });

/** `asBytes`: attributes whose values come back as Buffers (a photo), not decoded as text. */
export async function readEntry(client: ReadableClient, dn: string, attributes: string[], asBytes: string[] = []): Promise<Entry> {
  let entries: Entry[];
  try {
    ({ searchEntries: entries } = await client.search(dn, { scope: 'base', filter: presence, attributes, sizeLimit: 1, ...(asBytes.length > 0 ? { explicitBufferAttributes: asBytes } : {}) }));
  } catch (error) {
    if (classifyLdapError(error) === 'NOT_FOUND') throw new GuichetError('NOT_FOUND', 'no such account');
    throw error;
  }
  const entry = entries[0];
  if (!entry) throw new GuichetError('NOT_FOUND', 'no such account');
  return entry;
}
