import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KEYS, jsonBody, testApp, type TestApp } from '../../../../test/helpers.js'

// Expected values: shared/reference/omeka-classic-api.md (observed on Omeka Classic 3.2.1) and the fixture data.
let t: TestApp
beforeAll(() => {
  t = testApp()
})
afterAll(() => t.close())

describe('items: reading', () => {
  it('lists only public items to anonymous callers, with total and Link headers', async () => {
    const { status, body, res } = await t.json('/api/items')
    expect(status).toBe(200)
    expect(body.map((i: { id: number }) => i.id)).toEqual([1, 2, 4, 5, 6, 8, 10, 11, 13, 14, 15])
    expect(res.headers.get('Omeka-Total-Results')).toBe('11')
    expect(res.headers.get('Link')).toBe(
      '<http://omeka.test/api/items?page=1&per_page=50>; rel="first", <http://omeka.test/api/items?page=1&per_page=50>; rel="last"',
    )
  })

  it('escapes slashes and non-ASCII the way PHP json_encode does', async () => {
    const text = await (await t.request('/api/items/15')).text()
    expect(text).toContain('"url":"http:\\/\\/omeka.test\\/api\\/items\\/15"')
    expect(text).toContain(
      '\\u00dcn\\u00efc\\u00f8d\\u00e9 \\u2014 \\u201cquotes\\u201d & <ampersand> \\u65e5\\u672c\\u8a9e',
    )
  })

  it('pages with per_page and links prev and next', async () => {
    const { body, res } = await t.json('/api/items?per_page=5&page=2')
    expect(body.map((i: { id: number }) => i.id)).toEqual([8, 10, 11, 13, 14])
    expect(res.headers.get('Link')).toContain('rel="prev"')
    expect(res.headers.get('Link')).toContain('<http://omeka.test/api/items?per_page=5&page=3>; rel="next"')
  })

  it('filters by tags (all of them), search and advanced search', async () => {
    expect((await t.json('/api/items?tags=oral+history')).body.map((i: { id: number }) => i.id)).toEqual([10])
    expect((await t.json('/api/items?search=letter')).body.map((i: { id: number }) => i.id)).toEqual([1, 4])
    const adv = '/api/items?advanced[0][element_id]=39&advanced[0][type]=is+exactly&advanced[0][terms]=Jane+Doe'
    expect((await t.json(adv)).body.map((i: { id: number }) => i.id)).toEqual([1])
  })

  it('wraps JSONP responses and pretty-prints with 4-space indentation', async () => {
    const jsonp = await (await t.request('/api/items/1?callback=cb')).text()
    expect(jsonp.startsWith('cb({"headers":{"status":200},"data":{"id":1,')).toBe(true)
    expect(jsonp.endsWith('});')).toBe(true)
    const pretty = await (await t.request('/api/items/1?pretty_print')).text()
    expect(pretty.startsWith('{\n    "id": 1,\n    "url": "http:\\/\\/omeka.test\\/api\\/items\\/1",')).toBe(true)
  })
})

describe('items: errors', () => {
  it("answers 404 with Omeka's message for a private item seen anonymously", async () => {
    expect(await t.json('/api/items/3')).toMatchObject({
      status: 404,
      body: { message: 'Invalid record. Record not found.' },
    })
  })

  it('rejects unknown GET parameters and keys', async () => {
    expect(await t.json('/api/items?user=1')).toMatchObject({
      status: 400,
      body: { message: 'Invalid GET request parameter: "user"' },
    })
    expect(await t.json('/api/items?key=nope')).toMatchObject({ status: 403, body: { message: 'Invalid key.' } })
  })

  it('refuses bodies that are not JSON objects and leaves no record behind', async () => {
    const before = (await t.json(`/api/items?key=${KEYS.super}`)).res.headers.get('Omeka-Total-Results')
    for (const bad of ['[]', '{not json', '']) {
      const r = await t.json(`/api/items?key=${KEYS.super}`, jsonBody('POST', bad))
      expect(r).toMatchObject({
        status: 400,
        body: { message: 'Invalid request. Request body must be a JSON object.' },
      })
    }
    expect((await t.json(`/api/items?key=${KEYS.super}`)).res.headers.get('Omeka-Total-Results')).toBe(before)
  })

  it('reports an unknown collection as a save error and writes nothing', async () => {
    const r = await t.json(
      `/api/items?key=${KEYS.super}`,
      jsonBody('POST', { collection: { id: 999 }, element_texts: [{ element: { id: 50 }, text: 'x', html: false }] }),
    )
    expect(r).toMatchObject({
      status: 400,
      body: { message: 'Error when saving record.', errors: { collection_id: 'Invalid collection.' } },
    })
    expect(t.deps.db.$client.prepare("SELECT COUNT(*) AS n FROM element_texts WHERE text = 'x'").get()).toEqual({
      n: 0,
    })
  })
})

