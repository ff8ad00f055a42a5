/**
 * A TCP proxy between the console and slapd that forwards everything until it sees a given
 * client request (by default an RFC 3062 Password Modify), and then, once, either swallows
 * the request (slapd never sees it) or passes it and swallows the answer (slapd applies it,
 * the console never hears). `held()` says when the request, or its answer, is being held:
 * the moment to kill slapd when a test wants a fault really during an operation.
 */
import net from 'node:net';
import { freePort } from '../../../resources/directory/fixture';

export type Stall = 'pass' | 'drop-request' | 'drop-response';
/** Tells the watched requests from the others, on one chunk the client wrote. */
export type RequestMatcher = (chunk: Buffer) => boolean;

const PASSWORD_MODIFY_OID = Buffer.from('1.3.6.1.4.1.4203.1.11.1', 'latin1');
const MODIFY_REQUEST_TAG = 0x66; // [APPLICATION 6], constructed

/** The Password Modify extended operation (a reset, or a person's own change). */
export const passwordModifyRequest: RequestMatcher = (chunk) => chunk.includes(PASSWORD_MODIFY_OID);

/** The protocolOp tag of the first LDAPMessage of a chunk (SEQUENCE { messageID INTEGER, protocolOp }). */
function operationTag(chunk: Buffer): number | null {
  if (chunk[0] !== 0x30 || chunk.length < 2) return null;
  let i = 2;
  if (chunk[1]! & 0x80) i += chunk[1]! & 0x7f;
  if (chunk[i] !== 0x02) return null;
  i += 2 + chunk[i + 1]!;
  return chunk[i] ?? null;
}

/** An LDAP modify request touching `attribute` (searches naming it do not count). */
export const modifyRequestOf =
  (attribute: string): RequestMatcher =>
  (chunk) =>
    operationTag(chunk) === MODIFY_REQUEST_TAG && chunk.includes(Buffer.from(attribute, 'latin1'));

export interface StallingProxy {
  url: string;
  /** What happens to the next watched request (one shot). */
  next: Stall;
  /** Which requests are watched (default: Password Modify). */
  match: RequestMatcher;
  /** Watched requests let through before `next` applies (e.g. 1: the second Password Modify). */
  skip: number;
  /** After that request, refuse every new connection (the re-read cannot be made). */
  refuseAfterStall: boolean;
  refuseNew: boolean;
  /** How many watched requests went by. */
  seen: number;
  /** Resolves once the stalled request (drop-request) or its answer (drop-response) is being held: call it before the operation. */
  held(): Promise<void>;
  close(): Promise<void>;
}

export async function startStallingProxy(target: { host: string; port: number }): Promise<StallingProxy> {
  const sockets = new Set<net.Socket>();
  let onHeld: (() => void) | null = null;
  const signalHeld = () => {
    onHeld?.();
    onHeld = null;
  };
  const proxy = {
    next: 'pass' as Stall,
    match: passwordModifyRequest,
    skip: 0,
    refuseAfterStall: false,
    refuseNew: false,
    seen: 0,
  };
  const server = net.createServer((client) => {
    if (proxy.refuseNew) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target);
    sockets.add(client).add(upstream);
    let dropRequests = false;
    let dropResponses = false;
    client.on('data', (chunk: Buffer) => {
      if (proxy.match(chunk)) {
        proxy.seen += 1;
        if (proxy.skip > 0) proxy.skip -= 1;
        else {
          const stall = proxy.next;
          proxy.next = 'pass';
          if (stall === 'drop-request') dropRequests = true;
          if (stall === 'drop-response') dropResponses = true;
          if (stall !== 'pass' && proxy.refuseAfterStall) proxy.refuseNew = true;
        }
      }
      if (dropRequests) signalHeld();
      else upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (dropResponses) signalHeld();
      else client.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return Object.assign(proxy, {
    url: `ldap://127.0.0.1:${port}`,
    held: () =>
      new Promise<void>((resolve) => {
        onHeld = resolve;
      }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  });
}
