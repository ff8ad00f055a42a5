/**
 * The rows of a `COPY … TO STDOUT (FORMAT binary)`, each written by a row format straight
 * from the bytes it arrived in into large blocks: no object per row or per value, only the
 * offsets of the row's fields in two reused arrays. A row split across two chunks of the
 * connection is carried to the next one (at most one at a time).
 */

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** Signature, flags (int32), header extension length (int32). */
const HEADER_FIXED = SIGNATURE.length + 8;

export interface RowFormat {
  /** How many fields each row holds. */
  readonly fields: number;
  /** The most bytes a row of `rowBytes` bytes (framing included) can become. */
  bound(rowBytes: number): number;
  /** Writes the row (its fields at `starts`, of `lengths`, -1 for NULL) at `out[pos]`; returns the position after it. */
  write(src: Buffer, starts: Int32Array, lengths: Int32Array, out: Buffer, pos: number): number;
}

export class CopyRowBlocks {
  /** Rows written so far. */
  rows = 0;
  /** The first row's bytes as written (its own copy). */
  first: Buffer | null = null;
  private readonly ready: Array<{ bytes: Buffer; rows: number }> = [];
  /** Blocks given back once written, filled again instead of new ones (no garbage to collect). */
  private readonly spare: Buffer[] = [];
  private readonly starts: Int32Array;
  private readonly lengths: Int32Array;
  private block: Buffer;
  private used = 0;
  private blockRows = 0;
  private lastBlock: Buffer | null = null;
  private lastStart = 0;
  private lastEnd = 0;
  private carry: Buffer | null = null;
  private headerLeft = true;
  private ended = false;

  constructor(
    private readonly format: RowFormat,
    private readonly blockSize = 4 * 1024 * 1024,
  ) {
    this.starts = new Int32Array(format.fields);
    this.lengths = new Int32Array(format.fields);
    this.block = Buffer.allocUnsafe(blockSize);
  }

  /** The last row's bytes as written (a view into its block, which is never reused). */
  get last(): Buffer | null {
    return this.lastBlock ? this.lastBlock.subarray(this.lastStart, this.lastEnd) : null;
  }

  /** Takes in the next bytes of the COPY stream: `chunk` from `start` to `end`. */
  push(chunk: Buffer, start = 0, end = chunk.length): void {
    if (this.ended) {
      if (end > start) throw new Error('COPY: bytes after the trailer');
      return;
    }
    const buf = this.carry ? Buffer.concat([this.carry, chunk.subarray(start, end)]) : chunk;
    let at = this.carry ? 0 : start;
    if (this.carry) end = buf.length;
    this.carry = null;
    if (this.headerLeft) {
      const rest = buf.subarray(at, end);
      if (!rest.subarray(0, SIGNATURE.length).equals(SIGNATURE.subarray(0, rest.length))) throw new Error('COPY: not a binary COPY stream');
      if (rest.length < HEADER_FIXED || rest.length < HEADER_FIXED + rest.readUInt32BE(HEADER_FIXED - 4)) return this.keep(buf, at, end);
      this.headerLeft = false;
      at += HEADER_FIXED + rest.readUInt32BE(HEADER_FIXED - 4);
    }
    const fields = this.format.fields;
    while (at < end) {
      if (end - at < 2) return this.keep(buf, at, end);
      const count = buf.readInt16BE(at);
      if (count === -1) {
        if (at + 2 !== end) throw new Error('COPY: bytes after the trailer');
        this.ended = true;
        return;
      }
      if (count !== fields) throw new Error(`COPY: a row of ${count} fields instead of ${fields}`);
      let p = at + 2;
      let complete = true;
      for (let i = 0; i < fields; i += 1) {
        if (end - p < 4) {
          complete = false;
          break;
        }
        const length = buf.readInt32BE(p);
        p += 4;
        this.starts[i] = p;
        this.lengths[i] = length;
        if (length > 0) p += length;
        if (p > end) {
          complete = false;
          break;
        }
      }
      if (!complete) return this.keep(buf, at, end);
      this.row(buf, p - at);
      at = p;
    }
  }

  /** Full blocks written so far, taken out (the caller writes them). */
  take(): Array<{ bytes: Buffer; rows: number }> {
    return this.ready.splice(0, this.ready.length);
  }

  /** Gives back a block `take` handed out, once it is written. */
  release(bytes: Buffer): void {
    if (bytes.byteOffset === 0 && bytes.buffer.byteLength === this.blockSize) this.spare.push(Buffer.from(bytes.buffer, 0, this.blockSize));
  }

  /** After the last chunk: the partly filled block, or an error when the COPY stopped short. */
  finish(): Array<{ bytes: Buffer; rows: number }> {
    if (!this.ended) throw new Error('COPY: ended in the middle of a row');
    this.flush();
    return this.take();
  }

  private keep(buf: Buffer, at: number, end: number): void {
    // A copy: the chunk may be a view into a buffer the connection reuses.
    this.carry = Buffer.from(buf.subarray(at, end));
  }

  private row(src: Buffer, rowBytes: number): void {
    const room = this.format.bound(rowBytes);
    if (room > this.block.length - this.used) {
      this.flush();
      if (room > this.block.length) this.block = Buffer.allocUnsafe(room);
    }
    const start = this.used;
    this.used = this.format.write(src, this.starts, this.lengths, this.block, start);
    this.lastBlock = this.block;
    this.lastStart = start;
    this.lastEnd = this.used;
    this.blockRows += 1;
    this.rows += 1;
    if (this.first === null) this.first = Buffer.from(this.block.subarray(start, this.used));
  }

  private flush(): void {
    if (this.used === 0) return;
    this.ready.push({ bytes: this.block.subarray(0, this.used), rows: this.blockRows });
    this.block = this.spare.pop() ?? Buffer.allocUnsafe(this.blockSize);
    this.used = 0;
    this.blockRows = 0;
  }
}
