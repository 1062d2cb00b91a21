import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as z from 'zod'
import { checkSnapshotSchema, restoreDatabase, saveDatabase, SnapshotSchemaError } from './snapshots.db.js'
import type { SnapshotPart } from './snapshots.parts.js'
import { switchTree } from '../../core/files/tree-switch.js'
import { linkTree } from '../templates.js'

/** A snapshot's name: a plain, short file name (it becomes a directory name). */
export const snapshotNameSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/,
    'must be 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit',
  )
  .refine((n) => !n.includes('..'), 'must not contain ".."')

/** What one flavour's share of a snapshot holds. */
export interface SnapshotCounts {
  items: number
  files: number
  bytes: number
}

/** A snapshot as listed: totals over its flavours, and each flavour's own counts. */
export interface SnapshotInfo extends SnapshotCounts {
  name: string
  created: string
  flavors: { classic?: SnapshotCounts; s?: SnapshotCounts }
}

const META_FILE = 'snapshot.json'
const FLAVOR_NAMES = { classic: 'Omeka Classic', s: 'Omeka S' } as const

/** Start-up: removes the half-written snapshot directories a crash during a save left in `dir`. */
export function removeSnapshotLeftovers(dir: string): void {
  if (!existsSync(dir)) return
  for (const name of readdirSync(dir))
    if (name.startsWith('.tmp-')) rmSync(join(dir, name), { recursive: true, force: true })
}

/** Saves, lists, restores and deletes whole-server snapshots (every served flavour's database and files) in one directory. */
export class SnapshotStore {
  constructor(
    readonly dir: string,
    private readonly parts: readonly SnapshotPart[],
  ) {}

  private path(name: string): string {
    return join(this.dir, snapshotNameSchema.parse(name))
  }

  exists(name: string): boolean {
    return existsSync(join(this.path(name), META_FILE))
  }

  /** Saves every part's database and file store under `name`, replacing a snapshot of that name. */
  save(name: string): SnapshotInfo {
    const target = this.path(name)
    mkdirSync(this.dir, { recursive: true })
    const tmp = join(this.dir, `.tmp-${randomBytes(6).toString('hex')}`)
    mkdirSync(tmp)
    try {
      const flavors: SnapshotInfo['flavors'] = {}
      for (const part of this.parts) {
        saveDatabase(part.db, join(tmp, part.dbFile))
        const files = linkTree(part.filesRoot, join(tmp, part.filesDir))
        flavors[part.flavor] = { items: part.items(), files, bytes: statSync(join(tmp, part.dbFile)).size }
      }
      const counts = Object.values(flavors)
      const sum = (k: keyof SnapshotCounts) => counts.reduce((n, c) => n + c[k], 0)
      const info: SnapshotInfo = {
        name,
        created: new Date().toISOString(),
        items: sum('items'),
        files: sum('files'),
        bytes: sum('bytes'),
        flavors,
      }
      writeFileSync(join(tmp, META_FILE), JSON.stringify(info))
      rmSync(target, { recursive: true, force: true })
      renameSync(tmp, target)
      return info
    } finally {
      rmSync(tmp, { recursive: true, force: true })
    }
  }

  /** Every snapshot, by name (ones saved before flavours were recorded held Classic only). */
  list(): SnapshotInfo[] {
    if (!existsSync(this.dir)) return []
    return readdirSync(this.dir)
      .filter((n) => snapshotNameSchema.safeParse(n).success && existsSync(join(this.dir, n, META_FILE)))
      .sort()
      .map((n) => {
        const info = JSON.parse(readFileSync(join(this.dir, n, META_FILE), 'utf8')) as SnapshotInfo
        return info.flavors
          ? info
          : { ...info, flavors: { classic: { items: info.items, files: info.files, bytes: info.bytes } } }
      })
  }

  /** Throws SnapshotSchemaError unless the snapshot holds every served flavour, each with this server's schema. */
  private check(source: string): void {
    for (const part of this.parts) {
      const db = join(source, part.dbFile)
      if (!existsSync(db))
        throw new SnapshotSchemaError(
          `the snapshot holds no ${FLAVOR_NAMES[part.flavor]} data (it was taken by a server with another --flavor).`,
        )
      checkSnapshotSchema(part.db, db)
    }
  }

  /**
   * Puts every served flavour back as it was when `name` was saved: all checks first (nothing changes if the
   * snapshot does not fit), then per flavour the files linked into a new tree beside the current one and the
   * database restored in one transaction whose commit also switches the trees (a kill -9 at any point leaves
   * the flavour as it was or as in the snapshot, never records without their files).
   */
  restore(name: string): void {
    const source = this.path(name)
    this.check(source)
    let changed = false
    try {
      for (const part of this.parts) {
        const fill = (root: string) => void linkTree(join(source, part.filesDir), root)
        switchTree(part.db, part.filesRoot, fill, (mark) => restoreDatabase(part.db, join(source, part.dbFile), mark))
        changed = true
        part.invalidate()
      }
      for (const part of this.parts) part.health.broken = null
    } catch (err) {
      // A failed flavour changed nothing; with two flavours, an earlier one may now disagree until a reset.
      if (changed)
        for (const part of this.parts)
          part.health.broken = `restoring snapshot ${name} failed: ${(err as Error).message}`
      throw err
    }
  }

  delete(name: string): void {
    rmSync(this.path(name), { recursive: true, force: true })
  }
}
