/**
 * Is a DN an entry below the people branch? The renderer sends back DNs the directory gave
 * it, but the main process trusts nothing that crosses the bridge. Pure.
 */

/** Splits on commas that are not escaped (`\,`); null when the DN is malformed. */
function rdns(dn: string): string[] | null {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(dn)) return null;
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < dn.length; i++) {
    const ch = dn[i]!;
    if (ch === '\\') {
      if (i + 1 >= dn.length) return null;
      current += ch + dn[i + 1]!;
      i++;
    } else if (ch === ',') {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  const normalised: string[] = [];
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    const type = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim().toLowerCase();
    if (!/^[a-z][a-z0-9-]*$|^\d+(?:\.\d+)+$/.test(type) || value === '') return null;
    normalised.push(`${type}=${value}`);
  }
  return normalised;
}

/** True when `dn` is strictly below `base` (compared RDN by RDN, case-insensitively). */
export function isBelow(dn: string, base: string): boolean {
  const child = rdns(dn);
  const parent = rdns(base);
  if (!child || !parent || child.length <= parent.length) return false;
  const tail = child.slice(child.length - parent.length);
  return tail.every((rdn, i) => rdn === parent[i]);
}
