import { constants, copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Hono } from 'hono'
import { fixtureJson } from '../../core/fixtures/pretty-json.js'
import { parseJsonKeepingNumbers } from '../../core/http/php-json.js'
import { hashCredential } from '../auth.js'
import type { Deps } from '../deps.js'
import { SEQUENCES } from '../fixtures/load.js'
import { createApi } from '../index.js'
import { makeApiKey, type ApiKey } from '../install/install.js'
import { readSettings, readSite } from '../settings.js'

/** The origin the shipped S fixtures were recorded from; used in exported URLs unless told otherwise. */
export const DEFAULT_S_EXPORT_ORIGIN = 'http://127.0.0.1:8085'

const RESOURCES = [
  'users',
  'vocabularies',
  'properties',
  'resource_classes',
  'resource_templates',
  'assets',
  'item_sets',
  'items',
  'media',
  'sites',
  'site_pages',
  'jobs',
] as const
const PER_PAGE = 500

type Rec = Record<string, unknown> & { 'o:id': number }

export interface ExportSummary {
  dir: string
  records: Record<string, number>
  files: number
}

/**
 * A key for the first active global admin, valid while `fn` runs: the export reads through the API exactly as
 * the shipped fixtures were recorded, and stored keys cannot be used (only their credentials' hashes are kept).
 */
async function withExportKey<T>(deps: Deps, fn: (key: ApiKey) => Promise<T>): Promise<T> {
  const admin = deps.db.$client
    .prepare<unknown[], { id: number }>(
      "SELECT id FROM user WHERE role = 'global_admin' AND is_active = 1 ORDER BY id LIMIT 1",
    )
    .get()
  if (!admin) throw new Error('exporting needs an active global_admin user (none found)')
  const key = makeApiKey()
  deps.db.$client
    .prepare('INSERT INTO api_key (id, credential_hash, owner_id, label) VALUES (?, ?, ?, ?)')
    .run(key.identity, hashCredential(key.credential), admin.id, 'export')
  try {
    return await fn(key)
  } finally {
    deps.db.$client.prepare('DELETE FROM api_key WHERE id = ?').run(key.identity)
  }
}

async function allPages(app: Hono, origin: string, resource: string, key: ApiKey): Promise<Rec[]> {
  const out: Rec[] = []
  for (let page = 1; ; page++) {
    const url = `${origin}/api/${resource}?key_identity=${key.identity}&key_credential=${key.credential}&page=${page}&per_page=${PER_PAGE}`
    const res = await app.request(url)
    const text = await res.text()
    if (res.status !== 200)
      throw new Error(`GET /api/${resource} (page ${page}) answered ${res.status}: ${text.slice(0, 200)}`)
    const records = parseJsonKeepingNumbers(text) as unknown as Rec[]
    out.push(...records)
    if (records.length < PER_PAGE) break
  }
  return out.sort((a, b) => a['o:id'] - b['o:id'])
}

/** Sequences whose next id is not max(id) + 1 (records deleted at the end): next_ids.json keeps them. */
function nextIds(deps: Deps): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [name, table] of Object.entries(SEQUENCES)) {
    const next = deps.db.$client
      .prepare<unknown[], { next: number }>('SELECT next FROM sequence WHERE name = ?')
      .get(name)?.next
    const max = deps.db.$client
      .prepare<unknown[], { m: number }>(`SELECT COALESCE(MAX(id), 0) AS m FROM ${table}`)
      .get()!.m
    if (next !== undefined && next > max + 1) out[name === 'resources' ? 'items' : name] = next
  }
  return out
}

function copyStored(deps: Deps, dir: string): number {
  const rows = [
    ...deps.db.$client
      .prepare<unknown[], { s: string; e: string | null }>(
        'SELECT storage_id AS s, extension AS e FROM media WHERE has_original = 1 AND storage_id IS NOT NULL ORDER BY id',
      )
      .all()
      .map((r) => ({ kind: 'original' as const, ...r })),
    ...deps.db.$client
      .prepare<
        unknown[],
        {
          s: string
          e: string | null
        }
      >('SELECT storage_id AS s, extension AS e FROM asset ORDER BY id')
      .all()
      .map((r) => ({ kind: 'asset' as const, ...r })),
  ]
  for (const { kind, s, e } of rows) {
    const name = e ? `${s}.${e}` : s
    mkdirSync(join(dir, 'files', kind), { recursive: true })
    copyFileSync(deps.files.path(kind, name), join(dir, 'files', kind, name), constants.COPYFILE_FICLONE)
  }
  return rows.length
}

// No final newline: the shipped S fixtures have none, and an export of a loaded one gives it back byte for byte.
const write = (dir: string, name: string, value: unknown) => writeFileSync(join(dir, name), fixtureJson(value))

/**
 * Writes all S data as an S fixture (shared/conformance/s/fixture/README.md): each record as the API serves it
 * to a global admin, settings, site, keys (with `credential_hash`, as only the hash is stored) and the stored
 * files. The directory must be new or empty. Loading the result and exporting again gives identical files.
 */
export async function exportSite(deps: Deps, dir: string, origin = DEFAULT_S_EXPORT_ORIGIN): Promise<ExportSummary> {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty`)
  const keys = deps.db.$client
    .prepare(
      'SELECT owner_id AS user_id, id AS key_identity, credential_hash, label FROM api_key ORDER BY owner_id, rowid',
    )
    .all()
  const next = nextIds(deps)
  const app = createApi({ ...deps, mount: '', config: { ...deps.config, control: false, baseUrl: origin } })
  const records: Record<string, number> = {}
  const lists = await withExportKey(deps, async (key) => {
    const out: [string, Rec[]][] = []
    for (const resource of RESOURCES) out.push([resource, await allPages(app, origin, resource, key)])
    return out
  })
  mkdirSync(dir, { recursive: true })
  for (const [resource, list] of lists) {
    records[resource] = list.length
    write(dir, `${resource}.json`, list)
  }
  write(dir, 'settings.json', readSettings(deps.db))
  write(dir, 'site.json', { origin, ...readSite(deps.db) })
  write(dir, 'keys.json', keys)
  if (Object.keys(next).length) write(dir, 'next_ids.json', next)
  return { dir, records, files: copyStored(deps, dir) }
}
