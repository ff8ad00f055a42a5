/** The real guichet-audit command line as a child process (plain node through the bin shim), with its exit code and output. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

export async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const bin = join(process.cwd(), 'bin', 'guichet-audit.mjs');
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...argv]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
