import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { jsonBody, KEYS, ORIGIN } from './helpers.js'
import { startOrigin, startTarget, type Origin, type Target } from './import-harness.js'
import { PLUGINS_FIXTURE, PLUGINS_SUPER_KEY } from './plugins.js'
import { ImportJobs } from '../src/classic/importer/jobs.js'
import { pluginFixtureHooks } from '../src/classic/plugins/index.js'
import { seedSite } from '../src/classic/synthetic/seed.js'
import { seedOptionsSchema } from '../src/classic/synthetic/synthetic.schemas.js'

// The origin is a real omeka-twin on a loopback port serving the Geolocation + ExhibitBuilder suite's
// fixture (shared/conformance/classic-plugins/fixture, recorded from real Omeka); the target is a
// fresh install without the plugins. Expected values come from that fixture and the origin's API.

let origin: Origin
let target: Target
beforeEach(async () => {
  origin = await startOrigin(undefined, PLUGINS_FIXTURE)
  target = startTarget()
})
afterEach(async () => {
  target.close()
  await origin.close()
})

const q = `key=${KEYS.super}`
const oq = `key=${PLUGINS_SUPER_KEY}`
const PLUGIN_RESOURCES = ['geolocations', 'exhibits', 'exhibit_pages'] as const
const startImport = async (body: Record<string, unknown> = {}) => {
  const r = await target.json(
    `/api/imports?${q}`,
    jsonBody('POST', { endpoint: origin.endpoint, key: PLUGINS_SUPER_KEY, ...body }),
  )
  expect(r.status).toBe(201)
  return (await target.json(`/api/imports/${r.body.id}?${q}`)).body
}
const originBase = () => origin.endpoint.replace(/\/api$/, '')

/** Every record of a resource as a super user sees it, each site's own URL replaced by `<site>`. */
async function dump(side: 'origin' | 'target', path: string): Promise<any> {
  // A single record refuses paging parameters, as Omeka does.
  const resource = /\/\d+$/.test(path) ? path : `${path}${path.includes('?') ? '&' : '?'}per_page=50`
  const text =
    side === 'origin'
      ? JSON.stringify(
          await (await fetch(`${origin.endpoint}/${resource}${resource.includes('?') ? '&' : '?'}${oq}`)).json(),
        )
      : JSON.stringify((await target.json(`/api/${resource}${resource.includes('?') ? '&' : '?'}${q}`)).body)
  return JSON.parse(text.split(side === 'origin' ? originBase() : ORIGIN).join('<site>'))
}

/** Origin id → target id for a resource, from the target's identity map. */
function idMap(resource: string): (id: number) => number | undefined {
  const rows = target.deps.db.$client
    .prepare('SELECT remote_id AS r, local_id AS l FROM import_id_map WHERE resource = ?')
    .all(resource) as { r: number; l: number }[]
  const m = new Map(rows.map((x) => [x.r, x.l]))
  return (id) => m.get(id)
}

const pluginRows = () =>
  target.deps.db.$client
    .prepare(
      'SELECT (SELECT COUNT(*) FROM locations) AS l, (SELECT COUNT(*) FROM exhibits) AS e, (SELECT COUNT(*) FROM exhibit_pages) AS p, (SELECT COUNT(*) FROM exhibit_page_blocks) AS b, (SELECT COUNT(*) FROM exhibit_block_attachments) AS a',
    )
    .get()

