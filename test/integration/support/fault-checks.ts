/**
 * What the tests that break the directory mid-operation check on every answer and on the
 * entry afterwards: the sentence the agent reads (the renderer's French text for the code),
 * free of directory jargon and of the raw client error; and the entry read back as the
 * directory manager, straight from slapd (not through the console or its proxy); and a password
 * set by the directory manager (a canary, or an agent's new one).
 */
import { Attribute, Change, Client, Control, type Entry } from 'ldapts';
import { expect } from 'vitest';
import type { DirectoryFixture } from '../../../resources/directory/fixture';
import type { AppError, ErrorCode } from '../../../src/shared/result';

/** Words an agent at the desk should never have to read. */
const JARGON = /ldap|slapd|bind|\bdn\b|oid|exop|extended|socket|econn|epipe|timeout|result code|message type|0x[0-9a-f]/i;

/** The renderer's French dictionary, loaded at run time: it belongs to the web project, not to this one. */
const FRENCH = new URL('../../../src/renderer/src/i18n/fr/index.ts', import.meta.url).href;

/** The French sentence the console shows for `error`; fails the test if it is missing or jargon. */
export async function agentSentence(error: AppError): Promise<string> {
  const { fr } = (await import(/* @vite-ignore */ FRENCH)) as { fr: { errors: Record<ErrorCode, string> } };
  const sentence = fr.errors[error.code];
  expect(sentence, error.code).toMatch(/\S/);
  expect(sentence).not.toMatch(JARGON);
  // Nothing of the LDAP client's own error text travels to the renderer.
  expect(JSON.stringify(error)).not.toMatch(/Connection closed|Message type|ECONN|EPIPE|socket/i);
  return sentence;
}

/** Runs `run` bound as the directory manager, straight to slapd (no ACL, no console, no proxy). */
export async function asDirectoryManager<T>(fixture: DirectoryFixture, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ url: fixture.url, timeout: 3_000 });
  try {
    await client.bind(fixture.rootDn, fixture.rootPassword);
    return await run(client);
  } finally {
    await client.unbind();
  }
}

/** The entry's attributes (operational ones included), as the directory manager sees them. */
export function entryAsRoot(fixture: DirectoryFixture, dn: string): Promise<Entry> {
  return asDirectoryManager(fixture, async (client) => (await client.search(dn, { scope: 'base', attributes: ['*', '+'] })).searchEntries[0]!);
}

/** Replaces attributes of an entry as the directory manager (a state the desk could not have written). */
export function replaceAsRoot(fixture: DirectoryFixture, dn: string, values: Record<string, string[]>): Promise<void> {
  const changes = Object.entries(values).map(([type, v]) => new Change({ operation: 'replace', modification: new Attribute({ type, values: v }) }));
  return asDirectoryManager(fixture, (client) => client.modify(dn, changes));
}

export const valuesOf = (entry: Entry, attribute: string): string[] => {
  const raw = entry[attribute];
  return (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String);
};

/** Does slapd accept `password` for `dn`? */
export async function canBind(fixture: DirectoryFixture, dn: string, password: string): Promise<boolean> {
  const client = new Client({ url: fixture.url, timeout: 3_000 });
  try {
    await client.bind(dn, password);
    return true;
  } catch {
    return false;
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

const RELAX_CONTROL = '1.3.6.1.4.1.4203.666.5.12';

/**
 * A new password, as the directory's administrator would set it, without the "must change"
 * flag (removed with the relax control) so that its holder can sign in with it.
 */
export function setPasswordAsRoot(fixture: DirectoryFixture, dn: string, password: string): Promise<void> {
  return asDirectoryManager(fixture, async (client) => {
    await client.modify(dn, new Change({ operation: 'replace', modification: new Attribute({ type: 'userPassword', values: [password] }) }));
    await client.modify(dn, new Change({ operation: 'delete', modification: new Attribute({ type: 'pwdReset' }) }), [new Control(RELAX_CONTROL)]);
  });
}
