/**
 * A TCP proxy between the console and slapd that tells, for each connection the console opens,
 * whom it bound as, whether it carried a virtual list view (a worklist page) and whether it is
 * still open; and drops one as a server would (idle timeout, restart): at once, or as its next
 * request arrives (before slapd sees it).
 */
import net from 'node:net';
import { freePort } from '../../../resources/directory/fixture';

const BIND_REQUEST_TAG = 0x60; // [APPLICATION 0], constructed
const VLV_REQUEST_OID = Buffer.from('2.16.840.1.113730.3.4.9', 'latin1');

/** A BER length at `at`: its value and where what it measures starts. */
function lengthAt(chunk: Buffer, at: number): { length: number; next: number } {
  const first = chunk[at]!;
  if (!(first & 0x80)) return { length: first, next: at + 1 };
  const bytes = first & 0x7f;
  let length = 0;
  for (let i = 1; i <= bytes; i++) length = length * 256 + chunk[at + i]!;
  return { length, next: at + 1 + bytes };
}

/** The name of a bind request (SEQUENCE { messageID, [APPLICATION 0] { version, name, auth } }); null for any other request. */
export function bindNameOf(chunk: Buffer): string | null {
  if (chunk[0] !== 0x30) return null;
  let at = lengthAt(chunk, 1).next;
  if (chunk[at] !== 0x02) return null;
  at = lengthAt(chunk, at + 1).next + chunk[at + 1]!;
  if (chunk[at] !== BIND_REQUEST_TAG) return null;
  at = lengthAt(chunk, at + 1).next;
  if (chunk[at] !== 0x02) return null;
  at += 2 + chunk[at + 1]!;
  if (chunk[at] !== 0x04) return null;
  const { length, next } = lengthAt(chunk, at + 1);
  return chunk.subarray(next, next + length).toString('utf8');
}

export interface WatchedConnection {
  /** Every name it was bound as, in order. */
  readonly boundAs: string[];
  /** Requests after its last bind. */
  readonly requestsSinceBind: number;
  /** It carried a virtual list view request. */
  readonly sortedView: boolean;
  readonly open: boolean;
  /** Closes it now, both ways. */
  drop(): void;
  /** Closes it as its next request arrives, which slapd never sees. */
  dropOnNextRequest(): void;
}

export interface WatchingProxy {
  url: string;
  readonly connections: readonly WatchedConnection[];
  /** The open connections whose last bind was as `dn`. */
  openAs(dn: string): WatchedConnection[];
  close(): Promise<void>;
}

export async function startWatchingProxy(target: { host: string; port: number }): Promise<WatchingProxy> {
  const connections: WatchedConnection[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target);
    sockets.add(client).add(upstream);
    let dropNext = false;
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
      watched.open = false;
    };
    const watched = {
      boundAs: [] as string[],
      requestsSinceBind: 0,
      sortedView: false,
      open: true,
      drop: end,
      dropOnNextRequest: () => {
        dropNext = true;
      },
    };
    connections.push(watched);
    client.on('data', (chunk: Buffer) => {
      if (dropNext) return end();
      const name = bindNameOf(chunk);
      if (name !== null) {
        watched.boundAs.push(name);
        watched.requestsSinceBind = 0;
      } else watched.requestsSinceBind += 1;
      if (chunk.includes(VLV_REQUEST_OID)) watched.sortedView = true;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `ldap://127.0.0.1:${port}`,
    connections,
    openAs: (dn) => connections.filter((c) => c.open && c.boundAs.at(-1) === dn),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
