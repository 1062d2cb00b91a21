import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { memoryDeps as memorySDeps } from '../src/omeka-s/bootstrap.js'
import { loadFixture as loadSFixture } from '../src/omeka-s/fixtures/load.js'
import { jsonEncode as sJsonEncode } from '../src/omeka-s/http/s-json.js'
import { SHARED } from './helpers.js'

// Claims of reference/omeka-s-api.md (Omeka S 4.2.0) that no shown recorded case exercises, on the S fixture.
const ORIGIN = 'http://omeka-s.test'
const ADMIN = 'key_identity=LpMshdB8D2ctUv5G40l11MrdsvsJEjOP&key_credential=NkjC8Azj4IxaPXW4zUVAQ9JCOiiRSJpH'
const RESEARCHER = 'key_identity=QsebrzIIchUFAvjjnGPHO2ItziSmKRBD&key_credential=yPvQnht6FI8NMtX37OhVhNmRm8gtYGNB'

describe('Omeka S reference claims beyond the shown cases', () => {
  let dir: string
  let app: ReturnType<typeof createApp>
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'omeka-twin-s-audit-'))
    const s = memorySDeps(join(dir, 's'), { flavor: 's' })
    const deps = { config: s.config, s }
    loadSFixture(deps.s, join(SHARED, 'conformance/s/fixture'))
    app = createApp(deps)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const get = (path: string) => app.request(`${ORIGIN}${path}`)
  const ids = async (res: Response) => ((await res.json()) as { 'o:id': number }[]).map((r) => r['o:id'])
  const post = (path: string, body: unknown) =>
    app.request(`${ORIGIN}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })

  describe('§5.1 paging', () => {
    it('limit and offset apply when page is not numeric (limitQuery), total unchanged, Link on one page', async () => {
      const res = await get('/api/items?limit=2&offset=1&page=abc')
      expect(await ids(res)).toEqual([5, 6])
      expect(res.headers.get('Omeka-S-Total-Results')).toBe('13')
      const q = 'limit=2&offset=1&page=1&sort_by_default=&sort_order_default=&sort_by=id&sort_order=asc'
      expect(res.headers.get('Link')).toBe(
        `<${ORIGIN}/api/items?${q}>; rel="first", <${ORIGIN}/api/items?${q}>; rel="last"`,
      )
    })
    it('limit=0 without a numeric page returns no rows but the total', async () => {
      const res = await get('/api/items?limit=0&page=')
      expect(await ids(res)).toEqual([])
      expect(res.headers.get('Omeka-S-Total-Results')).toBe('13')
    })
    it('an offset alone skips rows; with the default page, limit and offset are ignored', async () => {
      expect(await ids(await get('/api/items?offset=10&page=x'))).toEqual([19, 20, 21])
      expect((await ids(await get('/api/items?limit=2&offset=3'))).length).toBe(13)
    })
    it('per_page below 1 gives one row; sort_order is case-insensitive, an unknown one is asc', async () => {
      expect(await ids(await get('/api/items?per_page=-1'))).toEqual([4])
      expect(await ids(await get('/api/items?sort_order=DESC&per_page=3'))).toEqual([21, 20, 19])
      expect(await ids(await get('/api/items?sort_order=sideways&per_page=3'))).toEqual([4, 5, 6])
    })
    it('id takes a comma-separated list with spaces trimmed', async () => {
      expect(await ids(await get('/api/items?id=4,5,%206'))).toEqual([4, 5, 6])
    })
  })

  describe('§5.4 other adapters', () => {
    it('properties by vocabulary_namespace_uri, resource classes by vocabulary_prefix', async () => {
      const props = await get('/api/properties?vocabulary_namespace_uri=http://xmlns.com/foaf/0.1/')
      expect(props.headers.get('Omeka-S-Total-Results')).toBe('62')
      expect((await get('/api/resource_classes?vocabulary_prefix=dctype')).headers.get('Omeka-S-Total-Results')).toBe(
        '12',
      )
      expect(await ids(await get('/api/vocabularies?prefix=foaf'))).toEqual([4])
    })
    it('users: is_active and name filters; a researcher may search users', async () => {
      expect(await ids(await get(`/api/users?is_active=0&${ADMIN}`))).toEqual([7])
      expect(await ids(await get(`/api/users?name=Admin&${RESEARCHER}`))).toEqual([1])
    })
    it('sites: exclude_id', async () => {
      expect(await ids(await get(`/api/sites?exclude_id=1&${ADMIN}`))).toEqual([2])
    })
    it('modules are 403 for anonymous users, with the adapter class named', async () => {
      const res = await get('/api/modules')
      expect(res.status).toBe(403)
      expect(await res.text()).toBe(
        '{"errors":{"error":"Permission denied for the current user to search the Omeka\\\\Api\\\\Adapter\\\\ModuleAdapter resource."}}',
      )
    })
  })

  describe('§1 routing', () => {
    it('DELETE and PATCH on a collection are 405 without the JSON error format', async () => {
      for (const method of ['DELETE', 'PATCH']) {
        const res = await app.request(`${ORIGIN}/api/items`, { method })
        expect(res.status).toBe(405)
        expect(res.headers.get('Content-Type')).not.toBe('application/ld+json')
      }
    })
  })

  describe('§4.3 validation messages', () => {
    it('vocabulary prefixes starting with "o-" are reserved', async () => {
      const res = await post(`/api/vocabularies?${ADMIN}`, {
        'o:namespace_uri': 'http://example.org/x#',
        'o:prefix': 'o-x',
        'o:label': 'X',
      })
      expect(res.status).toBe(422)
      expect(await res.text()).toBe('{"errors":{"o:prefix":["The prefix \\u0022o-x\\u0022 is reserved."]}}')
    })
    it('item o:item_set and o:media must be arrays, both filed under o:item_set', async () => {
      const res = await post(`/api/items?${ADMIN}`, { 'o:item_set': 'x', 'o:media': 5 })
      expect(res.status).toBe(422)
      expect(await res.text()).toBe('{"errors":{"o:item_set":["Item sets must be an array","Media must be an array"]}}')
    })
    it('the same check runs on PATCH', async () => {
      const res = await app.request(`${ORIGIN}/api/items/4?${ADMIN}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json' },
        body: '{"o:media":"x"}',
      })
      expect(res.status).toBe(422)
      expect(await res.text()).toBe('{"errors":{"o:item_set":["Media must be an array"]}}')
    })
    it('a nested media without an ingester', async () => {
      const res = await post(`/api/items?${ADMIN}`, { 'o:media': [{ html: '<p>x</p>' }] })
      expect(res.status).toBe(422)
      expect(await res.text()).toBe('{"errors":{"o:media":[{"o:ingester":["Media must set an ingester."]}]}}')
    })
    it('a media with an unknown ingester, and one without any', async () => {
      const bogus = await post(`/api/media?${ADMIN}`, { 'o:item': { 'o:id': 4 }, 'o:ingester': 'bogus' })
      expect(bogus.status).toBe(422)
      expect(await bogus.text()).toBe('{"errors":{"o:ingester":["Media must set a valid ingester."]}}')
      const none = await post(`/api/media?${ADMIN}`, {})
      expect(await none.text()).toBe('{"errors":{"o:ingester":["Media must set an ingester."]}}')
    })
  })

  describe('§4.2 encoding', () => {
    it('two quotes in a row are both \\u0022', () => {
      expect(sJsonEncode({ t: 'a "" b', u: '\\""' })).toBe('{"t":"a \\u0022\\u0022 b","u":"\\\\\\u0022\\u0022"}')
    })
  })
})
