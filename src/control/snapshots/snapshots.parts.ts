import type Database from 'better-sqlite3'

/**
 * One flavour's share of a snapshot: its database and file store, saved as `<db>` and `<files>/` inside the
 * snapshot directory. Classic keeps the names snapshots always had, so older snapshots still restore.
 */
export interface SnapshotPart {
  flavor: 'classic' | 's'
  dbFile: string
  filesDir: string
  db: Database.Database
  filesRoot: string
  /** How many items the part holds now (for the listing). */
  items(): number
  /** Forgets what was cached from the database before a restore. */
  invalidate(): void
  health: { broken: string | null }
}

/** How many rows a table holds (a part's `items()`). */
export const countRows = (db: Database.Database, table: string) =>
  db.prepare<unknown[], { n: number }>(`SELECT COUNT(*) AS n FROM ${table}`).get()!.n
