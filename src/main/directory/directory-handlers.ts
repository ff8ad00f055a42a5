/** directory:search, account:open and account:photo, adapted to the directory service. */
import type { Handlers } from '../router';
import type { DirectoryService } from './directory-service';

export function directoryHandlers(directory: DirectoryService) {
  return {
    'directory:search': ({ query, key }) => directory.search(query, key),
    'account:open': ({ dn, refresh, fromWorklist }) => directory.openAccount(dn, refresh ?? false, fromWorklist ?? null),
    'account:photo': ({ dn }) => directory.photo(dn),
  } satisfies Handlers;
}
