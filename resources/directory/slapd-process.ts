/**
 * The fixture's slapd process: Debian's /usr/sbin/slapd started in the foreground, waited for
 * until it answers a rootDSE search, stopped (SIGTERM, then SIGKILL after a grace period), and
 * tracked so that the process 'exit' hook SIGKILLs any still running (and removes its folder).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { Client } from 'ldapts';
import { trackThrowaway } from '../throwaway';
import { tcpAccepts } from './loopback-ports';

export interface Running {
  child: ChildProcess;
  dir: string;
  keepDir: boolean;
}

/** Tracks a running slapd for the exit hook (its child changes on restart). */
export function track(entry: Running): () => void {
  return trackThrowaway({
    kill: () => {
      if (entry.child.exitCode === null && entry.child.signalCode === null) entry.child.kill('SIGKILL');
    },
    dir: entry.dir,
    keepDir: entry.keepDir,
  });
}

const SLAPD = '/usr/sbin/slapd';
const READY_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 3_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-4000);
  } catch {
    return '(no log)';
  }
}

export async function waitReady(child: ChildProcess, url: string, ports: number[], logFile: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last: unknown = null;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`slapd exited during start (${child.exitCode ?? child.signalCode}):\n${readLog(logFile)}`);
    }
    let tcp = true;
    for (const p of ports) if (!(await tcpAccepts(p))) tcp = false;
    if (tcp) {
      const client = new Client({ url, timeout: 1000, connectTimeout: 500 });
      try {
        const { searchEntries } = await client.search('', { scope: 'base', attributes: ['namingContexts'] });
        if (searchEntries.length === 1) return;
      } catch (e) {
        last = e;
      } finally {
        await client.unbind().catch(() => undefined);
      }
    }
    await sleep(20);
  }
  throw new Error(`slapd not ready after ${READY_TIMEOUT_MS} ms (${String(last)}):\n${readLog(logFile)}`);
}

export function spawnSlapd(conf: string, listen: string, logFile: string): ChildProcess {
  const fd = openSync(logFile, 'a');
  try {
    // A huge nofile limit makes slapd allocate (and scan) a huge descriptor table.
    return spawn('bash', ['-c', 'ulimit -n 1024 2>/dev/null; exec "$0" "$@"', SLAPD, '-d', '0', '-h', listen, '-f', conf], {
      stdio: ['ignore', fd, fd],
    });
  } finally {
    closeSync(fd);
  }
}

export function exitedPromise(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
}

/** SIGTERM, then SIGKILL if slapd has not exited after STOP_GRACE_MS; resolves once it has exited. */
export async function terminateSlapd(child: ChildProcess): Promise<void> {
  const done = exitedPromise(child);
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const timer = sleep(STOP_GRACE_MS).then(() => 'timeout' as const);
    if ((await Promise.race([done.then(() => 'exited' as const), timer])) === 'timeout') {
      child.kill('SIGKILL');
    }
  }
  await done;
}
