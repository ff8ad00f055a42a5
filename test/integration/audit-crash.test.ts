import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempAudit, type TempAudit } from './support/audit-temp';

const APPENDER = join(__dirname, 'support', 'audit-appender.ts');
let audit: TempAudit;
afterEach(() => audit?.cleanup());

interface Child {
  process: ChildProcess;
  acked: number[];
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startAppender(path: string, keyDir: string, count: number, login: string, startFile?: string): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', APPENDER, path, keyDir, String(count), login], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...(startFile ? { START_FILE: startFile } : {}) },
  });
  const acked: number[] = [];
  let buffer = '';
  let stderr = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) {
      if (line === 'ready') markReady();
      else if (/^\d+$/.test(line)) acked.push(Number(line));
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal === null) process.stderr.write(stderr);
      resolve({ code, signal });
    }),
  );
  return { process: child, acked, ready, exited };
}

/** What an operator checks after the crash: SQLite's own check, then the chain. */
async function checkAfterCrash(acked: number[]): Promise<number> {
  const raw = new Database(audit.path, { readonly: true });
  expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
  const present = new Set(raw.prepare('SELECT seq FROM events').pluck().all() as number[]);
  raw.close();
  const missing = acked.filter((seq) => !present.has(seq));
  expect(missing).toEqual([]);
  const store = audit.open();
  const result = await store.verify({ full: true });
  expect(result).toMatchObject({ intact: true });
  store.close();
  return present.size;
}

describe('crash safety', () => {
  it('SIGKILL at random moments, 15 times: every acknowledged event survives and the chain verifies', async () => {
    audit = tempAudit();
    audit.store.close();
    const allAcked: number[] = [];
    let total = 0;
    for (let round = 0; round < 15; round += 1) {
      const child = startAppender(audit.path, audit.dir, 0, `crash${round}`);
      await child.ready;
      // Wait for the first commit, then a random moment (often mid-transaction).
      while (child.acked.length === 0) await new Promise((resolve) => setTimeout(resolve, 2));
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 120));
      child.process.kill('SIGKILL');
      const exit = await child.exited;
      expect(exit.signal).toBe('SIGKILL');
      allAcked.push(...child.acked);
      total = await checkAfterCrash(allAcked);
    }
    expect(total).toBeGreaterThanOrEqual(allAcked.length);
    expect(new Set(allAcked).size).toBe(allAcked.length);
  }, 180_000);

  it('two processes appending at once build one unbroken chain', async () => {
    audit = tempAudit();
    audit.store.close();
    // Both start writing at the same moment, once both have loaded (however long that takes on a busy machine).
    const go = join(audit.dir, 'go');
    const a = startAppender(audit.path, audit.dir, 400, 'proc-a', go);
    const b = startAppender(audit.path, audit.dir, 400, 'proc-b', go);
    await Promise.all([a.ready, b.ready]);
    writeFileSync(go, '');
    const [ea, eb] = await Promise.all([a.exited, b.exited]);
    expect([ea.code, eb.code]).toEqual([0, 0]);
    // 400 iterations each, one in four writes an intent and its outcome: 500 rows per process.
    expect(a.acked).toHaveLength(500);
    expect(b.acked).toHaveLength(500);
    const all = [...a.acked, ...b.acked].sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    const interleaved = a.acked.some((seq, i) => i > 0 && seq !== a.acked[i - 1]! + 1);
    expect(interleaved).toBe(true);
    await checkAfterCrash(all);
    const store = audit.open();
    expect(store.query({ outcome: 'unknown' }, { login: 'x', role: 'supervisor' }).events).toEqual([]);
  }, 120_000);
});
