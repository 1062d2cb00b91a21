import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { jsonBody, KEYS, ORIGIN } from './helpers.js'
import { startOrigin, startTarget, type Origin, type Target } from './import-harness.js'

let origin: Origin
let target: Target
beforeEach(async () => {
  origin = await startOrigin()
  target = startTarget()
})
afterEach(async () => {
  target.close()
  await origin.close()
})

const q = `key=${KEYS.super}`
const startImport = async (body: Record<string, unknown> = {}) => {
  const r = await target.json(
    `/api/imports?${q}`,
    jsonBody('POST', { endpoint: origin.endpoint, key: KEYS.super, ...body }),
  )
  expect(r.status).toBe(201)
  return (await target.json(`/api/imports/${r.body.id}?${q}`)).body
}
const originBase = () => origin.endpoint.replace(/\/api$/, '')

/** Every record of a resource as the site serves it to a super user, origin URLs made comparable. */
async function dump(side: 'origin' | 'target', resource: string): Promise<any[]> {
  const text =
    side === 'origin'
      ? JSON.stringify(await (await fetch(`${origin.endpoint}/${resource}?per_page=50&${q}`)).json())
      : JSON.stringify((await target.json(`/api/${resource}?per_page=50&${q}`)).body)
  return JSON.parse(text.split(side === 'origin' ? originBase() : ORIGIN).join('<site>'))
}

/** A record without what legitimately differs in merge mode (ids and URLs, stored file names). */
const fidelity = (r: any) => ({
  public: r.public,
  featured: r.featured,
  added: r.added,
  modified: r.modified,
  owner: r.owner?.id ?? null,
  tags: r.tags?.map((t: any) => t.name),
  texts: r.element_texts.map((t: any) => [t.element_set.name, t.element.name, t.html, t.text]),
  file: r.original_filename ? [r.original_filename, r.size, r.authentication, r.order, r.mime_type, r.item.id] : null,
})

async function fileBytes(url: string): Promise<string> {
  const res = url.startsWith(ORIGIN)
    ? await (await import('../src/app.js')).createApp(target.deps).request(url)
    : await fetch(url)
  return Buffer.from(await res.arrayBuffer()).toString('base64')
}

