import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRealServer, type RealServer } from './real-server.js'
import { S_FIXTURE } from './import-s-harness.js'

// POST /__admin/seed on the Omeka S flavour, through real HTTP. Expected values: the options asked for,
// Omeka S's thumbnail sizes (shared/reference/omeka-s-api.md §media: large 800, medium 400, square 200).
const BASE_URL = 'http://omeka-s.test'
let a: RealServer
let b: RealServer
let both: RealServer

const seed = (s: RealServer, body: unknown, prefix = '') =>
  fetch(`${s.base}${prefix}/__admin/seed`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
type Summary = {
  items: number
  item_sets: number
  media: number
  users: { role: string; key_identity: string; key_credential: string }[]
}
const auth = (s: Summary) => `key_identity=${s.users[0]!.key_identity}&key_credential=${s.users[0]!.key_credential}`
const bytes = async (url: string) => {
  const res = await fetch(url)
  return { status: res.status, type: res.headers.get('Content-Type'), body: Buffer.from(await res.arrayBuffer()) }
}

async function pages(s: RealServer, key: string): Promise<string[]> {
  const out: string[] = []
  for (const path of [
    '/api/items?page=1',
    '/api/items?page=4&sort_by=dcterms:title',
    '/api/item_sets',
    '/api/media?per_page=50',
    '/api/users',
    '/api/sites',
    '/api/items?fulltext_search=harbour',
    '/api/items/30',
  ]) {
    const res = await fetch(`${s.base}${path}${path.includes('?') ? '&' : '?'}${key}`)
    out.push(`${res.status} ${res.headers.get('Omeka-S-Total-Results')} ${res.headers.get('Link')} ${await res.text()}`)
  }
  return out
}

beforeAll(async () => {
  a = await startRealServer(null, { baseUrl: BASE_URL, flavor: 's' }, S_FIXTURE)
  b = await startRealServer(null, { baseUrl: BASE_URL, flavor: 's' }, S_FIXTURE)
  both = await startRealServer(null, { baseUrl: BASE_URL, flavor: 'both' }, S_FIXTURE)
})
afterAll(async () => {
  await Promise.all([a.close(), b.close(), both.close()])
})

describe('Omeka S seed over HTTP: happy path', () => {
  it('gives byte-identical API output and files for the same seed, on two servers', async () => {
    const options = { items: 250, item_sets: 3, files: 40, private_ratio: 0.2, seed: 11 }
    const sa = (await (await seed(a, options)).json()) as Summary
    const sb = (await (await seed(b, options)).json()) as Summary
    expect(sa).toEqual(sb)
    expect(sa).toMatchObject({ items: 250, item_sets: 3, media: 40, seed: 11 })
    expect(await pages(a, auth(sa))).toEqual(await pages(b, auth(sb)))
    const media = (await (await fetch(`${a.base}/api/media?per_page=50&${auth(sa)}`)).json()) as {
      'o:original_url': string
      'o:thumbnail_urls': Record<string, string>
    }[]
    expect(media).toHaveLength(40)
    for (const m of [media[0]!, media[25]!, media[39]!]) {
      for (const url of [m['o:original_url'], ...Object.values(m['o:thumbnail_urls'])]) {
        const path = new URL(url).pathname
        const [x, y] = await Promise.all([bytes(`${a.base}${path}`), bytes(`${b.base}${path}`)])
        expect(x.status, path).toBe(200)
        expect(x.body.length).toBeGreaterThan(100)
        expect(x.body).toEqual(y.body)
      }
    }
  })

  it('writes real thumbnails for every seeded media: JPEGs of Omeka S sizes, of the original picture', async () => {
    const s = (await (await seed(a, { items: 60, files: 30, seed: 5 })).json()) as Summary
    const media = (await (await fetch(`${a.base}/api/media?per_page=50&${auth(s)}`)).json()) as {
      'o:original_url': string
      'o:thumbnail_urls': Record<string, string>
    }[]
    expect(media).toHaveLength(30)
    for (const m of media) {
      expect(Object.keys(m['o:thumbnail_urls']).sort()).toEqual(['large', 'medium', 'square'])
      const original = await sharp((await bytes(`${a.base}${new URL(m['o:original_url']).pathname}`)).body).metadata()
      const longest = Math.max(original.width!, original.height!)
      for (const [kind, url] of Object.entries(m['o:thumbnail_urls'])) {
        const thumb = await bytes(`${a.base}${new URL(url).pathname}`)
        expect(thumb.status, url).toBe(200)
        expect(thumb.type).toBe('image/jpeg')
        const meta = await sharp(thumb.body).metadata()
        expect(meta.format).toBe('jpeg')
        if (kind === 'square') expect([meta.width, meta.height]).toEqual([200, 200])
        else expect(Math.max(meta.width!, meta.height!)).toBe(Math.min(longest, kind === 'large' ? 800 : 400))
        // Same aspect ratio as the original (within rounding).
        if (kind !== 'square')
          expect(Math.abs(meta.width! / meta.height! - original.width! / original.height!)).toBeLessThan(0.02)
      }
    }
  })

  it('under --flavor both seeds Omeka S at /s/__admin/seed and Classic at /__admin/seed, each leaving the other alone', async () => {
    const classicBefore = await (await fetch(`${both.base}/api/items`)).text()
    const s = (await (await seed(both, { items: 12, files: 2, seed: 2 }, '/s')).json()) as Summary
    expect(s).toMatchObject({ items: 12, media: 2 })
    expect((await fetch(`${both.base}/s/api/items?${auth(s)}`)).headers.get('Omeka-S-Total-Results')).toBe('12')
    expect(await (await fetch(`${both.base}/api/items`)).text()).toBe(classicBefore)
    const sBefore = await (await fetch(`${both.base}/s/api/items?${auth(s)}`)).text()
    const classic = await seed(both, { items: 7, seed: 2 })
    expect(await classic.json()).toMatchObject({ items: 7, collections: 1 })
    expect(await (await fetch(`${both.base}/s/api/items?${auth(s)}`)).text()).toBe(sBefore)
  })
})

describe('Omeka S seed over HTTP: errors', () => {
  it('refuses bad options with a 400 in the control plane shape and changes nothing', async () => {
    const s = (await (await seed(a, { items: 5, seed: 9 })).json()) as Summary
    const before = await (await fetch(`${a.base}/api/items?${auth(s)}`)).text()
    for (const body of [
      { items: -1 },
      { items: 'many' },
      { private_ratio: 2 },
      { collections: 3 },
      { files: 50_001 },
      [1],
      'x',
    ]) {
      const res = await seed(a, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
      expect(typeof ((await res.json()) as { message: unknown }).message).toBe('string')
    }
    expect(await (await fetch(`${a.base}/api/items?${auth(s)}`)).text()).toBe(before)
  })

  it('answers 405 to other methods', async () => {
    const res = await fetch(`${a.base}/__admin/seed`)
    expect(res.status).toBe(405)
    expect(await res.json()).toEqual({ message: 'Method not allowed: use POST.' })
  })
})
