import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  data,
  fixture,
  post,
  S_ADMIN,
  S_FIXTURE,
  S_FIXTURE_FRESH,
  startImport,
  startSSite,
  useSites,
  type SSite,
} from './import-s-harness.js'

const { pair, track } = useSites()

describe('S → S import', () => {
  it('mirror mode reproduces the S fixture: items, item sets, media (bytes), values, classes, templates, owners, dates, ids, assets (bytes), sites, pages', async () => {
    const { origin, target } = await pair()
    const r = await startImport(target, origin, { mode: 'mirror' })
    expect(r.status).toBe(200)
    const failures = await target.get(`/api/import_records?import=${r.body['o:id']}&outcome=failed`)
    expect(failures).toEqual([])
    expect(r.body).toMatchObject({ status: 'completed', from_flavor: 's' })
    expect(r.body.counters.items).toMatchObject({ total: 15, created: 15, failed: 0 })
    expect(r.body.counters.media).toMatchObject({ total: 6, created: 6, failed: 0 })
    expect(r.body.counters).toMatchObject({
      assets: { total: 1, created: 1 },
      sites: { total: 2, created: 2 },
      site_pages: { total: 4, created: 4 },
    })
    for (const kind of ['assets', 'item_sets', 'items', 'media', 'sites', 'site_pages']) {
      const expected = fixture(kind)
      const got = await target.get(`/api/${kind}?per_page=100`)
      expect(got.map((x: any) => x['o:id'])).toEqual(expected.map((x) => x['o:id']))
      for (const [i, rep] of expected.entries())
        expect(data(got[i], target.base), `${kind} ${rep['o:id']}`).toEqual(data(rep, origin.base))
    }
    for (const m of fixture('media').filter((m) => m['o:filename'])) {
      const res = await fetch(`${target.base}/files/original/${m['o:filename']}`)
      expect(Buffer.from(await res.arrayBuffer())).toEqual(
        readFileSync(join(S_FIXTURE, 'files/original', m['o:filename'])),
      )
    }
    for (const a of fixture('assets')) {
      const res = await fetch(`${target.base}/files/asset/${a['o:filename']}`)
      expect(Buffer.from(await res.arrayBuffer())).toEqual(
        readFileSync(join(S_FIXTURE, 'files/asset', a['o:filename'])),
      )
    }
  })
})

/** Local id of a remote record, from the run's record log. */
async function localIds(target: SSite, run: number, resource: string): Promise<Map<number, number>> {
  const rows = await target.get(`/api/import_records?import=${run}&resource=${resource}&per_page=1000`)
  return new Map(rows.filter((r: any) => r.local_id !== null).map((r: any) => [r.remote_id, r.local_id]))
}

const values = (rep: any) =>
  Object.fromEntries(
    Object.entries(rep)
      .filter(([k]) => /^[a-z]+:[A-Za-z]/.test(k) && !k.startsWith('o:'))
      .map(([k, v]: [string, any]) => [
        k,
        v.map((x: any) => ({
          ...x,
          thumbnail_url: undefined,
          value_resource_id: x.value_resource_id === undefined ? undefined : 'link',
          '@id': x.type === 'resource' || x.type?.startsWith('resource:') ? undefined : x['@id'],
        })),
      ]),
  )