describe('import of plugin records: happy path', () => {
  it('merge into a fresh site reproduces every location, exhibit, page, block and attachment, field by field', async () => {
    const run = await startImport()
    expect(run.status).toBe('completed')
    expect(run.counters.geolocations).toMatchObject({ total: 3, created: 3, failed: 0, skipped: 0 })
    expect(run.counters.exhibits).toMatchObject({ total: 2, created: 2, failed: 0 })
    expect(run.counters.exhibit_pages).toMatchObject({ total: 7, created: 7, failed: 0 })
    expect(pluginRows()).toEqual({ l: 3, e: 2, p: 7, b: 9, a: 9 })
    const item = idMap('items')
    const file = idMap('files')
    const exhibit = idMap('exhibits')
    const page = idMap('exhibit_pages')
    const loc = (l: any, tr: (id: number) => number | undefined) => [
      l.latitude,
      l.longitude,
      l.zoom_level,
      l.map_type,
      l.address,
      tr(l.item.id),
    ]
    expect((await dump('target', 'geolocations')).map((l: any) => loc(l, (id) => id))).toEqual(
      (await dump('origin', 'geolocations')).map((l: any) => loc(l, item)),
    )
    // Geolocation itself drops this one (latitude 0) while reporting the import completed.
    expect((await dump('target', 'geolocations')).map((l: any) => l.latitude)).toContain(0)
    const user = idMap('users')
    const ex = (e: any, tr: { exhibit: typeof exhibit; user: typeof user }) => [
      tr.exhibit(e.id),
      e.title,
      e.slug,
      e.description,
      e.credits,
      e.featured,
      e.public,
      e.added,
      e.modified,
      e.owner ? tr.user(e.owner.id) : null,
      e.pages.count,
      e.tags.map((t: any) => t.name),
    ]
    const same = (id: number) => id
    expect((await dump('target', 'exhibits')).map((e: any) => ex(e, { exhibit: same, user: same }))).toEqual(
      (await dump('origin', 'exhibits')).map((e: any) => ex(e, { exhibit, user })),
    )
    const att = (a: any, tr: { item: typeof item; file: typeof file }) => [
      a.caption,
      tr.item(a.item.id),
      a.file ? tr.file(a.file.id) : null,
    ]
    const pg = (p: any, tr: { item: typeof item; file: typeof file; exhibit: typeof exhibit; page: typeof page }) => [
      tr.page(p.id),
      p.title,
      p.slug,
      p.order,
      tr.exhibit(p.exhibit.id),
      p.parent ? tr.page(p.parent.id) : null,
      p.page_blocks.map((b: any) => [b.layout, b.options, b.text, b.order, b.attachments.map((a: any) => att(a, tr))]),
    ]
    // Merge numbers pages in the order it creates them (parents first): compare by local id.
    const byId = (a: any[], b: any[]) => a[0] - b[0]
    expect(
      (await dump('target', 'exhibit_pages'))
        .map((p: any) => pg(p, { item: same, file: same, exhibit: same, page: same }))
        .sort(byId),
    ).toEqual((await dump('origin', 'exhibit_pages')).map((p: any) => pg(p, { item, file, exhibit, page })).sort(byId))
    expect((await target.json(`/api/items/${item(1)}?${q}`)).body.extended_resources).toMatchObject({
      geolocations: { resource: 'geolocations' },
      exhibit_pages: { resource: 'exhibit_pages' },
    })
  })

  it('mirror into an empty site gives identical JSON modulo the origin: locations, exhibits, pages, items, tags, resources', async () => {
    const run = await startImport({ mode: 'mirror' })
    expect(run.status).toBe('completed')
    for (const resource of [
      ...PLUGIN_RESOURCES,
      'items',
      'files',
      'tags',
      'exhibit_pages?item=4',
      'exhibits?tag=paris',
    ])
      expect(await dump('target', resource), resource).toEqual(await dump('origin', resource))
    for (const id of [1, 3, 6]) {
      const page = await dump('target', `exhibit_pages/${id}`)
      expect(page.id).toBe(id)
      expect(page).toEqual(await dump('origin', `exhibit_pages/${id}`))
    }
    expect(await dump('target', 'resources')).toEqual(await dump('origin', 'resources'))
  })

  it('re-imports without creating or rewriting anything, then updates exactly the exhibit changed at the origin', async () => {
    await startImport()
    const before = await Promise.all(PLUGIN_RESOURCES.map((r) => dump('target', r)))
    const fingerprints = target.deps.db.$client
      .prepare(
        "SELECT resource, remote_id, local_modified FROM import_id_map WHERE resource IN ('geolocations', 'exhibits', 'exhibit_pages') ORDER BY id",
      )
      .all()
    const second = await startImport()
    for (const r of PLUGIN_RESOURCES) expect(second.counters[r].created + second.counters[r].updated, r).toBe(0)
    expect([
      second.counters.geolocations.unchanged,
      second.counters.exhibits.unchanged,
      second.counters.exhibit_pages.unchanged,
    ]).toEqual([3, 2, 7])
    expect(await Promise.all(PLUGIN_RESOURCES.map((r) => dump('target', r)))).toEqual(before)
    expect(
      target.deps.db.$client
        .prepare(
          "SELECT resource, remote_id, local_modified FROM import_id_map WHERE resource IN ('geolocations', 'exhibits', 'exhibit_pages') ORDER BY id",
        )
        .all(),
    ).toEqual(fingerprints)
    // ExhibitBuilder's API is read-only: the change is made the way its admin UI makes it, in the database.
    origin.deps.db.$client
      .prepare("UPDATE exhibits SET title = 'Quito Renamed', modified = '2027-01-01 00:00:00' WHERE id = 2")
      .run()
    const third = await startImport()
    expect(third.counters.exhibits).toMatchObject({ updated: 1, created: 0, unchanged: 1 })
    expect(third.counters.exhibit_pages).toMatchObject({ updated: 0, created: 0, unchanged: 7 })
    const after = await dump('target', 'exhibits')
    expect(
      after
        .filter((e: any, n: number) => JSON.stringify(e) !== JSON.stringify(before[1][n]))
        .map((e: any) => [e.id, e.title, e.modified]),
    ).toEqual([[2, 'Quito Renamed', '2027-01-01T00:00:00+00:00']])
  })

  it('undo removes every plugin record the run created, and the tags only its exhibits used', async () => {
    const wasActive = [...target.deps.plugins.active]
    const run = await startImport()
    expect(pluginRows()).toEqual({ l: 3, e: 2, p: 7, b: 9, a: 9 })
    expect([...target.deps.plugins.active].sort()).toEqual(['exhibit-builder', 'geolocation'])
    expect((await target.json(`/api/imports/${run.id}?${q}`, { method: 'DELETE' })).status).toBe(202)
    await target.jobs.idle()
    expect((await target.json(`/api/imports/${run.id}?${q}`)).body.status).toBe('undone')
    expect(pluginRows()).toEqual({ l: 0, e: 0, p: 0, b: 0, a: 0 })
    const undone = (await target.json(`/api/import_records?import=${run.id}&outcome=undone&per_page=100&${q}`)).body
    for (const [r, n] of [
      ['geolocations', 3],
      ['exhibits', 2],
      ['exhibit_pages', 7],
    ] as const)
      expect(undone.filter((x: any) => x.resource === r)).toHaveLength(n)
    expect((await target.json(`/api/tags?${q}`)).body).toEqual([])
    // Issue 14: the plugins the run enabled are disabled again (their resources leave /api/resources).
    expect([...target.deps.plugins.active]).toEqual(wasActive)
    expect(Object.keys((await target.json(`/api/resources?${q}`)).body)).not.toContain('geolocations')
  })

  it('undo keeps and reports an exhibit edited here after the import, with its pages', async () => {
    const run = await startImport()
    const local = idMap('exhibits')(1)!
    target.deps.db.$client.prepare("UPDATE exhibits SET credits = 'edited here' WHERE id = ?").run(local)
    await target.json(`/api/imports/${run.id}?${q}`, { method: 'DELETE' })
    await target.jobs.idle()
    expect((await target.json(`/api/exhibits?${q}`)).body.map((e: any) => e.credits)).toEqual(['edited here'])
    const kept = (await target.json(`/api/import_records?import=${run.id}&outcome=kept&${q}`)).body
    expect(kept.map((r: any) => [r.resource, r.local_id, r.message])).toContainEqual([
      'exhibits',
      local,
      'Edited locally after the import',
    ])
  })

  it('a dry run writes nothing, enables nothing and reports what it would create', async () => {
    const run = await startImport({ dry_run: true })
    expect([
      run.counters.geolocations.created,
      run.counters.exhibits.created,
      run.counters.exhibit_pages.created,
    ]).toEqual([3, 2, 7])
    expect(pluginRows()).toEqual({ l: 0, e: 0, p: 0, b: 0, a: 0 })
    expect((await target.json('/api/exhibits')).status).toBe(404)
  })
})

