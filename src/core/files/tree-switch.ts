import { randomInt } from 'node:crypto'
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import type Database from 'better-sqlite3'

// Replacing all data (reset, seed, snapshot restore) changes a database and a file tree. Neither can follow the
// other without a window where a kill -9 leaves records pointing at wiped files, so the new tree is built beside
// the old one and the database commit is the one step that decides which tree is current: the commit writes a
// random token into the database header (PRAGMA user_version, which is transactional), and a small journal
// beside the tree names that token. At start-up, recoverTreeSwitch() finishes a switch whose token is in the
// database and throws away one whose token is not.

const staged = (root: string) => `${root}.next`
const retired = (root: string) => `${root}.old`
const journal = (root: string) => `${root}.switch.json`

function writeDurably(path: string, text: string): void {
  const tmp = `${path}.tmp`
  writeFileSync(tmp, text, { mode: 0o600 })
  const fd = openSync(tmp, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(tmp, path)
}

const userVersion = (sqlite: Database.Database) => sqlite.pragma('user_version', { simple: true }) as number

/** Puts the staged tree in place of `root` (idempotent: every step can be re-run after a crash part-way). */
function finishSwitch(root: string): void {
  if (existsSync(staged(root))) {
    if (existsSync(root)) {
      rmSync(retired(root), { recursive: true, force: true })
      renameSync(root, retired(root))
    }
    renameSync(staged(root), root)
  }
  rmSync(retired(root), { recursive: true, force: true })
  rmSync(journal(root), { force: true })
}

/**
 * Replaces the file tree at `root` and the database's rows together, crash-safely. `fill(stagedRoot)` writes the
 * new tree (beside the old one, never touching it); `commit(mark)` runs the database change in one transaction
 * and must call `mark()` inside it. If `fill` or `commit` throws, nothing has changed. A kill -9 at any point
 * leaves either the old database with the old files or (after recoverTreeSwitch at the next start) the new with
 * the new.
 */
export function switchTree(
  sqlite: Database.Database,
  root: string,
  fill: (stagedRoot: string) => void,
  commit: (mark: () => void) => void,
): void {
  rmSync(staged(root), { recursive: true, force: true })
  mkdirSync(staged(root), { recursive: true, mode: 0o700 })
  let token = 0
  try {
    fill(staged(root))
    const current = userVersion(sqlite)
    do token = randomInt(1, 2 ** 31 - 1)
    while (token === current)
    writeDurably(journal(root), JSON.stringify({ token }))
    commit(() => sqlite.pragma(`user_version = ${token}`))
  } catch (err) {
    if (token !== 0 && userVersion(sqlite) === token) finishSwitch(root)
    else {
      rmSync(staged(root), { recursive: true, force: true })
      rmSync(journal(root), { force: true })
    }
    throw err
  }
  finishSwitch(root)
}

/**
 * Start-up: completes or discards a switchTree() that a crash interrupted, and removes its leftovers. Only for a
 * process that owns the data dir (serve, seed): another process may be in the middle of a switch.
 */
export function recoverTreeSwitch(sqlite: Database.Database, root: string): 'none' | 'completed' | 'discarded' {
  let token: number | null = null
  try {
    token = (JSON.parse(readFileSync(journal(root), 'utf8')) as { token: number }).token
  } catch {
    token = null
  }
  if (token !== null && userVersion(sqlite) === token) {
    finishSwitch(root)
    return 'completed'
  }
  const leftovers = existsSync(staged(root)) || existsSync(retired(root)) || existsSync(journal(root))
  rmSync(staged(root), { recursive: true, force: true })
  rmSync(retired(root), { recursive: true, force: true })
  rmSync(journal(root), { force: true })
  rmSync(`${journal(root)}.tmp`, { force: true })
  return leftovers ? 'discarded' : 'none'
}
