import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KEYS, jsonBody, testApp, type TestApp } from '../../../../test/helpers.js'
import { expectRecorded } from '../../../../test/recorded.js'

// Expected values: the recorded cases (numbers below) and shared/reference/omeka-classic-api.md §5-§8.
let t: TestApp
beforeAll(() => {
  t = testApp()
})
afterAll(() => t.close())

describe('item types: reading', () => {
  it.each([181, 182, 183])('answers case %i as real Omeka did', (no) => expectRecorded(t, no))

  it('filters by name', async () => {
    expect((await t.json('/api/item_types?name=Still+Image')).body.map((x: { name: string }) => x.name)).toEqual([
      'Still Image',
    ])
  })
})

describe('item types: writing', () => {
  it('creates with ordered elements [293], replaces them on PUT skipping unknown ids [296], deletes [298]', async () => {
    const r = await t.json(
      `/api/item_types?key=${KEYS.super}`,
      jsonBody('POST', { name: 'Map', description: 'Maps', elements: [{ id: 7 }, { id: 1 }] }),
    )
    expect(r.status).toBe(201)
    expect(r.body.elements.map((e: { id: number }) => e.id)).toEqual([7, 1])
    expect(r.body.items).toEqual({
      count: 0,
      url: `http://omeka.test/api/items/?item_type=${r.body.id}`,
      resource: 'items',
    })
    const put = await t.json(
      `/api/item_types/${r.body.id}?key=${KEYS.super}`,
      jsonBody('PUT', { elements: [{ id: 2 }, { id: 99999 }] }),
    )
    expect(put.body.elements.map((e: { id: number }) => e.id)).toEqual([2])
    expect(put.body.name).toBe('Map')
    expect((await t.request(`/api/item_types/${r.body.id}?key=${KEYS.super}`, { method: 'DELETE' })).status).toBe(204)
    expect((await t.json(`/api/item_types/${r.body.id}?key=${KEYS.super}`, { method: 'DELETE' })).status).toBe(404)
  })
})

describe('item types: errors', () => {
  it("refuses a duplicate name [294] and answers 400 for a missing one instead of Omeka's 500 [295]", async () => {
    expect(await t.json(`/api/item_types?key=${KEYS.super}`, jsonBody('POST', { name: 'Text' }))).toMatchObject({
      status: 400,
      body: { message: 'Error when saving record.', errors: { name: 'The item type name must be unique.' } },
    })
    expect(await t.json(`/api/item_types?key=${KEYS.super}`, jsonBody('POST', {}))).toMatchObject({
      status: 400,
      body: { message: 'Error when saving record.', errors: { name: 'The item type name must not be empty.' } },
    })
  })
})

describe('item types: permissions', () => {
  it('refuses contributors [238] and lets admins create', async () => {
    expect(await t.json(`/api/item_types?key=${KEYS.contributor}`, jsonBody('POST', { name: 'C' }))).toMatchObject({
      status: 403,
      body: { message: 'Permission denied.' },
    })
    expect((await t.json(`/api/item_types?key=${KEYS.admin}`, jsonBody('POST', { name: 'By Admin' }))).status).toBe(201)
  })
})
