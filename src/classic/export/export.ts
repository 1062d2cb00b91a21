import { constants, copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { insertKey } from '../api/users/users.repo.js'
import type { Hono } from 'hono'
import { createApp } from '../../app.js'
import type { Deps } from '../deps.js'
import { parseJsonKeepingNumbers } from '../../core/http/php-json.js'
import { fixtureJson } from '../../core/fixtures/pretty-json.js'
import { activePluginFiles, PLUGIN_COUNTERS } from '../plugins/index.js'

import { DEFAULT_EXPORT_ORIGIN } from '../../config.js'

const INDEXED = ['element_sets', 'elements', 'item_types', 'collections', 'items', 'files'] as const
const BY_ID = ['users', 'tags'] as const
const SEQUENCED: Record<string, string> = {
  users: 'users',
  element_sets: 'element_sets',
  elements: 'elements',
  item_types: 'item_types',
  collections: 'collections',
  items: 'items',
  files: 'files',
  tags: 'tags',
  ...PLUGIN_COUNTERS,
}

type Rec = Record<string, unknown> & { id: number }

export interface ExportSummary {
  dir: string
  records: Record<string, number>
  files: number
}

/**
 * A super user's key: the export reads through the API exactly as Omeka's own fixtures were recorded. Stored keys
 * are hashed, so it adds a random one of its own for the duration (`done` removes it; keys.json leaves it out).
 */
function superKey(deps: Deps): { key: string; id: number; done(): void } {
  const row = deps.db.$client
    .prepare<unknown[], { id: number }>(
      "SELECT u.id FROM users u WHERE u.role = 'super' AND u.active = 1 AND EXISTS (SELECT 1 FROM keys k WHERE k.user_id = u.id) ORDER BY u.id LIMIT 1",
    )
    .get()
  if (!row) throw new Error('exporting needs an active super user with an API key (none found)')
  const key = randomBytes(20).toString('hex')
  const id = insertKey(deps.db, row.id, key, 'export (temporary)')
  return { key, id, done: () => void deps.db.$client.prepare('DELETE FROM keys WHERE id = ?').run(id) }
}

async function getJson(app: Hono, url: string): Promise<{ body: unknown; total: number | null }> {
  const res = await app.request(url)
  const text = await res.text()
  if (res.status !== 200)
    throw new Error(`GET ${url.replace(/key=[^&]+/, 'key=…')} answered ${res.status}: ${text.slice(0, 200)}`)
  const total = res.headers.get('Omeka-Total-Results')
  return { body: parseJsonKeepingNumbers(text), total: total === null ? null : Number(total) }
}

async function allPages(app: Hono, origin: string, resource: string, key: string, perPage: number): Promise<Rec[]> {
  const out: Rec[] = []
  for (let page = 1; ; page++) {
    const { body, total } = await getJson(app, `${origin}/api/${resource}?key=${key}&page=${page}&per_page=${perPage}`)
    const records = body as Rec[]
    out.push(...records)
    if (records.length < perPage || (total !== null && out.length >= total)) break
  }
  return out.sort((a, b) => a.id - b.id)
}

function ids(deps: Deps, table: string): number[] {
  return deps.db.$client
    .prepare<unknown[], { id: number }>(`SELECT id FROM ${table} ORDER BY id`)
    .all()
    .map((r) => r.id)
}

/** Resources whose next id is not max(id)+1 (records deleted at the end): next_ids.json keeps them. */
function nextIds(deps: Deps): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [resource, table] of Object.entries(SEQUENCED)) {
    const seq =
      deps.db.$client.prepare<unknown[], { seq: number }>('SELECT seq FROM sqlite_sequence WHERE name = ?').get(table)
        ?.seq ?? 0
    const max = deps.db.$client
      .prepare<unknown[], { m: number }>(`SELECT COALESCE(MAX(id), 0) AS m FROM ${table}`)
      .get()!.m
    if (seq > max) out[resource] = seq + 1
  }
  return out
}

function write(dir: string, name: string, value: unknown): void {
  writeFileSync(join(dir, name), `${fixtureJson(value)}\n`)
}

/**
 * Writes the whole site as a fixture (shared/conformance/classic/fixture/README.md): each record as
 * the API serves it to a super user, plus settings, site, keys and the original files. The directory
 * must be new or empty. Loading the result and exporting again gives identical files.
 */
export async function exportSite(deps: Deps, dir: string, origin = DEFAULT_EXPORT_ORIGIN): Promise<ExportSummary> {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty`)
  mkdirSync(dir, { recursive: true })
  // The records as stored: the API switched on and element texts unfiltered, whatever the site's settings.
  const options = Object.assign(Object.create(deps.options) as typeof deps.options, {
    settings: () => ({ ...deps.options.settings(), api_enable: true, api_filter_element_texts: false }),
  })
  const app = createApp({
    ...deps,
    options,
    config: { ...deps.config, control: false, faults: undefined, cors: undefined, baseUrl: origin },
  })
  const temporary = superKey(deps)
  const key = temporary.key
  try {
    const settings = deps.options.settings()
    const records: Record<string, number> = {}
    const save = (resource: string, list: unknown[]) => {
      records[resource] = list.length
      write(dir, `${resource}.json`, list)
    }
    for (const resource of [...INDEXED, ...activePluginFiles(deps)])
      save(resource, await allPages(app, origin, resource, key, settings.api_per_page))
    for (const resource of BY_ID) {
      const list: unknown[] = []
      for (const id of ids(deps, resource))
        list.push((await getJson(app, `${origin}/api/${resource}/${id}?key=${key}`)).body)
      save(resource, list)
    }
    write(dir, 'site.json', (await getJson(app, `${origin}/api/site`)).body)
    write(dir, 'settings.json', settings)
    write(
      dir,
      'keys.json',
      deps.db.$client.prepare('SELECT user_id, key FROM keys WHERE id != ? ORDER BY user_id, id').all(temporary.id),
    )
    const next = nextIds(deps)
    if (Object.keys(next).length) write(dir, 'next_ids.json', next)
    return { dir, records, files: copyOriginals(deps, dir) }
  } finally {
    temporary.done()
  }
}

function copyOriginals(deps: Deps, dir: string): number {
  const stored = deps.db.$client
    .prepare<
      unknown[],
      {
        filename: string
      }
    >('SELECT filename FROM files WHERE stored = 1 ORDER BY id')
    .all()
  if (stored.length === 0) return 0
  mkdirSync(join(dir, 'files', 'original'), { recursive: true })
  for (const { filename } of stored)
    copyFileSync(
      deps.files.path('original', filename),
      join(dir, 'files', 'original', filename),
      constants.COPYFILE_FICLONE,
    )
  return stored.length
}
