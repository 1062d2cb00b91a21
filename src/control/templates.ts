import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  statSync,
} from 'node:fs'
import { dirname, join } from 'node:path'
import { restoreDatabase, saveDatabase } from './snapshots/snapshots.db.js'
import { labelState } from '../core/http/state-labels.js'

/**
 * Resets to a fixture already loaded once, without reading it again: the first load of a fixture
 * directory keeps the result as a template (an SQLite image made with VACUUM INTO and the stored
 * files hard-linked), and a later reset to the same, unchanged directory copies the template's rows
 * back and relinks its files. A reset between test cases then costs a page copy instead of a JSON
 * parse, a validation and thousands of inserts; what was not written since the last reset to the
 * same template is left as it is (a reset after read-only requests keeps the warm caches too).
 *
 * A template is used only while the fixture directory is exactly as it was when the template was made
 * (every file's size, mtime and inode), so an edited fixture is read and validated again.
 */

/** One flavour's database and file store, and what must be forgotten after its rows are replaced. */
export interface TemplatePart {
  db: Database.Database
  filesRoot: string
  wipeFiles(): void
  /** Re-reads what the flavour keeps in memory from its database (settings cache, active plugins). */
  afterRestore(): void
  health: { broken: string | null }
}

interface Template {
  /** Names the template's state for caches (http/state-labels.ts). */
  name: string
  /** The fixture directory's fingerprint when the template was made. */
  fingerprint: string
  dbFile: string
  /** A read-only connection to `dbFile`, the source of page copies. */
  source?: Database.Database
  filesDir: string
  /** The database's stamp right after the last reset to this template, and the file store's generation. */
  pristine?: { stamp: string; files: number }
}

/**
 * Links every file under `from` into `to` (same tree). Stored files are never modified in place
 * (writes go to a temp name and are renamed), so a hard link is a free copy-on-write copy; across
 * file systems it falls back to a real copy. `.tmp-` files are left out. Returns the number of files.
 */
export function linkTree(from: string, to: string): number {
  if (!existsSync(from)) return 0
  mkdirSync(to, { recursive: true })
  let count = 0
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.name.startsWith('.tmp-')) continue
    const src = join(from, entry.name)
    const dst = join(to, entry.name)
    if (entry.isDirectory()) count += linkTree(src, dst)
    else if (entry.isFile()) {
      try {
        linkSync(src, dst)
      } catch {
        copyFileSync(src, dst)
      }
      count++
    }
  }
  return count
}

/** Every file's path, size, mtime and inode under `dir`: any edit, addition or removal changes it. */
export function fingerprint(dir: string): string {
  const parts: string[] = []
  const walk = (d: string, rel: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    )) {
      const path = join(d, entry.name)
      if (entry.isDirectory()) walk(path, `${rel}${entry.name}/`)
      else {
        const st = statSync(path)
        parts.push(`${rel}${entry.name}\t${st.size}\t${st.mtimeMs}\t${st.ino}`)
      }
    }
  }
  walk(dir, '')
  return parts.join('\n')
}

const STAMP =
  'SELECT total_changes(), (SELECT data_version FROM pragma_data_version), (SELECT schema_version FROM pragma_schema_version)'

/** Templates of the fixtures one flavour of one server has loaded, kept beside its file store. */
export class ResetTemplates {
  private readonly byDir = new Map<string, Template>()
  private home: string | undefined
  private stampStmt: Database.Statement | undefined

  constructor(
    private readonly part: TemplatePart,
    /** The file store's write generation: moves on every change to stored files. */
    private readonly filesGeneration: () => number,
  ) {}

  private stamp(): string {
    this.stampStmt ??= this.part.db.prepare(STAMP).raw(true)
    return (this.stampStmt.get() as number[]).join(':')
  }

  /**
   * Resets to the fixture at `dir`: from its template when the directory is unchanged since the
   * template was made, else by `load()` (which reads and validates it), keeping the result as the new template.
   */
  reset(dir: string, load: () => void): void {
    let key: string
    let print: string
    try {
      key = realpathSync(dir)
      print = fingerprint(key)
    } catch {
      // not a readable directory: the loader gives the fixture error
      load()
      return
    }
    const template = this.byDir.get(key)
    if (template && template.fingerprint === print && !this.part.health.broken) {
      this.restore(template)
      return
    }
    load()
    this.keep(key, print)
  }

