/** RFC 2849 LDIF writing: safe strings, base64 values, lines folded at 76 columns, entries. */

/**
 * RFC 2849 SAFE-STRING: ASCII without NUL, LF and CR, not starting with space, ':' or '<'.
 * A trailing space is also sent as base64 (it would be lost by many readers).
 */
function isSafeString(value: string): boolean {
  const n = value.length;
  if (n === 0) return true;
  const first = value.charCodeAt(0);
  if (first === 0x20 || first === 0x3a || first === 0x3c || value.charCodeAt(n - 1) === 0x20) return false;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c === 0 || c === 0x0a || c === 0x0d || c > 0x7f) return false;
  }
  return true;
}

/** One `attr: value` (or `attr:: base64`) line, folded at 76 columns, with its newline. */
export function ldifLine(attr: string, value: string | Buffer): string {
  const line =
    typeof value === 'string' && isSafeString(value)
      ? `${attr}: ${value}`
      : `${attr}:: ${(typeof value === 'string' ? Buffer.from(value, 'utf8') : value).toString('base64')}`;
  if (line.length <= 76) return line + '\n';
  let out = line.slice(0, 76);
  for (let i = 76; i < line.length; i += 75) out += '\n ' + line.slice(i, i + 75);
  return out + '\n';
}

/** An entry from (attribute, value) pairs, ending with a blank line. */
export function ldifEntry(dn: string, attrs: ReadonlyArray<readonly [string, string | Buffer | readonly string[] | undefined]>): string {
  let s = ldifLine('dn', dn);
  for (const [name, v] of attrs) {
    if (v === undefined) continue;
    if (typeof v === 'string' || Buffer.isBuffer(v)) s += ldifLine(name, v);
    else for (const x of v) s += ldifLine(name, x);
  }
  return s + '\n';
}
