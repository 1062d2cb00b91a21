import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SHARED } from '../../../test/helpers.js'
import { memoryDeps } from '../bootstrap.js'
import { loadFixture } from '../fixtures/load.js'
import { createApi } from '../index.js'
import { seedSite } from '../synthetic/seed.js'
import { seedOptionsSchema } from '../synthetic/synthetic.schemas.js'
import { exportSite } from './export.js'

// Expected values: shared/conformance/s/fixture (recorded from real Omeka S 4.2.0) and its README (format, next ids).
const FIXTURE = join(SHARED, 'conformance/s/fixture')
const tmp = mkdtempSync(join(tmpdir(), 'omeka-twin-s-export-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))
let n = 0
const fresh = () => memoryDeps(join(tmp, `files-${++n}`))
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as unknown

/** Every file under `dir` (relative path → bytes). */
function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>()
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort())
      statSync(join(d, e)).isDirectory()
        ? walk(join(d, e))
        : out.set(relative(dir, join(d, e)), readFileSync(join(d, e)))
  }
  walk(dir)
  return out
}

describe('export --flavor s', () => {
  it('writes the recorded fixture back byte for byte (records as real Omeka S served them, settings, site, files)', async () => {
    const deps = fresh()
    loadFixture(deps, FIXTURE)
    const out = join(tmp, 'fixture-out')
    const summary = await exportSite(deps, out)
    expect(summary.records).toMatchObject({
      users: 7,
      properties: 184,
      resource_classes: 105,
      items: 15,
      media: 6,
      item_sets: 3,
      sites: 2,
      site_pages: 4,
    })
    const files = tree(out)
    expect([...files.keys()]).toEqual([...tree(FIXTURE).keys()].filter((p) => p !== 'README.md'))
    for (const [path, bytes] of tree(FIXTURE))
      if (path !== 'keys.json' && path !== 'README.md')
        expect(files.get(path)?.toString('latin1'), path).toBe(bytes.toString('latin1'))
    const keys = (list: unknown) => (list as Record<string, unknown>[]).map((k) => [k.user_id, k.key_identity, k.label])
    expect(keys(json(join(out, 'keys.json')))).toEqual(keys(json(join(FIXTURE, 'keys.json'))))
    expect(readdirSync(out)).not.toContain('next_ids.json')
  })

  it('refuses a directory that is not empty', async () => {
    const deps = fresh()
    loadFixture(deps, FIXTURE)
    await expect(exportSite(deps, FIXTURE)).rejects.toThrow(/is not empty/)
  })

  it('export → reset → export gives identical files, next ids and working keys included', async () => {
    const deps = fresh()
    const summary = await seedSite(deps, seedOptionsSchema.parse({ items: 30, item_sets: 3, files: 3, seed: 7 }))
    const admin = summary.users[0]!
    const auth = `key_identity=${admin.key_identity}&key_credential=${admin.key_credential}`
    const app = createApi(deps)
    // A created-then-deleted item leaves the next id past max(id) + 1: next_ids.json must keep it.
    const created = await app.request(`http://x/api/items?${auth}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ 'dcterms:title': [{ type: 'literal', property_id: 1, '@value': 'Gone' }] }),
    })
    const id = ((await created.json()) as { 'o:id': number })['o:id']
    expect((await app.request(`http://x/api/items/${id}?${auth}`, { method: 'DELETE' })).status).toBe(200)

    const first = join(tmp, 'round-1')
    await exportSite(deps, first)
    expect(json(join(first, 'next_ids.json'))).toEqual({ items: id + 1 })
    const again = fresh()
    loadFixture(again, first)
    const second = join(tmp, 'round-2')
    await exportSite(again, second)
    expect(tree(second)).toEqual(tree(first))
    const res = await createApi(again).request(`http://x/api/users/1?${auth}`)
    expect(res.status).toBe(200)
  })
})
