import { mkdtempSync, readdirSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openThrottleStore, type ThrottleStore } from '../../../../src/main/verification/throttle-store';

const MINUTE = 60_000;
const file = () => join(mkdtempSync(join(tmpdir(), 'guichet-throttle-')), 'throttle.sqlite');

/** The files of `path` (the database, its -wal and -shm) this process still holds open (Linux). */
const handlesOn = (path: string): string[] =>
  readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return '';
      }
    })
    .filter((target) => target.startsWith(path));

describe('throttle counters', () => {
  let clock = Date.parse('2026-03-02T09:00:00Z');
  const now = () => new Date(clock);
  const open: ThrottleStore[] = [];
  const store = () => {
    const s = openThrottleStore(file(), { now });
    open.push(s);
    return s;
  };
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
    clock = Date.parse('2026-03-02T09:00:00Z');
  });

  it('blocks a method after 3 failures in 15 minutes, for 15 minutes from the third', () => {
    const s = store();
    expect(s.recordFailure('uid=a', 'identifier-birthdate')).toEqual({ blocked: false, until: null, failures: 1 });
    clock += 5 * MINUTE;
    s.recordFailure('uid=a', 'identifier-birthdate');
    clock += 5 * MINUTE;
    const third = s.recordFailure('uid=a', 'identifier-birthdate');
    expect(third.blocked).toBe(true);
    expect(third.until).toEqual(new Date(clock + 15 * MINUTE));
    // Other methods and other accounts are not blocked.
    expect(s.isBlocked('uid=a', 'email-code').blocked).toBe(false);
    expect(s.isBlocked('uid=b', 'identifier-birthdate').blocked).toBe(false);
    clock += 15 * MINUTE - 1;
    expect(s.isBlocked('uid=a', 'identifier-birthdate').blocked).toBe(true);
    clock += 1;
    expect(s.isBlocked('uid=a', 'identifier-birthdate')).toEqual({ blocked: false, until: null, failures: 0 });
  });

  it('does not block failures spread over more than the window', () => {
    const s = store();
    s.recordFailure('uid=a', 'secret-question');
    clock += 8 * MINUTE;
    s.recordFailure('uid=a', 'secret-question');
    clock += 8 * MINUTE;
    expect(s.recordFailure('uid=a', 'secret-question').blocked).toBe(false);
  });

  it('forgets failures of a method on clear, but keeps the sends', () => {
    const s = store();
    s.recordFailure('uid=a', 'email-code');
    s.recordFailure('uid=a', 'email-code');
    s.recordSend('uid=a', 'email-code');
    s.clear('uid=a', 'email-code');
    expect(s.recordFailure('uid=a', 'email-code').failures).toBe(1);
    expect(s.sendsToday('uid=a', 'email-code')).toBe(1);
  });

  it('counts sends over a rolling 24 hours and says when the next one is allowed', () => {
    const s = store();
    s.recordSend('uid=a', 'email-code');
    const first = clock;
    clock += 60 * MINUTE;
    s.recordSend('uid=a', 'email-code');
    clock += 60 * MINUTE;
    s.recordSend('uid=a', 'email-code');
    expect(s.sendsToday('uid=a', 'email-code')).toBe(3);
    expect(s.sendsAllowedAgainAt('uid=a', 'email-code', 3)).toEqual(new Date(first + 24 * 60 * MINUTE));
    expect(s.sendsAllowedAgainAt('uid=a', 'email-code', 4)).toBeNull();
    clock = first + 24 * 60 * MINUTE;
    expect(s.sendsToday('uid=a', 'email-code')).toBe(2);
  });

  it('a third failure exactly at the end of the window still blocks', () => {
    const s = store();
    s.recordFailure('uid=a', 'email-code');
    clock += 7.5 * MINUTE;
    s.recordFailure('uid=a', 'email-code');
    clock += 7.5 * MINUTE;
    expect(s.recordFailure('uid=a', 'email-code').blocked).toBe(true);
  });

  it('a mail sent during a block does not forget the failures behind it (a short send window)', () => {
    const s = openThrottleStore(file(), { now, sendWindowMs: MINUTE });
    open.push(s);
    for (let i = 0; i < 3; i += 1) s.recordFailure('uid=a', 'identifier-birthdate');
    clock += 5 * MINUTE;
    s.recordSend('uid=a', 'email-code');
    expect(s.isBlocked('uid=a', 'identifier-birthdate')).toMatchObject({ blocked: true, failures: 3 });
  });

  it('a file written by this version opens again as it was, without redoing its schema', () => {
    const path = file();
    const first = openThrottleStore(path, { now });
    for (let i = 0; i < 3; i += 1) first.recordFailure('uid=a', 'identifier-birthdate');
    first.close();
    const again = openThrottleStore(path, { now });
    open.push(again);
    expect(again.isBlocked('uid=a', 'identifier-birthdate')).toMatchObject({ blocked: true, failures: 3 });
  });

  it('a file from a newer version is refused with a message that says so, and left as it is', async () => {
    const { default: Database } = await import('better-sqlite3');
    const path = file();
    const db = new Database(path);
    db.pragma('user_version = 7');
    db.close();
    expect(() => openThrottleStore(path, { now })).toThrow(/au schéma 7, plus récent que celui de cette version de Guichet \(1\)/);
    const after = new Database(path);
    expect(after.pragma('user_version', { simple: true })).toBe(7);
    after.close();
    // Mutation caught: the refused file's connection not closed (a handle kept on it until the app quits).
    expect(handlesOn(path)).toEqual([]);
  });

  it('closing lets go of the file, its journal included, and leaves every counter in the file itself', async () => {
    // Mutations caught: close() emptied, or its db.close() dropped. Until closed, SQLite keeps
    // the last writes in the -wal file beside it: a copy of the file alone (a backup, a new
    // desk's data folder) would lose the blocks.
    const { copyFileSync } = await import('node:fs');
    const path = file();
    const first = openThrottleStore(path, { now });
    for (let i = 0; i < 3; i += 1) first.recordFailure('uid=a', 'identifier-birthdate');
    expect(handlesOn(path).length).toBeGreaterThan(0);
    first.close();
    expect(handlesOn(path)).toEqual([]);
    const copy = join(mkdtempSync(join(tmpdir(), 'guichet-throttle-copy-')), 'throttle.sqlite');
    copyFileSync(path, copy);
    const again = openThrottleStore(copy, { now });
    open.push(again);
    expect(again.isBlocked('uid=a', 'identifier-birthdate')).toMatchObject({ blocked: true, failures: 3 });
  });
});
