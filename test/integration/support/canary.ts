/**
 * Canary scanning: plant unique secret-looking values in a flow, then prove they landed
 * nowhere on disk. A value can hide as UTF-8, UTF-16LE (SQLite text in UTF-16 databases,
 * Windows tooling) or base64 (blobs, JSON-encoded buffers), so each form is searched.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CanaryHit {
  path: string;
  canary: string;
  encoding: 'utf8' | 'utf16le' | 'base64';
  offset: number;
}

/** The base64 text of `bytes` wherever they start in a stream: three alignments, standard and URL alphabets. */
function base64Needles(bytes: Buffer): string[] {
  const needles = new Set<string>();
  for (let shift = 0; shift < 3; shift += 1) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    // Only the 4-character groups made of canary bytes alone are certain.
    const core = encoded.slice(shift ? 4 : 0, 4 * Math.floor((shift + bytes.length) / 3));
    if (core.length >= 8) {
      needles.add(core);
      needles.add(core.replaceAll('+', '-').replaceAll('/', '_'));
    }
  }
  return [...needles];
}

function filesUnder(path: string): string[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return [];
  }
  if (stat.isDirectory()) return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
  return stat.isFile() ? [path] : [];
}

/**
 * Every occurrence of every canary in the given files (folders are walked). A text canary
 * is searched as UTF-8, UTF-16LE and base64; a byte canary (a raw key) as its bytes and
 * their base64 (reported as `utf8`, `base64`; the hit names it by its hex).
 */
export function scanForCanaries(paths: readonly string[], canaries: ReadonlyArray<string | Buffer>): CanaryHit[] {
  const hits: CanaryHit[] = [];
  for (const file of paths.flatMap(filesUnder)) {
    const content = readFileSync(file);
    const latin = content.toString('latin1');
    for (const value of canaries) {
      const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
      const canary = typeof value === 'string' ? value : `bytes:${value.toString('hex')}`;
      const forms: Array<[CanaryHit['encoding'], Buffer]> = typeof value === 'string' ? [['utf8', bytes], ['utf16le', Buffer.from(value, 'utf16le')]] : [['utf8', bytes]];
      for (const [encoding, needle] of forms) {
        const offset = content.indexOf(needle);
        if (offset >= 0) hits.push({ path: file, canary, encoding, offset });
      }
      for (const needle of base64Needles(bytes)) {
        const offset = latin.indexOf(needle);
        if (offset >= 0) {
          hits.push({ path: file, canary, encoding: 'base64', offset });
          break;
        }
      }
    }
  }
  return hits;
}

/** Where Node (os.tmpdir), SQLite and most tools put temporary files. */
const TEMP_VARIABLES = ['TMPDIR', 'TMP', 'TEMP', 'SQLITE_TMPDIR'] as const;

/**
 * Points every temp-folder variable at a new folder, so that whatever the console (or
 * SQLite, or a library) puts there during the flows can be scanned; `restore()` puts the
 * variables back and removes the folder.
 */
export function redirectTempFolder(prefix: string): { dir: string; restore(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const saved = Object.fromEntries(TEMP_VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of TEMP_VARIABLES) process.env[name] = dir;
  return {
    dir,
    restore() {
      for (const name of TEMP_VARIABLES) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
