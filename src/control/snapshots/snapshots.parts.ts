import type Database from 'better-sqlite3'
import type { Deps } from '../../deps.js'

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

const countItems = (db: Database.Database, table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n

/** The parts of the flavours this app serves: Classic unless `--flavor s`, Omeka S with `--flavor s|both`. */
export function snapshotParts(deps: Deps): SnapshotPart[] {
  const parts: SnapshotPart[] = []
  if (deps.config.flavor !== 's') {
    parts.push({
      flavor: 'classic', dbFile: 'db.sqlite', filesDir: 'files', db: deps.db.$client, filesRoot: deps.files.root,
      items: () => countItems(deps.db.$client, 'items'), invalidate: () => deps.options.invalidate(), health: deps.health,
    })
  }
  const s = deps.s
  if (s) {
    parts.push({
      flavor: 's', dbFile: 's.sqlite', filesDir: 'files-s', db: s.db.$client, filesRoot: s.files.root,
      items: () => countItems(s.db.$client, 'item'), invalidate: () => undefined, health: s.health,
    })
  }
  return parts
}
