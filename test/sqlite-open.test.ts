import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import { afterCommit, openDb } from '../src/classic/db/client.js'
import { stockPageCache } from '../src/core/db/sqlite.js'
import { ciSortKey } from '../src/classic/db/mysql-collation.js'
import { openDb as openSDb } from '../src/omeka-s/db/client.js'

const BETTER_SQLITE3 = createRequire(import.meta.url).resolve('better-sqlite3')

/**
 * Another connection (a worker thread: its own SQLite connection, like a second process) that takes the write
 * lock, runs `insert`, holds the lock for `holdMs` and commits. Resolves once the lock is held.
 */
function holdWriteLock(file: string, insert: string, holdMs: number): Promise<{ done: Promise<void> }> {
  const flag = new Int32Array(new SharedArrayBuffer(4))
  const code = `
    const Database = require(${JSON.stringify(BETTER_SQLITE3)})
    const { workerData } = require('node:worker_threads')
    const db = new Database(workerData.file)
    db.exec('BEGIN IMMEDIATE')
    db.prepare(workerData.insert).run()
    Atomics.store(workerData.flag, 0, 1)
    Atomics.notify(workerData.flag, 0)
    Atomics.wait(workerData.flag, 0, 1, workerData.holdMs)
    db.exec('COMMIT')
    db.close()`
  const worker = new Worker(code, { eval: true, workerData: { file, flag, holdMs, insert } })
  const done = new Promise<void>((resolve, reject) => {
    worker.on('error', reject)
    worker.on('exit', () => resolve())
  })
  return new Promise((resolve) => {
    const poll = () => (Atomics.load(flag, 0) === 1 ? resolve({ done }) : setTimeout(poll, 5))
    poll()
  })
}

describe('a second writer on the same data dir', () => {
  let dir: string
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('waits for the other process to commit instead of failing with database is locked (Classic)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'omeka-twin-busy-'))
    const file = join(dir, 'omeka-twin.sqlite')
    const db = openDb(file)
    const { done } = await holdWriteLock(file, "INSERT INTO options (name, value) VALUES ('other_process', '1')", 300)
    // A read-then-write transaction, the shape of every repo write: deferred, it failed at once with SQLITE_BUSY.
    db.$client.transaction(() => {
      db.$client.prepare('SELECT COUNT(*) FROM options').get()
      db.$client.prepare("INSERT INTO options (name, value) VALUES ('this_process', '2')").run()
    })()
    await done
    const names = db.$client
      .prepare("SELECT name FROM options WHERE name IN ('other_process', 'this_process') ORDER BY rowid")
      .pluck()
      .all()
    expect(names).toEqual(['other_process', 'this_process'])
    db.$client.close()
  })

  it('waits for the other process to commit instead of failing with database is locked (Omeka S)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'omeka-twin-busy-'))
    const file = join(dir, 's.sqlite')
    const db = openSDb(file)
    const { done } = await holdWriteLock(file, "INSERT INTO setting (id, value) VALUES ('other_process', '1')", 300)
    db.$client.transaction(() => {
      db.$client.prepare('SELECT COUNT(*) FROM setting').get()
      db.$client.prepare("INSERT INTO setting (id, value) VALUES ('this_process', '2')").run()
    })()
    await done
    expect(
      db.$client
        .prepare("SELECT id FROM setting WHERE id IN ('other_process', 'this_process') ORDER BY rowid")
        .pluck()
        .all(),
    ).toEqual(['other_process', 'this_process'])
    db.$client.close()
  })
})

describe('afterCommit', () => {
  it('runs after the outermost transaction commits, never after a rollback', () => {
    const db = openDb(':memory:')
    const ran: string[] = []
    db.$client.transaction(() => {
      db.$client.transaction(() => afterCommit(db.$client, () => ran.push('nested')))()
      expect(ran).toEqual([])
    })()
    expect(ran).toEqual(['nested'])
    expect(() =>
      db.$client.transaction(() => {
        afterCommit(db.$client, () => ran.push('rolled back'))
        throw new Error('write failed')
      })(),
    ).toThrow('write failed')
    afterCommit(db.$client, () => ran.push('outside'))
    expect(ran).toEqual(['nested', 'outside'])
    db.$client.close()
  })
})

describe('stockPageCache', () => {
  it("sets SQLite's own 2 MB page cache in place of better-sqlite3's 16 MB", () => {
    const db = openDb(':memory:')
    expect(db.$client.pragma('cache_size', { simple: true })).toBe(-16000)
    stockPageCache(db.$client)
    expect(db.$client.pragma('cache_size', { simple: true })).toBe(-2000)
    db.$client.close()
  })
})

describe('omeka_fold', () => {
  it('answers as ciSortKey for every string, remembered or not, past the memo’s size and length bounds', () => {
    const db = openDb(':memory:')
    const fold = db.$client.prepare('SELECT omeka_fold(?) AS k').pluck()
    const names = ['Straße', 'STRASSE', 'Ünïcødé', 'ﬁsh', ' trailing  ', 'x'.repeat(200) + 'É']
    for (let i = 0; i < 5000; i++) names.push(`Tag ${i} Æsop`)
    // Twice over: the second pass reads what the first remembered (and what survived the memo starting over).
    for (const pass of [1, 2]) for (const n of names) expect(fold.get(n), `${n} (pass ${pass})`).toBe(ciSortKey(n))
    expect(fold.get(null)).toBeNull()
    expect(fold.get(42)).toBe(42)
    db.$client.close()
  })
})
