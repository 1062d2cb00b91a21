import type Database from 'better-sqlite3'

// Saving is VACUUM INTO (SQLite's own consistent copy). Restoring copies every table back inside one
// transaction; triggers are set aside so derived data (the FTS index) is copied, not recomputed, and
// virtual tables are recreated so no cached index state outlives the restore.

const MIGRATIONS_TABLE = '__drizzle_migrations'

interface SchemaObject {
  type: string
  name: string
  sql: string
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`

/** Writes a consistent copy of the whole database to `path` (which must not exist). */
export function saveDatabase(db: Database.Database, path: string): void {
  db.prepare('VACUUM INTO ?').run(path)
}

function schemaObjects(db: Database.Database, schema: 'main' | 'snap'): SchemaObject[] {
  return db
    .prepare<unknown[], SchemaObject>(
      `SELECT type, name, sql FROM ${schema}.sqlite_master WHERE sql IS NOT NULL ORDER BY rowid`,
    )
    .all()
}

function migrationHashes(db: Database.Database, schema: 'main' | 'snap'): string {
  const rows = db
    .prepare<unknown[], { hash: string }>(`SELECT hash FROM ${schema}.${MIGRATIONS_TABLE} ORDER BY id`)
    .all()
  return rows.map((r) => r.hash).join(',')
}

const isVirtual = (o: SchemaObject) => o.type === 'table' && /^CREATE VIRTUAL TABLE/i.test(o.sql)

function columns(db: Database.Database, table: string): string {
  const cols = db.prepare<unknown[], { name: string }>(`SELECT name FROM pragma_table_info(?)`).all(table)
  return cols.map((c) => quote(c.name)).join(', ')
}

/** Thrown when a snapshot cannot be restored into this database (taken with another schema). */
export class SnapshotSchemaError extends Error {}

/** Throws SnapshotSchemaError unless the snapshot file at `path` was taken with this database's migrations. */
export function checkSnapshotSchema(db: Database.Database, path: string): void {
  db.prepare('ATTACH DATABASE ? AS snap').run(path)
  try {
    if (migrationHashes(db, 'main') !== migrationHashes(db, 'snap')) {
      throw new SnapshotSchemaError('the snapshot was taken with a different database schema (other migrations).')
    }
  } finally {
    db.exec('DETACH DATABASE snap')
  }
}

/**
 * Replaces every row of the database with the rows of the snapshot file at `path`, in one
 * transaction (which also runs `inside`, last): on any error nothing has changed.
 */
export function restoreDatabase(
  db: Database.Database,
  path: string,
  inside: () => void = () => undefined,
  opts: { sameSchema?: boolean } = {},
): void {
  // A reset template was saved by this very connection: its schema is this one.
  if (!opts.sameSchema) checkSnapshotSchema(db, path)
  db.prepare('ATTACH DATABASE ? AS snap').run(path)
  try {
    const objects = schemaObjects(db, 'main')
    const triggers = objects.filter((o) => o.type === 'trigger')
    const virtuals = objects.filter(isVirtual)
    // Shadow tables of virtual tables (FTS) are read-only in SQLite's defensive mode.
    db.unsafeMode(true)
    // The snapshot is consistent as a whole; rows arrive parent-after-child in table order.
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number
    db.pragma('foreign_keys = OFF')
    try {
      db.transaction(() => {
        for (const t of triggers) db.exec(`DROP TRIGGER main.${quote(t.name)}`)
        for (const v of virtuals) {
          db.exec(`DROP TABLE main.${quote(v.name)}`)
          db.exec(v.sql)
        }
        copyTables(db)
        for (const t of triggers) db.exec(t.sql)
        inside()
      })()
    } finally {
      db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`)
      db.unsafeMode(false)
    }
  } finally {
    db.exec('DETACH DATABASE snap')
  }
}

function copyTables(db: Database.Database): void {
  const tables = schemaObjects(db, 'main').filter(
    (o) => o.type === 'table' && !isVirtual(o) && !o.name.startsWith('sqlite_') && o.name !== MIGRATIONS_TABLE,
  )
  // Empty everything first: with ON DELETE CASCADE, emptying a parent after its children were
  // refilled would delete them again.
  for (const { name } of tables) db.exec(`DELETE FROM main.${quote(name)}`)
  for (const { name } of tables) {
    const cols = columns(db, name)
    db.exec(`INSERT INTO main.${quote(name)} (${cols}) SELECT ${cols} FROM snap.${quote(name)}`)
  }
  // AUTOINCREMENT counters, where the schema has any (the Omeka S schema keeps its own `sequence` table instead).
  if (!db.prepare("SELECT 1 FROM main.sqlite_master WHERE name = 'sqlite_sequence'").get()) return
  db.exec('DELETE FROM main.sqlite_sequence')
  db.exec('INSERT INTO main.sqlite_sequence (name, seq) SELECT name, seq FROM snap.sqlite_sequence')
}
