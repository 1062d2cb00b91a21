import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { RuntimeConfig } from '../deps.js'
import { openSDb } from './db/client.js'
import type { SDeps } from './deps.js'
import { loadSFixture } from './fixtures/load.js'
import { SFileStore } from './storage/s-file-store.js'

/** Opens the Omeka S side of a data dir: its own SQLite file and `files-s/` store. */
export function openSDataDir(dataDir: string, config: RuntimeConfig, mount: string): SDeps {
  const dir = resolve(dataDir)
  mkdirSync(dir, { recursive: true })
  return { db: openSDb(join(dir, 'omeka-s.sqlite')), files: new SFileStore(join(dir, 'files-s')), config, mount, health: { broken: null } }
}

/** S deps on an in-memory database (tests). */
export function memorySDeps(filesDir: string, config: Partial<RuntimeConfig> = {}, mount = ''): SDeps {
  return { db: openSDb(':memory:'), files: new SFileStore(filesDir), config: { control: true, maxUploadBytes: 100 * 1024 * 1024, ...config }, mount, health: { broken: null } }
}

export function isSEmpty(deps: SDeps): boolean {
  return !deps.db.$client.prepare('SELECT 1 FROM vocabulary LIMIT 1').get()
}

/** First start of an empty S data dir: the given S fixture (the demo data comes later). */
export function initialiseS(deps: SDeps, fixture: string | undefined): void {
  if (fixture) loadSFixture(deps, resolve(fixture))
}
