import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { RuntimeConfig } from '../config.js'
import { openSDb } from './db/client.js'
import type { SDeps } from './deps.js'
import { loadSFixture, replaceSData, writeStoredFiles } from './fixtures/load.js'
import { addDemoData } from './install/demo.js'
import { addInstallAdmin, installFixture, randomStorageId, type SApiKey } from './install/install.js'
import { sTimestamp } from './install/records.js'
import { S_FILE_KINDS, SFileStore } from './storage/s-file-store.js'
import { sweepOrphans } from '../core/files/orphans.js'
import { recoverTreeSwitch } from '../core/files/tree-switch.js'
import { sApp } from './index.js'

/** Opens the Omeka S side of a data dir: its own SQLite file and `files-s/` store. */
export function openSDataDir(dataDir: string, config: RuntimeConfig, mount: string): SDeps {
  const dir = resolve(dataDir)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  return {
    db: openSDb(join(dir, 'omeka-s.sqlite')),
    files: new SFileStore(join(dir, 'files-s')),
    config,
    mount,
    health: { broken: null },
    app: (d) => sApp(d),
  }
}

/**
 * Start-up of the process that owns the data dir (serve): finishes or discards an interrupted reset, seed or
 * snapshot restore, then removes stored files that no media or asset names (see recoverDataDir).
 */
export function recoverSDataDir(deps: SDeps): { switch: 'none' | 'completed' | 'discarded'; orphans: number } {
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
  const orphans = sweepOrphans(deps.files.root, S_FILE_KINDS, (kind, name) => (keep[kind] ?? thumbnails).has(name))
  return { switch: result, orphans }
}

/** S deps on an in-memory database (tests). */
export function memorySDeps(filesDir: string, config: Partial<RuntimeConfig> = {}, mount = ''): SDeps {
  return {
    db: openSDb(':memory:'),
    files: new SFileStore(filesDir),
    config: { control: true, maxUploadBytes: 100 * 1024 * 1024, ...config },
    mount,
    health: { broken: null },
    app: (d) => sApp(d),
  }
}

export function isSEmpty(deps: SDeps): boolean {
  return !deps.db.$client.prepare('SELECT 1 FROM vocabulary LIMIT 1').get()
}

/**
 * First start of an empty S data dir: the given S fixture, or what a fresh Omeka S 4.2.0 install holds plus a
 * global admin with a random key (returned, to be printed once) and, unless `empty`, the demo data.
 */
export async function initialiseS(
  deps: SDeps,
  source: { fixture?: string | undefined; empty: boolean },
): Promise<SApiKey | null> {
  if (source.fixture) {
    loadSFixture(deps, resolve(source.fixture))
    return null
  }
  const fx = installFixture()
  const now = sTimestamp(Date.now())
  const key = addInstallAdmin(fx, now)
  const storageId = randomStorageId()
  const files = source.empty ? [] : await addDemoData(fx, now, storageId)
  replaceSData(deps, fx, (store) => writeStoredFiles(store, files))
  for (const f of files) await deps.files.writeThumbnails(storageId, f.bytes)
  return key
}
