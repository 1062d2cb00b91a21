import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRealServer, type RealServer } from './real-server.js'

// Two servers with the same base URL: byte-identical answers prove the data is, ports aside.
const BASE_URL = 'http://omeka.test'
let a: RealServer
let b: RealServer

const seed = (s: RealServer, body: unknown) =>
  fetch(`${s.base}/__admin/seed`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })

async function pages(s: RealServer, key: string): Promise<string[]> {
  const out: string[] = []
  for (const path of [
    '/api/items?page=1',
    '/api/items?page=3',
    '/api/collections',
    '/api/files',
    '/api/tags',
    '/api/users/3',
    '/api/site',
    '/api/items?search=harbour',
    '/api/items?tags=caf%C3%A9',
  ]) {
    const res = await fetch(`${s.base}${path}${path.includes('?') ? '&' : '?'}key=${key}`)
    out.push(`${res.status} ${res.headers.get('Omeka-Total-Results')} ${await res.text()}`)
  }
  return out
}

beforeAll(async () => {
  a = await startRealServer(null, { baseUrl: BASE_URL })
  b = await startRealServer(null, { baseUrl: BASE_URL })
})
afterAll(async () => {
  await a.close()
  await b.close()
})

describe('synthetic seed: happy path', () => {
  it('gives byte-identical API output for the same seed, on two servers', async () => {
    const options = { items: 300, collections: 4, files: 6, private_ratio: 0.2, seed: 7 }
    const sa = await (await seed(a, options)).json()
    const sb = await (await seed(b, options)).json()
    expect(sa).toEqual(sb)
    expect(sa).toMatchObject({ items: 300, collections: 4, files: 6, seed: 7 })
    const key = sa.users[0].key as string
    expect(await pages(a, key)).toEqual(await pages(b, key))
    const files = (await (await fetch(`${a.base}/api/files?key=${key}`)).json()) as {
      file_urls: { original: string }
    }[]
    for (const f of files.slice(0, 3)) {
      const path = new URL(f.file_urls.original).pathname
      const [x, y] = await Promise.all(
        [a, b].map(async (s) => Buffer.from(await (await fetch(`${s.base}${path}`)).arrayBuffer())),
      )
      expect(x!.length).toBeGreaterThan(100)
      expect(x).toEqual(y)
    }
  })

  it('builds a realistic site: owners and roles with keys, private records, item types, HTML and Unicode', async () => {
    const summary = await (await seed(a, { items: 200, seed: 3, private_ratio: 0.25 })).json()
    expect(summary.users.map((u: { role: string }) => u.role)).toEqual([
      'super',
      'admin',
      'contributor',
      'contributor',
      'researcher',
    ])
    const superKey = summary.users[0].key
    const all = await fetch(`${a.base}/api/items?key=${superKey}&per_page=50`)
    const anonymous = await fetch(`${a.base}/api/items`)
    const total = Number(all.headers.get('Omeka-Total-Results'))
    const visible = Number(anonymous.headers.get('Omeka-Total-Results'))
    expect(total).toBe(200)
    expect(visible).toBeLessThan(total)
    expect(visible).toBeGreaterThan(100)
    const items = (await all.json()) as {
      item_type: unknown
      element_texts: { html: boolean; text: string; element: { name: string }; element_set: { name: string } }[]
      tags: unknown[]
    }[]
    const texts = items.flatMap((i) => i.element_texts)
    expect(texts.some((t) => t.html && t.text.startsWith('<'))).toBe(true)
    expect(texts.some((t) => /[^\x00-\x7f]/.test(t.text))).toBe(true)
    expect(texts.some((t) => t.element_set.name === 'Item Type Metadata')).toBe(true)
    expect(items.every((i) => i.element_texts.some((t) => t.element.name === 'Title'))).toBe(true)
    expect(items.some((i) => i.tags.length > 0)).toBe(true)
  })

  it('gives a different site for a different seed', async () => {
    await seed(a, { items: 20, seed: 1 })
    const one = await (await fetch(`${a.base}/api/items`)).text()
    await seed(a, { items: 20, seed: 2 })
    expect(await (await fetch(`${a.base}/api/items`)).text()).not.toBe(one)
  })
})

describe('synthetic seed: errors', () => {
  it('refuses bad options with a 400 and changes nothing', async () => {
    await seed(a, { items: 5, seed: 9 })
    const before = await (await fetch(`${a.base}/api/items`)).text()
    for (const body of [{ items: -1 }, { items: 'many' }, { private_ratio: 2 }, { colour: 'red' }, [1]]) {
      const res = await seed(a, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(Object.keys(await res.json())).toEqual(['message'])
    }
    expect(await (await fetch(`${a.base}/api/items`)).text()).toBe(before)
  })
})
