import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KEYS, jsonBody, testApp, type TestApp } from '../../../../test/helpers.js'
import { expectRecorded } from '../../../../test/recorded.js'

// Expected values: the recorded cases (numbers below) and shared/reference/omeka-classic-api.md §5-§8.
let t: TestApp
beforeAll(() => {
  t = testApp()
})
afterAll(() => t.close())

describe('elements: reading', () => {
  it.each([171, 173, 174, 175, 176, 177, 178, 334])('answers case %i as real Omeka did', (no) => expectRecorded(t, no))
})

describe('elements: writing', () => {
  it('creates an element [288], changes only order and comment on PUT [291] and deletes it', async () => {
    const r = await t.json(
      `/api/elements?key=${KEYS.super}`,
      jsonBody('POST', { element_set: { id: 3 }, name: 'Custom Element', description: 'd', comment: 'c', order: 7 }),
    )
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({
      order: 7,
      name: 'Custom Element',
      description: 'd',
      comment: 'c',
      element_set: { id: 3, resource: 'element_sets' },
    })
    const put = await t.json(
      `/api/elements/${r.body.id}?key=${KEYS.super}`,
      jsonBody('PUT', { name: 'Ignored', order: 8, comment: 'new' }),
    )
    expect(put.body).toMatchObject({ name: 'Custom Element', order: 8, comment: 'new' })
    expect((await t.request(`/api/elements/${r.body.id}?key=${KEYS.super}`, { method: 'DELETE' })).status).toBe(204)
  })
})

describe('elements: errors', () => {
  it.each([179])('answers error case %i as real Omeka did', (no) => expectRecorded(t, no))

  it('reports a missing or unknown element set as a save error [289]', async () => {
    for (const body of [{ name: 'x' }, { element_set: { id: 999 }, name: 'x' }])
      expect(await t.json(`/api/elements?key=${KEYS.super}`, jsonBody('POST', body))).toMatchObject({
        status: 400,
        body: { message: 'Error when saving record.', errors: { element_set_id: 'Invalid element set.' } },
      })
  })

  it('keeps Dublin Core elements, which Omeka would let a super user delete [305]', async () => {
    expect((await t.json(`/api/elements/50?key=${KEYS.super}`, { method: 'DELETE' })).status).toBe(400)
    expect((await t.json('/api/elements/50')).status).toBe(200)
  })

  it('answers 404 for a missing element on DELETE [301]', async () => {
    expect(await t.json(`/api/elements/99999?key=${KEYS.super}`, { method: 'DELETE' })).toMatchObject({
      status: 404,
      body: { message: 'Invalid record. Record not found.' },
    })
  })
})

describe('elements: permissions', () => {
  it('refuses anonymous deletes [221] and contributors editing [292]', async () => {
    expect(await t.json('/api/elements/50', { method: 'DELETE' })).toMatchObject({
      status: 403,
      body: { message: 'Permission denied.' },
    })
    expect(await t.json(`/api/elements/50?key=${KEYS.contributor}`, jsonBody('PUT', { comment: 'x' }))).toMatchObject({
      status: 403,
      body: { message: 'Permission denied.' },
    })
  })
})
