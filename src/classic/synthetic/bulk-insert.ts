import type Database from 'better-sqlite3'
import { REBUILD_ITEM_SEARCH } from '../db/search-words.js'

interface Trigger {
  name: string
  sql: string
}

/**
 * Runs a bulk insert with the full-text indexes rebuilt once at the end instead of row by row
 * through their triggers (about four times faster for a 10,000-item site). Only triggers that
 * write into an external-content FTS table are set aside; call inside a transaction.
 */
export function withFtsDeferred<T>(db: Database.Database, fn: () => T): T {
  const fts = db
    .prepare<unknown[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%content=%'",
    )
    .all()
    .map((r) => r.name)
  const triggers = db
    .prepare<unknown[], Trigger>("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
    .all()
    .filter((t) => fts.some((name) => t.sql.includes(name)))
  for (const t of triggers) db.exec(`DROP TRIGGER "${t.name.replace(/"/g, '""')}"`)
  const result = fn()
  // External-content indexes rebuild themselves; the contentless word index is refilled from its texts.
  for (const name of fts)
    db.exec(name === 'item_search_fts' ? REBUILD_ITEM_SEARCH : `INSERT INTO "${name}"("${name}") VALUES ('rebuild')`)
  for (const t of triggers) db.exec(t.sql)
  return result
}
