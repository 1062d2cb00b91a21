import Database from 'better-sqlite3'
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** How long a write waits for another process's write to finish before failing with `database is locked`. */
export const BUSY_TIMEOUT_MS = 15_000

/**
 * A SQLite connection set up for several processes sharing one data dir (the server and CLI imports): WAL, a
 * busy timeout that is in force from the first statement, and transactions that begin IMMEDIATE. A Buffer is a
 * serialized database (`db.serialize()`), opened as an in-memory copy of it.
 */
export function openSqlite(path: string | Buffer): Database.Database {
  // Created owner-only (SQLite gives its -wal and -shm files the database file's mode): it holds API keys.
  if (typeof path === 'string' && path !== ':memory:' && !existsSync(path)) closeSync(openSync(path, 'a', 0o600))
  const sqlite = new Database(path, { timeout: BUSY_TIMEOUT_MS })
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  immediateTransactions(sqlite)
  return sqlite
}

/** SQLite's own default page cache, in KiB (a negative `cache_size` is KiB, a positive one pages). */
const STOCK_PAGE_CACHE_KIB = 2000

/**
 * Gives a connection SQLite's stock 2 MB page cache. better-sqlite3 builds SQLite with a 16 MB default
 * (SQLITE_DEFAULT_CACHE_SIZE=-16000), right for a server answering reads; a CLI import writes page after page
 * and reads back little, so the cache only fills with pages it will not need again: up to 14 MB of the
 * import process's resident memory. A page it does read again comes from the OS's file cache.
 */
export function stockPageCache(sqlite: Database.Database): void {
  sqlite.pragma(`cache_size = -${STOCK_PAGE_CACHE_KIB}`)
}

/**
 * Makes `sqlite.transaction(fn)()` begin with BEGIN IMMEDIATE. A deferred transaction that reads and then
 * writes while another process holds the write lock fails at once with SQLITE_BUSY (SQLite does not call the
 * busy handler when a read transaction cannot be upgraded); taking the write lock up front lets it wait.
 * Nested calls still become savepoints.
 */
export function immediateTransactions(sqlite: Database.Database): void {
  const make = sqlite.transaction.bind(sqlite)
  sqlite.transaction = ((fn: (...args: never[]) => unknown) => {
    const tx = make(fn)
    const run = (...args: never[]) => {
      if (sqlite.inTransaction) return tx.immediate(...args)
      let done = false
      try {
        const result = tx.immediate(...args)
        done = true
        return result
      } finally {
        const after = pendingAfterCommit.get(sqlite) ?? []
        pendingAfterCommit.delete(sqlite)
        // Only a commit runs them: after a rollback the records still need their files.
        if (done) for (const f of after) f()
      }
    }
    return Object.assign(run, {
      default: tx.immediate,
      deferred: tx.deferred,
      immediate: tx.immediate,
      exclusive: tx.exclusive,
    })
  }) as typeof sqlite.transaction
}

const pendingAfterCommit = new WeakMap<Database.Database, (() => void)[]>()

/**
 * Runs `fn` once the current transaction commits (at once outside one; never if it rolls back). For removing
 * stored files: removed before the commit, a rollback or a kill -9 would leave records whose files are gone.
 */
export function afterCommit(sqlite: Database.Database, fn: () => void): void {
  if (!sqlite.inTransaction) {
    fn()
    return
  }
  const list = pendingAfterCommit.get(sqlite) ?? []
  list.push(fn)
  pendingAfterCommit.set(sqlite, list)
}

/**
 * Whether the database at `sqlite` already has every migration of `folder` (drizzle's journal): its newest
 * recorded migration is as new as the journal's newest entry, the rule drizzle's migrator applies. Start-up
 * then skips the migrator, which reads and hashes every SQL file of the folder on each open.
 */
export function migrationsCurrent(sqlite: Database.Database, folder: string): boolean {
  try {
    const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as {
      entries: { when: number }[]
    }
    const newest = Math.max(...journal.entries.map((e) => e.when))
    const row = sqlite.prepare('SELECT MAX(created_at) AS at FROM __drizzle_migrations').get() as
      | { at: number | string | null }
      | undefined
    return row?.at != null && Number(row.at) >= newest
  } catch {
    // no migrations table yet (a new database), or no journal: the migrator decides
    return false
  }
}
