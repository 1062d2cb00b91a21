import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createApp } from '../../app.js'
import { SHARED } from '../../../test/helpers.js'
import { memoryDeps, initialiseS, isEmpty } from '../bootstrap.js'
import { readSettings } from '../settings.js'
import type { Deps } from '../deps.js'

// Expected values: shared/conformance/s/fixture-fresh (a fresh Omeka S 4.2.0 install) served by the same app.
const FRESH = join(SHARED, 'conformance/s/fixture-fresh')
const ORIGIN = 'http://omeka-s.test'
const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

async function started(source: { fixture?: string; empty: boolean }) {
  const dir = mkdtempSync(join(tmpdir(), 'omeka-twin-s-install-'))
  dirs.push(dir)
  const s: Deps = memoryDeps(join(dir, 's'), { flavor: 's' })
  const deps = { config: s.config, s }
  expect(isEmpty(s)).toBe(true)
  const key = await initialiseS(s, source)
  const app = createApp(deps)
  const get = async (path: string) => {
    const res = await app.request(`${ORIGIN}${path}`)
    return { status: res.status, text: await res.text(), total: res.headers.get('Omeka-S-Total-Results') }
  }
  return { s, key, get, auth: key ? `key_identity=${key.identity}&key_credential=${key.credential}` : '' }
}

describe('first start of an empty S data dir', async () => {
  const fresh = await started({ fixture: FRESH, empty: false })
  const empty = await started({ empty: true })
  const demo = await started({ empty: false })

  it('--fixture loads the fixture and makes no key', () => {
    expect(fresh.key).toBeNull()
  })

  it.each(['vocabularies', 'properties', 'resource_classes', 'resource_templates'])(
    'installs the %s of a fresh Omeka S 4.2.0',
    async (name) => {
      const path = `/api/${name}?per_page=1000&${empty.auth}`
      const mine = await empty.get(path)
      expect(mine.status).toBe(200)
      expect(mine.text).toBe((await fresh.get(path)).text)
    },
  )

  it('installs the default settings of a fresh install', () => {
    expect(readSettings(empty.s.db)).toEqual(JSON.parse(readFileSync(join(FRESH, 'settings.json'), 'utf8')))
  })

  it('creates one global admin whose random key authenticates; --empty adds nothing else', async () => {
    expect(empty.key!.identity).toMatch(/^[A-Za-z0-9]{32}$/)
    expect(empty.key!.credential).not.toBe(demo.key!.credential)
    const users = JSON.parse((await empty.get(`/api/users?${empty.auth}`)).text) as Record<string, unknown>[]
    expect(users.map((u) => [u['o:id'], u['o:role'], u['o:is_active']])).toEqual([[1, 'global_admin', true]])
    expect((await empty.get('/api/users')).status).toBe(403)
    for (const r of ['items', 'item_sets', 'media', 'sites', 'site_pages', 'assets'])
      expect((await empty.get(`/api/${r}?${empty.auth}`)).total).toBe('0')
  })

  it('adds the demo data: 3 items (one private), an item set, an image media, a site with its Welcome page', async () => {
    const totals = async (auth: string) =>
      Object.fromEntries(
        await Promise.all(
          ['items', 'item_sets', 'media', 'sites', 'site_pages'].map(async (r) => [
            r,
            (await demo.get(`/api/${r}?${auth}`)).total,
          ]),
        ),
      )
    expect(await totals(demo.auth)).toEqual({ items: '3', item_sets: '1', media: '1', sites: '1', site_pages: '1' })
    expect((await totals('')).items).toBe('2')
    const item = JSON.parse(
      (
        await demo.get(
          '/api/items?property[0][property]=dcterms:title&property[0][type]=eq&property[0][text]=View of the harbour',
        )
      ).text,
    )[0]
    expect(item['o:media']).toHaveLength(1)
    expect(item['dcterms:creator'][0]['@value']).toBe('Unknown photographer')
    const media = JSON.parse((await demo.get(`/api/media/${item['o:media'][0]['o:id']}`)).text)
    expect(media['o:media_type']).toBe('image/png')
    expect(media['o:thumbnail_urls']).toHaveProperty('square')
    expect(demo.s.files.exists('original', media['o:filename'])).toBe(true)
    expect(demo.s.files.exists('square', media['o:filename'].replace(/\.png$/, '.jpg'))).toBe(true)
  })
})
