import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { memoryDeps as memorySDeps } from '../src/omeka-s/bootstrap.js'
import { loadFixture as loadSFixture } from '../src/omeka-s/fixtures/load.js'
import { S_FIXTURE } from './s-recorded.js'

// Writes naming records through findEntity(): a missing or invisible one is Omeka's 404 and nothing is
// stored; sites are assigned only with the can-assign-items privilege (recorded: 1203, 1210, 1218, 1254).

const keys = JSON.parse(readFileSync(join(S_FIXTURE, 'keys.json'), 'utf8')) as {
  user_id: number
  key_identity: string
  key_credential: string
}[]
const auth = (userId: number) => {
  const k = keys.find((x) => x.user_id === userId)!
  return `key_identity=${k.key_identity}&key_credential=${k.key_credential}`
}
const ADMIN = 1
const EDITOR = 2
const AUTHOR = 3

describe('references in S writes', () => {
  let dir: string
  let app: ReturnType<typeof createApp>
  const post = async (path: string, userId: number, body: unknown) => {
    const res = await app.request(`http://omeka.test${path}?${auth(userId)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
    return { status: res.status, json: (await res.json()) as Record<string, unknown> }
  }
  const total = async (path: string) =>
    (await app.request(`http://omeka.test${path}?${auth(ADMIN)}`)).headers.get('Omeka-S-Total-Results')
  const title = { 'dcterms:title': [{ type: 'literal', property_id: 1, '@value': 'Letter to the board' }] }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'omeka-twin-s-refs-'))
    const s = memorySDeps(join(dir, 's'), { flavor: 's' })
    const deps = { config: s.config, s }
    loadSFixture(deps.s, S_FIXTURE)
    app = createApp(deps)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it("answers findEntity's 404 for a missing class, on items and media alike, and stores nothing", async () => {
    const items = await total('/api/items')
    const media = await total('/api/media')
    const item = await post('/api/items', ADMIN, { ...title, 'o:resource_class': { 'o:id': 9999 } })
    expect(item).toEqual({
      status: 404,
      json: { errors: { error: 'Omeka\\Entity\\ResourceClass entity with criteria {"id":9999} not found' } },
    })
    const m = await post('/api/media', ADMIN, {
      'o:ingester': 'html',
      html: '<p>x</p>',
      'o:item': { 'o:id': 6 },
      'o:resource_template': { 'o:id': '77' },
    })
    expect(m).toEqual({
      status: 404,
      json: { errors: { error: 'Omeka\\Entity\\ResourceTemplate entity with criteria {"id":"77"} not found' } },
    })
    expect(await total('/api/items')).toBe(items)
    expect(await total('/api/media')).toBe(media)
  })

  it('answers 404 for an item set or a site the author cannot see', async () => {
    expect((await post('/api/items', AUTHOR, { ...title, 'o:item_set': [{ 'o:id': 2 }, { 'o:id': 3 }] })).json).toEqual(
      { errors: { error: 'Omeka\\Entity\\ItemSet entity with criteria {"id":3} not found' } },
    )
    expect((await post('/api/items', AUTHOR, { ...title, 'o:site': [{ 'o:id': 2 }] })).json).toEqual({
      errors: { error: 'Omeka\\Entity\\Site entity with criteria {"id":2} not found' },
    })
  })

  it('assigns a site only where the writer may assign items', async () => {
    const sites = async (userId: number) =>
      (
        (await post('/api/items', userId, { ...title, 'o:site': [{ 'o:id': 1 }] })).json['o:site'] as {
          'o:id': number
        }[]
      ).map((s) => s['o:id'])
    expect(await sites(EDITOR)).toEqual([])
    expect(await sites(AUTHOR)).toEqual([])
    expect(await sites(ADMIN)).toEqual([1])
  })
})
