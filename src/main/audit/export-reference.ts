/** A trail compared with a signed export of it: the first event that no longer reads as the desk exported it, and the exported events the trail lost. */
import type Database from 'better-sqlite3';
import type { HashedRecord } from './audit-chain';
import { arrayToRecord, EVENT_COLUMNS, type EventRowArray } from './audit-rows';
import { exportRecords } from './export-verify';

export interface ReferenceComparison {
  /** Exported events compared with the trail. */
  compared: number;
  /** The first exported event whose row differs, and which fields. */
  firstAltered: { seq: number; fields: string[] } | null;
  /** Exported events no longer in the trail (below the retention anchor excepted). */
  missing: { count: number; firstSeq: number } | null;
}

const FIELDS: Array<keyof HashedRecord> = [
  'at', 'action', 'outcome', 'intentSeq', 'agentLogin', 'agentName', 'workstation',
  'targetLogin', 'targetDn', 'evidence', 'directoryCode', 'details', 'comment', 'prevHash',
];

/**
 * Each exported row is what the desk held when it signed the export; a row of the trail
 * under the same number with another hash was changed since, whatever was recomputed after
 * it. The export must have been authenticated first (its signature under the desk's key):
 * this only compares.
 */
export async function compareWithExport(db: Database.Database, exportPath: string): Promise<ReferenceComparison> {
  const anchorSeq = (db.prepare('SELECT seq FROM chain_anchor WHERE id = 1').pluck().get() as number | undefined) ?? 0;
  const rowAt = db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE seq = ?`).raw(true);
  const result: ReferenceComparison = { compared: 0, firstAltered: null, missing: null };
  for await (const exported of exportRecords(exportPath)) {
    if (exported.seq <= anchorSeq) continue;
    result.compared += 1;
    const raw = rowAt.get(exported.seq) as EventRowArray | undefined;
    if (!raw) {
      result.missing = { count: (result.missing?.count ?? 0) + 1, firstSeq: result.missing?.firstSeq ?? exported.seq };
      continue;
    }
    const stored = arrayToRecord(raw);
    if (result.firstAltered || stored.hash === exported.hash) continue;
    result.firstAltered = { seq: exported.seq, fields: FIELDS.filter((f) => stored[f] !== exported[f]) };
  }
  return result;
}
