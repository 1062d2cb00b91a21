import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { memoryDeps } from '../src/classic/bootstrap.js'
import { loadFixture } from '../src/classic/fixtures/load.js'
import { memoryDeps as memorySDeps } from '../src/omeka-s/bootstrap.js'
import { loadFixture as loadSFixture } from '../src/omeka-s/fixtures/load.js'
import { ImportJobs } from '../src/classic/importer/jobs.js'
import { ImportJobs as SImportJobs } from '../src/omeka-s/importer/jobs.js'
import type { OriginKey } from '../src/core/import/origin.js'
import type { DiskSpace } from '../src/core/files/disk-space.js'
import type { ProgressFn } from '../src/core/import/run-context.js'
import type { Counter, ImportRecordRow, RunRow } from '../src/core/import/run-store.js'

/** A run of either flavour (both have items). */
export type AnyRun = RunRow<any, any> & { counters: { items: Counter } }
import { startRealServer, type RealServer } from './real-server.js'

// The sides of the shared import contract: origins are real servers (real sockets, the fault toolkit,
// the request journal), targets run the import kernel in process. Fixtures are the repo's copies.

const FIXTURES = resolve(fileURLToPath(new URL('./fixtures/shared/conformance', import.meta.url)))
export const CLASSIC_ORIGIN_FIXTURE = join(FIXTURES, 'classic/fixture')
export const CLASSIC_TARGET_FIXTURE = join(FIXTURES, 'classic/fixture-fresh')
export const S_ORIGIN_FIXTURE = join(FIXTURES, 's/fixture')
export const S_TARGET_FIXTURE = join(FIXTURES, 's/fixture-fresh')

/** The Classic fixture's super user key and the S fixture's global admin key (their keys.json). */
const CLASSIC_SUPER = (
  JSON.parse(readFileSync(join(CLASSIC_ORIGIN_FIXTURE, 'keys.json'), 'utf8')) as { user_id: number; key: string }[]
).find((k) => k.user_id === 1)!.key
const S_ADMIN = (() => {
  const k = (
    JSON.parse(readFileSync(join(S_ORIGIN_FIXTURE, 'keys.json'), 'utf8')) as {
      user_id: number
      key_identity: string
      key_credential: string
    }[]
  ).find((x) => x.user_id === 1)!
  return { identity: k.key_identity, credential: k.key_credential }
})()

export interface ContractOrigin {
  flavour: 'classic' | 's'
  endpoint: string
  key: OriginKey
  server: RealServer
  /** `/api/<path>` with the key, parsed. */
  get(path: string, init?: RequestInit): Promise<{ status: number; body: any; headers: Headers }>
  /** How many items the key sees. */
  itemCount(): Promise<number>
  /** How many files (Classic) or media (S) the key sees. */
  fileCount(): Promise<number>
  /** The ids of the items the key sees, ascending. */
  itemIds(): Promise<number[]>
  /** Creates an item with this title through the API, as a client would; returns its id. */
  addItem(title: string): Promise<number>
  /** Deletes an item through the API. */
  deleteItem(id: number): Promise<void>
  /** Gives one item a new title through the API, as a client would. */
  retitle(id: number, title: string): Promise<void>
  /** Deletes through the API every value of one element (Classic) or term (S) of an item, other than its title; returns the first text dropped. */
  dropValues(id: number): Promise<string>
  /** Replaces the fault rules (`PUT /__admin/faults`). */
  faults(body: unknown): Promise<void>
  /** Requests the origin answered (its journal: API and file downloads; never /__admin). */
  requests(): Promise<number>
  close(): Promise<void>
}

const keyQuery = (key: OriginKey) =>
  key && 'identity' in key
    ? `key_identity=${key.identity}&key_credential=${key.credential}`
    : key
      ? `key=${key.key}`
      : ''

