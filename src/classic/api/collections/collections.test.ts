import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KEYS, jsonBody, testApp, type TestApp } from '../../../../test/helpers.js'
import { expectRecorded } from '../../../../test/recorded.js'

// Expected values: the recorded cases (numbers below) and shared/reference/omeka-classic-api.md §5-§8.
let t: TestApp
beforeAll(() => {
  t = testApp()
})
afterAll(() => t.close())

describe('collections: reading', () => {
  it.each([131, 134, 136, 138, 139, 140, 142, 144])('answers case %i as real Omeka did', (no) => expectRecorded(t, no))

  it('counts only the items the caller may see', async () => {
    const anon = (await t.json('/api/collections/1')).body.items
    expect(anon).toEqual({ count: anon.count, url: 'http://omeka.test/api/items?collection=1', resource: 'items' })
  })
})

describe('collections: writing', () => {
  it('creates with defaults, replaces element texts on PUT and deletes [265-269]', async () => {
    const created = await t.json(
      `/api/collections?key=${KEYS.super}`,
      jsonBody('POST', {
        public: true,
        featured: 1,
        element_texts: [
          { element: { id: 50 }, text: 'New', html: false },
          { element: { id: 41 }, text: 'Desc', html: true },
        ],
      }),
    )
    expect(created.status).toBe(201)
    expect(created.res.headers.get('Location')).toBe(`http://omeka.test/api/collections/${created.body.id}`)
    expect(created.body).toMatchObject({ public: true, featured: true, owner: { id: 1 }, items: { count: 0 } })
    const put = await t.json(
      `/api/collections/${created.body.id}?key=${KEYS.super}`,
      jsonBody('PUT', { featured: false, element_texts: [{ element: { id: 50 }, text: 'Renamed', html: false }] }),
    )
    expect(put.status).toBe(200)
    expect(put.body.featured).toBe(false)
    expect(put.body.public).toBe(true)
    expect(put.body.element_texts.map((e: { text: string }) => e.text)).toEqual(['Renamed'])
    expect(
      (await t.request(`/api/collections/${created.body.id}?key=${KEYS.super}`, { method: 'DELETE' })).status,
    ).toBe(204)
    expect(await t.json(`/api/collections/${created.body.id}?key=${KEYS.super}`, { method: 'DELETE' })).toMatchObject({
      status: 404,
      body: { message: 'Invalid record. Record not found.' },
    })
  })

  it('creates an empty private collection from {}', async () => {
    const r = await t.json(`/api/collections?key=${KEYS.admin}`, jsonBody('POST', {}))
    expect(r.body).toMatchObject({ public: false, featured: false, owner: { id: 2 }, element_texts: [] })
  })
})

describe('collections: errors', () => {
  it.each([135, 137, 143])('answers error case %i as real Omeka did', (no) => expectRecorded(t, no))

  it('refuses a body that is not a JSON object', async () => {
    expect(await t.json(`/api/collections?key=${KEYS.super}`, jsonBody('POST', '[1]'))).toMatchObject({
      status: 400,
      body: { message: 'Invalid request. Request body must be a JSON object.' },
    })
  })
})

describe('collections: permissions', () => {
  it("refuses anonymous creation [234] and a contributor editing others' collections [236]", async () => {
    expect(await t.json('/api/collections', jsonBody('POST', {}))).toMatchObject({
      status: 403,
      body: { message: 'Permission denied.' },
    })
    expect(
      await t.json(`/api/collections/1?key=${KEYS.contributor}`, jsonBody('PUT', { featured: false })),
    ).toMatchObject({ status: 403, body: { message: 'Permission denied.' } })
  })
})
