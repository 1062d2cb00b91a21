import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { can } from '../../acl.js'
import { jsonBody, type TestApp } from '../../../../test/helpers.js'
import { PLUGINS_SUPER_KEY as KEY, pluginCase, pluginTestApp, replayPluginCase } from '../../../../test/plugins.js'

// Expected values: shared/conformance/classic-plugins cases (numbers below, recorded on Omeka Classic 3.2.1
// with ExhibitBuilder 3.10.1) and shared/reference/omeka-plugins-api.md §1, §2, §4, §5.
let t: TestApp
beforeAll(() => {
  t = pluginTestApp()
})
afterAll(() => t.close())

const byteForByte = async (no: number) => {
  const { actual, expected } = await replayPluginCase(t, no)
  expect(actual).toEqual(expected)
}

describe('exhibits and exhibit pages: reading', () => {
  it.each([22, 25, 50, 51, 53, 54, 55, 56, 59, 60, 61, 62, 63, 64, 65, 67, 68, 72])(
    'answers exhibits case %i byte for byte as real Omeka did',
    byteForByte,
  )
  it.each([77, 79, 83, 86, 87, 90, 93, 95, 96, 98, 101, 102, 103, 104, 105])(
    'answers exhibit pages case %i byte for byte as real Omeka did',
    byteForByte,
  )

  it("lists the plugins' resources right after the core ones, as recorded [019]", async () => {
    const recorded = JSON.parse(pluginCase(19).response.body) as Record<string, unknown>
    const served = (await t.json('/api/resources')).body as Record<string, unknown>
    const names = Object.keys(served)
    expect(names.slice(names.indexOf('tags') + 1, names.indexOf('tags') + 4)).toEqual([
      'geolocations',
      'exhibits',
      'exhibit_pages',
    ])
    for (const name of ['geolocations', 'exhibits', 'exhibit_pages']) expect(served[name]).toEqual(recorded[name])
  })

  it('serves a single visible page exactly as the index shows it (ExhibitBuilder answers an empty 500)', async () => {
    const index = (await t.json(`/api/exhibit_pages?key=${KEY}`)).body
    for (const id of [1, 2, 3, 6]) {
      const one = await t.json(`/api/exhibit_pages/${id}?key=${KEY}`)
      expect(one.status).toBe(200)
      expect(one.body).toEqual(index.find((p: { id: number }) => p.id === id))
    }
    expect((await t.json('/api/exhibit_pages/6')).status).toBe(404)
  })

  it('lists pages in id order and matches every named tag', async () => {
    expect((await t.json('/api/exhibit_pages')).body.map((p: { id: number }) => p.id)).toEqual([1, 2, 3, 4])
    expect((await t.json('/api/exhibit_pages?item=4')).body.map((p: { id: number }) => p.id)).toEqual([2, 3])
    expect((await t.json('/api/exhibits?tags=paris,architecture')).body.map((e: { id: number }) => e.id)).toEqual([1])
    expect((await t.json(`/api/exhibits?tags=paris,draft&key=${KEY}`)).body).toEqual([])
  })
})

describe('exhibits and exhibit pages: errors', () => {
  it.each([70, 73, 74, 76, 107, 111, 112])('refuses case %i as real Omeka did', byteForByte)

  it('matches nothing for a non-numeric page order (ExhibitBuilder matches order 0)', async () => {
    expect((await t.json(`/api/exhibit_pages?order=abc&key=${KEY}`)).body).toEqual([])
  })
})

describe('exhibits and exhibit pages: permissions', () => {
  it('shows private exhibits to admins and to contributors who own them only', () => {
    expect(can({ id: 2, role: 'admin' }, 'showNotPublic', 'Exhibits')).toBe(true)
    expect(can({ id: 3, role: 'contributor' }, 'showNotPublic', 'Exhibits', { ownerId: 3 })).toBe(true)
    expect(can({ id: 3, role: 'contributor' }, 'showNotPublic', 'Exhibits', { ownerId: 1 })).toBe(false)
    expect(can({ id: 4, role: 'researcher' }, 'showNotPublic', 'Exhibits', { ownerId: 4 })).toBe(false)
    expect(can(null, 'showNotPublic', 'Exhibits')).toBe(false)
  })

  it("counts only pages of visible exhibits in an item's extended_resources", async () => {
    expect((await t.json('/api/items/7')).body.extended_resources.exhibit_pages).toEqual({
      id: 2,
      url: 'http://omeka.test/api/exhibit_pages/2',
      resource: 'exhibit_pages',
    })
    expect((await t.json(`/api/items/7?key=${KEY}`)).body.extended_resources.exhibit_pages).toEqual({
      count: 2,
      url: 'http://omeka.test/api/exhibit_pages?item=7',
      resource: 'exhibit_pages',
    })
  })

  it('stays read-only for every caller', async () => {
    expect((await t.json(`/api/exhibit_pages?key=${KEY}`, jsonBody('POST', { title: 'x' }))).status).toBe(405)
  })
})

