/**
 * A centre export's lines (JSON Lines here, CSV in export-row-csv.ts), written from the event's columns as a binary COPY sends them
 * (text as UTF-8, integers and the instant as big-endian integers, hashes as raw bytes),
 * byte for byte what recordToJsonLine / recordToCsvCells + csvLine write for the same record
 * (unit and integration tests hold both to the same bytes). PostgreSQL sends the columns as
 * they are stored, which costs it no more than a bare COPY; building the lines in SQL cost
 * it three times that (to_json, to_char and concatenations, measured).
 */
import type { RowFormat } from './copy-rows';

/** The columns, in the order the formats read them. */
export const EXPORT_COLUMNS =
  'e.action, e.agent_login, e.agent_name, e.at, e.comment, e.details, e.directory_code, e.evidence, e.intent_seq, e.outcome, e.seq, e.target_login, e.target_dn, e.workstation, e.hash, e.prev_hash';
export const ACTION = 0;
export const AGENT_LOGIN = 1;
export const AGENT_NAME = 2;
export const AT = 3;
export const COMMENT = 4;
export const DETAILS = 5;
export const DIRECTORY_CODE = 6;
export const EVIDENCE = 7;
export const INTENT_SEQ = 8;
export const OUTCOME = 9;
export const SEQ = 10;
export const TARGET_LOGIN = 11;
export const TARGET_DN = 12;
export const WORKSTATION = 13;
export const HASH = 14;
export const PREV_HASH = 15;
export const FIELDS = 16;

const HEX = Buffer.from('0123456789abcdef', 'latin1');
/** PostgreSQL's epoch (2000-01-01) in Unix milliseconds. */
const PG_EPOCH_MS = 946_684_800_000;

const NULL = Buffer.from('null');

/** A short constant (a key, `null`): a loop costs less than a native copy's call at this size. */
function put(out: Buffer, pos: number, bytes: Buffer): number {
  for (let i = 0; i < bytes.length; i += 1) out[pos++] = bytes[i]!;
  return pos;
}

function putString(out: Buffer, pos: number, src: Buffer, start: number, length: number): number {
  return length < 0 ? put(out, pos, NULL) : putJsonString(out, pos, src, start, length);
}

function putNumber(out: Buffer, pos: number, src: Buffer, start: number, length: number): number {
  return length < 0 ? put(out, pos, NULL) : putInteger(out, pos, src, start, length);
}

/** Digits written backwards here, then forwards into the line. */
const digits = Buffer.alloc(24);

/** An integer as JSON.stringify / String write it (int4 or int8 field). */
export function putInteger(out: Buffer, pos: number, src: Buffer, start: number, length: number): number {
  let value: number;
  if (length === 4) value = src.readInt32BE(start);
  else {
    value = src.readInt32BE(start) * 4_294_967_296 + src.readUInt32BE(start + 4);
    if (!Number.isSafeInteger(value)) return pos + out.write(String(src.readBigInt64BE(start)), pos, 'latin1');
  }
  if (value < 0) {
    out[pos++] = 45;
    value = -value;
  }
  let at = digits.length;
  if (value < 2_147_483_648) {
    let v = value | 0;
    do {
      digits[--at] = 48 + (v % 10);
      v = (v / 10) | 0;
    } while (v > 0);
  } else
    do {
      digits[--at] = 48 + (value % 10);
      value = Math.floor(value / 10);
    } while (value > 0);
  while (at < digits.length) out[pos++] = digits[at++]!;
  return pos;
}

/** Two digits of 00..99 at 2n, 2n + 1. */
const PAIRS = Buffer.from(Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0')).join(''), 'latin1');

function putPair(out: Buffer, pos: number, value: number): number {
  out[pos] = PAIRS[2 * value]!;
  out[pos + 1] = PAIRS[2 * value + 1]!;
  return pos + 2;
}

/** `YYYY-MM-DDT` of the last day written: rows come in order, most share their day with the one before. */
const dayText = Buffer.alloc(11);
let dayOfText = Number.NaN;

/** Days since 1970-01-01 as `YYYY-MM-DDT` (H. Hinnant's civil-from-days, proleptic Gregorian); false outside years 0-9999. */
function setDayText(days: number): boolean {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) return false;
  putPair(dayText, 0, Math.floor(year / 100));
  putPair(dayText, 2, year % 100);
  dayText[4] = 45;
  putPair(dayText, 5, month);
  dayText[7] = 45;
  putPair(dayText, 8, day);
  dayText[10] = 84;
  dayOfText = days;
  return true;
}

/** The instant (µs since 2000-01-01 UTC) as Date#toISOString writes it, to the millisecond. */
export function putInstant(out: Buffer, pos: number, src: Buffer, start: number): number {
  const micros = src.readInt32BE(start) * 4_294_967_296 + src.readUInt32BE(start + 4);
  const ms = Math.floor(micros / 1000) + PG_EPOCH_MS;
  const days = Math.floor(ms / 86_400_000);
  if (days !== dayOfText && !setDayText(days)) return pos + out.write(new Date(ms).toISOString(), pos, 'latin1');
  for (let i = 0; i < 11; i += 1) out[pos++] = dayText[i]!;
  // Within a day: below 2^31, integer arithmetic.
  let rest = ms - days * 86_400_000;
  const hours = (rest / 3_600_000) | 0;
  rest -= hours * 3_600_000;
  const minutes = (rest / 60_000) | 0;
  rest -= minutes * 60_000;
  const seconds = (rest / 1000) | 0;
  rest -= seconds * 1000;
  pos = putPair(out, pos, hours);
  out[pos++] = 58;
  pos = putPair(out, pos, minutes);
  out[pos++] = 58;
  pos = putPair(out, pos, seconds);
  out[pos++] = 46;
  out[pos++] = 48 + ((rest / 100) | 0);
  pos = putPair(out, pos, rest % 100);
  out[pos++] = 90;
  return pos;
}

