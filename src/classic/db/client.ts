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

/** Folds remembered per connection: at most this many, of strings at most MEMO_MAX_LENGTH long. */
const MEMO_ENTRIES = 4096
const MEMO_MAX_LENGTH = 128

/**
 * `omeka_fold` remembering the folds of short strings. A tag is looked up by its fold
 * (`WHERE omeka_fold(name) = omeka_fold(?)`, see replaceTags), which folds every tag name again for each
 * tag of each record written: an import of 20,000 items folded 4 million names, 60% of all it allocated.
 * Names repeat, so the fold of each is computed once. Bounded: long texts are folded as before, and the
 * memo starts over when full.
 */
function memoFold(): (s: unknown) => unknown {
  const memo = new Map<string, string>()
  return (s) => {
    if (typeof s !== 'string') return s
    if (s.length > MEMO_MAX_LENGTH) return ciSortKey(s)
    let key = memo.get(s)
    if (key === undefined) {
      if (memo.size >= MEMO_ENTRIES) memo.clear()
      key = ciSortKey(s)
      memo.set(s, key)
    }
    return key
  }
}

/**
 * Opens (or creates) the SQLite database at `path` (':memory:' for tests) and applies every migration; or an
 * in-memory copy of `image`, a database this process serialized (already migrated: nothing to check).
 */
export function openDb(path: string | Buffer): Db {
  const sqlite = openSqlite(path)
  // MySQL's utf8mb4_unicode_ci, which Omeka compares and sorts with, ignores case and accents: "Ünïcødé"
  // sorts and equals as "unicode". SQLite's NOCASE only folds A-Z, so these functions carry MySQL's rules.
  sqlite.function('omeka_fold', { deterministic: true }, memoFold())
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