describe('exhibit pages in bug-compatible mode: MariaDB plan order and one row per attachment', () => {
  // Table_ExhibitPage's select has no ORDER BY; the rule (pagesOrder/planOrder) reads rows in the order of
  // the index MariaDB's plan uses. Fixture pages (id exhibit parent order slug): 1 1 - 0 introduction,
  // 2 1 - 1 gallery, 3 1 2 0 details, 4 1 - 2 conclusion, 5 2 - 0 overview, 6 2 5 0 sub-page, 7 2 - 1 appendix.
  let b: TestApp
  beforeAll(() => {
    b = pluginTestApp()
    b.deps.config.bugCompat = true
  })
  afterAll(() => b.close())
  const ids = async (path: string) => ((await b.json(path)).body as { id: number }[]).map((p) => p.id)

  it.each([78, 94, 99, 77, 86, 93, 95, 98, 101, 104, 105])(
    'answers exhibit pages case %i byte for byte as real Omeka did',
    async (no) => {
      const { actual, expected } = await replayPluginCase(b, no)
      expect(actual).toEqual(expected)
    },
  )

  it("reads a restricted caller's pages exhibit by exhibit through (exhibit_id, order) [078]", async () => {
    expect(await ids('/api/exhibit_pages')).toEqual([1, 3, 2, 4])
    expect(await ids('/api/exhibit_pages?sort_field=nope')).toEqual([1, 3, 2, 4])
    expect(await ids('/api/exhibit_pages?per_page=2&page=2')).toEqual([2, 4])
    expect(await ids('/api/exhibit_pages?order=0')).toEqual([1, 3])
  })

  it('reads through (exhibit_id, parent_id, slug) once topOnly or parent fixes parent_id [094]', async () => {
    expect(await ids('/api/exhibit_pages?topOnly=1')).toEqual([4, 2, 1])
    expect(await ids(`/api/exhibit_pages?exhibit=2&topOnly=&key=${KEY}`)).toEqual([7, 5])
    expect(await ids(`/api/exhibit_pages?exhibit=1.0&topOnly=&key=${KEY}`)).toEqual([4, 2, 1])
  })

  it("scans pages in id order for a caller who sees every exhibit, or for one exhibit's pages [077, 086]", async () => {
    expect(await ids(`/api/exhibit_pages?key=${KEY}`)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(await ids(`/api/exhibit_pages?topOnly=&key=${KEY}`)).toEqual([1, 2, 4, 5, 7])
    expect(await ids(`/api/exhibit_pages?exhibit=2&key=${KEY}`)).toEqual([5, 6, 7])
  })

  it('compares order and item as MariaDB compares a string with an integer column [097]', async () => {
    expect(await ids('/api/exhibit_pages?item=4abc')).toEqual([3, 2])
    expect(await ids(`/api/exhibit_pages?order=1e0&key=${KEY}`)).toEqual([2, 7])
    expect(await ids(`/api/exhibit_pages?order=1.5&key=${KEY}`)).toEqual([])
    expect((await t.json('/api/exhibit_pages?item=4abc')).body).toEqual([])
  })

  it('lists a page once per attachment of the item and counts distinct pages in the total', async () => {
    // A second attachment of item 4 on page 3 (block 5).
    b.deps.db.$client
      .prepare(
        'INSERT INTO exhibit_block_attachments (block_id, item_id, file_id, caption, "order") VALUES (5, 4, NULL, NULL, 2)',
      )
      .run()
    const r = await b.json('/api/exhibit_pages?item=4')
    expect(r.body.map((p: { id: number }) => p.id)).toEqual([3, 3, 2])
    expect(r.res.headers.get('Omeka-Total-Results')).toBe('2')
    expect((await b.json('/api/items/4')).body.extended_resources.exhibit_pages.count).toBe(3)
    expect((await t.json('/api/items/4')).body.extended_resources.exhibit_pages.count).toBe(2)
  })
})
