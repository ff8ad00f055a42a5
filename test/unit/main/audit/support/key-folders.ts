/** The key tests' scratch space on real files: one folder for the test file (removed after it), a fresh sub-folder and key file path per call. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** Call at the top of a test file: it registers the clean-up. */
export function useKeyFolders(prefix: string): () => { dir: string; keyFile: string } {
  const scratch = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  let n = 0;
  return () => {
    const dir = join(scratch, String((n += 1)));
    mkdirSync(dir, { recursive: true });
    return { dir, keyFile: join(dir, 'audit.sqlite.key') };
  };
}
