import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KEYS, testApp, type TestApp } from '../../../../test/helpers.js'
import { expectRecorded } from '../../../../test/recorded.js'

// Expected values: the recorded cases (numbers below) and shared/reference/omeka-classic-api.md §1, §6, §8.
let t: TestApp
beforeAll(() => {
  t = testApp()
})
afterAll(() => t.close())

describe('resources: reading', () => {
  it.each([25, 26, 35, 36])('answers case %i as real Omeka did', (no) => expectRecorded(t, no))

  it('lists the same resources for every role', async () => {
    const anon = (await t.json('/api/resources')).body
    expect(Object.keys(anon)).toEqual([
      'site',
      'resources',
      'collections',
      'items',
      'files',
      'item_types',
      'elements',
      'element_sets',
      'users',
      'tags',
    ])
    expect((await t.json(`/api/resources?key=${KEYS.contributor}`)).body).toEqual(anon)
  })
})

describe('resources: errors', () => {
  it.each([33, 34, 207])('answers error case %i as real Omeka did', (no) => expectRecorded(t, no))

  it('answers an HTML 404 for an upper-case resource path [037]', async () => {
    const res = await t.request('/api/Items')
    expect(res.status).toBe(404)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/)
  })
})

describe('resources: permissions', () => {
  it('refuses an invalid key before anything else', async () => {
    expect(await t.json('/api/resources?key=bogus')).toMatchObject({ status: 403, body: { message: 'Invalid key.' } })
  })
})
