/**
 * A child process for the crash and concurrency tests: appends audit events as fast as it
 * can and prints each sequence number on stdout only after its transaction committed
 * (stdout is a pipe, written synchronously on Linux). Killed at random by the parent.
 *
 *   node --import tsx audit-appender.ts <db> <key-dir> <count|0 = forever> <agent-login>
 *
 * START_FILE in the environment: once loaded (it prints `ready`), wait until that file
 * exists, so that two children loaded at different speeds really write at the same time.
 */
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { createAuditStore } from '../../../src/main/audit/audit-store';
import { createFileKeystore } from '../../../src/main/audit/keystore';

const [path, keyDir, countArg, login = 'child'] = process.argv.slice(2);
if (!path || !keyDir) throw new Error('usage: audit-appender <db> <key-dir> <count> <login>');
const limit = Number(countArg) > 0 ? Number(countArg) : Number.POSITIVE_INFINITY;
const agent = { login, displayName: `Processus ${process.pid}` };
const store = createAuditStore({
  path,
  workstation: `CHILD-${process.pid}`,
  keystores: [createFileKeystore(keyDir)],
  busyTimeoutMs: 20_000,
});
const ack = (seq: number) => process.stdout.write(`${seq}\n`);
process.stdout.write('ready\n');
const startFile = process.env['START_FILE'];
while (startFile && !existsSync(startFile)) await sleep(1);
for (let i = 0; i < limit; i += 1) {
  if (i % 4 === 3) {
    const handle = store.beginIntent({
      action: 'account-unlock',
      agent,
      target: { login: `etu${i}`, dn: null },
      details: { changes: { locked: { before: true, after: false } } },
    });
    ack(handle.seq);
    ack(store.settle(handle, 'success').seq);
  } else {
    ack(
      store.append({
        action: 'account-viewed',
        outcome: 'success',
        agent,
        target: { login: `etu${i}`, dn: `uid=etu${i},ou=people,dc=univ-demo,dc=fr` },
        details: { source: 'search' },
        comment: i % 10 === 0 ? `passage n° ${i}` : null,
      }).seq,
    );
  }
}
store.close();
