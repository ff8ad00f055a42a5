/** One step of the central store's schema: plain SQL run in its own transaction by central-migrate.ts. */
export interface CentralMigration {
  version: number;
  name: string;
  sql: string;
}
