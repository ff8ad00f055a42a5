/**
 * The password policy that applies to an entry, as the card needs it: the one the entry names
 * (ppolicy's pwdPolicySubentry) or else the configured default (directory.passwordPolicyDn),
 * and its pwdMaxAge and pwdInHistory, read under the agent's bind. A policy read is kept a few minutes (every
 * card would read the same entry); a failed read is not kept, and says "unknown".
 */
import { PresenceFilter, type Entry } from 'ldapts';
import { parseMaxAge, type PasswordPolicyFacts } from '../../shared/sign-in-times';
import { first } from './account-entry';
import type { ReadableClient } from './client-access';

/** ppolicy names the policy of an entry that has its own; operational, returned only when asked by name. */
export const POLICY_SUBENTRY = 'pwdPolicySubentry';

const KEEP_MS = 5 * 60_000;

/** What the card reads of the policy: the expiry's facts, and how many former passwords the directory refuses (null: not known). */
export interface PolicyRead {
  facts: PasswordPolicyFacts;
  historyCount: number | null;
}

const UNKNOWN: PolicyRead = { facts: { reading: 'unknown' }, historyCount: null };

/** pwdInHistory as a count of former passwords refused; null when absent, 0 or not a count (the directory's value is not trusted). */
export function parseInHistory(value: string | null): number | null {
  if (value === null || !/^\d{1,3}$/.test(value.trim())) return null;
  const count = Number(value.trim());
  return count > 0 ? count : null;
}
const presence = new PresenceFilter({ attribute: 'objectClass' });

export class PasswordPolicies {
  private readonly kept = new Map<string, { read: PolicyRead; until: number }>();

  constructor(private readonly deps: { defaultDn: string | null; now: () => Date }) {}

  /** `entry` was read with POLICY_SUBENTRY among its attributes. */
  async readFor(client: ReadableClient, entry: Entry): Promise<PolicyRead> {
    const dn = first(entry, POLICY_SUBENTRY) ?? this.deps.defaultDn;
    if (!dn) return UNKNOWN;
    const key = dn.toLowerCase();
    const now = this.deps.now().getTime();
    const kept = this.kept.get(key);
    if (kept && kept.until > now) return kept.read;
    let policy: Entry | undefined;
    try {
      [policy] = (await client.search(dn, { scope: 'base', filter: presence, attributes: ['pwdMaxAge', 'pwdInHistory'], sizeLimit: 1 })).searchEntries;
    } catch {
      // No such policy, not readable by this agent, or the directory went away: the card says the expiry is not known.
      return UNKNOWN;
    }
    if (!policy) return UNKNOWN;
    const maxAgeSeconds = parseMaxAge(first(policy, 'pwdMaxAge'));
    const facts: PasswordPolicyFacts = maxAgeSeconds === null ? { reading: 'unreadable' } : { reading: 'read', maxAgeSeconds };
    const read = { facts, historyCount: parseInHistory(first(policy, 'pwdInHistory')) };
    if (this.kept.size > 100) this.kept.clear();
    this.kept.set(key, { read, until: now + KEEP_MS });
    return read;
  }
}
