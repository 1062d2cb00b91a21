import { mkdirSync, accessSync, constants, existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { PACKAGE_ROOT } from '../core/package-root.js'
import { randomBytes } from 'node:crypto'
import { openDb } from './db/client.js'
import type { RuntimeConfig } from '../config.js'
import type { Deps } from './deps.js'
import { OptionsStore } from './settings.js'
import { insertKey } from './api/users/users.repo.js'
import { derivativeName, FILE_KINDS, FileStore } from '../core/files/file-store.js'
import { sweepOrphans } from '../core/files/orphans.js'
import { recoverTreeSwitch } from '../core/files/tree-switch.js'
import { loadFixture, type FixtureHooks } from './fixtures/load.js'
import { pluginExtenders, readActivePlugins } from './plugins/index.js'

export const SEED_DIR = join(PACKAGE_ROOT, 'seed')

/**
 * For commands that only read (export, imports, key list): refuses a data dir without `dbFile`
 * instead of creating an empty one, and says how to make it.
 */
export function requireDataDir(dataDir: string, dbFile = 'omeka-twin.sqlite'): void {
  if (!existsSync(join(resolve(dataDir), dbFile)))
    throw new Error(`no omeka-twin data in ${dataDir} (start \`omeka-twin serve --data ${dataDir}\` once first)`)
}

/** Opens a data directory (SQLite file + file store), creating it if needed. */
export function openDataDir(dataDir: string, config: RuntimeConfig): Deps {
  const dir = resolve(dataDir)
  // Owner-only: the database holds API keys, the files may be private.
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  accessSync(dir, constants.R_OK | constants.W_OK)
  const db = openDb(join(dir, 'omeka-twin.sqlite'))
  return {
    db,
    options: new OptionsStore(db),
    files: new FileStore(join(dir, 'files')),
    config,
    health: { broken: null },
    extenders: pluginExtenders(),
    plugins: { active: readActivePlugins(db) },
  }
}

/** What start-up recovery did: how an interrupted reset/restore ended, and how many orphan files it removed. */
export interface Recovery {
  switch: 'none' | 'completed' | 'discarded'
  orphans: number
}

/**
 * Start-up of the process that owns the data dir (serve): finishes or discards a reset, seed or snapshot
 * restore that a crash interrupted, then removes stored files no record names (an upload or delete killed
 * between its file and its database write).
 */
export function recoverDataDir(deps: Deps): Recovery {
  const result = recoverTreeSwitch(deps.db.$client, deps.files.root)
  const originals = new Set(deps.db.$client.prepare('SELECT filename FROM files').pluck().all() as string[])
  const derivatives = new Set<string>()
  for (const name of originals) {
    try {
      derivatives.add(derivativeName(name))
    } catch {
      /* not a plain file name: it has no derivatives on disk */
    }
  }
  const orphans = sweepOrphans(deps.files.root, FILE_KINDS, (kind, name) =>
    (kind === 'original' ? originals : derivatives).has(name),
  )
  return { switch: result, orphans }
}

/**
 * Builds dependencies on an in-memory database (empty, or a copy of `image`, a database this process
 * serialized) and a given file directory (tests, benchmarks, startOmekaTwin).
 */
export function memoryDeps(filesDir: string, config: Partial<RuntimeConfig> = {}, image?: Buffer): Deps {
  const db = openDb(image ?? ':memory:')
  return {
    db,
    options: new OptionsStore(db),
    files: new FileStore(filesDir),
    config: { control: true, maxUploadBytes: 100 * 1024 * 1024, ...config },
    health: { broken: null },
    extenders: pluginExtenders(),
    plugins: { active: readActivePlugins(db) },
  }
}

export function isEmpty(deps: Deps): boolean {
  return !deps.db.$client.prepare('SELECT 1 FROM element_sets LIMIT 1').get()
}

/** Creates a random 40-hex API key for a user and returns it. */
export function addKey(deps: Deps, userId: number, label: string | null = null): string {
  const key = randomBytes(20).toString('hex')
  insertKey(deps.db, userId, key, label)
  return key
}

/**
 * First start of an empty data dir: Omeka's installed schema (element sets, elements, item types),
 * a super user with a fresh random key, and the demo data, a given fixture, or nothing else.
 * Returns the new key when one was made (to be printed once).
 */
export function initialise(
  deps: Deps,
  source: { fixture?: string | undefined; empty: boolean },
  hooks: FixtureHooks = {},
): string | null {
  const dir = source.fixture ?? join(SEED_DIR, source.empty ? 'install' : 'demo')
  loadFixture(deps, resolve(dir), hooks)
  if (source.fixture) return null
  return addKey(deps, 1, 'created at first start')
}
