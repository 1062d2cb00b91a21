import type Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { join } from 'node:path'
import { PACKAGE_ROOT } from '../../core/package-root.js'
import * as schema from './schema/index.js'
import { ciLike, ciRegexp, ciSortKey } from './mysql-collation.js'
import { searchWords } from './search-words.js'
import { migrationsCurrent, openSqlite } from '../../core/db/sqlite.js'

export { afterCommit } from '../../core/db/sqlite.js'

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

const MIGRATIONS = join(PACKAGE_ROOT, 'migrations')

/**
 * Opens (or creates) the SQLite database at `path` (':memory:' for tests) and applies every migration; or an
 * in-memory copy of `image`, a database this process serialized (already migrated: nothing to check).
 */
export function openDb(path: string | Buffer): Db {
  const sqlite = openSqlite(path)
  // MySQL's utf8mb4_unicode_ci, which Omeka compares and sorts with, ignores case and accents: "Ünïcødé"
  // sorts and equals as "unicode". SQLite's NOCASE only folds A-Z, so these functions carry MySQL's rules.
  sqlite.function('omeka_fold', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? ciSortKey(s) : s))
  sqlite.function('mysql_like', { deterministic: true }, (s: unknown, p: unknown) =>
    typeof s === 'string' && typeof p === 'string' ? (ciLike(s, p) ? 1 : 0) : null,
  )
  sqlite.function('mysql_regexp', { deterministic: true }, (s: unknown, p: unknown) =>
    typeof s === 'string' && typeof p === 'string' ? (ciRegexp(s, p) ? 1 : 0) : null,
  )
  // The simple search's word index (search-words.ts), filled by triggers on element_texts.
  sqlite.function('omeka_search_words', { deterministic: true }, searchWords)
  const db = drizzle(sqlite, { schema }) as Db
  if (typeof path === 'string' && !migrationsCurrent(sqlite, MIGRATIONS)) migrate(db, { migrationsFolder: MIGRATIONS })
  return db
}

/** Runs `fn` inside one transaction: everything it writes lands together or not at all. */
export function transaction<T>(db: Db, fn: () => T): T {
  return db.$client.transaction(fn)()
}
