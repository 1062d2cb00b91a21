import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KEYS, testApp, type TestApp } from '../../test/helpers.js'

let t: TestApp
beforeAll(() => {
  t = testApp()
})
afterAll(() => t.close())

describe('sorting by an element', () => {
  it('orders titles as MySQL unicode_ci does: accents and case ignored, records without a title last', async () => {
    // Titles in the fixture: item 15 "Ünïcødé — …" sorts as "unicode…", before 3 "Unprocessed donation".
    const { body } = await t.json(`/api/items?sort_field=Dublin+Core,Title&key=${KEYS.super}`)
    const ids = body.map((i: { id: number }) => i.id)
    expect(ids.indexOf(15)).toBeLessThan(ids.indexOf(3))
    expect(ids[ids.length - 1]).toBe(14)
  })

  it('puts records without a value first when descending', async () => {
    const { body } = await t.json(`/api/items?sort_field=Dublin+Core,Title&sort_dir=d&key=${KEYS.super}`)
    expect(body[0].id).toBe(14)
    expect(body.map((i: { id: number }) => i.id).slice(1, 3)).toEqual([3, 15])
  })
})