describe('import of plugin records: mirror semantics and page order', () => {
  it('mirror deletes here what the origin deleted, and rewrites a page edited here; merge keeps the edit', async () => {
    await startImport({ mode: 'mirror' })
    target.deps.db.$client.prepare("UPDATE exhibit_page_blocks SET text = 'local text' WHERE id = 1").run()
    const merge = await startImport()
    expect(merge.counters.exhibit_pages.updated).toBe(7) // the first merge run after a mirror run rewrites once
    target.deps.db.$client
      .prepare('UPDATE exhibit_page_blocks SET text = \'local text\' WHERE page_id = 1 AND "order" = 1')
      .run()
    const merge2 = await startImport()
    expect(merge2.counters.exhibit_pages).toMatchObject({ updated: 0, unchanged: 7 })
    expect((await dump('target', 'exhibit_pages/1')).page_blocks[0].text).toBe('local text')
    origin.deps.db.$client.prepare('DELETE FROM exhibits WHERE id = 2').run()
    origin.deps.db.$client.prepare('DELETE FROM locations WHERE id = 3').run()
    const mirror = await startImport({ mode: 'mirror' })
    expect(mirror.counters.exhibits.deleted).toBe(1)
    expect(mirror.counters.exhibit_pages.deleted).toBe(3)
    expect(mirror.counters.geolocations.deleted).toBe(1)
    for (const resource of PLUGIN_RESOURCES)
      expect(await dump('target', resource), resource).toEqual(await dump('origin', resource))
  })

  it('imports a parent page the index gives after its child by reading it on its own first', async () => {
    // Page 1 becomes a child of page 4: with two records per index page, page 4 comes two pages later.
    origin.deps.db.$client.prepare('UPDATE exhibit_pages SET parent_id = 4 WHERE id = 1').run()
    const jobs = new ImportJobs(target.deps, { inline: true, client: { perPage: 2, baseDelayMs: 5, maxDelayMs: 50 } })
    const run = await jobs.start({
      endpoint: origin.endpoint,
      key: PLUGINS_SUPER_KEY,
      options: { mode: 'mirror', override_element_sets: false, import_users: true, dry_run: false, full: false },
      ownerId: null,
      self: null,
    })
    expect(run.status).toBe('completed')
    expect(run.counters.exhibit_pages).toMatchObject({ created: 7, failed: 0, skipped: 0 })
    expect(origin.log.some((l) => l.startsWith('GET /api/exhibit_pages/4?'))).toBe(true)
    expect(await dump('target', 'exhibit_pages')).toEqual(await dump('origin', 'exhibit_pages'))
  })

  it("finds such a parent in its exhibit's page index when single pages answer 500, as real ExhibitBuilder does", async () => {
    origin.deps.db.$client.prepare('UPDATE exhibit_pages SET parent_id = 4 WHERE id = 1').run()
    const realFetch = globalThis.fetch
    const spy = vi
      .spyOn(globalThis, 'fetch')
      .mockImplementation((input, init) =>
        /\/api\/exhibit_pages\/\d+/.test(String(input))
          ? Promise.resolve(new Response('', { status: 500, headers: { 'Content-Type': 'text/html' } }))
          : realFetch(input, init),
      )
    try {
      const jobs = new ImportJobs(target.deps, {
        inline: true,
        client: { perPage: 2, baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 2 },
      })
      const run = await jobs.start({
        endpoint: origin.endpoint,
        key: PLUGINS_SUPER_KEY,
        options: { mode: 'mirror', override_element_sets: false, import_users: true, dry_run: false, full: false },
        ownerId: null,
        self: null,
      })
      expect(run.counters.exhibit_pages).toMatchObject({ created: 7, failed: 0, skipped: 0 })
    } finally {
      spy.mockRestore()
    }
    expect(origin.log.some((l) => l.startsWith('GET /api/exhibit_pages?') && l.includes('exhibit=1'))).toBe(true)
    expect(await dump('target', 'exhibit_pages')).toEqual(await dump('origin', 'exhibit_pages'))
  })

  it('imports no plugin records, and enables no plugin, from an origin without the plugins', async () => {
    await origin.close()
    origin = await startOrigin()
    const run = await startImport({ key: KEYS.super })
    expect(run.status).toBe('completed')
    expect(run.counters.geolocations.total + run.counters.exhibits.total + run.counters.exhibit_pages.total).toBe(0)
    expect(origin.log.filter((l) => /\/api\/(geolocations|exhibits|exhibit_pages)/.test(l))).toEqual([])
    expect(Object.keys((await target.json('/api/resources')).body)).not.toContain('geolocations')
  })
})

