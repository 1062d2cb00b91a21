import { afterEach, describe, expect, it } from 'vitest'
import { testApp, type TestApp } from '../../../test/helpers.js'
import { pluginFixtureHooks } from '../plugins/index.js'
import { seedSite } from './seed.js'
import { seedOptionsSchema, type SeedOptionsInput } from './synthetic.schemas.js'

const apps: TestApp[] = []
afterEach(() => {
  for (const a of apps.splice(0)) a.close()
})

async function seeded(options: SeedOptionsInput) {
  const t = testApp(null)
  apps.push(t)
  const summary = await seedSite(t.deps, seedOptionsSchema.parse(options), pluginFixtureHooks(t.deps))
  const key = summary.users[0]!.key
  const get = async (path: string) => {
    const res = await t.request(`${path}${path.includes('?') ? '&' : '?'}key=${key}`)
    return { total: res.headers.get('Omeka-Total-Results'), text: await res.text(), status: res.status }
  }
  return { t, summary, get }
}

const PLUGIN_PAGES = [
  '/api/resources',
  '/api/geolocations?per_page=50',
  '/api/exhibits',
  '/api/exhibit_pages?per_page=50',
  '/api/exhibit_pages?per_page=50&page=2',
  '/api/items/3',
]

describe('synthetic seed: plugin data', () => {
  it('generates locations and exhibits deterministically, enabling both plugins', async () => {
    const options = { items: 120, seed: 5, locations_ratio: 0.4, exhibits: 6 }
    const a = await seeded(options)
    const b = await seeded(options)
    expect(a.summary).toEqual(b.summary)
    for (const path of PLUGIN_PAGES) expect((await a.get(path)).text, path).toBe((await b.get(path)).text)
    expect(Object.keys(JSON.parse((await a.get('/api/resources')).text))).toEqual(
      expect.arrayContaining(['geolocations', 'exhibits', 'exhibit_pages']),
    )
    // Counts the API reports, against what the seed says it made: about 40% of 120 items located.
    expect(Number((await a.get('/api/geolocations')).total)).toBe(a.summary.locations)
    expect(a.summary.locations).toBeGreaterThan(30)
    expect(a.summary.locations).toBeLessThan(70)
    expect(Number((await a.get('/api/exhibits')).total)).toBe(6)
    expect(Number((await a.get('/api/exhibit_pages')).total)).toBe(a.summary.exhibit_pages)
    const pages = JSON.parse((await a.get('/api/exhibit_pages?per_page=50')).text) as {
      parent: unknown
      page_blocks: { layout: string; attachments: unknown[] }[]
    }[]
    expect(pages.some((p) => p.parent !== null)).toBe(true)
    expect(pages.flatMap((p) => p.page_blocks).some((b) => b.layout === 'gallery' && b.attachments.length >= 2)).toBe(
      true,
    )
  })

  it('leaves the core records of a seed unchanged, and a seed without plugin data disables the plugins', async () => {
    const plain = await seeded({ items: 60, seed: 9 })
    const rich = await seeded({ items: 60, seed: 9, locations_ratio: 0.5, exhibits: 2 })
    // Items differ only by what the plugins add to extended_resources (tags used by exhibits are listed too).
    const core = async (s: typeof plain, path: string) =>
      (JSON.parse((await s.get(path)).text) as Record<string, unknown>[]).map(({ extended_resources: _e, ...r }) => r)
    for (const path of ['/api/items?per_page=50', '/api/collections', '/api/files'])
      expect(await core(rich, path), path).toEqual(await core(plain, path))
    expect((await plain.get('/api/exhibits')).status).toBe(404)
    await seedSite(rich.t.deps, seedOptionsSchema.parse({ items: 10, seed: 9 }), pluginFixtureHooks(rich.t.deps))
    expect((await rich.get('/api/geolocations')).status).toBe(404)
    expect(rich.t.deps.db.$client.prepare('SELECT COUNT(*) AS n FROM locations').get()).toEqual({ n: 0 })
  })

  it('refuses a ratio outside 0 to 1 or a negative number of exhibits', () => {
    expect(seedOptionsSchema.safeParse({ locations_ratio: 1.5 }).success).toBe(false)
    expect(seedOptionsSchema.safeParse({ exhibits: -1 }).success).toBe(false)
  })
})
