import type Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { join } from 'node:path'
import { PACKAGE_ROOT } from '../../core/package-root.js'
import * as schema from './schema/index.js'
import { registerFunctions } from './functions.js'
import { migrationsCurrent, openSqlite } from '../../core/db/sqlite.js'
import { rowsOf, type Rows } from '../../core/db/rows.js'

export { afterCommit } from '../../core/db/sqlite.js'

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

const MIGRATIONS = join(PACKAGE_ROOT, 'migrations-s')

/** Opens (or creates) the Omeka S database at `path` (':memory:' in tests) and applies its own migrations. */
/** As Classic's openDb: a file, ':memory:', or an in-memory copy of an image this process serialized (migrated). */
export function openDb(path: string | Buffer): Db {
  const sqlite = openSqlite(path)
  registerFunctions(sqlite)
  const db = drizzle(sqlite, { schema }) as Db
  if (typeof path === 'string' && !migrationsCurrent(sqlite, MIGRATIONS)) migrate(db, { migrationsFolder: MIGRATIONS })
  return db
}

const MAX_STATEMENTS = 500
const statementsByConnection = new WeakMap<Database.Database, Map<string, Database.Statement>>()

/**
 * `db.$client.prepare(sql)`, compiled once per connection: preparing costs more than running the small
 * queries of a read (the SQL text is the key; the texts a request can build are few, values are bound).
 */
export function prepared<Row = unknown>(db: Db, sql: string): Rows<Row> {
  let cache = statementsByConnection.get(db.$client)
  if (!cache) statementsByConnection.set(db.$client, (cache = new Map()))
  let stmt = cache.get(sql)
  if (!stmt) {
    stmt = db.$client.prepare(sql)
    if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value!)
    cache.set(sql, stmt)
  }
  return rowsOf<Row>(stmt)
}

const STAMP =
  'SELECT total_changes(), (SELECT data_version FROM pragma_data_version), (SELECT schema_version FROM pragma_schema_version)'

/**
 * The database's version as this connection sees it (total_changes: this connection's writes,
 * data_version: other connections' commits, schema_version: DDL). Equal stamps, equal answers.
 */
export function dbStamp(db: Db): string {
  return (prepared(db, STAMP).raw(true).get() as number[]).join(':')
}

const MAX_MEMOS = 1000
const memosByConnection = new WeakMap<Database.Database, { stamp: string; values: Map<string, unknown> }>()

/**
 * `compute()` remembered under `key` until the database changes (COUNT(*) of a filter: paging through
 * it, or other callers asking the same, count it once). Not inside a transaction, which may roll back.
 */
export function memoUntilChange<T>(db: Db, key: string, compute: () => T): T {
  if (db.$client.inTransaction) return compute()
  const stamp = dbStamp(db)
  let memo = memosByConnection.get(db.$client)
  if (!memo || memo.stamp !== stamp) memosByConnection.set(db.$client, (memo = { stamp, values: new Map() }))
  if (memo.values.has(key)) return memo.values.get(key) as T
  const value = compute()
  if (memo.values.size >= MAX_MEMOS) memo.values.clear()
  memo.values.set(key, value)
  return value
}

/** Runs `fn` inside one transaction. */
export function transaction<T>(db: Db, fn: () => T): T {
  return db.$client.transaction(fn)()
}

/** Hands out the next id of a sequence (deleted ids are never reused, also not after a failed create). */
export function nextId(db: Db, name: string): number {
  const row = db.$client
    .prepare<unknown[], { id: number }>('UPDATE sequence SET next = next + 1 WHERE name = ? RETURNING next - 1 AS id')
    .get(name)
  if (row) return row.id
  db.$client.prepare('INSERT INTO sequence (name, next) VALUES (?, 2)').run(name)
  return 1
}
