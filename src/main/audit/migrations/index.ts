import type { Migration } from './migration';
import { createEvents } from './0001-create-events';

/** Ordered: the position in this list + 1 is the schema version the step leads to. */
export const MIGRATIONS: readonly Migration[] = [createEvents];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
