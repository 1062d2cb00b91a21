import { describe, expect, it } from 'vitest'
import {
  expectMirror,
  fixture,
  post,
  S_FIXTURE_FRESH,
  startImport,
  startSSite,
  useSites,
  type SSite,
} from './import-s-harness.js'

const { pair, track } = useSites()

const requests = (site: SSite, path: string) =>
  site.log.filter((l) => l.startsWith(`GET /api/${path}?`) || l === `GET /api/${path}`)

describe('S → S incremental runs', () => {
  it('a re-import reads only what changed since the last run (sorted by modified, bounded by modified_after) and mirrors deletions', async () => {
    const { origin, target } = await pair()
    const first = await startImport(target, origin, { mode: 'mirror' })
    expect(first.body.status).toBe('completed')
    const edited = await post(
      origin,
      '/api/items/4',
      { 'dcterms:title': [{ type: 'literal', property_id: 1, '@value': 'Retitled at the origin' }] },
      'PATCH',
    )
    expect(edited.status).toBe(200)
    const goneItem = fixture('items').find((i) => i['o:media'].length === 0 && i['o:id'] !== 4)['o:id']
    const goneMedia = fixture('media')[0]['o:id']
    expect(
      (
        await fetch(`${origin.base}/api/items/${goneItem}?${new URLSearchParams(await keyQuery())}`, {
          method: 'DELETE',
        })
      ).status,
    ).toBe(200)
    expect(
      (
        await fetch(`${origin.base}/api/media/${goneMedia}?${new URLSearchParams(await keyQuery())}`, {
          method: 'DELETE',
        })
      ).status,
    ).toBe(200)
    origin.log.length = 0

    const second = await startImport(target, origin, { mode: 'mirror' })
    expect(second.body.status).toBe('completed')
    // The media's item was modified by the deletion at the origin in Omeka S only when its primary media changed; either way:
    expect(second.body.counters.items).toMatchObject({ created: 0, failed: 0, deleted: 1 })
    expect(second.body.counters.items.total).toBeLessThanOrEqual(2)
    expect(second.body.counters.items.updated).toBeGreaterThanOrEqual(1)
    expect(second.body.counters.media).toMatchObject({ created: 0, updated: 0, deleted: 1 })
    expect(second.body.counters.item_sets).toMatchObject({ total: 0, deleted: 0 })
    const itemPages = requests(origin, 'items').filter((l) => /[?&]page=/.test(l) && !l.includes('return_scalar'))
    expect(
      itemPages.every((l) => /sort_by=modified/.test(l) && /sort_order=desc/.test(l) && /modified_after=/.test(l)),
    ).toBe(true)
    expect(requests(origin, 'items').some((l) => l.includes('return_scalar=id'))).toBe(true)
    expect((await target.get('/api/items/4'))['o:title']).toBe('Retitled at the origin')
    const deletedRecords = await target.get(`/api/import_records?import=${second.body['o:id']}&outcome=deleted`)
    expect(deletedRecords.map((r: any) => [r.resource, r.remote_id]).sort()).toEqual(
      [
        ['items', goneItem],
        ['media', goneMedia],
      ].sort(),
    )
    await expectMirror(origin, target)

    const third = await startImport(target, origin, { mode: 'mirror' })
    // The 5-minute safety margin re-reads the item edited just before the second run: read, unchanged.
    expect(third.body.counters.items).toMatchObject({ total: 1, unchanged: 1, created: 0, updated: 0, deleted: 0 })
    for (const r of ['item_sets', 'media'])
      expect(third.body.counters[r], r).toMatchObject({ total: 0, created: 0, updated: 0, deleted: 0 })
    const full = await startImport(target, origin, { mode: 'mirror', full: true })
    // Items that lost a link or a media to a deletion keep their modified date at the origin; a full run
    // rewrites them (their content here is already the origin's) and changes nothing else.
    expect(full.body.counters.items).toMatchObject({ total: 14, created: 0, deleted: 0, failed: 0 })
    await expectMirror(origin, target)
  })

  it('a record whose modified date went back at the origin (restored from a backup) is found by the id listing and updated', async () => {
    const { origin, target } = await pair()
    expect((await startImport(target, origin, { mode: 'mirror' })).body.status).toBe('completed')
    const id = fixture('items')[1]['o:id']
    const db = origin.deps.db.$client
    db.prepare(
      "UPDATE value SET value = 'The backup of 2001' WHERE id = (SELECT id FROM value WHERE resource_id = ? AND property_id = 1 ORDER BY id LIMIT 1)",
    ).run(id)
    // (Written in the database as a restore does: the stored title follows the first title value.)
    db.prepare(
      "UPDATE resource SET title = 'The backup of 2001', modified = '2001-01-01T00:00:00+00:00' WHERE id = ?",
    ).run(id)
    origin.log.length = 0
    const second = await startImport(target, origin, { mode: 'mirror' })
    expect(second.body.status).toBe('completed')
    expect(second.body['o:modified_since'] ?? second.body.modified_since).not.toBeNull()
    expect(second.body.counters.items).toMatchObject({ total: 1, updated: 1, created: 0, deleted: 0 })
    expect(requests(origin, 'items').some((l) => l.includes('return_scalar=modified'))).toBe(true)
    const here = await target.get(`/api/items/${id}`)
    expect(here['o:title']).toBe('The backup of 2001')
    expect(here['o:modified']['@value']).toBe('2001-01-01T00:00:00+00:00')
    await expectMirror(origin, target)
    // The next run finds nothing to read again.
    const third = await startImport(target, origin, { mode: 'mirror' })
    expect(third.body.counters.items).toMatchObject({ updated: 0, created: 0 })
  })

  it('merge mode reads incrementally too but never deletes; an undone run makes the next one full', async () => {
    const { origin, target } = await pair()
    const first = await startImport(target, origin)
    expect(first.body.counters.items.created).toBe(15)
    const three = fixture('items')[2]['o:id']
    expect(
      (await fetch(`${origin.base}/api/items/${three}?${new URLSearchParams(await keyQuery())}`, { method: 'DELETE' }))
        .status,
    ).toBe(200)
    const second = await startImport(target, origin)
    expect(second.body.counters.items).toMatchObject({ total: 0, deleted: 0 })
    expect((await target.get('/api/items?per_page=100')).length).toBe(15)
    await post(target, `/api/imports/${first.body['o:id']}`, { status: 'undone' }, 'PUT')
    const third = await startImport(target, origin)
    expect(third.body.counters.items).toMatchObject({ total: 14, created: 14 })
  })
})

