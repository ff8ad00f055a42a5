import type { CentralMigration } from './migration';
import { desksAndEvents } from './0001-desks-and-events';
import { chainCheck } from './0002-chain-check';
import { appendOnlyAndAccess } from './0003-append-only-and-access';
import { deskFunctions } from './0004-desk-functions';
import { reviewIndexes } from './0005-review-indexes';
import { eventCounts } from './0006-event-counts';
import { inlineSearchText } from './0007-inline-search-text';
import { hourMonthCounts } from './0008-hour-month-counts';

/** Ordered: the position in this list + 1 is the schema version the step leads to. */
export const CENTRAL_MIGRATIONS: readonly CentralMigration[] = [desksAndEvents, chainCheck, appendOnlyAndAccess, deskFunctions, reviewIndexes, eventCounts, inlineSearchText, hourMonthCounts];

export const CENTRAL_SCHEMA_VERSION = CENTRAL_MIGRATIONS.length;
