/** The text indexer alone on a real SQLite file: watermark, batches, threshold and timer, a locked file. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TextIndexer, type TextIndexerOptions } from '../../src/main/audit/text-indexer';
import { auditParts, viewed, whileLocked, type AuditParts } from './support/audit-parts';

let parts: AuditParts;
afterEach(() => parts?.cleanup());

const open = (options: Partial<TextIndexerOptions> = {}) => new TextIndexer(parts.db, { logger: parts.logger, ...options });
const watermark = () => parts.db.prepare('SELECT seq FROM fts_watermark').pluck().get() as number;
const match = (text: string) =>
  parts.db.prepare('SELECT rowid FROM events_fts WHERE events_fts MATCH ? ORDER BY rowid').pluck().all(`"${text}"`);
/** `count` events in one transaction; every third one carries a comment. */
const commit = (count: number, from = 0) =>
  parts.chain.commit(Array.from({ length: count }, (_, i) => viewed(parts.preparer, (from + i) % 3 === 0 ? `dossier ${from + i}` : null)));

describe('text indexer', () => {
  it('indexes up to the head in batches, behind the watermark; events without text move it too', () => {
    parts = auditParts();
    commit(7);
    const indexer = open({ batch: 2 });
    expect(indexer.indexPending()).toBe(7);
    expect(watermark()).toBe(7);
    expect(match('dossier')).toEqual([1, 4, 7]);
    expect(indexer.indexPending()).toBe(0);
    commit(1, 7);
    expect(indexer.indexPending()).toBe(1);
    expect(watermark()).toBe(8);
  });

  it('with the real batch size: more than one batch of 5,000 in one call', () => {
    parts = auditParts();
    commit(5_002);
    expect(open().indexPending()).toBe(5_002);
    expect(match('dossier 5001')).toEqual([5_002]);
  });

  it('indexes at once when enough events wait, else after the delay', async () => {
    parts = auditParts();
    const indexer = open({ every: 3, delayMs: 40 });
    commit(2);
    indexer.schedule(2);
    expect(watermark()).toBe(0);
    commit(1, 2);
    indexer.schedule(1);
    expect(watermark()).toBe(3);
    commit(1, 3);
    indexer.schedule(1);
    expect(watermark()).toBe(3);
    await vi.waitFor(() => expect(watermark()).toBe(4), { timeout: 2_000, interval: 10 });
    expect(match('dossier 3')).toEqual([4]);
  });

  it('a locked file: indexPending throws AUDIT_UNAVAILABLE, catchUp logs and the next one catches up', () => {
    parts = auditParts({ busyTimeoutMs: 30 });
    commit(3);
    const indexer = open();
    whileLocked(parts.path, () => {
      expect(() => indexer.indexPending()).toThrow(expect.objectContaining({ code: 'AUDIT_UNAVAILABLE' }));
      indexer.catchUp();
    });
    expect(parts.records).toEqual([{ level: 'warn', event: 'audit-index', code: 'AUDIT_UNAVAILABLE' }]);
    expect(watermark()).toBe(0);
    indexer.catchUp();
    expect(watermark()).toBe(3);
  });

  it('a timer that fires after the connection closed does nothing', async () => {
    parts = auditParts();
    const indexer = open({ delayMs: 10 });
    commit(1);
    indexer.schedule(1);
    parts.db.close();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(parts.records).toEqual([]);
  });
});
