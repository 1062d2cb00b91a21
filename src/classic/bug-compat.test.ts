import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KEYS, testApp, type TestApp } from '../../test/helpers.js'

// Writes as Omeka's API adapters do them (recorded in classic-random), then the bug-compatible switch:
// each deliberate difference of docs/compatibility.md, off by default, on with `bug_compat`.
let t: TestApp
beforeAll(() => {
  t = testApp()
})
afterAll(() => t.close())

const put = (path: string, body: unknown) =>
  t.json(`${path}?key=${KEYS.super}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
const setBugCompat = async (on: boolean) => {
  const r = await t.request('/__admin/settings', {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ bug_compat: on }),
  })
  expect(r.status).toBe(200)
}

describe('writes', () => {
  it('leaves texts alone for element_texts that is not an array, and drops empty texts', async () => {
    const before = (await t.json('/api/items/6')).body as { element_texts: unknown[] }
    expect(
      ((await put('/api/items/6', { element_texts: {} })).body as { element_texts: unknown[] }).element_texts,
    ).toEqual(before.element_texts)
    const r = await put('/api/items/6', {
      element_texts: [
        { element: { id: 50 }, text: '', html: false },
        { element: { id: 39 }, text: '0', html: false },
      ],
    })
    expect((r.body as { element_texts: { text: string }[] }).element_texts.map((e) => e.text)).toEqual(['0'])
  })

  it("refuses a blank tag name with Tag's 500 before anything changes", async () => {
    const before = await t.json('/api/items/4')
    const r = await put('/api/items/4', { featured: true, tags: [{ name: '' }] })
    expect(r).toMatchObject({ status: 500, body: { message: 'Name: Tags must be given a name.' } })
    expect((await t.json('/api/items/4')).body).toEqual(before.body)
  })

  it('matches tag names to existing tags case-insensitively', async () => {
    const r = await put('/api/items/13', { tags: [{ name: 'HISTORY' }] })
    expect((r.body as { tags: unknown[] }).tags).toEqual([
      { id: 2, url: 'http://omeka.test/api/tags/2', name: 'history', resource: 'tags' },
    ])
  })
})

describe('the bug-compatible switch', () => {
  it('is off by default and refuses a non-boolean', async () => {
    expect((await t.json('/api/items?page=abc')).status).toBe(400)
    const r = await t.request('/__admin/settings', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: '{"bug_compat":"yes"}',
    })
    expect(r.status).toBe(400)
  })

  it("reproduces Omeka's bugs while on, and stops when turned off", async () => {
    await setBugCompat(true)
    try {
      const page = await t.request('/api/items?page=abc')
      expect([page.status, page.headers.get('Content-Type'), await page.text()]).toEqual([
        500,
        'text/html; charset=UTF-8',
        '',
      ])
      expect((await t.json('/api/items?excludeTags=letters,photo')).res.headers.get('Omeka-Total-Results')).toBe('11')
      expect((await t.json('/api/items?added_since=yesterday')).body).toEqual({
        message: 'unsupported ISO8601 format (yesterday)',
      })
      const sets = (await t.json('/api/element_sets?sort_field=name&sort_dir=d')).body as { id: number }[]
      expect(sets.map((s) => s.id)).toEqual([...sets.map((s) => s.id)].sort((a, b) => a - b))
    } finally {
      await setBugCompat(false)
    }
    expect((await t.json('/api/items?excludeTags=letters,photo')).res.headers.get('Omeka-Total-Results')).toBe('7')
    expect((await t.json('/api/items?added_since=yesterday')).status).toBe(200)
  })
})