describe('S → S import in merge mode', () => {
  it('creates everything with new ids, links remapped; a second run changes nothing; undo removes it all', async () => {
    const { origin, target } = await pair()
    // A local item first, so the target's ids differ from the origin's.
    await post(target, '/api/items', { 'dcterms:title': [{ type: 'literal', property_id: 1, '@value': 'Local' }] })
    const first = await startImport(target, origin)
    expect(first.body.status).toBe('completed')
    expect(first.body.counters.items).toMatchObject({ created: 15, failed: 0 })
    const items = await localIds(target, first.body['o:id'], 'items')
    const media = await localIds(target, first.body['o:id'], 'media')
    const sets = await localIds(target, first.body['o:id'], 'item_sets')
    for (const rep of fixture('items')) {
      const got = await target.get(`/api/items/${items.get(rep['o:id'])}`)
      expect(got['o:id']).not.toBe(rep['o:id'])
      expect(values(got)).toEqual(values(rep))
      for (const [k, list] of Object.entries(rep).filter(
        ([k]) => !k.startsWith('o:') && Array.isArray(rep[k]) && k.includes(':'),
      ) as [string, any[]][])
        list.forEach(
          (v, n) =>
            v.value_resource_id &&
            expect(got[k][n].value_resource_id, `${rep['o:id']} ${k}`).toBe(
              items.get(v.value_resource_id) ?? media.get(v.value_resource_id) ?? sets.get(v.value_resource_id),
            ),
        )
      expect(got['o:owner']?.['o:id'] ?? null).toBe(rep['o:owner']?.['o:id'] ?? null)
      expect([got['o:created'], got['o:modified'], got['o:is_public']]).toEqual([
        rep['o:created'],
        rep['o:modified'],
        rep['o:is_public'],
      ])
      expect(got['o:media'].map((m: any) => m['o:id'])).toEqual(rep['o:media'].map((m: any) => media.get(m['o:id'])))
    }
    const second = await startImport(target, origin, { full: true })
    expect(second.body.status).toBe('completed')
    for (const r of ['item_sets', 'items', 'media'] as const)
      expect(second.body.counters[r]).toMatchObject({ created: 0, updated: 0, unchanged: fixture(r).length })
    expect((await target.get('/api/items?per_page=100')).length).toBe(16)
    const undone = await post(target, `/api/imports/${first.body['o:id']}`, { status: 'undone' }, 'PUT')
    expect(undone.body.status).toBe('undone')
    expect((await target.get('/api/items')).map((i: any) => i['o:title'])).toEqual(['Local'])
    expect(await target.get('/api/media')).toEqual([])
    expect(await target.get('/api/item_sets')).toEqual([])
    expect((await target.get('/api/resource_templates')).map((t: any) => t['o:label'])).toEqual(['Base Resource'])
  })

  it('keeps a local edit in merge mode and reports it; never shows the key; refuses non-admins', async () => {
    const { origin, target } = await pair()
    const first = await startImport(target, origin)
    const items = await localIds(target, first.body['o:id'], 'items')
    await post(target, `/api/items/${items.get(4)}`, { 'o:is_public': false }, 'PATCH')
    const again = await startImport(target, origin, { full: true })
    expect(again.body.counters.items).toMatchObject({ unchanged: 15, updated: 0 })
    expect((await target.get(`/api/items/${items.get(4)}`))['o:is_public']).toBe(false)
    expect(JSON.stringify(await target.get('/api/imports'))).not.toContain(S_ADMIN.credential)
    const stored = target.deps.db.$client.prepare('SELECT * FROM import_run').all()
    expect(JSON.stringify(stored)).not.toContain(S_ADMIN.credential)
    const anonymous = await fetch(`${target.base}/api/imports`)
    expect(anonymous.status).toBe(500)
    expect(await fetch(`${target.base}/api/api_resources`).then((r) => r.json())).toHaveLength(17)
  })
})

describe('S import checkpoints', () => {
  it('an interrupted run resumes from its checkpoint and ends with each record once', async () => {
    const { origin, target } = await pair()
    const { ImportJobs: SImportJobs } = await import('../src/omeka-s/importer/jobs.js')
    const jobs = new SImportJobs(target.deps, { inline: true, client: { perPage: 4, baseDelayMs: 5 } })
    let stop = () => {}
    const progress = (r: string, c: any) => r === 'items' && c.items.created >= 8 && stop()
    stop = () => jobs.interruptAll()
    const run = await jobs.start({
      endpoint: `${origin.base}/api`,
      fromFlavor: 's',
      key: S_ADMIN,
      options: { mode: 'merge', dry_run: false, import_users: true, tags_property: 'dcterms:subject' },
      ownerId: 1,
      self: null,
      progress,
    })
    expect(run.status).toBe('interrupted')
    expect(run.cursor?.resource).toBe('items')
    expect(JSON.stringify(run.cursor)).not.toContain(S_ADMIN.credential)
    const resumed = await jobs.resume(run.id, S_ADMIN)
    expect(resumed.status).toBe('completed')
    expect(resumed.counters.items.created).toBe(15)
    expect((await target.get('/api/items?per_page=100')).length).toBe(15)
    expect((await target.get('/api/media?per_page=100')).length).toBe(6)
  })
})

