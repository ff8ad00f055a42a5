/** The shipped guichet-audit command line as a child process (bin over the built JavaScript), with its exit code and output. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll } from 'vitest';
import { BIN, ensureBuiltCli } from './built-cli';

/** Builds the CLI once before the file's tests when the build is missing or stale. */
export function useBuiltCli(): void {
  beforeAll(() => ensureBuiltCli(), 180_000);
}

export async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...argv]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
