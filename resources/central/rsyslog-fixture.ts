/**
 * Throw-away rsyslog receiving RFC 5425 (syslog over TLS, octet-counted) on a free loopback
 * port, with a test CA, storing every message it gets in one file (RSYSLOG_SyslogProtocol23Format):
 * the SIEM of the integration tests. Runs in the foreground, a new pidfile per start (a file
 * left by a killed rsyslogd blocks the next start), maxMessageSize 64k (the 8 KiB default
 * splits longer messages in two).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, generateTestCa, tcpAccepts } from '../directory/fixture';
import { trackThrowaway } from '../throwaway';

export const RSYSLOGD = '/usr/sbin/rsyslogd';

export interface RsyslogFixture {
  host: string;
  port: number;
  /** The CA that signed the receiver's certificate (SAN localhost, 127.0.0.1). */
  caFile: string;
  dir: string;
  readonly running: boolean;
  /** Every stored line (LF inside a message is stored as #012 by rsyslog). */
  lines(): string[];
  kill(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));

export async function startRsyslog(): Promise<RsyslogFixture> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'guichet-rsyslog-'));
  for (const sub of ['pki', 'work', 'out']) mkdirSync(path.join(dir, sub));
  const certs = generateTestCa(path.join(dir, 'pki'), 'localhost');
  const port = await freePort();
  const received = path.join(dir, 'out', 'received.log');
  const conf = path.join(dir, 'rsyslog.conf');
  writeFileSync(
    conf,
    [
      `global(workDirectory="${dir}/work" maxMessageSize="64k" defaultNetstreamDriver="gtls"`,
      `       defaultNetstreamDriverCAFile="${certs.caFile}"`,
      `       defaultNetstreamDriverCertFile="${certs.certFile}"`,
      `       defaultNetstreamDriverKeyFile="${certs.keyFile}")`,
      'module(load="imtcp" StreamDriver.Name="gtls" StreamDriver.Mode="1" StreamDriver.AuthMode="anon")',
      `input(type="imtcp" port="${port}" address="127.0.0.1")`,
      `action(type="omfile" file="${received}" template="RSYSLOG_SyslogProtocol23Format")`,
      '',
    ].join('\n'),
  );
  const entry = { child: null as unknown as ChildProcess };
  const untrack = trackThrowaway({ kill: () => entry.child?.kill('SIGKILL'), dir });
  let starts = 0;
  const launch = async () => {
    const fd = openSync(path.join(dir, 'rsyslogd.log'), 'a');
    try {
      entry.child = spawn(RSYSLOGD, ['-n', '-f', conf, '-i', path.join(dir, `rsyslogd-${++starts}.pid`)], { stdio: ['ignore', fd, fd] });
    } finally {
      closeSync(fd);
    }
    const deadline = Date.now() + 15_000;
    while (!(await tcpAccepts(port))) {
      if (entry.child.exitCode !== null || Date.now() > deadline)
        throw new Error(`rsyslogd did not start:\n${readFileSync(path.join(dir, 'rsyslogd.log'), 'utf8').slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  try {
    await launch();
  } catch (error) {
    entry.child?.kill('SIGKILL');
    untrack();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const fixture: RsyslogFixture = {
    host: '127.0.0.1',
    port,
    caFile: certs.caFile,
    dir,
    get running() {
      return entry.child.exitCode === null && entry.child.signalCode === null;
    },
    lines: () => (existsSync(received) ? readFileSync(received, 'utf8').split('\n').filter((l) => l.length > 0) : []),
    async kill() {
      entry.child.kill('SIGKILL');
      await exited(entry.child);
    },
    async restart() {
      if (fixture.running) {
        entry.child.kill('SIGTERM');
        await exited(entry.child);
      }
      await launch();
    },
    async stop() {
      if (fixture.running) {
        entry.child.kill('SIGTERM');
        await exited(entry.child);
      }
      untrack();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return fixture;
}
