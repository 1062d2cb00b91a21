import type { Statement, Database } from 'better-sqlite3'
import type { Db } from '../db/client.js'

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
export function statement(db: Db, sql: string, raw = false): Statement {
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
  return stmt
}
