import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KEYS, jsonBody, testApp, type TestApp } from '../../../../test/helpers.js'
import { expectRecorded } from '../../../../test/recorded.js'

// Expected values: the recorded cases (numbers below) and shared/reference/omeka-classic-api.md §5-§8.
let t: TestApp
beforeAll(() => {
  t = testApp()
})
afterAll(() => t.close())

describe('tags: reading', () => {
  it.each([187, 188, 190, 191])('answers case %i as real Omeka did', (no) => expectRecorded(t, no))
})

describe('tags: writing', () => {
  it('deletes a tag and removes it from its items [302]', async () => {
    const before = (await t.json('/api/items?tags=oral+history')).body.map((i: { id: number }) => i.id)
    expect(before.length).toBeGreaterThan(0)
    const tag = (await t.json('/api/tags')).body.find((x: { name: string }) => x.name === 'oral history')
    expect((await t.request(`/api/tags/${tag.id}?key=${KEYS.admin}`, { method: 'DELETE' })).status).toBe(204)
    expect((await t.json(`/api/tags/${tag.id}`)).status).toBe(404)
    expect((await t.json(`/api/items/${before[0]}`)).body.tags.map((x: { name: string }) => x.name)).not.toContain(
      'oral history',
    )
  })

  it('counts only listed tags in Omeka-Total-Results once a tag is orphaned [304]', async () => {
    const item = await t.json(`/api/items?key=${KEYS.super}`, jsonBody('POST', { tags: [{ name: 'solo-tag' }] }))
    const listed = (await t.json('/api/tags')).body.length
    await t.json(`/api/items/${item.body.id}?key=${KEYS.super}`, jsonBody('PUT', { tags: [] }))
    const { body, res } = await t.json('/api/tags')
    expect(body.length).toBeLessThan(listed)
    expect(res.headers.get('Omeka-Total-Results')).toBe(String(body.length))
  })
})

describe('tags: errors', () => {
  it.each([189, 215, 216])('answers error case %i as real Omeka did', (no) => expectRecorded(t, no))
})

describe('tags: permissions', () => {
  it('refuses contributors deleting tags [239]', async () => {
    expect(await t.json(`/api/tags/1?key=${KEYS.contributor}`, { method: 'DELETE' })).toMatchObject({
      status: 403,
      body: { message: 'Permission denied.' },
    })
  })
})