  private restore(t: Template): void {
    // What was not written since the last reset to this template already is the fixture's.
    const dbPristine = t.pristine?.stamp === this.stamp() && !this.part.db.inTransaction
    const filesPristine = t.pristine?.files === this.filesGeneration()
    if (dbPristine && filesPristine) return
    try {
      if (!dbPristine) {
        if (!copyPages(t, this.part.db)) restoreDatabase(this.part.db, t.dbFile, undefined, { sameSchema: true })
        this.part.afterRestore()
      }
      if (!filesPristine) {
        this.part.wipeFiles()
        linkTree(t.filesDir, this.part.filesRoot)
      }
      this.part.health.broken = null
      t.pristine = { stamp: this.stamp(), files: this.filesGeneration() }
      labelState(this.part.db, t.pristine.stamp, t.name)
    } catch (err) {
      this.part.health.broken = `resetting to a fixture failed: ${(err as Error).message}`
      this.part.afterRestore()
      throw err
    }
  }

  /** Keeps what was just loaded from `key` as its template (replacing an older one). */
  private keep(key: string, print: string): void {
    const old = this.byDir.get(key)
    if (old) this.drop(old)
    this.byDir.delete(key)
    const dir = join(this.templatesHome(), randomBytes(6).toString('hex'))
    mkdirSync(dir)
    const t: Template = {
      name: `template-${randomBytes(8).toString('hex')}`,
      fingerprint: print,
      dbFile: join(dir, 'db.sqlite'),
      filesDir: join(dir, 'files'),
    }
    saveDatabase(this.part.db, t.dbFile)
    linkTree(this.part.filesRoot, t.filesDir)
    t.pristine = { stamp: this.stamp(), files: this.filesGeneration() }
    labelState(this.part.db, t.pristine.stamp, t.name)
    this.byDir.set(key, t)
  }

  private drop(t: Template): void {
    t.source?.close()
    rmSync(dirname(t.dbFile), { recursive: true, force: true })
  }

  /** Beside the file store (same file system, so files are hard links); removed when the process exits. */
  private templatesHome(): string {
    if (this.home && existsSync(this.home)) return this.home
    const home = mkdtempSync(join(dirname(this.part.filesRoot), '.reset-templates-'))
    if (!homes.size) process.once('exit', () => homes.forEach((h) => rmSync(h, { recursive: true, force: true })))
    homes.add(home)
    this.home = home
    return home
  }
}

/**
 * Copies the template's pages over the database file with SQLite's backup API, in one step and one
 * write transaction of the destination (it fails whole, changing nothing): ten times less work than
 * emptying and refilling every table, since no B-tree is rebuilt row by row. The database's own
 * connection then sees another connection's commit (data_version moves, so every stamp-keyed cache
 * and FTS5's cached index structure are dropped). Returns false where this cannot be done (an
 * in-memory database, an open transaction, the file locked by another process); the caller then
 * copies the rows instead.
 */
function copyPages(t: Template, db: Database.Database): boolean {
  if (db.memory || db.inTransaction) return false
  try {
    t.source ??= new Database(t.dbFile, { readonly: true, fileMustExist: true })
    // better-sqlite3's public backup() is asynchronous and holds the destination's write lock between
    // event-loop turns (a request writing meanwhile would wait for it on the same thread); its
    // native handle, under a private symbol, copies everything in one synchronous step.
    const native = nativeHandle(t.source)
    if (!native) return false
    const backup = native.backup(t.source, 'main', db.name, false)
    try {
      return backup.transfer(-1).remainingPages === 0
    } finally {
      backup.close()
    }
  } catch {
    return false
  }
}

interface NativeBackup {
  transfer(pages: number): { totalPages: number; remainingPages: number }
  close(): void
}
type NativeDb = { backup(db: Database.Database, attached: string, file: string, isNew: boolean): NativeBackup }

function nativeHandle(db: Database.Database): NativeDb | undefined {
  for (const sym of Object.getOwnPropertySymbols(db)) {
    const v = (db as unknown as Record<symbol, unknown>)[sym] as Partial<NativeDb> | undefined
    if (v && typeof v.backup === 'function') return v as NativeDb
  }
  return undefined
}

/** Every template directory this process made, removed when it exits. */
const homes = new Set<string>()
