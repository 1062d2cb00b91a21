import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { can } from '../../acl.js'
import { CLASSIC_FIXTURE, jsonBody, testApp, type TestApp } from '../../../../test/helpers.js'
import { PLUGINS_FIXTURE, PLUGINS_SUPER_KEY as KEY, pluginTestApp, replayPluginCase } from '../../../../test/plugins.js'
import { loadFixture, FixtureError } from '../../fixtures/load.js'
import { pluginFixtureHooks } from '../index.js'
import { mkdtempSync, cpSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// Expected values: shared/conformance/classic-plugins cases (numbers below, recorded on Omeka Classic 3.2.1
// with Geolocation 3.2.3) and shared/reference/omeka-plugins-api.md §3.

describe('geolocations: reading', () => {
  let t: TestApp
  beforeAll(() => {
    t = pluginTestApp()
  })
  afterAll(() => t.close())

  it.each([30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 41, 42, 43, 44, 45, 46, 47, 24, 27, 28, 29])(
    'answers case %i byte for byte as real Omeka did',
    async (no) => {
      const { actual, expected } = await replayPluginCase(t, no)
      expect(actual).toEqual(expected)
    },
  )
})

describe('geolocations: writing', () => {
  let t: TestApp
  beforeEach(() => {
    t = pluginTestApp()
  })
  afterEach(() => t.close())

  it('creates, reads, updates and deletes a location as real Omeka did [113, 115, 119-131]', async () => {
    for (const no of [113, 115, 119, 120, 121, 122, 123, 124, 126, 128, 130, 131]) {
      const { actual, expected } = await replayPluginCase(t, no)
      // Created and modified locations carry no timestamps, so every byte compares.
      expect(actual, `case ${no}`).toEqual(expected)
    }
  })

  it('accepts latitude and longitude 0 (Geolocation refuses them as empty)', async () => {
    const post = await t.json(
      `/api/geolocations?key=${KEY}`,
      jsonBody('POST', { item: { id: 8 }, latitude: 0, longitude: 0, zoom_level: 3 }),
    )
    expect(post.status).toBe(201)
    expect(post.body).toMatchObject({ latitude: 0, longitude: 0, zoom_level: 3, map_type: '', address: '' })
    const put = await t.json(`/api/geolocations/1?key=${KEY}`, jsonBody('PUT', { latitude: '0', longitude: 2 }))
    expect(put.body).toMatchObject({ latitude: 0, longitude: 2, zoom_level: 15 })
  })

  it('answers a validation error, not a SQL error, for a location without an item', async () => {
    const res = await t.json(`/api/geolocations?key=${KEY}`, jsonBody('POST', {}))
    expect(res.status).toBe(400)
    expect(res.body).toEqual({
      message: 'Error when saving record.',
      errors: {
        item_id: 'Location requires a valid item ID.',
        latitude: 'Location requires a latitude.',
        longitude: 'Location requires a longitude.',
        zoom_level: 'Location requires a zoom level.',
      },
    })
    expect((await t.json(`/api/geolocations?key=${KEY}`)).body).toHaveLength(3)
  })

  it('refuses non-numeric coordinates and changes nothing', async () => {
    const res = await t.json(`/api/geolocations/1?key=${KEY}`, jsonBody('PUT', { latitude: 'north', zoom_level: [] }))
    expect(res).toMatchObject({
      status: 400,
      body: { errors: { latitude: 'Location requires a latitude.', zoom_level: 'Location requires a zoom level.' } },
    })
    expect((await t.json(`/api/geolocations/1?key=${KEY}`)).body.latitude).toBe(48.8583701)
  })

  it('removes the location with its item', async () => {
    expect((await t.request(`/api/items/1?key=${KEY}`, { method: 'DELETE' })).status).toBe(204)
    expect((await t.json(`/api/geolocations/1?key=${KEY}`)).status).toBe(404)
  })
})

describe('geolocations: permissions', () => {
  let t: TestApp
  beforeAll(() => {
    t = pluginTestApp()
  })
  afterAll(() => t.close())

  it('refuses anonymous creation, edits and deletion (Geolocation allows them) and changes nothing', async () => {
    expect(
      await t.json(
        '/api/geolocations',
        jsonBody('POST', { item: { id: 8 }, latitude: 1, longitude: 2, zoom_level: 3 }),
      ),
    ).toMatchObject({ status: 403, body: { message: 'Permission denied.' } })
    expect((await t.json('/api/geolocations/1', jsonBody('PUT', { latitude: 1 }))).status).toBe(403)
    expect((await t.request('/api/geolocations/1', { method: 'DELETE' })).status).toBe(403)
    const { actual, expected } = await replayPluginCase(t, 136)
    expect(actual).toEqual(expected)
  })

  it('lets every signed-in role write locations, as Geolocation does', () => {
    for (const role of ['super', 'admin', 'contributor', 'researcher'] as const)
      expect(can({ id: 9, role }, 'add', 'Geolocations')).toBe(true)
    expect(can(null, 'add', 'Geolocations')).toBe(false)
  })
})

describe('geolocations: activation', () => {
  it('is not served without plugin files in the fixture, and items keep extended_resources []', async () => {
    const t = testApp(CLASSIC_FIXTURE)
    expect(await t.json('/api/geolocations')).toMatchObject({
      status: 404,
      body: { message: 'The "geolocations" resource is unavailable.' },
    })
    expect((await t.json('/api/items/1')).body.extended_resources).toEqual([])
    expect(Object.keys((await t.json('/api/resources')).body)).not.toContain('geolocations')
    t.close()
  })

  it('refuses a fixture whose location points at a missing item, changing nothing', () => {
    const t = pluginTestApp()
    const dir = mkdtempSync(join(tmpdir(), 'omeka-twin-fx-'))
    cpSync(PLUGINS_FIXTURE, dir, { recursive: true })
    writeFileSync(
      join(dir, 'geolocations.json'),
      JSON.stringify([
        { id: 1, latitude: 1, longitude: 2, zoom_level: 3, map_type: '', address: '', item: { id: 99 } },
      ]),
    )
    expect(() => loadFixture(t.deps, dir, pluginFixtureHooks(t.deps))).toThrow(FixtureError)
    expect(() => loadFixture(t.deps, dir, pluginFixtureHooks(t.deps))).toThrow(
      'geolocations.json: record id 1: item 99 is not in items.json',
    )
    expect(t.deps.db.$client.prepare('SELECT COUNT(*) AS n FROM locations').get()).toEqual({ n: 3 })
    t.close()
  })
})