describe('import of plugin records: a seeded site', () => {
  it('mirrors a synthetic site with locations and many exhibit pages (several index pages) exactly', async () => {
    const summary = await seedSite(
      origin.deps,
      seedOptionsSchema.parse({ items: 80, seed: 11, locations_ratio: 0.5, exhibits: 25 }),
      pluginFixtureHooks(origin.deps),
    )
    expect(summary.exhibit_pages).toBeGreaterThan(50)
    const key = summary.users[0]!.key
    const run = await startImport({ mode: 'mirror', key })
    expect(run.status).toBe('completed')
    expect([
      run.counters.geolocations.created,
      run.counters.exhibits.created,
      run.counters.exhibit_pages.created,
    ]).toEqual([summary.locations, 25, summary.exhibit_pages])
    const all = async (side: 'origin' | 'target', resource: string) => {
      const out: any[] = []
      for (let page = 1; ; page++) {
        const text =
          side === 'origin'
            ? JSON.stringify(await (await fetch(`${origin.endpoint}/${resource}?page=${page}&key=${key}`)).json())
            : JSON.stringify((await target.json(`/api/${resource}?page=${page}&${q}`)).body)
        const records = JSON.parse(text.split(side === 'origin' ? originBase() : ORIGIN).join('<site>'))
        if (!records.length) return out
        out.push(...records)
      }
    }
    // Owners are users matched by e-mail here, so only their ids may differ.
    const noOwner = (list: any[]) => list.map(({ owner: _o, ...e }) => e)
    expect(await all('target', 'geolocations')).toEqual(await all('origin', 'geolocations'))
    expect(noOwner(await all('target', 'exhibits'))).toEqual(noOwner(await all('origin', 'exhibits')))
    expect(await all('target', 'exhibit_pages')).toEqual(await all('origin', 'exhibit_pages'))
  })
})
