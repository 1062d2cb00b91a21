import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KEYS, jsonBody, testApp, type TestApp } from '../../../../test/helpers.js'
import { expectRecorded } from '../../../../test/recorded.js'

// Expected values: the recorded cases (numbers below) and shared/reference/omeka-classic-api.md §5-§8.
let t: TestApp
beforeAll(() => {
  t = testApp()
})
afterAll(() => t.close())

describe('element sets: reading', () => {
  it.each([165, 167, 168, 169, 336])('answers case %i as real Omeka did', (no) => expectRecorded(t, no))
})

describe('element sets: writing', () => {
  it('creates a set [284] and deletes it with its elements [300]', async () => {
    const r = await t.json(
      `/api/element_sets?key=${KEYS.super}`,
      jsonBody('POST', { name: 'Custom Set', description: 'Mine', record_type: 'Item', ignored: 1 }),
    )
    expect(r.status).toBe(201)
    expect(r.body).toEqual({
      id: r.body.id,
      url: `http://omeka.test/api/element_sets/${r.body.id}`,
      name: 'Custom Set',
      description: 'Mine',
      record_type: null,
      elements: { count: 0, url: `http://omeka.test/api/elements?element_set=${r.body.id}`, resource: 'elements' },
      extended_resources: [],
    })
    const el = await t.json(
      `/api/elements?key=${KEYS.super}`,
      jsonBody('POST', { element_set: { id: r.body.id }, name: 'E' }),
    )
    expect((await t.request(`/api/element_sets/${r.body.id}?key=${KEYS.super}`, { method: 'DELETE' })).status).toBe(204)
    expect((await t.json(`/api/elements/${el.body.id}`)).status).toBe(404)
  })
})

describe('element sets: errors', () => {
  it.each([170])('answers error case %i as real Omeka did', (no) => expectRecorded(t, no))

  it("refuses a duplicate name with Omeka's save error [285]", async () => {
    expect(await t.json(`/api/element_sets?key=${KEYS.super}`, jsonBody('POST', { name: 'Dublin Core' }))).toEqual(
      expect.objectContaining({
        status: 400,
        body: { message: 'Error when saving record.', errors: { Name: 'Name of element set must be unique.' } },
      }),
    )
  })

  it("answers 400 with errors for a missing name instead of Omeka's 500 [286]", async () => {
    expect(await t.json(`/api/element_sets?key=${KEYS.super}`, jsonBody('POST', { description: 'x' }))).toMatchObject({
      status: 400,
      body: { message: 'Error when saving record.', errors: { Name: 'Name of element set must not be empty.' } },
    })
  })

  it('keeps Dublin Core and Item Type Metadata, which Omeka would let a super user delete [307]', async () => {
    for (const id of [1, 3])
      expect((await t.json(`/api/element_sets/${id}?key=${KEYS.super}`, { method: 'DELETE' })).status).toBe(400)
    expect((await t.json('/api/element_sets/1')).status).toBe(200)
  })

  it('does not implement PUT [214]', async () => {
    expect(await t.json(`/api/element_sets/1?key=${KEYS.super}`, jsonBody('PUT', {}))).toMatchObject({
      status: 405,
      body: { message: 'This resource does not implement the "put" action.' },
    })
  })
})

describe('element sets: permissions', () => {
  it('refuses anonymous deletes [220] and admins creating sets', async () => {
    expect(await t.json('/api/element_sets/1', { method: 'DELETE' })).toMatchObject({
      status: 403,
      body: { message: 'Permission denied.' },
    })
    expect((await t.json(`/api/element_sets?key=${KEYS.admin}`, jsonBody('POST', { name: 'Admin Set' }))).status).toBe(
      403,
    )
  })
})
