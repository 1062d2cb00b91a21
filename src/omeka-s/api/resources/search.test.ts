import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../app.js'
import { SHARED } from '../../../../test/helpers.js'
import { memoryDeps } from '../../bootstrap.js'
import { loadFixture } from '../../fixtures/load.js'

const FRESH = join(SHARED, 'conformance/s/fixture-fresh')
const ORIGIN = 'http://omeka-s.test'
const keys = JSON.parse(readFileSync(join(FRESH, 'keys.json'), 'utf8')) as {
  user_id: number
  key_identity: string
  key_credential: string
}[]
/** The key query of a fixture user: 1 global admin, 3 author (sees public and own resources only). */
const keyOf = (userId: number) => {
  const k = keys.find((x) => x.user_id === userId)!
  return `key_identity=${k.key_identity}&key_credential=${k.key_credential}`
}
const literal = (pid: number, text: string, isPublic = true) => ({
  type: 'literal',
  property_id: pid,
  '@value': text,
  is_public: isPublic,
})

describe('Omeka S search indexes follow writes (fulltext_search, property)', () => {
  let dir: string
  let app: ReturnType<typeof createApp>
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await app.request(`${ORIGIN}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    })
    return {
      status: res.status,
      total: res.headers.get('Omeka-S-Total-Results'),
      json: (await res.json()) as Record<string, unknown> & Record<string, unknown>[],
    }
  }
  const ids = async (path: string) =>
    ((await call('GET', path)).json as unknown as { 'o:id': number }[]).map((r) => r['o:id'])
  const create = async (body: Record<string, unknown>, userId = 1) =>
    (await call('POST', `/api/items?${keyOf(userId)}`, body)).json['o:id'] as number

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'omeka-twin-s-search-'))
    const s = memoryDeps(join(dir, 's'), { flavor: 's' })
    const deps = { config: s.config, s }
    loadFixture(deps.s, FRESH)
    app = createApp(deps)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('finds a created item by a word of its values, then no more once the value is edited or the item deleted', async () => {
    const id = await create({
      'o:is_public': true,
      'dcterms:title': [literal(1, 'Zanzibarine lantern')],
      'dcterms:subject': [literal(3, 'Quaysides')],
    })
    expect(await ids('/api/items?fulltext_search=zanzibarine')).toEqual([id])
    // Whole tokens, case-insensitive (InnoDB FULLTEXT): `QUAYSIDES` finds it, the prefix `quayside` does not.
    expect(await ids('/api/items?fulltext_search=QUAYSIDES')).toEqual([id])
    expect(await ids('/api/items?fulltext_search=quayside')).toEqual([])
    await call('PATCH', `/api/items/${id}?${keyOf(1)}`, { 'dcterms:title': [literal(1, 'Plain lantern')] })
    expect(await ids('/api/items?fulltext_search=zanzibarine')).toEqual([])
    expect(await ids('/api/items?fulltext_search=quayside')).toEqual([])
    await call('DELETE', `/api/items/${id}?${keyOf(1)}`)
    expect(await ids('/api/items?fulltext_search=lantern')).toEqual([])
  })

  it('ranks by how often the words occur, and counts a linked resource title', async () => {
    const once = await create({ 'o:is_public': true, 'dcterms:title': [literal(1, 'Orrery once')] })
    const twice = await create({ 'o:is_public': true, 'dcterms:title': [literal(1, 'Orrery and orrery')] })
    const linking = await create({
      'o:is_public': true,
      'dcterms:title': [literal(1, 'Plain')],
      'dcterms:relation': [{ type: 'resource', property_id: 13, value_resource_id: twice }],
    })
    // The title counts as well as the title value: twice 2 + 2, once 1 + 1, linking 2 (the linked title);
    // equal scores in id order.
    expect(await ids('/api/items?fulltext_search=orrery')).toEqual([twice, once, linking])
  })

  it('never finds private values by fulltext (only public ones are indexed), and by property only for callers who may see them', async () => {
    const id = await create(
      {
        'o:is_public': true,
        'dcterms:title': [literal(1, 'Visible title')],
        'dcterms:description': [literal(4, 'Quixotical secret', false)],
      },
      3,
    )
    // AbstractResourceEntityAdapter::getFulltextText indexes public values only, whoever asks.
    expect(await ids('/api/items?fulltext_search=quixotical')).toEqual([])
    expect(await ids(`/api/items?fulltext_search=quixotical&${keyOf(3)}`)).toEqual([])
    expect(await ids(`/api/items?fulltext_search=quixotical&${keyOf(1)}`)).toEqual([])
    expect(await ids(`/api/items?fulltext_search=visible&${keyOf(3)}`)).toEqual([id])
    const eq = 'property[0][property]=4&property[0][type]=eq&property[0][text]=quixotical%20SECRET'
    expect(await ids(`/api/items?${eq}`)).toEqual([])
    expect(await ids(`/api/items?${eq}&${keyOf(3)}`)).toEqual([id])
    expect(await ids(`/api/items?${eq}&${keyOf(1)}`)).toEqual([id])
    // nex: no visible description, so anonymous callers see the item among those without one.
    expect(await ids(`/api/items?property[0][property]=4&property[0][type]=nex&id=${id}`)).toEqual([id])
    expect(await ids(`/api/items?property[0][property]=4&property[0][type]=nex&id=${id}&${keyOf(3)}`)).toEqual([])
  })
})
