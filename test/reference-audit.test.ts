import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KEYS, ORIGIN, jsonBody, testApp, type TestApp } from './helpers.js'

/**
 * Claims of shared/reference/omeka-classic-api.md whose recorded cases are not in the shown suite,
 * checked on the baseline fixture (items 1-15, private 3, 7, 9, 12; collections 1-3, 3 private;
 * files 1-6; tags 1-7). Expected values follow the reference and Omeka 3.2.1's source.
 */
let t: TestApp
beforeAll(() => {
  t = testApp()
})
afterAll(() => t.close())

const ids = async (path: string) => {
  const { status, body, res } = await t.json(path)
  expect(status, path).toBe(200)
  return {
    ids: (body as { id: number }[]).map((r) => r.id),
    total: res.headers.get('Omeka-Total-Results'),
    link: res.headers.get('Link'),
    res,
  }
}
const link = (path: string, rels: [string, string][]) =>
  rels.map(([q, rel]) => `<${ORIGIN}${path}?${q}>; rel="${rel}"`).join(', ')
const settings = (s: Record<string, unknown>) =>
  t.json('/__admin/settings', {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(s),
  })
const PUBLIC_ITEMS = [1, 2, 4, 5, 6, 8, 10, 11, 13, 14, 15]

describe('pagination edges [075, 077, 078]', () => {
  it('page=-1 serves page 1 and links next to page 0 (prev/next from the raw page)', async () => {
    const r = await ids('/api/items?per_page=5&page=-1')
    expect(r.ids).toEqual([1, 2, 4, 5, 6])
    expect(r.total).toBe('11')
    expect(r.link).toBe(
      link('/api/items', [
        ['per_page=5&page=1', 'first'],
        ['per_page=5&page=3', 'last'],
        ['per_page=5&page=0', 'next'],
      ]),
    )
    expect(r.res.headers.get('Content-Type')).toBe('application/json')
  })

  it('per_page=0 and per_page=100 fall back to the api_per_page maximum (50), also in the Link', async () => {
    for (const pp of ['0', '100']) {
      const r = await ids(`/api/items?per_page=${pp}`)
      expect(r.ids).toEqual(PUBLIC_ITEMS)
      expect(r.link).toBe(
        link('/api/items', [
          ['per_page=50&page=1', 'first'],
          ['per_page=50&page=1', 'last'],
        ]),
      )
    }
  })
})

describe('items filters [097, 101-103, 106, 116, 118, 122, 124]', () => {
  it('collection[]=1&collection[]=2 ORs the ids and re-indexes the array in the Link', async () => {
    const r = await ids('/api/items?collection[]=1&collection[]=2')
    expect(r.ids).toEqual([1, 2, 4, 10, 13])
    const q = 'collection%5B0%5D=1&collection%5B1%5D=2&page=1&per_page=50'
    expect(r.link).toBe(
      link('/api/items', [
        [q, 'first'],
        [q, 'last'],
      ]),
    )
  })

  it('featured/public read through Omeka_Filter_Boolean: only true, On, on, 1 are true', async () => {
    for (const v of ['1', 'true', 'on', 'On']) expect((await ids(`/api/items?featured=${v}`)).ids, v).toEqual([1, 10])
    for (const v of ['0', 'false', 'yes', 'TRUE', '2', '%201'])
      expect((await ids(`/api/items?featured=${v}`)).ids, v).toEqual([2, 4, 5, 6, 8, 11, 13, 14, 15])
    expect((await ids(`/api/collections?featured=yes`)).ids).toEqual([2])
    expect((await ids(`/api/files?has_derivative_image=yes`)).ids).toEqual([1, 5])
    expect((await ids(`/api/items?hasImage=true`)).ids).toEqual((await ids('/api/items?hasImage=1')).ids)
  })

  it('public=0 for a researcher lists the private items (researchers see them)', async () => {
    const r = await ids(`/api/items?public=0&key=${KEYS.researcher}`)
    expect(r.ids).toEqual([3, 7, 9, 12])
    expect(r.link).toBe(
      link('/api/items', [
        ['public=0&page=1&per_page=50', 'first'],
        ['public=0&page=1&per_page=50', 'last'],
      ]),
    )
  })

  it('tags=a,b needs every tag; excludeTags drops tagged items', async () => {
    expect((await ids('/api/items?tags=letters,history')).ids).toEqual([1])
    expect((await ids('/api/items?tags=letters')).ids).toEqual([1, 4])
    expect((await ids('/api/items?excludeTags=letters')).ids).toEqual([2, 5, 6, 8, 10, 11, 13, 14, 15])
  })

  it('range=1,5,10-12 ORs ids and ranges (private 12 stays hidden) and encodes commas in the Link', async () => {
    const r = await ids('/api/items?range=1,5,10-12')
    expect(r.ids).toEqual([1, 5, 10, 11])
    expect(r.link).toContain('range=1%2C5%2C10-12&page=1&per_page=50')
  })

  it('search: the whole string as a substring of a text, or any word / the whole string as a tag name', async () => {
    expect((await ids('/api/items?search=history')).ids).toEqual([1, 6])
    expect((await ids('/api/items?search=letter%20harbor')).ids).toEqual([2])
    expect((await ids('/api/items?search=Letter%20from')).ids).toEqual([1, 4])
    const none = await ids('/api/items?search=Letter%20Jane')
    expect(none.ids).toEqual([])
    expect(none.link).toBe(
      link('/api/items', [
        ['search=Letter+Jane&page=1&per_page=50', 'first'],
        ['search=Letter+Jane&page=0&per_page=50', 'last'],
      ]),
    )
  })
})

