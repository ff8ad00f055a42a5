/**
 * The signed-in agent's own bound connection: every lookup and card runs under the agent's
 * bind, reusing one connection (no bind per search).
 *
 * A dropped connection is a new session: connect again (next URL if the first is down),
 * TLS / StartTLS, then bind as the agent again, before the next operation. For that the
 * agent's password is kept in this object, in main-process memory only, while the session
 * is open and unlocked: it is never sent to the renderer, logged or written anywhere, it is
 * dropped on lock (resume brings it back) and on sign-out. The alternative, asking the
 * agent to sign in again after any server restart, failover or idle disconnect, would
 * throw the agent out in the middle of a conversation with the person at the desk.
 */
import type { Client } from 'ldapts';
import type { GuichetConfig } from '../config/schema';
import { GuichetError } from '../../shared/result';
import { bindWithPolicy, closeQuietly, isUnreachable, openFirstAvailable } from './agent-bind';
import { readableView, writableView, type ReadableClient, type WritableClient } from './client-access';
import { isConnectionOpen, SESSION_GONE } from './client-factory';
import { classifyLdapError } from './ldap-errors';
import { NotApplied } from './write-outcome';

type DirectoryConfig = GuichetConfig['directory'];

/** Errors after which the connection cannot be trusted any more (socket gone or timed out). */
function connectionLost(error: unknown): boolean {
  if (error instanceof GuichetError) return error.message === SESSION_GONE;
  const message = error instanceof Error ? error.message : '';
  return /socket|connection|closed|timed out|timeout|not established/i.test(message);
}

export interface AgentConnectionOptions {
  directory: DirectoryConfig;
  dn: string;
  /** An already bound client from the sign-in, reused as the first session. */
  client: Client | null;
  url: string | null;
  password: string;
  /** Called when the directory no longer accepts the agent's password (changed or locked elsewhere). */
  onCredentialsRevoked: () => void;
}

export class AgentConnection {
  readonly dn: string;
  private readonly directory: DirectoryConfig;
  private client: Client | null;
  private currentUrl: string | null;
  private password: string | null;
  private opening: Promise<Client> | null = null;
  /**
   * A connection bound as this agent ahead of the next detached read (readAlone), or its bind
   * under way; null when it failed. Bound in the background after each detached read and at
   * sign-in; closed on lock, resume and sign-out; never given to anything but this connection.
   */
  private spare: Promise<Client | null> | null = null;
  private readonly onCredentialsRevoked: () => void;

  constructor(options: AgentConnectionOptions) {
    this.directory = options.directory;
    this.dn = options.dn;
    this.client = options.client;
    this.currentUrl = options.url;
    this.password = options.password;
    this.onCredentialsRevoked = options.onCredentialsRevoked;
    this.prepareSpare();
  }

  get url(): string | null {
    return this.currentUrl;
  }

  /** Idle lock: nothing runs while locked, so the password need not stay in memory, nor a spare bound session. */
  forgetPassword(): void {
    this.password = null;
    void this.dropSpare();
  }

  /** Resume: the agent typed the password again and the directory (or the local verifier) accepted it. */
  rememberPassword(password: string): void {
    this.password = password;
    void this.dropSpare();
    this.prepareSpare();
  }

  /** Swaps in a freshly bound client (resume binds on a new session). */
  async replaceClient(client: Client, url: string): Promise<void> {
    const old = this.client;
    this.client = client;
    this.currentUrl = url;
    if (old && old !== client) await closeQuietly(old);
  }

  private async session(): Promise<Client> {
    // isBound turns false as soon as the socket closes; ldapts must never be given the chance to reconnect by itself.
    if (this.client?.isBound && isConnectionOpen(this.client)) return this.client;
    if (this.opening) return this.opening;
    this.opening = this.openNew().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  private async openNew(): Promise<Client> {
    await this.drop();
    const { client, url } = await this.bindNew();
    this.client = client;
    this.currentUrl = url;
    return client;
  }

  /** A new connection bound as the agent (the first server that answers). */
  private async bindNew(): Promise<{ client: Client; url: string }> {
    const password = this.password;
    if (password === null) throw new GuichetError('SESSION_LOCKED', 'the session is locked');
    try {
      return await openFirstAvailable(this.directory, (c) => bindWithPolicy(c, this.dn, password));
    } catch (error) {
      if (error instanceof GuichetError && (error.code === 'INVALID_CREDENTIALS' || error.code === 'ACCOUNT_LOCKED')) {
        this.password = null;
        this.onCredentialsRevoked();
        throw new GuichetError('NOT_SIGNED_IN', 'the directory no longer accepts the agent: sign in again');
      }
      throw error;
    }
  }

  private async drop(): Promise<void> {
    const old = this.client;
    this.client = null;
    await closeQuietly(old);
  }

  /**
   * Runs a read under the agent's bind. A read that failed because the connection dropped
   * is retried once on a new session (reads are safe to repeat); a timeout is not retried,
   * so the agent hears within the configured timeouts.
   */
  async read<T>(operation: (client: ReadableClient) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const scoped = readableView(await this.session());
      try {
        return await operation(scoped.view);
      } catch (error) {
        if (!connectionLost(error)) throw error instanceof GuichetError ? error : new GuichetError(classifyLdapError(error), 'directory error');
        await this.drop();
        const code = classifyLdapError(error);
        if (attempt > 0 || code === 'DIRECTORY_TIMEOUT') throw new GuichetError(code === 'DIRECTORY_TIMEOUT' ? code : 'DIRECTORY_UNAVAILABLE', 'the directory connection was lost');
      } finally {
        scoped.end();
      }
    }
  }

