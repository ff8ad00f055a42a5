/** Is the directory reachable? The root DSE read anonymously on each URL in turn. */
import type { DirectoryStatus } from '../../shared/contract/app';
import type { GuichetConfig } from '../config/schema';
import { openSession } from './client-factory';
import { classifyLdapError } from './ldap-errors';

/**
 * Is the directory reachable? Reads the root DSE anonymously on each URL in order
 * (TLS included when configured), within the configured timeouts.
 */
export async function probeDirectory(directory: GuichetConfig['directory'], now = () => new Date()): Promise<DirectoryStatus> {
  let lastProblem: DirectoryStatus['problem'] = 'DIRECTORY_UNAVAILABLE';
  for (const url of directory.urls) {
    let client;
    try {
      client = await openSession(url, directory);
      await client.search('', { scope: 'base', filter: '(objectClass=*)', attributes: ['namingContexts'] });
      return { reachable: true, url, checkedAt: now().toISOString() };
    } catch (error) {
      lastProblem = classifyLdapError(error) === 'DIRECTORY_TIMEOUT' ? 'DIRECTORY_TIMEOUT' : 'DIRECTORY_UNAVAILABLE';
    } finally {
      await client?.unbind().catch(() => undefined);
    }
  }
  return { reachable: false, url: directory.urls[0]!, checkedAt: now().toISOString(), problem: lastProblem };
}
