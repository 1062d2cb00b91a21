import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KEYS, testApp, type TestApp } from '../../../../test/helpers.js'

// Rules of Table_Item (advanced search, tag filters) and Omeka_Db_Table (sorting), checked on the
// conformance fixture. Anonymous callers see items 1, 2, 4, 5, 6, 8, 10, 11, 13, 14, 15.
let t: TestApp
beforeAll(() => {
  t = testApp()
})
afterAll(() => t.close())

const ids = async (path: string) => {
  const r = await t.json(path)
  expect(r.status).toBe(200)
  return (r.body as { id: number }[]).map((i) => i.id)
}
const adv = (rows: Record<string, string>[]) =>
  rows
    .map((row, i) =>
      Object.entries(row)
        .map(([k, v]) => `advanced[${i}][${k}]=${encodeURIComponent(v)}`)
        .join('&'),
    )
    .join('&')

describe('advanced search', () => {
  it('negated types need no text of the element to satisfy the predicate', async () => {
    expect(
      await ids(`/api/items?${adv([{ element_id: '50', type: 'is not exactly', terms: 'harbor at dawn' }])}`),
    ).toEqual([1, 4, 5, 6, 8, 10, 11, 13, 14, 15])
    expect(await ids(`/api/items?${adv([{ element_id: '40', type: 'does not match', terms: '^1[89]' }])}`)).toEqual([
      5, 6, 11, 13, 14, 15,
    ])
    expect(await ids(`/api/items?${adv([{ element_id: '40', type: 'does not match', terms: '^18' }])}`)).toEqual([
      2, 5, 6, 8, 10, 11, 13, 14, 15,
    ])
    expect(await ids(`/api/items?${adv([{ element_id: '40', type: 'is empty' }])}`)).toEqual([5, 6, 11, 13, 14, 15])
  })

  it('starts with, ends with and contains read % and _ as LIKE wildcards, under case and accent folding', async () => {
    expect(await ids(`/api/items?${adv([{ element_id: '50', type: 'starts with', terms: 'letter' }])}`)).toEqual([1, 4])
    expect(await ids(`/api/items?${adv([{ element_id: '50', type: 'ends with', terms: 'DAWN' }])}`)).toEqual([2])
    expect(await ids(`/api/items?${adv([{ element_id: '50', type: 'contains', terms: 'harbor_at' }])}`)).toEqual([2])
    expect(await ids(`/api/items?${adv([{ element_id: '50', type: 'contains', terms: 'unicode' }])}`)).toEqual([15])
    // HTML is part of the text: the title of item 13 is "<em>Emphasized</em> title".
    expect(await ids(`/api/items?${adv([{ element_id: '50', type: 'starts with', terms: '<em>' }])}`)).toEqual([13])
  })

  it('chains rows with AND, or OR when the joiner is exactly "or", AND binding first', async () => {
    const letter = { element_id: '50', type: 'contains', terms: 'letter' }
    const sailor = { element_id: '39', type: 'is exactly', terms: 'A. Sailor' }
    const smith = { element_id: '39', type: 'is exactly', terms: 'John Smith' }
    expect(await ids(`/api/items?${adv([letter, { ...sailor, joiner: 'or' }])}`)).toEqual([1, 4, 6])
    expect(await ids(`/api/items?${adv([letter, { ...sailor, joiner: 'OR' }])}`)).toEqual([])
    // letter AND smith OR sailor = (letter AND smith) OR sailor
    expect(await ids(`/api/items?${adv([letter, { ...smith, joiner: 'and' }, { ...sailor, joiner: 'or' }])}`)).toEqual([
      4, 6,
    ])
  })

  it('skips rows without an element id or type, and "matches" rows without terms', async () => {
    const all = await ids('/api/items')
    expect(
      await ids(
        `/api/items?${adv([
          { element_id: '', type: 'contains', terms: 'x' },
          { element_id: '50', type: 'matches', terms: '' },
        ])}`,
      ),
    ).toEqual(all)
  })
})

describe('sorting', () => {
  it('breaks ties by id in the direction of the sort', async () => {
    expect(await ids('/api/items?sort_field=public&sort_dir=d')).toEqual([15, 14, 13, 11, 10, 8, 6, 5, 4, 2, 1])
    expect(await ids('/api/items?sort_field=public&sort_dir=a&per_page=3')).toEqual([1, 2, 4])
  })
})

describe('tag filters', () => {
  it('tags: every delimited name must match, an empty one matches nothing', async () => {
    expect(await ids('/api/items?tags=HISTORY,letters')).toEqual([1])
    expect(await ids('/api/items?tags=history,,letters')).toEqual([])
  })

  it('excludeTags: names are untrimmed LIKE patterns; any of them excludes', async () => {
    expect(await ids('/api/items?excludeTags=letters,photo')).toEqual([5, 6, 10, 11, 13, 14, 15])
    expect(await ids('/api/items?excludeTags=%20letters')).toEqual(await ids('/api/items'))
  })
})

describe('records', () => {
  it("reads a path id as PHP's (int) does", async () => {
    expect((await t.json('/api/items/1abc')).body).toMatchObject({ id: 1 })
    expect((await t.json('/api/items/abc')).status).toBe(404)
  })

  it("counts an item type's items among those the caller may see", async () => {
    const anon = (await t.json('/api/item_types/1')).body as { items: { count: number } }
    const superUser = (await t.json(`/api/item_types/1?key=${KEYS.super}`)).body as { items: { count: number } }
    expect([anon.items.count, superUser.items.count]).toEqual([3, 3])
    expect(((await t.json('/api/item_types/6')).body as { items: { count: number } }).items.count).toBe(3)
  })
})
