/**
 * Online sign-in of a desk agent: find the agent's entry with the service account (or
 * anonymously), bind as the agent, then read the role from the helpdesk groups.
 */
import { EqualityFilter, type Client, type Entry } from 'ldapts';
import type { GuichetConfig } from '../config/schema';
import type { Role } from '../../shared/domain';
import { GuichetError } from '../../shared/result';
import { bindWithPolicy, closeQuietly, openFirstAvailable } from './agent-bind';
import { first } from './account-entry';
import { classifyLdapError } from './ldap-errors';

type DirectoryConfig = GuichetConfig['directory'];

export interface AuthenticatedAgent {
  login: string;
  dn: string;
  displayName: string;
  role: Role;
  /** Bound as the agent: becomes the session's connection. */
  client: Client;
  url: string;
}

/** Why a sign-in was refused, for the audit trail (never the password, never which part was wrong to the caller). */
export class SignInRefused extends GuichetError {
  constructor(
    code: 'INVALID_CREDENTIALS' | 'ACCOUNT_LOCKED' | 'NOT_AN_AGENT' | 'POLICY_VIOLATION',
    message: string,
    /** The directory found this login (safe to record: it is not something typed by mistake). */
    readonly knownLogin: string | null,
    details?: Record<string, unknown>,
  ) {
    super(code, message, details);
  }
}

function servicePassword(directory: DirectoryConfig): string | null {
  const { bindDn, bindPasswordEnv } = directory.agentSearch;
  if (!bindDn) return null;
  const password = bindPasswordEnv ? process.env[bindPasswordEnv] : undefined;
  if (!password) throw new GuichetError('DIRECTORY_REFUSED', `the service account password is missing (${bindPasswordEnv ?? 'agentSearch.bindPasswordEnv'} not set)`);
  return password;
}

/** Binds as the service account (when configured) and finds the agent's entry: the first operations of the lookup session. */
async function findAgent(client: Client, directory: DirectoryConfig, login: string, password: string | null): Promise<Entry | null> {
  if (password !== null) {
    try {
      await client.bind(directory.agentSearch.bindDn!, password);
    } catch (error) {
      const code = classifyLdapError(error);
      // The service account refused is a configuration problem, not the agent's credentials.
      if (code === 'INVALID_CREDENTIALS') throw new GuichetError('DIRECTORY_REFUSED', 'the service account was refused');
      throw error;
    }
  }
  const found = await client.search(directory.baseDn, {
    scope: 'sub',
    filter: new EqualityFilter({ attribute: directory.agentSearch.attribute, value: login }),
    attributes: [directory.agentSearch.attribute, directory.attributes.displayName, directory.attributes.commonName],
    sizeLimit: 2,
  });
  return found.searchEntries.length === 1 ? found.searchEntries[0]! : null;
}

async function isMember(client: Client, groupDn: string, memberDn: string): Promise<boolean> {
  try {
    const { searchEntries } = await client.search(groupDn, {
      scope: 'base',
      filter: new EqualityFilter({ attribute: 'member', value: memberDn }),
      attributes: ['1.1'],
      sizeLimit: 1,
    });
    return searchEntries.length > 0;
  } catch (error) {
    if (classifyLdapError(error) === 'NOT_FOUND') return false;
    throw error;
  }
}

/**
 * Signs the agent in against the directory. Throws SignInRefused (INVALID_CREDENTIALS for an
 * unknown login and a wrong password alike, ACCOUNT_LOCKED, NOT_AN_AGENT), or a directory
 * error (DIRECTORY_UNAVAILABLE / DIRECTORY_TIMEOUT when no URL answers, DIRECTORY_REFUSED).
 */
export async function authenticateAgent(directory: DirectoryConfig, login: string, password: string): Promise<AuthenticatedAgent> {
  const service = servicePassword(directory);
  const lookup = await openFirstAvailable(directory, (c) => findAgent(c, directory, login, service));
  let agentClient: Client | null = null;
  try {
    const entry = lookup.value;
    if (!entry) throw new SignInRefused('INVALID_CREDENTIALS', 'invalid credentials', null);
    const canonicalLogin = first(entry, directory.agentSearch.attribute) ?? login;

    // The agent's own session, on the server that answered first: TLS, then bind.
    let opened;
    try {
      opened = await openFirstAvailable({ ...directory, urls: [lookup.url, ...directory.urls.filter((u) => u !== lookup.url)] }, (c) =>
        bindWithPolicy(c, entry.dn, password),
      );
    } catch (error) {
      if (error instanceof GuichetError && (error.code === 'INVALID_CREDENTIALS' || error.code === 'ACCOUNT_LOCKED'))
        throw new SignInRefused(error.code, error.message, canonicalLogin);
      throw error;
    }
    agentClient = opened.client;
    if (opened.value === 'must-change')
      throw new SignInRefused('POLICY_VIOLATION', 'the agent must change their password first', canonicalLogin, { reason: 'password-must-change' });

    // Membership through the service account when there is one (it may read the groups
    // whatever the agent's own rights), else through the agent's bind.
    const reader = directory.agentSearch.bindDn ? lookup.client : agentClient;
    const role: Role | null = (await isMember(reader, directory.groups.supervisors, entry.dn))
      ? 'supervisor'
      : (await isMember(reader, directory.groups.agents, entry.dn))
        ? 'agent'
        : null;
    if (!role) throw new SignInRefused('NOT_AN_AGENT', 'not a member of the helpdesk groups', canonicalLogin);

    const displayName = first(entry, directory.attributes.displayName) ?? first(entry, directory.attributes.commonName) ?? canonicalLogin;
    const result: AuthenticatedAgent = { login: canonicalLogin, dn: entry.dn, displayName, role, client: agentClient, url: opened.url };
    agentClient = null;
    return result;
  } catch (error) {
    if (error instanceof GuichetError) throw error;
    throw new GuichetError(classifyLdapError(error), 'the directory could not complete the sign-in');
  } finally {
    await closeQuietly(lookup.client);
    await closeQuietly(agentClient);
  }
}
