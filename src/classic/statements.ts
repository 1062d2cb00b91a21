import type { Statement, Database } from 'better-sqlite3'
import type { Db } from './db/client.js'
import { rowsOf, type Rows } from '../core/db/rows.js'

// Prepared statements per connection. The map is keyed by the connection itself (a WeakMap), so no
// statement is shared between databases, tests stay isolated, and a dropped connection takes its
// statements with it. SQL built from a query's filters varies, so a connection keeps at most
// MAX_STATEMENTS, dropping the oldest first.
const MAX_STATEMENTS = 500
const byConnection = new WeakMap<Database, Map<string, Statement>>()

/**
 * The statement for `sql` on this connection, prepared (parsed and planned by SQLite) once;
 * `raw` statements return rows as arrays, which skips building an object per row.
 */
export function statement<Row = unknown>(db: Db, sql: string, raw = false): Rows<Row> {
  let cache = byConnection.get(db.$client)
  if (!cache) {
    cache = new Map()
    byConnection.set(db.$client, cache)
  }
  const key = raw ? `raw:${sql}` : sql
  let stmt = cache.get(key)
  if (!stmt) {
    stmt = db.$client.prepare(sql)
    if (raw) stmt.raw(true)
    if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value!)
    cache.set(key, stmt)
  }
  return rowsOf<Row>(stmt)
}

const STAMP =
  'SELECT total_changes(), (SELECT data_version FROM pragma_data_version), (SELECT schema_version FROM pragma_schema_version)'

/**
 * The database's version as this connection sees it: `data_version` moves when another connection
 * (another process importing into the same data dir) commits, `total_changes()` when this one writes
 * a row, `schema_version` on any DDL. Equal stamps mean no answer of the API can have changed.
 */
export function dbStamp(db: Db): string {
  return (statement(db, STAMP, true).get() as number[]).join(':')
}

const MAX_COUNTS = 1000
const countsByConnection = new WeakMap<Database, { stamp: string; counts: Map<string, number> }>()

/**
 * `SELECT COUNT(*) …` remembered until the database changes: paging through a result set (or the
 * same filter asked by other callers) counts it once, so a page costs the same whatever the total.
 */
export function cachedCount(db: Db, sql: string, args: readonly unknown[]): number {
  // Inside a transaction the count could be rolled back while the stamp stays (total_changes never goes back).
  if (db.$client.inTransaction) return (statement(db, sql, true).get(...args) as [number])[0]
  const stamp = dbStamp(db)
  let memo = countsByConnection.get(db.$client)
  if (!memo || memo.stamp !== stamp) {
    memo = { stamp, counts: new Map() }
    countsByConnection.set(db.$client, memo)
  }
  const key = `${sql}\n${JSON.stringify(args)}`
  let n = memo.counts.get(key)
  if (n === undefined) {
    n = (statement(db, sql, true).get(...args) as [number])[0]
    if (memo.counts.size >= MAX_COUNTS) memo.counts.clear()
    memo.counts.set(key, n)
  }
  return n
}

const rowsByConnection = new WeakMap<Database, { stamp: string; rows: Map<string, unknown[]> }>()

/**
 * The rows of a page query remembered until the database changes, as counts are (a page of a large
 * search would otherwise collect every match again per request). Not for non-deterministic SQL (RANDOM()).
 * The rows are shared: callers must not change them.
 */
export function cachedAll(db: Db, sql: string, args: readonly unknown[]): unknown[] {
  if (db.$client.inTransaction || /RANDOM\(\)/i.test(sql)) return statement(db, sql).all(...args)
  const stamp = dbStamp(db)
  let memo = rowsByConnection.get(db.$client)
  if (!memo || memo.stamp !== stamp) {
    memo = { stamp, rows: new Map() }
    rowsByConnection.set(db.$client, memo)
  }
  const key = `${sql}\n${JSON.stringify(args)}`
  let rows = memo.rows.get(key)
  if (rows === undefined) {
    rows = statement(db, sql).all(...args)
    if (memo.rows.size >= MAX_COUNTS) memo.rows.clear()
    memo.rows.set(key, rows)
  }
  return rows
}
