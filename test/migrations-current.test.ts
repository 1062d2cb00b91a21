import Database from 'better-sqlite3'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDb } from '../src/classic/db/client.js'
import { PACKAGE_ROOT } from '../src/core/package-root.js'
import { migrationsCurrent } from '../src/core/db/sqlite.js'

const MIGRATIONS = join(PACKAGE_ROOT, 'migrations')
const temps: string[] = []
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('migrationsCurrent', () => {
  it('is false for a new database (no migrations table), true once every migration is applied', () => {
    const fresh = new Database(':memory:')
    expect(migrationsCurrent(fresh, MIGRATIONS)).toBe(false)
    const db = openDb(':memory:')
    expect(migrationsCurrent(db.$client, MIGRATIONS)).toBe(true)
  })

  it('is false when the journal has a migration newer than the database has', () => {
    const dir = mkdtempSync(join(tmpdir(), 'omeka-twin-migrations-'))
    temps.push(dir)
    cpSync(MIGRATIONS, dir, { recursive: true })
    const journalFile = join(dir, 'meta', '_journal.json')
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { when: number; tag: string }[] }
    const newest = Math.max(...journal.entries.map((e) => e.when))
    journal.entries.push({ when: newest + 1, tag: '9999_next' })
    writeFileSync(journalFile, JSON.stringify(journal))
    const db = openDb(':memory:')
    expect(migrationsCurrent(db.$client, dir)).toBe(false)
  })

  it('a file database opened again (migrations skipped) has the same schema', () => {
    const dir = mkdtempSync(join(tmpdir(), 'omeka-twin-reopen-'))
    temps.push(dir)
    const file = join(dir, 'db.sqlite')
    const schema = (db: Database.Database) => db.prepare('SELECT name, sql FROM sqlite_master ORDER BY name').all()
    const first = openDb(file)
    const before = schema(first.$client)
    first.$client.close()
    const again = openDb(file)
    expect(schema(again.$client)).toEqual(before)
    expect((again.$client.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as { n: number }).n).toBe(
      JSON.parse(readFileSync(join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')).entries.length,
    )
    again.$client.close()
  })
})
