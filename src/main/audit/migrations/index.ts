/** The audit schema steps, in order: the position in the list is the version each leads to. */
import type { Migration } from './migration';
import { createEvents } from './0001-create-events';
import { queryIndexes } from './0002-query-indexes';
import { appendOnly } from './0003-append-only';
import { fullText } from './0004-full-text';
import { verifyRuns } from './0005-verify-runs';
import { indexPeople } from './0006-index-people';
import { forwardWatermarks } from './0007-forward-watermarks';
import { eventCounts } from './0008-event-counts';
import { hourMonthCounts } from './0009-hour-month-counts';

/** Ordered: the position in this list + 1 is the schema version the step leads to. */
export const MIGRATIONS: readonly Migration[] = [createEvents, queryIndexes, appendOnly, fullText, verifyRuns, indexPeople, forwardWatermarks, eventCounts, hourMonthCounts];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
