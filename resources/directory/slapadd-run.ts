/**
 * Runs `slapadd -q` fed from a stream of LDIF chunks, and says where its wall time went: on a
 * CPU, waiting for one (ready to run, the machine busy with other work), or asleep (waiting
 * for the LDIF). On a 2-core machine shared with other test runs the waiting for a CPU is
 * most of it, not the disk: the fixture writes with dbnosync and writemap (no sync at all).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const SLAPADD = '/usr/sbin/slapadd';
/** How often slapadd's scheduler statistics are read (the last reading before it exits is kept). */
const SAMPLE_MS = 200;

export interface SlapaddRun {
  /** CPU time (user + sys) of slapadd, from bash `times`. */
  cpuSeconds: number;
  /**
   * Time slapadd was ready to run but waited for a CPU (Linux /proc/<pid>/task/<tid>/schedstat,
   * threads summed, read every 200 ms until it exits); null where the kernel does not say.
   */
  cpuWaitSeconds: number | null;
}

/** Run and wait-for-CPU nanoseconds of a process, its threads summed (tool-threads), or null (no schedstat, process gone). */
function schedstat(pid: number): { runNs: number; waitNs: number } | null {
  try {
    let runNs = 0;
    let waitNs = 0;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const [run, wait] = readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
      if (!Number.isFinite(run) || !Number.isFinite(wait)) return null;
      runNs += run!;
      waitNs += wait!;
    }
    return { runNs, waitNs };
  } catch {
    return null;
  }
}

/** Runs `slapadd -q -f conf` fed from `chunks` (stderr kept in `logFile`). */
export async function runSlapadd(conf: string, logFile: string, chunks: Iterable<string>): Promise<SlapaddRun> {
  // bash says slapadd's pid (for its scheduler statistics) and, once it exited, its CPU time
  // (the last line of `times`); `<&0` keeps the LDIF on the stdin of a background command.
  const script = '"$0" "$@" <&0 & p=$!; echo "@@pid $p"; wait $p; rc=$?; echo "@@times"; times; exit $rc';
  const child = spawn('bash', ['-c', script, SLAPADD, '-q', '-f', conf], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let pid: number | null = null;
  let last: { runNs: number; waitNs: number } | null = null;
  const sampler = setInterval(() => {
    if (pid !== null) last = schedstat(pid) ?? last;
  }, SAMPLE_MS);
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (d: string) => {
    stdout += d;
    if (pid === null) {
      pid = Number(/@@pid (\d+)/.exec(stdout)?.[1]) || null;
      if (pid !== null) last = schedstat(pid);
    }
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => {
    if (stderr.length < 20_000) stderr += d;
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  const stdin = child.stdin!;
  let writeError: Error | null = null;
  stdin.on('error', (e) => {
    writeError = e;
  });
  try {
    for (const chunk of chunks) {
      if (writeError || child.exitCode !== null) break;
      if (!stdin.write(chunk)) {
        await Promise.race([once(stdin, 'drain'), exited]);
      }
    }
    stdin.end();
    const code = await exited;
    writeFileSync(logFile, stderr);
    if (code !== 0) throw new Error(`slapadd failed (exit ${code}): ${stderr.slice(-3000)}`);
  } finally {
    clearInterval(sampler);
  }
  const children = stdout.split('@@times')[1]?.trim().split('\n')[1] ?? '';
  const cpuSeconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + Number(m[1]) * 60 + Number(m[2]), 0);
  const sampled = last as { runNs: number; waitNs: number } | null;
  return { cpuSeconds, cpuWaitSeconds: sampled ? sampled.waitNs / 1e9 : null };
}
