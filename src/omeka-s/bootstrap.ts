import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { RuntimeConfig } from '../deps.js'
import { openSDb } from './db/client.js'
import type { SDeps } from './deps.js'
import { loadSFixture, replaceSData, writeStoredFiles } from './fixtures/load.js'
import { addDemoData } from './install/demo.js'
import { addInstallAdmin, installFixture, randomStorageId, type SApiKey } from './install/install.js'
import { sTimestamp } from './install/records.js'
import { SFileStore } from './storage/s-file-store.js'
import { sApp } from './index.js'

/** Opens the Omeka S side of a data dir: its own SQLite file and `files-s/` store. */
export function openSDataDir(dataDir: string, config: RuntimeConfig, mount: string): SDeps {
  const dir = resolve(dataDir)
  mkdirSync(dir, { recursive: true })
  return { db: openSDb(join(dir, 'omeka-s.sqlite')), files: new SFileStore(join(dir, 'files-s')), config, mount, health: { broken: null }, app: (d) => sApp(d) }
}

/** S deps on an in-memory database (tests). */
export function memorySDeps(filesDir: string, config: Partial<RuntimeConfig> = {}, mount = ''): SDeps {
  return { db: openSDb(':memory:'), files: new SFileStore(filesDir), config: { control: true, maxUploadBytes: 100 * 1024 * 1024, ...config }, mount, health: { broken: null }, app: (d) => sApp(d) }
}

export function isSEmpty(deps: SDeps): boolean {
  return !deps.db.$client.prepare('SELECT 1 FROM vocabulary LIMIT 1').get()
}

/**
 * First start of an empty S data dir: the given S fixture, or what a fresh Omeka S 4.2.0 install holds plus a
 * global admin with a random key (returned, to be printed once) and, unless `empty`, the demo data.
 */
export async function initialiseS(deps: SDeps, source: { fixture?: string | undefined; empty: boolean }): Promise<SApiKey | null> {
  if (source.fixture) {
    loadSFixture(deps, resolve(source.fixture))
    return null
  }
  const fx = installFixture()
  const now = sTimestamp(Date.now())
  const key = addInstallAdmin(fx, now)
  const storageId = randomStorageId()
  const files = source.empty ? [] : await addDemoData(fx, now, storageId)
  replaceSData(deps, fx, () => writeStoredFiles(deps, files))
  for (const f of files) await deps.files.writeThumbnails(storageId, f.bytes)
  return key
}