/** A real omeka-twin serving the Classic or the S fixture, with the control plane on. */
export async function startContractOrigin(flavour: 'classic' | 's'): Promise<ContractOrigin> {
  const server =
    flavour === 'classic'
      ? await startRealServer(CLASSIC_ORIGIN_FIXTURE, { control: true })
      : await startRealServer(null, { control: true, flavor: 's' }, S_ORIGIN_FIXTURE)
  const key: OriginKey = flavour === 'classic' ? { key: CLASSIC_SUPER } : S_ADMIN
  const get = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${server.base}/api/${path}${path.includes('?') ? '&' : '?'}${keyQuery(key)}`, init)
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers }
  }
  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${server.base}/__admin/${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  return {
    flavour,
    endpoint: `${server.base}/api`,
    key,
    server,
    get,
    async itemCount() {
      const r = await get('items?per_page=1')
      return Number(r.headers.get('Omeka-Total-Results') ?? r.headers.get('Omeka-S-Total-Results'))
    },
    async fileCount() {
      const r = await get(`${flavour === 's' ? 'media' : 'files'}?per_page=1`)
      return Number(r.headers.get('Omeka-Total-Results') ?? r.headers.get('Omeka-S-Total-Results'))
    },
    async itemIds() {
      const r = await get('items?per_page=1000')
      return (r.body as any[]).map((x) => (flavour === 's' ? x['o:id'] : x.id)).sort((a: number, b: number) => a - b)
    },
    async addItem(title) {
      const body =
        flavour === 's'
          ? { 'o:is_public': true, 'dcterms:title': [{ type: 'literal', property_id: 1, '@value': title }] }
          : { public: true, element_texts: [{ html: false, text: title, element: { id: 50 } }] }
      const r = await get('items', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
      if (r.status !== 201 && r.status !== 200) throw new Error(`addItem: ${r.status} ${JSON.stringify(r.body)}`)
      return flavour === 's' ? r.body['o:id'] : r.body.id
    },
    async deleteItem(id) {
      const r = await get(`items/${id}`, { method: 'DELETE' })
      if (r.status !== 204 && r.status !== 200) throw new Error(`deleteItem: ${r.status} ${JSON.stringify(r.body)}`)
    },
    async retitle(id, title) {
      const item = (await get(`items/${id}`)).body
      if (flavour === 'classic') {
        const first = item.element_texts.findIndex((t: any) => t.element.name === 'Title')
        const texts = item.element_texts.map((t: any, i: number) => ({
          html: t.html,
          text: i === first ? title : t.text,
          element: { id: t.element.id },
        }))
        const r = await get(`items/${id}`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ element_texts: texts }),
        })
        if (r.status !== 200) throw new Error(`retitle: ${r.status} ${JSON.stringify(r.body)}`)
      } else {
        item['dcterms:title'] = [{ ...item['dcterms:title'][0], '@value': title }]
        const r = await get(`items/${id}`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(item),
        })
        if (r.status !== 200) throw new Error(`retitle: ${r.status} ${JSON.stringify(r.body)}`)
      }
    },
    async dropValues(id) {
      const item = (await get(`items/${id}`)).body
      let dropped: string
      if (flavour === 'classic') {
        const victim = item.element_texts.find((t: any) => t.element.name !== 'Title')
        dropped = victim.text
        const texts = item.element_texts
          .filter((t: any) => t.element.id !== victim.element.id)
          .map((t: any) => ({ html: t.html, text: t.text, element: { id: t.element.id } }))
        item.element_texts = texts
      } else {
        const term = Object.keys(item).find(
          (k) =>
            k !== 'dcterms:title' &&
            /^[a-z]+:[A-Za-z]+$/.test(k) &&
            !k.startsWith('o:') &&
            Array.isArray(item[k]) &&
            typeof item[k][0]?.['@value'] === 'string',
        )!
        dropped = item[term][0]['@value']
        delete item[term]
      }
      const body = flavour === 'classic' ? { element_texts: item.element_texts } : item
      const r = await get(`items/${id}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
      if (r.status !== 200) throw new Error(`dropValues: ${r.status} ${JSON.stringify(r.body)}`)
      return dropped
    },
    async faults(body) {
      const res = await admin('PUT', 'faults', body)
      if (res.status !== 200) throw new Error(`faults: ${res.status} ${await res.text()}`)
    },
    async requests() {
      return ((await (await admin('GET', 'requests?limit=1000')).json()) as unknown[]).length
    },
    close: () => server.close(),
  }
}

