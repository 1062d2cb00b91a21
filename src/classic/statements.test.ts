import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KEYS, testApp, type TestApp } from '../../test/helpers.js'
import { cachedCount, dbStamp } from './statements.js'

// Expected values: the fixture (shared/conformance/classic/fixture) has 11 public items of 15.
let t: TestApp
beforeAll(() => {
  t = testApp()
})
afterAll(() => t.close())

const total = async (host: string) =>
  (await t.request('/api/items', { headers: { Host: host } })).headers.get('Omeka-Total-Results')

describe('remembered counts', () => {
  it('count again once an item is added', async () => {
    expect(await total('a.test')).toBe('11')
    const post = await t.request(`/api/items?key=${KEYS.super}`, {
      method: 'POST',
      body: JSON.stringify({ public: true }),
    })
    expect(post.status).toBe(201)
    // Another Host: not answered by the response cache, so the count itself is what is tested.
    expect(await total('b.test')).toBe('12')
  })

  it('are not kept from inside a transaction that is rolled back', () => {
    const { db } = t.deps
    const sql = 'SELECT COUNT(*) FROM items WHERE public = ?'
    const before = cachedCount(db, sql, [1])
    const stamp = dbStamp(db)
    try {
      db.$client.transaction(() => {
        db.$client
          .prepare(
            "INSERT INTO items (public, featured, added, modified) VALUES (1, 0, '2020-01-01 00:00:00', '2020-01-01 00:00:00')",
          )
          .run()
        expect(cachedCount(db, sql, [1])).toBe(before + 1)
        throw new Error('roll back')
      })()
    } catch {
      /* rolled back */
    }
    expect(dbStamp(db)).not.toBe(stamp)
    expect(cachedCount(db, sql, [1])).toBe(before)
  })
})
