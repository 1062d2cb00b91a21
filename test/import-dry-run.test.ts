import { afterEach, describe, expect, it } from 'vitest'
import { jsonBody, KEYS } from './helpers.js'
import { startOrigin, startTarget, type Origin, type Target } from './import-harness.js'
import { startImport as startSImport, useSites } from './import-s-harness.js'
import { changeList, formatChangeList } from '../src/core/import/changes.js'
import { runStore } from '../src/classic/importer/runs.repo.js'
import { runStore as sRunStore } from '../src/omeka-s/importer/runs.repo.js'

const q = `key=${KEYS.super}`

describe('dry run: per record, create / update (with the changed fields) / delete / unchanged (Classic → Classic)', () => {
  let origin: Origin
  let target: Target
  afterEach(async () => {
    target?.close()
    await origin?.close()
  })

  const run = async (body: Record<string, unknown>) => {
    const r = await target.json(
      `/api/imports?${q}`,
      jsonBody('POST', { endpoint: origin.endpoint, key: KEYS.super, ...body }),
    )
    expect(r.status).toBe(201)
    return (await target.json(`/api/imports/${r.body.id}?${q}`)).body
  }
  const records = async (id: number, outcome: string) =>
    (await target.json(`/api/import_records?import=${id}&outcome=${outcome}&per_page=100&${q}`)).body as any[]

  it('an unchanged re-run lists 0 updates; a one-field change at the origin lists exactly that record and field', async () => {
    origin = await startOrigin()
    target = startTarget()
    const first = await run({ mode: 'mirror' })
    expect(first.status).toBe('completed')

    const unchanged = await run({ mode: 'mirror', dry_run: true, full: true })
    expect(unchanged.status).toBe('completed')
    const list = changeList(runStore(target.deps.db), unchanged.id)
    expect(list.filter((c) => c.action !== 'unchanged')).toEqual([])
    expect(list.filter((c) => c.resource === 'items').length).toBe(15)
    expect(formatChangeList(list, true)).toMatch(/unchanged items \(15\): /)

    // One field at the origin: the title of item 2 (its modified date moves too, as an edit in Omeka does).
    const db = origin.deps.db.$client
    db.prepare(
      "UPDATE element_texts SET text = 'Retitled at the origin' WHERE id = (SELECT t.id FROM element_texts t JOIN elements e ON e.id = t.element_id WHERE t.record_type = 'Item' AND t.record_id = 2 AND e.name = 'Title' ORDER BY t.id LIMIT 1)",
    ).run()
    db.prepare("UPDATE items SET modified = datetime('now') WHERE id = 2").run()

    const dry = await run({ mode: 'mirror', dry_run: true, full: true })
    expect(dry.status).toBe('completed')
    const changes = changeList(runStore(target.deps.db), dry.id).filter((c) => c.action !== 'unchanged')
    expect(changes.map((c) => [c.action, c.resource, c.remote_id, c.changes])).toEqual([
      ['update', 'items', 2, ['Dublin Core: Title']],
    ])
    // The imports API carries the same fields on the record log.
    const updated = await records(dry.id, 'updated')
    expect(updated.map((r) => [r.remote_id, r.changes])).toEqual([[2, ['Dublin Core: Title']]])
    expect(formatChangeList(changeList(runStore(target.deps.db), dry.id), true)).toContain(
      'would update items #2 (here #2): Dublin Core: Title',
    )
    // Nothing was written.
    const item = (await target.json(`/api/items/2?${q}`)).body
    expect(item.element_texts.map((t: any) => t.text)).not.toContain('Retitled at the origin')
  })

  // Issue 14: "a dry run says 515 updated without saying what would change". A mirror after a merge import
  // rewrites every record once (the mode is part of the content hash) although no field differs: the list
  // must say so instead of a bare "would update" per record.
  it('a mirror dry run after a merge import says which updates change no field, instead of a bare update', async () => {
    origin = await startOrigin()
    target = startTarget()
    expect((await run({ mode: 'merge' })).status).toBe('completed')
    const dry = await run({ mode: 'mirror', dry_run: true })
    expect(dry.status).toBe('completed')
    const list = changeList(runStore(target.deps.db), dry.id)
    const bare = list.filter((c) => c.action === 'update' && !c.changes?.length && c.remote_id !== null)
    expect(bare.length).toBeGreaterThan(0)
    const text = formatChangeList(list, true)
    // Every update line names its fields; the rewrites without a changed field are one line per resource.
    expect(text).not.toMatch(/would update \w+ #\d+ \(here #\d+\)$/m)
    expect(text).toMatch(/would rewrite items \(\d+\), no field differs: \d/)
    const rewritten = bare.filter((c) => c.resource === 'items').length
    expect(text).toContain(`would rewrite items (${rewritten}), no field differs:`)
  })

  it('names public and tags changes, and lists a record deleted at the origin as delete (nothing written)', async () => {
    origin = await startOrigin()
    target = startTarget()
    expect((await run({ mode: 'mirror' })).status).toBe('completed')
    const db = origin.deps.db.$client
    const flipped = (db.prepare('SELECT public FROM items WHERE id = 3').get() as { public: number }).public ? 0 : 1
    db.prepare("UPDATE items SET public = ?, modified = datetime('now') WHERE id = 3").run(flipped)
    const tag = db.prepare("INSERT INTO tags (name) VALUES ('dry-run-tag')").run().lastInsertRowid
    db.prepare(
      "INSERT INTO records_tags (record_id, record_type, tag_id, time) VALUES (5, 'Item', ?, datetime('now'))",
    ).run(tag)
    db.prepare("UPDATE items SET modified = datetime('now') WHERE id = 5").run()
    const goneItem = (
      db.prepare('SELECT id FROM items WHERE id NOT IN (SELECT item_id FROM files) ORDER BY id DESC LIMIT 1').get() as {
        id: number
      }
    ).id
    expect((await fetch(`${origin.endpoint}/items/${goneItem}?${q}`, { method: 'DELETE' })).status).toBe(204)

    const dry = await run({ mode: 'mirror', dry_run: true })
    const list = changeList(runStore(target.deps.db), dry.id)
    const of = (id: number) => list.find((c) => c.resource === 'items' && c.remote_id === id)
    expect(of(3)).toMatchObject({ action: 'update', changes: ['public'] })
    expect(of(5)).toMatchObject({ action: 'update', changes: ['tags'] })
    expect(of(goneItem)).toMatchObject({ action: 'delete' })
    expect((await target.json(`/api/items/${goneItem}?${q}`)).status).toBe(200)
  })
})

describe('dry run: per record (S → S)', () => {
  const { pair } = useSites()

  it('an unchanged re-run lists 0 updates; a changed title lists that item and dcterms:title only', async () => {
    const { origin, target } = await pair()
    expect((await startSImport(target, origin, { mode: 'mirror' })).body.status).toBe('completed')
    const same = await startSImport(target, origin, { mode: 'mirror', dry_run: true, full: true })
    expect(same.body.status).toBe('completed')
    const store = sRunStore(target.deps.db)
    const list = changeList(store, same.body['o:id'])
    expect(list.filter((c) => c.action !== 'unchanged')).toEqual([])
    expect(list.filter((c) => c.resource === 'items').length).toBeGreaterThan(10)

    const items = await origin.get('/api/items?per_page=1&sort_by=id')
    const id = items[0]['o:id']
    // One value at the origin (a PATCH would replace every value: Omeka S's rule), its modified date moved too.
    const db = origin.deps.db.$client
    db.prepare(
      "UPDATE value SET value = 'Retitled at the origin' WHERE id = (SELECT id FROM value WHERE resource_id = ? AND property_id = 1 ORDER BY id LIMIT 1)",
    ).run(id)
    db.prepare(
      "UPDATE resource SET title = 'Retitled at the origin', modified = strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now') WHERE id = ?",
    ).run(id)
    const dry = await startSImport(target, origin, { mode: 'mirror', dry_run: true, full: true })
    expect(dry.body.status).toBe('completed')
    const changes = changeList(store, dry.body['o:id']).filter((c) => c.action !== 'unchanged')
    expect(changes.map((c) => [c.action, c.resource, c.remote_id, c.changes])).toEqual([
      ['update', 'items', id, ['dcterms:title']],
    ])
    const api = await target.get(`/api/import_records?import=${dry.body['o:id']}&outcome=would_update`)
    expect(api.map((r: any) => [r.remote_id, r.changes])).toEqual([[id, ['dcterms:title']]])
    expect((await target.get(`/api/items/${id}`))['o:title']).not.toBe('Retitled at the origin')
  })
})