/** The kernel's jobs as the contract drives them (either flavour's). */
export interface ContractJobs {
  start(req: {
    endpoint: string
    fromFlavor: 's' | 'classic'
    key: OriginKey
    options: any
    ownerId: null
    self: null
    progress?: ProgressFn<any>
  }): Promise<AnyRun>
  resume(id: number, key: OriginKey): Promise<AnyRun>
  undo(id: number, force: boolean): Promise<AnyRun>
  interruptAll(): void
  store: {
    find(id: number): AnyRun | undefined
    searchRecords(
      f: { runId?: number; outcome?: string; resource?: string },
      page: number,
      perPage: number,
    ): { rows: ImportRecordRow[]; total: number }
  }
}

export interface ContractTarget {
  flavour: 'classic' | 's'
  /** The target's database connection (Classic's or Omeka S's). */
  sql: import('better-sqlite3').Database
  jobs: ContractJobs
  /** The options of a run of this target flavour. */
  options(extra?: Record<string, unknown>): Record<string, unknown>
  itemCount(): number
  /** How many files (Classic) or media (S) it has, and how many of those lack their original on disk. */
  fileCount(): { rows: number; missing: number }
  /** The remote ids of the items the run's id map holds, ascending. */
  mappedItems(): number[]
  /** How many stored values (element texts, S values) have exactly this text. */
  textCount(text: string): number
  /** The texts of the item imported from a remote id, in stored order. */
  texts(remoteId: number): string[]
  /** Adds a Rights value to the item imported from a remote id, as a local user would. */
  addLocal(remoteId: number, text: string): void
  /**
   * Simulates a full disk on the target: its file store fails writes with ENOSPC (`files`), or its database
   * cannot grow past its current pages (`database`: SQLite's max_page_count, so writes fail with SQLITE_FULL);
   * `false` gives the space back.
   */
  diskFull(where: 'files' | 'database' | false): void
  close(): void
}

/** A database and file store's full-disk switch (see ContractTarget.diskFull). */
function diskSwitch(sql: import('better-sqlite3').Database, space: DiskSpace) {
  return (where: 'files' | 'database' | false) => {
    if (where === 'files') space.fill(0)
    if (where === 'database') sql.pragma(`max_page_count = ${sql.pragma('page_count', { simple: true })}`)
    if (where === false) {
      space.free()
      sql.pragma('max_page_count = 1073741823')
    }
  }
}

const defaultClient = { baseDelayMs: 5, maxDelayMs: 40, perPage: 4 }

const mapped = (sql: import('better-sqlite3').Database) => () =>
  (
    sql.prepare("SELECT remote_id AS id FROM import_id_map WHERE resource = 'items' ORDER BY remote_id").all() as {
      id: number
    }[]
  ).map((r) => r.id)