export function putHex(out: Buffer, pos: number, src: Buffer, start: number, length: number): number {
  for (let i = start; i < start + length; i += 1) {
    out[pos++] = HEX[src[i]! >> 4]!;
    out[pos++] = HEX[src[i]! & 15]!;
  }
  return pos;
}

/** A text as JSON.stringify writes it: quoted, `"` `\` and control characters escaped (valid UTF-8 passes as is). */
function putJsonString(out: Buffer, pos: number, src: Buffer, start: number, length: number): number {
  out[pos++] = 34;
  for (let i = start; i < start + length; i += 1) {
    const b = src[i]!;
    if (b >= 32 && b !== 34 && b !== 92) {
      out[pos++] = b;
      continue;
    }
    out[pos++] = 92;
    if (b === 34 || b === 92) out[pos++] = b;
    else if (b === 8) out[pos++] = 98;
    else if (b === 9) out[pos++] = 116;
    else if (b === 10) out[pos++] = 110;
    else if (b === 12) out[pos++] = 102;
    else if (b === 13) out[pos++] = 114;
    else {
      out[pos++] = 117;
      out[pos++] = 48;
      out[pos++] = 48;
      out[pos++] = HEX[b >> 4]!;
      out[pos++] = HEX[b & 15]!;
    }
  }
  out[pos++] = 34;
  return pos;
}

const JSON_PARTS = [
  '{"action":', ',"agent":', '{"displayName":', ',"login":', '}', ',"at":"', '","comment":', ',"details":', ',"directoryCode":', ',"evidence":',
  ',"intentSeq":', ',"outcome":', ',"seq":', ',"target":', '{"dn":', ',"workstation":', ',"hash":"', '","prevHash":"', '"}\n', '""',
].map((s) => Buffer.from(s));
const [OPEN, AGENT, DISPLAY_NAME, LOGIN, CLOSE, AT_KEY, COMMENT_KEY, DETAILS_KEY, CODE_KEY, EVIDENCE_KEY, INTENT_KEY, OUTCOME_KEY, SEQ_KEY, TARGET_KEY, DN, WORKSTATION_KEY, HASH_KEY, PREV_KEY, END, EMPTY] =
  JSON_PARTS as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];

/** The agent or the target: null without a login, else `{<key>:<field, or nullAs>,"login":<login>}`. */
function putWithLogin(out: Buffer, pos: number, src: Buffer, s: Int32Array, n: Int32Array, key: Buffer, field: number, nullAs: Buffer, login: number): number {
  if (n[login]! < 0) return put(out, pos, NULL);
  pos = put(out, pos, key);
  pos = n[field]! < 0 ? put(out, pos, nullAs) : putJsonString(out, pos, src, s[field]!, n[field]!);
  pos = put(out, pos, LOGIN);
  pos = putJsonString(out, pos, src, s[login]!, n[login]!);
  return put(out, pos, CLOSE);
}

/** recordToJsonLine: canonicalEventText's keys in its order, then the hashes. */
export const jsonLineFormat: RowFormat = {
  fields: FIELDS,
  // Escaping makes a byte at most six (\u00XX); the keys and hex hashes add a fixed amount.
  bound: (rowBytes) => rowBytes * 6 + 512,
  write(src, s, n, out, pos) {
    pos = put(out, pos, OPEN);
    pos = putString(out, pos, src, s[ACTION]!, n[ACTION]!);
    pos = put(out, pos, AGENT);
    pos = putWithLogin(out, pos, src, s, n, DISPLAY_NAME, AGENT_NAME, EMPTY, AGENT_LOGIN);
    pos = put(out, pos, AT_KEY);
    pos = putInstant(out, pos, src, s[AT]!);
    pos = put(out, pos, COMMENT_KEY);
    pos = putString(out, pos, src, s[COMMENT]!, n[COMMENT]!);
    pos = put(out, pos, DETAILS_KEY);
    pos += src.copy(out, pos, s[DETAILS]!, s[DETAILS]! + n[DETAILS]!);
    pos = put(out, pos, CODE_KEY);
    pos = putNumber(out, pos, src, s[DIRECTORY_CODE]!, n[DIRECTORY_CODE]!);
    pos = put(out, pos, EVIDENCE_KEY);
    pos += src.copy(out, pos, s[EVIDENCE]!, s[EVIDENCE]! + n[EVIDENCE]!);
    pos = put(out, pos, INTENT_KEY);
    pos = putNumber(out, pos, src, s[INTENT_SEQ]!, n[INTENT_SEQ]!);
    pos = put(out, pos, OUTCOME_KEY);
    pos = putString(out, pos, src, s[OUTCOME]!, n[OUTCOME]!);
    pos = put(out, pos, SEQ_KEY);
    pos = putInteger(out, pos, src, s[SEQ]!, n[SEQ]!);
    pos = put(out, pos, TARGET_KEY);
    pos = putWithLogin(out, pos, src, s, n, DN, TARGET_DN, NULL, TARGET_LOGIN);
    pos = put(out, pos, WORKSTATION_KEY);
    pos = putString(out, pos, src, s[WORKSTATION]!, n[WORKSTATION]!);
    pos = put(out, pos, HASH_KEY);
    pos = putHex(out, pos, src, s[HASH]!, n[HASH]!);
    pos = put(out, pos, PREV_KEY);
    pos = putHex(out, pos, src, s[PREV_HASH]!, n[PREV_HASH]!);
    return put(out, pos, END);
  },
};