describe('collections, files [141, 156, 157]', () => {
  it('collections added_since is a strict > on added, visibility applied', async () => {
    expect((await ids('/api/collections?added_since=2022-06-02')).ids).toEqual([1, 2])
    expect((await ids('/api/collections?added_since=2022-06-02T09:00:00Z')).ids).toEqual([2])
    expect((await ids(`/api/collections?added_since=2022-06-02&key=${KEYS.super}`)).ids).toEqual([1, 2, 3])
  })

  it('files has_derivative_image and mime_type (MySQL compares mime types case-insensitively)', async () => {
    expect((await ids('/api/files?has_derivative_image=1')).ids).toEqual([2, 3, 4])
    expect((await ids('/api/files?has_derivative_image=0')).ids).toEqual([1, 5])
    expect((await ids('/api/files?mime_type=text/plain')).ids).toEqual([1, 5])
    expect((await ids('/api/files?mime_type=IMAGE/PNG')).ids).toEqual((await ids('/api/files?mime_type=image/png')).ids)
  })
})

describe('element sets, elements, item types, tags, users [166, 172, 180, 184-186, 192, 193]', () => {
  it('element set 1 has its 15 elements and no record type', async () => {
    const { body } = await t.json('/api/element_sets/1')
    expect(body.record_type).toBeNull()
    expect(body.elements).toEqual({ count: 15, url: `${ORIGIN}/api/elements?element_set=1`, resource: 'elements' })
    expect(Object.keys(body)).toEqual([
      'id',
      'url',
      'name',
      'description',
      'record_type',
      'elements',
      'extended_resources',
    ])
  })

  it('name filters compare case-insensitively as under utf8_unicode_ci', async () => {
    expect((await ids('/api/element_sets?name=dublin%20core')).ids).toEqual([1])
    expect((await ids('/api/element_sets?record_type=item')).ids).toEqual([3])
    expect((await ids('/api/elements?name=title')).ids).toEqual([50])
    expect((await ids('/api/item_types?name=still%20image')).ids).toEqual([6])
  })

  it('item types index: 16 installed types, id 2 absent', async () => {
    const r = await ids('/api/item_types')
    expect(r.total).toBe('16')
    expect(r.ids).toEqual([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17])
    expect((await ids('/api/item_types?name=Text')).ids).toEqual([1])
  })

  it('tags sort_field=time: earliest tagging first, ties by name (Table_Tag::applySorting)', async () => {
    // Taggings in the fixture date from their items: 1 (history, letters), 2 (harbor, photo), 6 (diary), 10, 15.
    expect((await ids('/api/tags?sort_field=time')).ids).toEqual([2, 1, 3, 4, 5, 6, 7])
    expect((await ids('/api/tags?sort_field=time&sort_dir=d')).ids).toEqual([7, 6, 5, 3, 4, 2, 1])
  })

  it('GET /api/users without a key: the index action does not exist', async () => {
    const r = await t.json('/api/users')
    expect(r.status).toBe(405)
    expect(r.body).toEqual({ message: 'This resource does not implement the "index" action.' })
  })
})