/** A fresh-install target of either flavour whose jobs run inline (`extra`: client options, e.g. a gated fetch). */
export function startContractTarget(
  flavour: 'classic' | 's',
  extra: Partial<import('../src/core/import/remote-client.js').ClientOptions> = {},
): ContractTarget {
  const client = { ...defaultClient, ...extra }
  const dir = mkdtempSync(join(tmpdir(), 'omeka-twin-contract-'))
  if (flavour === 'classic') {
    const deps = memoryDeps(join(dir, 'files'))
    loadFixture(deps, CLASSIC_TARGET_FIXTURE)
    const jobs = new ImportJobs(deps, { inline: true, client })
    const count = (sql: string, ...args: unknown[]) => (deps.db.$client.prepare(sql).get(...args) as { n: number }).n
    return {
      flavour,
      sql: deps.db.$client,
      jobs,
      options: (extra = {}) => ({
        mode: 'merge',
        override_element_sets: false,
        import_users: true,
        dry_run: false,
        full: false,
        ...extra,
      }),
      itemCount: () => count('SELECT COUNT(*) AS n FROM items'),
      fileCount() {
        const rows = deps.db.$client.prepare('SELECT filename FROM files').all() as { filename: string }[]
        return { rows: rows.length, missing: rows.filter((r) => !deps.files.exists('original', r.filename)).length }
      },
      mappedItems: mapped(deps.db.$client),
      textCount: (text) => count('SELECT COUNT(*) AS n FROM element_texts WHERE text = ?', text),
      texts: (remoteId) =>
        (
          deps.db.$client
            .prepare(
              "SELECT text FROM element_texts WHERE record_type = 'Item' AND record_id = (SELECT local_id FROM import_id_map WHERE resource = 'items' AND remote_id = ?) ORDER BY id",
            )
            .all(remoteId) as { text: string }[]
        ).map((r) => r.text),
      addLocal(remoteId, text) {
        deps.db.$client
          .prepare(
            "INSERT INTO element_texts (record_id, record_type, element_id, html, text) VALUES ((SELECT local_id FROM import_id_map WHERE resource = 'items' AND remote_id = ?), 'Item', (SELECT id FROM elements WHERE name = 'Rights' AND element_set_id = 1), 0, ?)",
          )
          .run(remoteId, text)
      },
      diskFull: diskSwitch(deps.db.$client, deps.files.space),
      close() {
        jobs.interruptAll()
        deps.db.$client.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  }
  const deps = memorySDeps(join(dir, 'files'))
  loadSFixture(deps, S_TARGET_FIXTURE)
  const jobs = new SImportJobs(deps, { inline: true, client })
  const count = (sql: string, ...args: unknown[]) => (deps.db.$client.prepare(sql).get(...args) as { n: number }).n
  return {
    flavour,
    sql: deps.db.$client,
    jobs,
    options: (extra = {}) => ({
      mode: 'merge',
      dry_run: false,
      import_users: true,
      tags_property: 'dcterms:subject',
      full: false,
      ...extra,
    }),
    itemCount: () => count("SELECT COUNT(*) AS n FROM resource WHERE resource_type = 'items'"),
    fileCount() {
      const rows = deps.db.$client
        .prepare('SELECT storage_id AS s, extension AS e, has_original AS o FROM media')
        .all() as { s: string | null; e: string | null; o: number }[]
      const lost = rows.filter((r) => r.o && (!r.s || !deps.files.exists('original', r.e ? `${r.s}.${r.e}` : r.s)))
      return { rows: rows.length, missing: lost.length }
    },
    mappedItems: mapped(deps.db.$client),
    textCount: (text) => count('SELECT COUNT(*) AS n FROM value WHERE value = ?', text),
    texts: (remoteId) =>
      (
        deps.db.$client
          .prepare(
            "SELECT COALESCE(value, uri) AS text FROM value WHERE resource_id = (SELECT local_id FROM import_id_map WHERE resource = 'items' AND remote_id = ?) ORDER BY id",
          )
          .all(remoteId) as { text: string }[]
      ).map((r) => r.text),
    addLocal(remoteId, text) {
      deps.db.$client
        .prepare(
          "INSERT INTO value (resource_id, property_id, type, value, is_public) VALUES ((SELECT local_id FROM import_id_map WHERE resource = 'items' AND remote_id = ?), (SELECT p.id FROM property p JOIN vocabulary v ON v.id = p.vocabulary_id WHERE v.prefix = 'dcterms' AND p.local_name = 'rights'), 'literal', ?, 1)",
        )
        .run(remoteId, text)
    },
    diskFull: diskSwitch(deps.db.$client, deps.files.space),
    close() {
      jobs.interruptAll()
      deps.db.$client.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