describe('import: happy path', () => {
  it('copies items, collections, files (same bytes), texts, tags, dates and owners from the origin', async () => {
    const run = await startImport()
    expect(run.status).toBe('completed')
    expect(run.counters.items).toMatchObject({ total: 15, created: 15, failed: 0 })
    expect(run.counters.collections.created).toBe(3)
    expect(run.counters.files.created).toBe(6)
    for (const resource of ['items', 'collections', 'files']) {
      expect((await dump('target', resource)).map(fidelity)).toEqual((await dump('origin', resource)).map(fidelity))
    }
    const originFiles = await dump('origin', 'files')
    const targetFiles = (await target.json(`/api/files?${q}`)).body
    for (const [i, f] of targetFiles.entries())
      expect(await fileBytes(f.file_urls.original)).toBe(
        await fileBytes(originFiles[i].file_urls.original.replace('<site>', originBase())),
      )
  })

  it('serves derivative images of imported files, made locally from the imported bytes', async () => {
    await startImport()
    const images = (await target.json(`/api/files?has_derivative_image=1&${q}`)).body
    expect(images.length).toBeGreaterThan(0)
    for (const f of images) {
      const res = await (await import('../src/app.js')).createApp(target.deps).request(f.file_urls.square_thumbnail)
      expect(res.status).toBe(200)
      expect(res.headers.get('Content-Type')).toBe('image/jpeg')
      const bytes = Buffer.from(await res.arrayBuffer())
      expect(bytes.subarray(0, 3).toString('hex')).toBe('ffd8ff')
    }
  })

  it('pages with an explicit per_page, reads files in one bulk pass and each user once', async () => {
    await startImport()
    const api = origin.log.filter((l) => l.includes('/api/'))
    expect(
      api
        .filter((l) => /\/api\/(items|collections|files|elements|element_sets|item_types)\?/.test(l))
        .every((l) => l.includes('per_page=50')),
    ).toBe(true)
    expect(api.some((l) => l.includes('/api/files?') && l.includes('item='))).toBe(false)
    const userReads = api.filter((l) => l.includes('/api/users/'))
    expect(new Set(userReads).size).toBe(userReads.length)
    expect(origin.log.filter((l) => !l.includes('key=')).every((l) => l.includes('/files/original/'))).toBe(true)
  })

  it('mirror into an empty site gives identical JSON modulo the origin, ids included', async () => {
    const run = await startImport({ mode: 'mirror' })
    expect(run.status).toBe('completed')
    for (const resource of ['items', 'collections', 'files', 'tags'])
      expect(await dump('target', resource)).toEqual(await dump('origin', resource))
    expect((await target.json(`/api/users/4?${q}`)).status).toBe(200)
  })

  it('re-imports without duplicates or rewrites, then updates exactly the one changed item', async () => {
    await startImport()
    const before = await dump('target', 'items')
    const second = await startImport()
    expect(second.counters.items.created + second.counters.items.updated).toBe(0)
    expect(await dump('target', 'items')).toEqual(before)
    const put = await fetch(`${origin.endpoint}/items/2?${q}`, jsonBody('PUT', { tags: [{ name: 'changed' }] }))
    expect(put.status).toBe(200)
    const third = await startImport()
    // Classic lists no ids and dates cheaply: every re-run reads every record and compares content hashes.
    expect(third.modified_since).toBeNull()
    expect(third.counters.items).toMatchObject({ updated: 1, created: 0, unchanged: 14 })
    const after = await dump('target', 'items')
    expect(after.filter((i, n) => JSON.stringify(i) !== JSON.stringify(before[n])).map((i) => i.id)).toEqual([2])
    expect(after[1].tags.map((t: any) => t.name)).toContain('changed')
  })

  it('re-imports an unchanged site: every record is read and compared by content hash, nothing is written or downloaded', async () => {
    await startImport()
    const firstRun = origin.log.splice(0)
    const second = await startImport()
    const again = origin.log.splice(0)
    // Issue 14: no modified_since bound (it misses records whose modified went back); hashes decide.
    expect(second.modified_since).toBeNull()
    const records = again.filter((l) => /^GET \/api\/(items|collections|files)(\?|\/|$)/.test(l))
    for (const l of records) expect(l).not.toMatch(/[?&]modified_since=/)
    expect(records.map((l) => l.split('?')[0])).toEqual(['GET /api/collections', 'GET /api/items', 'GET /api/files'])
    for (const r of ['collections', 'items', 'files'])
      expect(second.counters[r], r).toMatchObject({ created: 0, updated: 0, unchanged: second.counters[r].total })
    expect(second.counters.items.total).toBe(15)
    expect(again.filter((l) => /^GET \/files\//.test(l))).toEqual([])
    // No user reads either (owners are mapped), unlike the first run.
    expect(again.filter((l) => l.startsWith('GET /api/users/'))).toEqual([])
    expect(firstRun.filter((l) => /^GET \/files\//.test(l)).length).toBeGreaterThan(0)
  })

  it('a record whose modified date went back at the origin (restored from a backup) is updated by the next run', async () => {
    await startImport()
    const db = origin.deps.db.$client
    const title = db
      .prepare(
        "SELECT t.id FROM element_texts t JOIN elements e ON e.id = t.element_id WHERE t.record_type = 'Item' AND t.record_id = 3 AND e.name = 'Title' ORDER BY t.id LIMIT 1",
      )
      .get() as { id: number }
    db.prepare("UPDATE element_texts SET text = 'The backup of 2001' WHERE id = ?").run(title.id)
    db.prepare("UPDATE items SET modified = '2001-01-01 00:00:00' WHERE id = 3").run()
    const second = await startImport()
    expect(second.status).toBe('completed')
    expect(second.counters.items).toMatchObject({ updated: 1, created: 0, unchanged: 14 })
    const item = (await target.json(`/api/items/3?${q}`)).body
    expect(item.modified).toBe('2001-01-01T00:00:00+00:00')
    expect(item.element_texts.map((t: any) => t.text)).toContain('The backup of 2001')
  })

  it('undo returns the target to its pre-import state, stored bytes included', async () => {
    const snapshot = async () =>
      Promise.all(
        ['items', 'collections', 'files', 'tags', 'element_sets', 'item_types'].map((r) =>
          target.json(`/api/${r}?per_page=50&${q}`).then((x) => x.body),
        ),
      )
    const pre = await snapshot()
    const run = await startImport()
    const del = await target.json(`/api/imports/${run.id}?${q}`, { method: 'DELETE' })
    expect(del.status).toBe(202)
    await target.jobs.idle()
    expect((await target.json(`/api/imports/${run.id}?${q}`)).body.status).toBe('undone')
    expect(await snapshot()).toEqual(pre)
    const { readdirSync, existsSync } = await import('node:fs')
    const dir = `${target.deps.files.root}/original`
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([])
  })

  it('merge keeps a local extra value; mirror removes it and what was deleted at the origin', async () => {
    await startImport()
    const local = (await target.json(`/api/items/1?${q}`)).body
    const extra = { element: { id: 47 }, text: 'local note', html: false } // Rights: item 1 has none at the origin
    const texts = [
      ...local.element_texts.map((t: any) => ({ element: { id: t.element.id }, text: t.text, html: t.html })),
      extra,
    ]
    expect((await target.json(`/api/items/1?${q}`, jsonBody('PUT', { element_texts: texts }))).status).toBe(200)
    expect((await fetch(`${origin.endpoint}/items/1?${q}`, jsonBody('PUT', { featured: false }))).status).toBe(200)
    await startImport()
    const merged = (await target.json(`/api/items/1?${q}`)).body
    expect(merged.featured).toBe(false)
    expect(merged.element_texts.map((t: any) => t.text)).toContain('local note')
    expect((await fetch(`${origin.endpoint}/items/15?${q}`, { method: 'DELETE' })).status).toBe(204)
    const mirror = await startImport({ mode: 'mirror' })
    expect(mirror.status).toBe('completed')
    expect((await target.json(`/api/items/1?${q}`)).body.element_texts.map((t: any) => t.text)).not.toContain(
      'local note',
    )
    expect((await target.json(`/api/items/15?${q}`)).status).toBe(404)
    expect(mirror.counters.items.deleted).toBe(1)
  })

  it('undo keeps and reports a record edited locally after the import', async () => {
    const run = await startImport()
    expect((await target.json(`/api/items/3?${q}`, jsonBody('PUT', { featured: true }))).status).toBe(200)
    await target.json(`/api/imports/${run.id}?${q}`, { method: 'DELETE' })
    await target.jobs.idle()
    expect((await target.json(`/api/items?${q}`)).body.map((i: any) => i.id)).toEqual([3])
    const kept = (await target.json(`/api/import_records?import=${run.id}&outcome=kept&${q}`)).body
    expect(kept.map((r: any) => [r.resource, r.local_id])).toContainEqual(['items', 3])
  })

  it('without a key imports public records only and gives owners to the importing user', async () => {
    const run = await startImport({ key: null })
    expect(run.status).toBe('completed')
    const items = (await target.json(`/api/items?${q}`)).body
    expect(items.map((i: any) => i.id).length).toBe(11)
    expect(new Set(items.map((i: any) => i.owner?.id))).toEqual(new Set([1]))
  })

  it('a dry run writes nothing and reports what would be created', async () => {
    const run = await startImport({ dry_run: true })
    expect(run.counters.items.created).toBe(15)
    expect((await target.json(`/api/items?${q}`)).body).toEqual([])
  })
})

describe('import: errors', () => {
  it('refuses an endpoint without a scheme, an unreachable one, a wrong key and itself', async () => {
    const post = (body: unknown) => target.json(`/api/imports?${q}`, jsonBody('POST', body))
    expect((await post({ endpoint: '127.0.0.1:8081/api' })).body).toEqual({
      message: 'Invalid API URL. URLs must begin with http:// or https://',
    })
    expect((await post({ endpoint: 'http://127.0.0.1:1/api' })).body.message).toMatch(
      /^Unable to connect to http:\/\/127\.0\.0\.1:1\/api/,
    )
    expect((await post({ endpoint: origin.endpoint, key: 'nope' })).body).toEqual({
      message: 'The provided API key was invalid',
    })
    expect((await post({ endpoint: `${originBase()}/nothing` })).body.message).toMatch(
      /^Error accessing the API at http:\/\/127\.0\.0\.1:\d+\/nothing \(404\)/,
    )
    expect((await post({ endpoint: origin.endpoint, mode: 'copy' })).status).toBe(400)
    expect((await target.json(`/api/imports?${q}`)).body).toEqual([])
  })

  it('accepts a site root as well as its /api endpoint (one origin either way)', async () => {
    const a = await startImport({ endpoint: `${originBase()}/` })
    expect(a.endpoint).toBe(origin.endpoint)
    const b = await startImport({})
    expect(b.origin).toBe(a.origin)
    expect(b.counters.items.created).toBe(0)
  })

  it('never stores or shows the key', async () => {
    const run = await startImport()
    expect(JSON.stringify(run)).not.toContain(KEYS.super)
    const dump = target.deps.db.$client.prepare('SELECT * FROM import_runs').all()
    expect(JSON.stringify(dump)).not.toContain(KEYS.super)
  })
})

describe('import: permissions', () => {
  it("is for super users only and stays out of /api/resources, which remains exactly Omeka's list", async () => {
    for (const key of ['', `?${q}`]) {
      const listed = Object.keys((await target.json(`/api/resources${key}`)).body)
      expect(listed).not.toContain('imports')
      expect(listed).not.toContain('import_records')
    }
    expect(await target.json('/api/imports')).toMatchObject({ status: 403, body: { message: 'Permission denied.' } })
    expect((await target.json(`/api/imports?key=${KEYS.admin}`)).status).toBe(403)
    expect((await target.json(`/api/import_records?key=${KEYS.admin}`)).status).toBe(403)
    expect((await target.json('/api/imports?key=nope')).body).toEqual({ message: 'Invalid key.' })
  })
})

describe('import: the tags index (issue 14)', () => {
  it("a keyless merge import stores the origin's tags index, tags only private records carry included", async () => {
    const names = (rows: { name: string }[]) => rows.map((t) => t.name).sort()
    const hidden = await fetch(
      `${origin.endpoint}/items?${q}`,
      jsonBody('POST', { public: false, element_texts: [], tags: [{ name: 'only-on-a-private-item' }] }),
    )
    expect(hidden.status).toBe(201)
    const want = names(await (await fetch(`${origin.endpoint}/tags?per_page=50`)).json())
    const run = await startImport({ key: undefined, mode: 'merge' })
    expect(run.status).toBe('completed')
    expect(want).toContain('only-on-a-private-item')
    // Stored with the others (an export carries it); the API lists a tag only with a record it can show, as Omeka does.
    const stored = target.deps.db.$client.prepare('SELECT name FROM tags').all() as { name: string }[]
    for (const name of want) expect(names(stored)).toContain(name)
  })
})
