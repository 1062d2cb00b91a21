import { randomBytes } from 'node:crypto'
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { Deps } from '../../deps.js'
import { restoreDatabase, saveDatabase } from './snapshots.db.js'

/** A snapshot's name: a plain, short file name (it becomes a directory name). */
export const snapshotNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'must be 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit')
  .refine((n) => !n.includes('..'), 'must not contain ".."')

export interface SnapshotInfo {
  name: string
  created: string
  items: number
  files: number
  bytes: number
}

const DB_FILE = 'db.sqlite'
const FILES_DIR = 'files'
const META_FILE = 'snapshot.json'

/**
 * Links every file under `from` into `to` (same tree). Stored files are never modified in place
 * (writes go to a temp name and are renamed), so a hard link is a free copy-on-write copy; across
 * file systems it falls back to a real copy. Returns the number of files.
 */
function linkTree(from: string, to: string): number {
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

const count = (deps: Deps, table: string) => (deps.db.$client.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n

/** Saves, lists, restores and deletes whole-site snapshots in one directory. */
export class SnapshotStore {
  constructor(
    readonly dir: string,
    private readonly deps: Deps,
  ) {}

  private path(name: string): string {
    return join(this.dir, snapshotNameSchema.parse(name))
  }

  exists(name: string): boolean {
    return existsSync(join(this.path(name), META_FILE))
  }

  /** Saves the database and the file store under `name`, replacing a snapshot of that name. */
  save(name: string): SnapshotInfo {
    const target = this.path(name)
    mkdirSync(this.dir, { recursive: true })
    const tmp = join(this.dir, `.tmp-${randomBytes(6).toString('hex')}`)
    mkdirSync(tmp)
    try {
      saveDatabase(this.deps.db.$client, join(tmp, DB_FILE))
      const files = linkTree(this.deps.files.root, join(tmp, FILES_DIR))
      const info: SnapshotInfo = { name, created: new Date().toISOString(), items: count(this.deps, 'items'), files, bytes: statSync(join(tmp, DB_FILE)).size }
      writeFileSync(join(tmp, META_FILE), JSON.stringify(info))
      rmSync(target, { recursive: true, force: true })
      renameSync(tmp, target)
      return info
    } finally {
      rmSync(tmp, { recursive: true, force: true })
    }
  }

  /** Every snapshot, by name. */
  list(): SnapshotInfo[] {
    if (!existsSync(this.dir)) return []
    return readdirSync(this.dir)
      .filter((n) => snapshotNameSchema.safeParse(n).success && existsSync(join(this.dir, n, META_FILE)))
      .sort()
      .map((n) => JSON.parse(readFileSync(join(this.dir, n, META_FILE), 'utf8')) as SnapshotInfo)
  }

  /**
   * Puts the site back as it was when `name` was saved: database rows in one transaction (nothing
   * changes if that fails), then the file store relinked, then cached options forgotten.
   */
  restore(name: string): void {
    const source = this.path(name)
    restoreDatabase(this.deps.db.$client, join(source, DB_FILE))
    this.deps.options.invalidate()
    try {
      this.deps.files.wipe()
      linkTree(join(source, FILES_DIR), this.deps.files.root)
      this.deps.health.broken = null
    } catch (err) {
      this.deps.health.broken = `restoring snapshot ${name} failed: ${(err as Error).message}`
      throw err
    }
  }

  delete(name: string): void {
    rmSync(this.path(name), { recursive: true, force: true })
  }
}
