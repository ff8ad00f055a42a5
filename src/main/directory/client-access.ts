/**
 * What a directory read and a directory write may do with the agent's bound client: a read
 * is handed search and compare only, a write modify and the password exop. Neither gets the
 * ldapts Client itself, and the view stops working once its operation is over, so a client
 * cannot be kept for a later write that would bypass the write path.
 */
import type { Client } from 'ldapts';
import { GuichetError } from '../../shared/result';

/** The client a read callback is handed: nothing that changes the directory. */
export type ReadableClient = Pick<Client, 'search' | 'compare'>;

/** The client a write callback is handed (sent once, see AgentDirectory.write). */
export type WritableClient = Pick<Client, 'modify' | 'exop'>;

/**
 * A rest parameter that a read of the client itself must fill and cannot: with it,
 * `read(async (c) => c)` does not compile ("an argument for 'refused' was not provided").
 */
export type NoClientOut<T> = [T] extends [ReadableClient | WritableClient] ? [refused: never] : [];

/** A view of `client` usable until `end()`: afterwards each call throws. */
function scoped<K extends keyof Client>(client: Client, methods: readonly K[]): { view: Pick<Client, K>; end(): void } {
  let open = true;
  const view = {} as Pick<Client, K>;
  for (const method of methods) {
    const call = (...args: unknown[]) => {
      if (!open) throw new GuichetError('INTERNAL', 'a directory client was used after its operation ended');
      return (client[method] as (...a: unknown[]) => unknown).apply(client, args);
    };
    Object.assign(view, { [method]: call });
  }
  return {
    view,
    end() {
      open = false;
    },
  };
}

export const readableView = (client: Client) => scoped(client, ['search', 'compare'] as const);
export const writableView = (client: Client) => scoped(client, ['modify', 'exop'] as const);