async function keyQuery(): Promise<Record<string, string>> {
  const { S_ADMIN } = await import('./import-s-harness.js')
  return { key_identity: S_ADMIN.identity, key_credential: S_ADMIN.credential }
}

describe('Classic → S incremental runs', () => {
  it('reads every record of a Classic origin (no cheap id listing there) and updates only what changed, a modified date gone back included', async () => {
    const { startOrigin } = await import('./import-harness.js')
    const { KEYS } = await import('./helpers.js')
    const classic = await startOrigin()
    const target = track(await startSSite(S_FIXTURE_FRESH))
    try {
      const body = { endpoint: classic.endpoint, from_flavor: 'classic', key: KEYS.super }
      const first = await post(target, '/api/imports', body)
      expect(first.body.counters.items.created).toBe(15)
      const db = classic.deps.db.$client
      const title = db
        .prepare(
          "SELECT t.id FROM element_texts t JOIN elements e ON e.id = t.element_id WHERE t.record_type = 'Item' AND t.record_id = 2 AND e.name = 'Title' ORDER BY t.id LIMIT 1",
        )
        .get() as { id: number }
      db.prepare('UPDATE element_texts SET text = ? WHERE id = ?').run('Changed in Classic', title.id)
      // Restored from a backup: the modified date goes back in time.
      db.prepare("UPDATE items SET modified = '2001-01-01 00:00:00' WHERE id = 2").run()
      const since = classic.log.length
      const second = await post(target, '/api/imports', body)
      expect(second.body.counters.items).toMatchObject({ total: 15, updated: 1, unchanged: 14, created: 0 })
      expect(second.body.counters.item_sets).toMatchObject({ updated: 0, created: 0 })
      expect(
        classic.log
          .slice(since)
          .filter((l) => l.startsWith('GET /api/items?'))
          .some((l) => l.includes('modified_since=')),
      ).toBe(false)
      const local = (
        await target.get(`/api/import_records?import=${first.body['o:id']}&resource=items&per_page=100`)
      ).find((r: any) => r.remote_id === 2).local_id
      expect((await target.get(`/api/items/${local}`))['o:title']).toBe('Changed in Classic')
    } finally {
      await classic.close()
    }
  })
})
