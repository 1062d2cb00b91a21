import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { memoryDeps } from '../bootstrap.js'
import { createApi } from '../index.js'
import { seedSite } from './seed.js'
import { seedOptionsSchema } from './synthetic.schemas.js'

// Expected values: the options asked for, and Omeka S's roles and visibility rules (shared/reference/omeka-s-api.md §2-§3).
const tmp = mkdtempSync(join(tmpdir(), 'omeka-twin-s-seed-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))
let n = 0

async function seeded(options: Record<string, unknown>) {
  const deps = memoryDeps(join(tmp, `files-${++n}`))
  const summary = await seedSite(deps, seedOptionsSchema.parse(options))
  const app = createApi(deps)
  const admin = summary.users[0]!
  const auth = `key_identity=${admin.key_identity}&key_credential=${admin.key_credential}`
  const get = async (path: string) => {
    const res = await app.request(`http://omeka-s.test${path}`)
    return { status: res.status, text: await res.text(), total: res.headers.get('Omeka-S-Total-Results') }
  }
  return { deps, summary, get, auth }
}

describe('seed --flavor s', async () => {
  const a = await seeded({ items: 60, item_sets: 4, files: 5, seed: 3 })
  const b = await seeded({ items: 60, item_sets: 4, files: 5, seed: 3 })
  const other = await seeded({ items: 60, item_sets: 4, files: 5, seed: 4 })

  it('makes what was asked: items, item sets, media with image files, two sites, one user per role', async () => {
    const totals = Object.fromEntries(
      await Promise.all(
        ['items', 'item_sets', 'media', 'sites', 'site_pages', 'users'].map(async (r) => [
          r,
          (await a.get(`/api/${r}?${a.auth}`)).total,
        ]),
      ),
    )
    expect(totals).toEqual({ items: '60', item_sets: '4', media: '5', sites: '2', site_pages: '2', users: '6' })
    expect(a.summary.users.map((u) => u.role)).toEqual([
      'global_admin',
      'site_admin',
      'editor',
      'reviewer',
      'author',
      'researcher',
    ])
    const media = JSON.parse((await a.get(`/api/media?${a.auth}`)).text) as Record<string, string>[]
    for (const m of media) {
      expect(m['o:media_type']).toMatch(/^image\/(png|jpeg)$/)
      expect(a.deps.files.exists('original', m['o:filename']!)).toBe(true)
    }
  })

  it('gives every item a dcterms title and identifier; anonymous sees fewer items than the admin', async () => {
    const items = JSON.parse((await a.get(`/api/items?per_page=100&${a.auth}`)).text) as Record<string, unknown[]>[]
    for (const i of items) {
      expect(i['dcterms:title']).toBeDefined()
      expect(i['dcterms:identifier']).toBeDefined()
    }
    expect(Number((await a.get('/api/items')).total)).toBeLessThan(60)
  })

  it('gives each user a working key with its role', async () => {
    for (const u of a.summary.users) {
      const res = await a.get(`/api/users/${u.id}?key_identity=${u.key_identity}&key_credential=${u.key_credential}`)
      expect(res.status).toBe(200)
      expect(JSON.parse(res.text)['o:role']).toBe(u.role)
    }
  })

  it('same seed → byte-identical API output; another seed → another site', async () => {
    for (const r of ['items', 'item_sets', 'media', 'sites', 'site_pages', 'users']) {
      const path = `/api/${r}?per_page=100&${a.auth}`
      expect((await b.get(path)).text).toBe((await a.get(path)).text)
    }
    expect((await other.get(`/api/items?${other.auth}`)).text).not.toBe((await a.get(`/api/items?${a.auth}`)).text)
  })

  it('rejects bad options', () => {
    expect(seedOptionsSchema.safeParse({ items: -1 }).success).toBe(false)
    expect(seedOptionsSchema.safeParse({ collections: 2 }).success).toBe(false)
  })
})