describe('Classic → S import', () => {
  it('maps the Classic fixture as omeka2importer-observed.md describes (and keeps what Omeka2Importer lost)', async () => {
    const { startOrigin } = await import('./import-harness.js')
    const { KEYS } = await import('./helpers.js')
    const classic = await startOrigin()
    const target = track(await startSSite(S_FIXTURE_FRESH))
    try {
      const run = await post(target, '/api/imports', {
        endpoint: classic.endpoint,
        from_flavor: 'classic',
        key: KEYS.super,
        tags_property: 'dcterms:subject',
      })
      expect(run.status).toBe(200)
      expect(run.body.status).toBe('completed')
      expect(run.body.counters).toMatchObject({
        item_sets: { created: 3 },
        items: { created: 15 },
        media: { created: 6, failed: 0 },
      })
      const id = run.body['o:id']
      const items = await localIds(target, id, 'items')
      const sets = await localIds(target, id, 'item_sets')
      const item = (n: number) => target.get(`/api/items/${items.get(n)}`)
      const texts = (rep: any, term: string) => (rep[term] ?? []).map((v: any) => v['@value'])
      const one = await item(1)
      expect(texts(one, 'dcterms:title')).toEqual(['Letter from Jane Doe', 'Correspondence No. 1'])
      expect(texts(one, 'dcterms:subject')).toEqual(['Letters', 'Family history', 'history', 'letters'])
      expect(one['dcterms:language']).toMatchObject([{ type: 'literal', '@value': 'en', is_public: true }])
      expect(one['dcterms:language'][0]['@language']).toBeUndefined()
      expect(one['@type']).toEqual(['o:Item', 'dctype:Text'])
      expect((await target.get(`/api/resource_templates/${one['o:resource_template']['o:id']}`))['o:label']).toBe(
        'Text',
      )
      expect(one['o:item_set'].map((s: any) => s['o:id'])).toEqual([sets.get(1)])
      expect(texts(one, 'oc:text')).toHaveLength(1)
      expect(texts(await item(2), 'dcterms:extent')).toEqual(['8 x 10 in'])
      expect(texts(await item(10), 'bibo:interviewer')).toEqual(['Interviewer Name'])
      expect(texts(await item(11), 'foaf:birthday')).toEqual(['1820'])
      expect((await item(11))['@type']).toEqual(['o:Item', 'foaf:Person'])
      for (const n of [3, 7, 9, 12]) expect((await item(n))['o:is_public']).toBe(false)
      expect((await item(14))['o:title']).toBeNull()
      const five = await item(5)
      expect((await target.get(`/api/item_sets/${five['o:item_set'][0]['o:id']}`))['o:is_public']).toBe(false)
      // Better than Omeka2Importer: no strip_tags, the origin's dates are kept.
      expect((await item(13))['o:title']).toBe('<em>Emphasized</em> title')
      expect((await item(15))['o:title']).toBe('Ünïcødé — “quotes” & <ampersand> 日本語')
      expect(one['o:created']['@value']).toBe(
        new Date(
          `${(classic.deps.db.$client.prepare('SELECT added FROM items WHERE id = 1').get() as { added: string }).added.replace(' ', 'T')}Z`,
        )
          .toISOString()
          .replace('.000Z', '+00:00'),
      )
      const media = await target.get('/api/media?per_page=100')
      expect(media).toHaveLength(6)
      const first = media.find((m: any) => m['o:source'] === 'letter.txt' && m['o:item']['o:id'] === items.get(1))
      expect(first).toMatchObject({
        'o:ingester': 'url',
        'o:renderer': 'file',
        'o:media_type': 'text/plain',
        'dcterms:title': [{ '@value': 'Transcription' }],
      })
      const classicBytes = readFileSync(
        join(classic.deps.files.path('original', '09ebd97a358d49973e30c72768f0e659.txt')),
      )
      expect(first['o:sha256']).toBe(
        (await import('node:crypto')).createHash('sha256').update(classicBytes).digest('hex'),
      )
      expect(Buffer.from(await (await fetch(first['o:original_url'])).arrayBuffer())).toEqual(classicBytes)
      const again = await post(target, '/api/imports', {
        endpoint: classic.endpoint,
        from_flavor: 'classic',
        key: KEYS.super,
        full: true,
      })
      expect(again.body.counters).toMatchObject({
        item_sets: { created: 0, unchanged: 3 },
        items: { created: 0, updated: 0, unchanged: 15 },
        media: { created: 0, unchanged: 6 },
      })
      const undone = await post(target, `/api/imports/${id}`, { status: 'undone' }, 'PUT')
      expect(undone.body.status).toBe('undone')
      expect(await target.get('/api/items')).toEqual([])
      expect((await target.get('/api/vocabularies?per_page=100')).map((v: any) => v['o:prefix'])).toEqual([
        'dcterms',
        'dctype',
        'bibo',
        'foaf',
      ])
    } finally {
      await classic.close()
    }
  })
})