describe('items: permissions', () => {
  it('lets a researcher see private items but not create them', async () => {
    expect((await t.json(`/api/items/3?key=${KEYS.researcher}`)).status).toBe(200)
    expect(await t.json(`/api/items?key=${KEYS.researcher}`, jsonBody('POST', {}))).toMatchObject({
      status: 403,
      body: { message: 'Permission denied.' },
    })
  })

  it("lets a contributor edit their own item but not another user's", async () => {
    expect((await t.json(`/api/items/6?key=${KEYS.contributor}`, jsonBody('PUT', { featured: true }))).status).toBe(200)
    expect(await t.json(`/api/items/1?key=${KEYS.contributor}`, jsonBody('PUT', { featured: false }))).toMatchObject({
      status: 403,
    })
  })

  it('replaces all element texts and tags on PUT and keeps what is not given', async () => {
    const created = await t.json(
      `/api/items?key=${KEYS.super}`,
      jsonBody('POST', {
        item_type: { id: 1 },
        tags: [{ name: 'a' }, { name: 'b' }],
        element_texts: [
          { element: { id: 50 }, text: 'One', html: false },
          { element: { id: 41 }, text: 'Two', html: false },
        ],
      }),
    )
    expect(created.status).toBe(201)
    expect(created.res.headers.get('Location')).toBe(`http://omeka.test/api/items/${created.body.id}`)
    const put = await t.json(
      `/api/items/${created.body.id}?key=${KEYS.super}`,
      jsonBody('PUT', { element_texts: [{ element: { id: 50 }, text: 'Only', html: false }], tags: [{ name: 'c' }] }),
    )
    expect(put.body.element_texts.map((e: { text: string }) => e.text)).toEqual(['Only'])
    expect(put.body.tags.map((x: { name: string }) => x.name)).toEqual(['c'])
    expect(put.body.item_type.id).toBe(1)
    const del = await t.request(`/api/items/${created.body.id}?key=${KEYS.super}`, { method: 'DELETE' })
    expect(del.status).toBe(204)
    expect(del.headers.get('Content-Type')).toBeNull()
  })
})

describe('items: transactions', () => {
  /** Row counts of every table an item write touches. */
  const counts = (db: TestApp['deps']['db']) =>
    Object.fromEntries(
      ['items', 'element_texts', 'tags', 'records_tags'].map((tbl) => [
        tbl,
        (db.$client.prepare(`SELECT COUNT(*) AS n FROM ${tbl}`).get() as { n: number }).n,
      ]),
    )

  it('leaves the database unchanged when an insert fails half-way through a multi-table write', async () => {
    const local = testApp()
    try {
      const { db } = local.deps
      // The second element text fails after the item row, the first text and the tags were written.
      db.$client.exec(
        "CREATE TRIGGER fail_text BEFORE INSERT ON element_texts WHEN NEW.text = 'boom' BEGIN SELECT RAISE(ABORT, 'injected failure'); END",
      )
      const before = counts(db)
      const body = {
        tags: [{ name: 'brand-new-tag' }],
        element_texts: [
          { element: { id: 50 }, text: 'fine', html: false },
          { element: { id: 41 }, text: 'boom', html: false },
        ],
      }
      expect((await local.json(`/api/items?key=${KEYS.super}`, jsonBody('POST', body))).status).toBe(500)
      expect(counts(db)).toEqual(before)

      const item1 = (await local.json(`/api/items/1?key=${KEYS.super}`)).body
      expect(
        (await local.json(`/api/items/1?key=${KEYS.super}`, jsonBody('PUT', { featured: false, ...body }))).status,
      ).toBe(500)
      expect(counts(db)).toEqual(before)
      expect((await local.json(`/api/items/1?key=${KEYS.super}`)).body).toEqual(item1)
      // The search index follows the rolled-back texts too.
      expect((await local.json('/api/items?search=fine')).body).toEqual([])
    } finally {
      local.close()
    }
  })
})
