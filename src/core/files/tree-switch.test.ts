import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { recoverTreeSwitch, switchTree } from './tree-switch.js'

// The on-disk states a kill -9 can leave a switch in, built by hand, and what the next start-up makes of them.
let dir: string
let root: string
let db: Database.Database

const content = () => readFileSync(join(root, 'f'), 'utf8')
const rows = () => db.prepare('SELECT v FROM t').pluck().all()

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'omeka-twin-switch-'))
  root = join(dir, 'files')
  mkdirSync(root)
  writeFileSync(join(root, 'f'), 'old')
  db = new Database(join(dir, 'db.sqlite'))
  db.exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('old')")
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

/** A switch to 'new' that stops (as a kill would) right after `stage` of: staged, journal, committed. */
function interrupted(stage: 'staged' | 'journal' | 'committed'): void {
  mkdirSync(`${root}.next`)
  writeFileSync(join(`${root}.next`, 'f'), 'new')
  if (stage === 'staged') return
  writeFileSync(`${root}.switch.json`, JSON.stringify({ token: 4242 }))
  if (stage === 'journal') return
  db.transaction(() => {
    db.exec("UPDATE t SET v = 'new'")
    db.pragma('user_version = 4242')
  })()
}

describe('switchTree', () => {
  it('switches the tree and the rows together, leaving nothing beside the tree', () => {
    switchTree(
      db,
      root,
      (next) => writeFileSync(join(next, 'f'), 'new'),
      (mark) => db.transaction(() => (db.exec("UPDATE t SET v = 'new'"), mark()))(),
    )
    expect([content(), rows()]).toEqual(['new', ['new']])
    expect([existsSync(`${root}.next`), existsSync(`${root}.old`), existsSync(`${root}.switch.json`)]).toEqual([
      false,
      false,
      false,
    ])
  })

  it('changes nothing when the database write fails', () => {
    const fail = () =>
      switchTree(
        db,
        root,
        (next) => writeFileSync(join(next, 'f'), 'new'),
        (mark) => db.transaction(() => (mark(), db.exec('INSERT INTO missing VALUES (1)')))(),
      )
    expect(fail).toThrow(/no such table/)
    expect([content(), rows(), existsSync(`${root}.next`), existsSync(`${root}.switch.json`)]).toEqual([
      'old',
      ['old'],
      false,
      false,
    ])
  })
})

describe('recoverTreeSwitch after a kill -9', () => {
  it.each(['staged', 'journal'] as const)('keeps the old tree when the kill came before the commit (%s)', (stage) => {
    interrupted(stage)
    expect(recoverTreeSwitch(db, root)).toBe('discarded')
    expect([content(), rows(), existsSync(`${root}.next`), existsSync(`${root}.switch.json`)]).toEqual([
      'old',
      ['old'],
      false,
      false,
    ])
  })

  it('puts the new tree in place when the kill came after the commit', () => {
    interrupted('committed')
    expect(recoverTreeSwitch(db, root)).toBe('completed')
    expect([content(), rows(), existsSync(`${root}.next`), existsSync(`${root}.old`)]).toEqual([
      'new',
      ['new'],
      false,
      false,
    ])
  })

  it('finishes a switch killed between its two renames (no tree at the root)', () => {
    interrupted('committed')
    renameSync(root, `${root}.old`)
    expect(recoverTreeSwitch(db, root)).toBe('completed')
    expect([content(), existsSync(`${root}.old`)]).toEqual(['new', false])
  })

  it('does nothing on a clean data dir', () => {
    expect(recoverTreeSwitch(db, root)).toBe('none')
    expect(content()).toBe('old')
  })
})