  /**
   * Runs a read on a connection of its own, bound as the agent and closed as soon as the read
   * is over: for a search that leaves state on its connection. slapd's sssvlv keeps a virtual
   * list view's sorted list until its connection closes (one slot of olcSssVlvMaxPerConn each,
   * and of the server-wide olcSssVlvMax): on the shared connection the ninth jump would be
   * refused "busy", and held slots would starve every other desk's sorted lists.
   * The connection is the spare bound beforehand when there is one (its bind off the agent's
   * wait); a spare the server dropped while it waited (idle timeout, restart) fails on its
   * first operation: the read runs once more on a new connection (reads are safe to repeat).
   */
  async readAlone<T>(operation: (client: ReadableClient) => Promise<T>): Promise<T> {
    const spare = await this.takeSpare();
    try {
      try {
        return await this.readOn(spare ?? (await this.bindNew()).client, operation);
      } catch (error) {
        if (!spare || !connectionLost(error) || classifyLdapError(error) === 'DIRECTORY_TIMEOUT') throw error;
        return await this.readOn((await this.bindNew()).client, operation);
      }
    } catch (error) {
      throw error instanceof GuichetError ? error : new GuichetError(classifyLdapError(error), 'directory error');
    } finally {
      // After the answer has gone: opening the next connection costs about half a millisecond of this turn.
      setImmediate(() => this.prepareSpare());
    }
  }

  /**
   * One read on `client`, which is closed after it (frees what the read left on the connection).
   * The view is withdrawn at once; the unbind is written on the next turn, once the answer has
   * gone on (writing it costs a fifth of a millisecond the agent need not wait for).
   */
  private async readOn<T>(client: Client, operation: (client: ReadableClient) => Promise<T>): Promise<T> {
    const scoped = readableView(client);
    try {
      return await operation(scoped.view);
    } finally {
      scoped.end();
      setImmediate(() => void closeQuietly(client));
    }
  }

  /** Binds the next spare in the background, unless one is there or under way, or the session is locked or closed. */
  private prepareSpare(): void {
    if (this.spare || this.password === null) return;
    // A bind the directory refuses (password changed or account locked elsewhere) ends the session, as a
    // foreground one would (bindNew); any other failure leaves no spare: the next detached read binds itself.
    this.spare = this.bindNew().then(
      ({ client }) => client,
      () => null,
    );
  }

  /** The spare, once bound, when it is still open; null otherwise (it is then closed). */
  private async takeSpare(): Promise<Client | null> {
    const pending = this.spare;
    this.spare = null;
    const client = pending ? await pending : null;
    if (client?.isBound && isConnectionOpen(client)) return client;
    await closeQuietly(client);
    return null;
  }

  /** Closes the spare (once its bind settles, when under way). */
  private async dropSpare(): Promise<void> {
    const pending = this.spare;
    this.spare = null;
    await closeQuietly(pending ? await pending : null);
  }

  /**
   * Sends one write under the agent's bind, once: never retried, its first attempt may have
   * been applied. No session to send it on (no server answers) is NotApplied; any other
   * failure comes back as ldapts gave it, for the caller to settle (see write-outcome.ts).
   */
  async write<T>(operation: (client: WritableClient) => Promise<T>): Promise<T> {
    let client: Client;
    try {
      client = await this.session();
    } catch (error) {
      if (error instanceof GuichetError && isUnreachable(error.code)) throw new NotApplied(error.code === 'DIRECTORY_TIMEOUT' ? 'DIRECTORY_TIMEOUT' : 'DIRECTORY_UNAVAILABLE');
      throw error;
    }
    const scoped = writableView(client);
    try {
      return await operation(scoped.view);
    } finally {
      scoped.end();
    }
  }

  async close(): Promise<void> {
    this.password = null;
    await Promise.all([this.dropSpare(), this.drop()]);
  }
}