describe('write errors [208, 211, 214, 224, 225, 267, 227-229, 237, 238, 272, 287, 294, 327, 328]', () => {
  const superKey = `?key=${KEYS.super}`

  it('POST with an id, PATCH, PUT on element_sets are 405 with Omeka messages', async () => {
    expect(await t.json(`/api/items/1${superKey}`, jsonBody('POST', {}))).toMatchObject({
      status: 405,
      body: { message: 'POST requests must not include an ID.' },
    })
    expect(await t.json(`/api/items/1${superKey}`, jsonBody('PATCH', {}))).toMatchObject({
      status: 405,
      body: { message: 'This resource does not implement the "patch" action.' },
    })
    expect(await t.json(`/api/element_sets/1${superKey}`, jsonBody('PUT', {}))).toMatchObject({
      status: 405,
      body: { message: 'This resource does not implement the "put" action.' },
    })
  })

  it('bodies "", "x", null and 1 are not JSON objects: 400', async () => {
    for (const body of ['""', '"x"', 'null', '1']) {
      const targets: [string, string][] = [
        ['POST', '/api/items'],
        ['PUT', '/api/items/1'],
        ['POST', '/api/collections'],
        ['PUT', '/api/collections/1'],
      ]
      for (const [method, path] of targets) {
        const r = await t.json(`${path}${superKey}`, jsonBody(method, body))
        expect(r, `${method} ${path} ${body}`).toMatchObject({
          status: 400,
          body: { message: 'Invalid request. Request body must be a JSON object.' },
        })
        expect(r.res.headers.get('Content-Type')).toBe('application/json')
      }
    }
  })

  it('researcher and contributor writes Omeka denies', async () => {
    const denied = { status: 403, body: { message: 'Permission denied.' } }
    const r = `?key=${KEYS.researcher}`
    const c = `?key=${KEYS.contributor}`
    expect(await t.json(`/api/items${r}`, jsonBody('POST', {}))).toMatchObject(denied)
    expect(await t.json(`/api/items/1${r}`, jsonBody('PUT', {}))).toMatchObject(denied)
    expect(await t.json(`/api/items/1${r}`, { method: 'DELETE' })).toMatchObject(denied)
    expect(await t.json(`/api/collections${r}`, jsonBody('POST', {}))).toMatchObject(denied)
    expect(await t.json(`/api/element_sets${c}`, jsonBody('POST', { name: 'Mine' }))).toMatchObject(denied)
    expect(await t.json(`/api/item_types${c}`, jsonBody('POST', { name: 'Mine' }))).toMatchObject(denied)
    expect((await ids(`/api/element_sets?key=${KEYS.super}`)).ids).toEqual([1, 3])
  })

  it('files POST whose data field is not JSON: 400', async () => {
    const form = new FormData()
    form.append('data', '{not json')
    form.append('file', new Blob(['hello']), 'a.txt')
    const r = await t.json(`/api/files${superKey}`, { method: 'POST', body: form })
    expect(r).toMatchObject({ status: 400, body: { message: 'Invalid request. Request body must be a JSON object.' } })
  })

  it('duplicate element set and item type names (case-insensitive, as MySQL compares them)', async () => {
    for (const name of ['Dublin Core', 'dublin core']) {
      expect(await t.json(`/api/element_sets${superKey}`, jsonBody('POST', { name }))).toMatchObject({
        status: 400,
        body: { message: 'Error when saving record.', errors: { Name: 'Name of element set must be unique.' } },
      })
    }
    for (const name of ['Text', 'TEXT']) {
      expect(await t.json(`/api/item_types${superKey}`, jsonBody('POST', { name }))).toMatchObject({
        status: 400,
        body: { message: 'Error when saving record.', errors: { name: 'The item type name must be unique.' } },
      })
    }
  })

  it('ids 0 and -1 are not found, for reads and writes', async () => {
    const nf = { status: 404, body: { message: 'Invalid record. Record not found.' } }
    for (const id of ['0', '-1']) {
      expect(await t.json(`/api/items/${id}`)).toMatchObject(nf)
      expect(await t.json(`/api/collections/${id}${superKey}`)).toMatchObject(nf)
      expect(await t.json(`/api/items/${id}${superKey}`, jsonBody('PUT', {}))).toMatchObject(nf)
    }
  })
})

describe('settings [312, 313, 320] and tags after delete [303]', () => {
  it('API disabled: any valid key or none, JSONP included, gets plain 403 JSON; a bad key still says Invalid key', async () => {
    await settings({ api_enable: false })
    try {
      for (const q of [`?key=${KEYS.researcher}`, '?callback=cb', `?key=${KEYS.super}&callback=cb&pretty_print`]) {
        const r = await t.request(`/api/items${q}`)
        expect(r.status).toBe(403)
        expect(r.headers.get('Content-Type')).toBe('application/json')
        expect(await r.text()).toBe('{"message":"API is disabled"}')
      }
      expect(await (await t.request('/api/items?key=bogus&callback=cb')).text()).toBe('{"message":"Invalid key."}')
    } finally {
      await settings({ api_enable: true })
    }
  })

  it('api_filter_element_texts on a collection drops the html key', async () => {
    await settings({ api_filter_element_texts: true })
    try {
      const { body } = await t.json('/api/collections/1')
      expect(body.element_texts.length).toBeGreaterThan(0)
      for (const et of body.element_texts) expect(Object.keys(et)).toEqual(['text', 'element_set', 'element'])
    } finally {
      await settings({ api_filter_element_texts: false })
    }
  })

  it('a deleted tag is not found afterwards', async () => {
    expect((await t.json(`/api/tags/7?key=${KEYS.admin}`, { method: 'DELETE' })).status).toBe(204)
    expect(await t.json('/api/tags/7')).toMatchObject({
      status: 404,
      body: { message: 'Invalid record. Record not found.' },
    })
  })
})
