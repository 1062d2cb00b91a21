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
