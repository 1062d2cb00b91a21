import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { RuntimeConfig } from '../config.js'
import { openDb } from './db/client.js'
import type { Deps } from './deps.js'
import { loadFixture, replaceData, writeStoredFiles } from './fixtures/load.js'
import { addDemoData } from './install/demo.js'
import { addInstallAdmin, installFixture, randomStorageId, type ApiKey } from './install/install.js'
import { timestamp } from './install/records.js'
import { FILE_KINDS, FileStore } from './storage/s-file-store.js'
import { sweepOrphans } from '../core/files/orphans.js'
import { recoverTreeSwitch } from '../core/files/tree-switch.js'
import { createApi } from './index.js'

/** Opens the Omeka S side of a data dir: its own SQLite file and `files-s/` store. */
export function openDataDir(dataDir: string, config: RuntimeConfig, mount: string): Deps {
  const dir = resolve(dataDir)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  return {
    db: openDb(join(dir, 'omeka-s.sqlite')),
    files: new FileStore(join(dir, 'files-s')),
    config,
    mount,
    health: { broken: null },
    app: (d) => createApi(d),
  }
}

/**
 * Start-up of the process that owns the data dir (serve): finishes or discards an interrupted reset, seed or
 * snapshot restore, then removes stored files that no media or asset names (see recoverDataDir).
 */
export function recoverDataDir(deps: Deps): { switch: 'none' | 'completed' | 'discarded'; orphans: number } {
  const result = recoverTreeSwitch(deps.db.$client, deps.files.root)
  const stored = (table: string) =>
    deps.db.$client
      .prepare<unknown[], { s: string; e: string | null }>(
        `SELECT storage_id AS s, extension AS e FROM ${table} WHERE storage_id IS NOT NULL`,
      )
      .all()
  const media = stored('media')
  const assets = stored('asset')
  const names = (rows: { s: string; e: string | null }[]) => new Set(rows.map((r) => (r.e ? `${r.s}.${r.e}` : r.s)))
  const keep: Record<string, Set<string>> = { original: names(media), asset: names(assets) }
  const thumbnails = new Set([...media, ...assets].map((r) => `${r.s}.jpg`))
  const orphans = sweepOrphans(deps.files.root, FILE_KINDS, (kind, name) => (keep[kind] ?? thumbnails).has(name))
  return { switch: result, orphans }
}

/** S deps on an in-memory database (tests). */
export function memoryDeps(
  filesDir: string,
  config: Partial<RuntimeConfig> = {},
  mount = '',
  /** A database this process serialized, to start from a copy of it. */
  image?: Buffer,
): Deps {
  return {
    db: openDb(image ?? ':memory:'),
    files: new FileStore(filesDir),
    config: { control: true, maxUploadBytes: 100 * 1024 * 1024, ...config },
    mount,
    health: { broken: null },
    app: (d) => createApi(d),
  }
}

export function isEmpty(deps: Deps): boolean {
  return !deps.db.$client.prepare('SELECT 1 FROM vocabulary LIMIT 1').get()
}

/**
 * First start of an empty S data dir: the given S fixture, or what a fresh Omeka S 4.2.0 install holds plus a
 * global admin with a random key (returned, to be printed once) and, unless `empty`, the demo data.
 */
export async function initialiseS(
  deps: Deps,
  source: { fixture?: string | undefined; empty: boolean },
): Promise<ApiKey | null> {
  if (source.fixture) {
    loadFixture(deps, resolve(source.fixture))
    return null
  }
  const fx = installFixture()
  const now = timestamp(Date.now())
  const key = addInstallAdmin(fx, now)
  const storageId = randomStorageId()
  const files = source.empty ? [] : await addDemoData(fx, now, storageId)
  replaceData(deps, fx, (store) => writeStoredFiles(store, files))
  for (const f of files) await deps.files.writeThumbnails(storageId, f.bytes)
  return key
}
