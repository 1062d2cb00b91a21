import { afterEach, describe, expect, it } from 'vitest'
import { startOmekaTwin, type OmekaTwin } from '../src/index.js'
import { CLASSIC_FIXTURE, KEYS } from './helpers.js'
import { S_FIXTURE } from './import-s-harness.js'

// The programmatic API (README "Use it from JavaScript tests"). Expected values: the fixture
// (15 items, users.json + keys.json: user superadmin has the super key) and the seed options asked for.

let twin: OmekaTwin | undefined
afterEach(async () => {
  await twin?.close()
  twin = undefined
})

describe('startOmekaTwin', () => {
  it('serves a fixture on a free loopback port, with its keys', async () => {
    twin = await startOmekaTwin({ fixture: CLASSIC_FIXTURE })
    expect(twin.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(twin.keys.superadmin).toBe(KEYS.super)
    const res = await fetch(`${twin.url}/api/items?key=${twin.keys.superadmin}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('omeka-total-results')).toBe('15')
  })

  it('reset() undoes writes; reset(dir) loads another fixture', async () => {
    twin = await startOmekaTwin({ fixture: CLASSIC_FIXTURE })
    expect((await fetch(`${twin.url}/api/items/1?key=${twin.keys.superadmin}`, { method: 'DELETE' })).status).toBe(204)
    expect((await fetch(`${twin.url}/api/items/1?key=${twin.keys.superadmin}`)).status).toBe(404)
    await twin.reset()
    expect((await fetch(`${twin.url}/api/items/1?key=${twin.keys.superadmin}`)).status).toBe(200)
    await expect(twin.reset('/no/such/fixture')).rejects.toThrow(/400/)
  })

  it('starts from a seed, seeds again, and has new keys after it', async () => {
    twin = await startOmekaTwin({ seed: { items: 12, seed: 3 } })
    const first = twin.keys
    expect(Object.keys(first).length).toBeGreaterThan(0)
    expect((await fetch(`${twin.url}/api/items`)).headers.get('omeka-total-results')).not.toBeNull()
    const summary = await twin.seed({ items: 30, seed: 4, private_ratio: 0 })
    expect(summary.items).toBe(30)
    expect((await fetch(`${twin.url}/api/items`)).headers.get('omeka-total-results')).toBe('30')
    expect(twin.keys).toEqual(Object.fromEntries(summary.users.map((u) => [u.username, u.key])))
  })

  it('injects faults and clears them', async () => {
    twin = await startOmekaTwin({ empty: true })
    await twin.faults.set([{ path: '/api/site', effect: { type: 'status', status: 503 } }])
    expect((await fetch(`${twin.url}/api/site`)).status).toBe(503)
    await twin.faults.clear()
    expect((await fetch(`${twin.url}/api/site`)).status).toBe(200)
  })

  it('serves Omeka S from an S fixture', async () => {
    twin = await startOmekaTwin({ flavor: 's', fixture: S_FIXTURE })
    const res = await fetch(`${twin.url}/api/items`)
    expect(res.status).toBe(200)
    expect(Array.isArray(await res.json())).toBe(true)
  })

  it("a second start from the same fixture has its data and files, and neither twin sees the other's writes", async () => {
    const first = await startOmekaTwin({ fixture: CLASSIC_FIXTURE })
    try {
      const key = first.keys.superadmin
      expect((await fetch(`${first.url}/api/items/1?key=${key}`, { method: 'DELETE' })).status).toBe(204)
      twin = await startOmekaTwin({ fixture: CLASSIC_FIXTURE })
      expect(twin.keys.superadmin).toBe(KEYS.super)
      const items = await fetch(`${twin.url}/api/items?key=${key}`)
      expect(items.headers.get('omeka-total-results')).toBe('15')
      expect((await fetch(`${twin.url}/api/items/1?key=${key}`, { method: 'DELETE' })).status).toBe(204)
      expect((await fetch(`${first.url}/api/items/1?key=${key}`)).status).toBe(404)
      expect((await fetch(`${first.url}/api/items/2?key=${key}`)).status).toBe(200)
      // The stored files came along: every file record's original is served.
      const files = (await (await fetch(`${twin.url}/api/files?key=${key}`)).json()) as {
        file_urls: { original: string }
      }[]
      expect(files.length).toBeGreaterThan(0)
      for (const f of files) expect((await fetch(f.file_urls.original)).status).toBe(200)
    } finally {
      await first.close()
    }
  })

  it('a second Omeka S start from the same fixture has the same items', async () => {
    const first = await startOmekaTwin({ flavor: 's', fixture: S_FIXTURE })
    const count = async (t: OmekaTwin) => (await fetch(`${t.url}/api/items`)).headers.get('omeka-s-total-results')
    try {
      twin = await startOmekaTwin({ flavor: 's', fixture: S_FIXTURE })
      expect(await count(twin)).toBe(await count(first))
      expect(Number(await count(twin))).toBeGreaterThan(0)
    } finally {
      await first.close()
    }
  })

  it('close() stops listening', async () => {
    const t = await startOmekaTwin({ empty: true })
    await t.close()
    await expect(fetch(`${t.url}/api/site`)).rejects.toThrow()
  })
})
