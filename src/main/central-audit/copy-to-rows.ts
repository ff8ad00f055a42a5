/**
 * `COPY … TO STDOUT (FORMAT binary)` whose CopyData payloads go from the connection's chunks
 * straight into a CopyRowBlocks: the stream yields the finished blocks ({ bytes, rows }).
 * pg-copy-streams' own reading cuts a Buffer for each CopyData message, one per row, and joins
 * them again for each chunk: at 2,500,000 rows, that garbage was the export's largest cost
 * on the Node side after the lines themselves. Its attaching to the connection, handing an
 * error or the end back to pg, and flow control are kept as they are: only the parsing of a
 * chunk (`_parse`, pg-copy-streams 7) is this module's.
 */
import { to as copyTo } from 'pg-copy-streams';
import type { CopyRowBlocks } from './copy-rows';

const COPY_DATA = 0x64;
const COPY_DONE = 0x63;
const ERROR_RESPONSE = 0x45;
/** Messages that may come between CopyData ones (CopyOutResponse, notices, parameter status, notifications). */
const INTERSPERSED = new Set([0x48, 0x4e, 0x53, 0x41]);

interface CopyToInternals {
  _buffer: { push(data: Buffer): void };
  _parse(chunk: Buffer): boolean;
  _detach(): void;
  _cleanup(): void;
  push(chunk: unknown): boolean;
  destroy(error?: Error): void;
}

export function copyRowsQuery(text: string, blocks: CopyRowBlocks): ReturnType<typeof copyTo> {
  // One block waiting at most: the COPY waits while the file does.
  const stream = copyTo(text, { objectMode: true, highWaterMark: 1 });
  const internals = stream as unknown as CopyToInternals;
  /** The current message's header (code, length) as far as it came, and its payload bytes still to come. */
  const head = Buffer.alloc(5);
  let headLength = 0;
  let code = 0;
  let left = -1;

  /** Hands the connection back to pg with the bytes from `rest` on (pg reads the error, or what follows the COPY). */
  const detach = (rest: Buffer) => {
    internals._buffer.push(rest);
    internals._detach();
  };
  const send = (ready: Array<{ bytes: Buffer; rows: number }>) => {
    let drained = true;
    for (const block of ready) drained = internals.push(block);
    return drained;
  };

  internals._parse = function parse(chunk: Buffer): boolean {
    try {
      return parseChunk(chunk);
    } catch (error) {
      // Rows this format cannot read (a bug, not data): the export fails, the connection is not reused.
      internals.destroy(error as Error);
      return false;
    }
  };
  const parseChunk = (chunk: Buffer): boolean => {
    let at = 0;
    while (at < chunk.length) {
      if (left < 0) {
        while (headLength < 5 && at < chunk.length) head[headLength++] = chunk[at++]!;
        if (headLength < 5) break;
        code = head[0]!;
        left = head.readUInt32BE(1) - 4;
        headLength = 0;
        if (code === ERROR_RESPONSE) {
          detach(Buffer.concat([head, chunk.subarray(at)]));
          return false;
        }
        if (code !== COPY_DATA && !INTERSPERSED.has(code)) {
          // CopyDone, or anything else that ends copy-out mode.
          detach(code === COPY_DONE ? chunk.subarray(at + left) : Buffer.concat([head, chunk.subarray(at)]));
          try {
            send(blocks.finish());
          } catch (error) {
            internals.destroy(error as Error);
            return false;
          }
          internals.push(null);
          internals._cleanup();
          return false;
        }
      }
      const take = Math.min(left, chunk.length - at);
      if (code === COPY_DATA && take > 0) blocks.push(chunk, at, at + take);
      at += take;
      left -= take;
      if (left === 0) left = -1;
    }
    return send(blocks.take());
  };
  return stream;
}
