import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fixture, post, S_ADMIN_QUERY, S_FIXTURE, startImport, useSites, type SSite } from './import-s-harness.js'

const { pair } = useSites()
const LOGO = readFileSync(join(S_FIXTURE, 'files/asset', fixture('assets')[0]['o:filename']))

/** Local ids of remote records, from a run's record log. */
async function localIds(target: SSite, run: number, resource: string): Promise<Map<number, number>> {
  const rows = await target.get(`/api/import_records?import=${run}&resource=${resource}&per_page=1000`)
  return new Map(rows.filter((r: any) => r.local_id !== null).map((r: any) => [r.remote_id, r.local_id]))
}

/** Origin records that name pages, assets and item sets beyond the fixture: navigation page links, homepage, thumbnail, asset and browse preview blocks. */
async function enrichOrigin(origin: SSite): Promise<void> {
  const nav = [
    { type: 'browse', data: { label: 'Letters', query: 'item_set_id=1&sort_by=title' }, links: [] },
    { type: 'page', data: { label: '', id: 3 }, links: [{ type: 'page', data: { label: 'Draft', id: 4 }, links: [] }] },
  ]
  expect(
    (
      await post(
        origin,
        '/api/sites/1',
        { 'o:navigation': nav, 'o:homepage': { 'o:id': 3 }, 'o:thumbnail': { 'o:id': 1 } },
        'PATCH',
      )
    ).status,
  ).toBe(200)
  const page = fixture('site_pages').find((p) => p['o:id'] === 3)
  const blocks = [
    ...page['o:block'],
    {
      'o:layout': 'asset',
      'o:data': {
        '0': { id: '1', page: '', alt_link_title: '', caption: 'Logo', url: '' },
        className: '',
        alignment: 'left',
      },
    },
    { 'o:layout': 'browsePreview', 'o:data': { resource_type: 'items', query: 'item_set_id=2', limit: 12 } },
  ]
  expect((await post(origin, '/api/site_pages/3', { 'o:block': blocks }, 'PATCH')).status).toBe(200)
}

/** Local records first, so that every imported id differs from the origin's. */
async function occupyTarget(target: SSite): Promise<void> {
  await post(target, '/api/items', { 'dcterms:title': [{ type: 'literal', property_id: 1, '@value': 'Local' }] })
  expect(
    (await post(target, '/api/sites', { 'o:title': 'Local site', 'o:slug': 'local', 'o:theme': 'default' })).status,
  ).toBe(200)
  const form = new FormData()
  form.append('data', JSON.stringify({ 'o:name': 'Local logo' }))
  form.append('file', new Blob([LOGO], { type: 'image/png' }), 'local.png')
  expect((await fetch(`${target.base}/api/assets?${S_ADMIN_QUERY}`, { method: 'POST', body: form })).status).toBe(200)
}

const refIdOf = (v: any) => v?.['o:id'] ?? null

describe('S → S import of assets, sites and pages in merge mode', () => {
  it('remaps every link (navigation, homepage, thumbnails, item pool, blocks, item ↔ site); a second run changes nothing; undo removes them and the asset bytes', async () => {
    const { origin, target } = await pair()
    await enrichOrigin(origin)
    await occupyTarget(target)
    const first = await startImport(target, origin)
    expect(first.body.status).toBe('completed')
    expect(first.body.counters).toMatchObject({
      assets: { created: 1, failed: 0 },
      sites: { created: 2, failed: 0 },
      site_pages: { created: 4, failed: 0 },
    })
    const run = first.body['o:id']
    const ids = (r: string) => localIds(target, run, r)
    const [assets, sites, pages, sets, items, media] = await Promise.all([
      ids('assets'),
      ids('sites'),
      ids('site_pages'),
      ids('item_sets'),
      ids('items'),
      ids('media'),
    ])
    for (const [remote, local] of [...assets, ...sites, ...pages]) expect(local, `remote ${remote}`).not.toBe(remote)

    const want = await origin.get('/api/sites/1')
    const site = await target.get(`/api/sites/${sites.get(1)}`)
    expect(site['o:navigation']).toEqual([
      { type: 'browse', data: { label: 'Letters', query: `item_set_id=${sets.get(1)}&sort_by=title` }, links: [] },
      {
        type: 'page',
        data: { label: '', id: pages.get(3) },
        links: [{ type: 'page', data: { label: 'Draft', id: pages.get(4) }, links: [] }],
      },
    ])
    expect(refIdOf(site['o:homepage'])).toBe(pages.get(3))
    expect(refIdOf(site['o:thumbnail'])).toBe(assets.get(1))
    expect(site['o:item_pool']).toEqual({
      item_set_id: want['o:item_pool'].item_set_id.map((id: string) => String(sets.get(Number(id)))),
    })
    expect(site['o:site_item_set'].map((x: any) => refIdOf(x['o:item_set']))).toEqual(
      want['o:site_item_set'].map((x: any) => sets.get(refIdOf(x['o:item_set']))),
    )
    expect(site['o:page'].map(refIdOf)).toEqual(want['o:page'].map((p: any) => pages.get(refIdOf(p))))
    for (const k of [
      'o:slug',
      'o:title',
      'o:summary',
      'o:theme',
      'o:created',
      'o:modified',
      'o:is_public',
      'o:assign_new_items',
      'o:owner',
      'o:site_permission',
    ])
      expect(site[k], k).toEqual(JSON.parse(JSON.stringify(want[k]).split(origin.base).join(target.base)))
    for (const remoteSite of [1, 2]) {
      const members = (await origin.get(`/api/items?site_id=${remoteSite}&per_page=100`)).map((i: any) =>
        items.get(i['o:id']),
      )
      expect(
        (await target.get(`/api/items?site_id=${sites.get(remoteSite)}&per_page=100`)).map((i: any) => i['o:id']),
        `site ${remoteSite}`,
      ).toEqual(members)
    }
    expect((await target.get(`/api/items/${items.get(21)}`))['o:site'].map(refIdOf)).toEqual([
      sites.get(1),
      sites.get(2),
    ])
    expect(refIdOf((await target.get(`/api/items/${items.get(17)}`))['o:thumbnail'])).toBe(assets.get(1))

    const page = await target.get(`/api/site_pages/${pages.get(3)}`)
    const originPage = await origin.get('/api/site_pages/3')
    expect(refIdOf(page['o:site'])).toBe(sites.get(1))
    expect(page['o:block'].map((b: any) => b['o:layout'])).toEqual(originPage['o:block'].map((b: any) => b['o:layout']))
    expect(
      page['o:block'][1]['o:attachment'].map((a: any) => [refIdOf(a['o:item']), refIdOf(a['o:media']), a['o:caption']]),
    ).toEqual(
      originPage['o:block'][1]['o:attachment'].map((a: any) => [
        items.get(refIdOf(a['o:item'])),
        media.get(refIdOf(a['o:media'])) ?? null,
        a['o:caption'],
      ]),
    )
    expect(page['o:block'][2]['o:data']).toEqual({
      '0': { id: String(assets.get(1)), page: '', alt_link_title: '', caption: 'Logo', url: '' },
      className: '',
      alignment: 'left',
    })
    expect(page['o:block'][3]['o:data']).toEqual({
      resource_type: 'items',
      query: `item_set_id=${sets.get(2)}`,
      limit: 12,
    })

    const asset = await target.get(`/api/assets/${assets.get(1)}`)
    expect([asset['o:name'], asset['o:alt_text'], asset['o:media_type']]).toEqual([
      'Project logo',
      'Red circle logo',
      'image/png',
    ])
    expect(Buffer.from(await (await fetch(asset['o:asset_url'])).arrayBuffer())).toEqual(LOGO)

    const second = await startImport(target, origin, { full: true })
    for (const [r, n] of [
      ['assets', 1],
      ['sites', 2],
      ['site_pages', 4],
    ] as const)
      expect(second.body.counters[r], r).toMatchObject({ created: 0, updated: 0, unchanged: n })
    expect((await target.get(`/api/sites/${sites.get(1)}`))['o:navigation']).toEqual(site['o:navigation'])

    const undone = await post(target, `/api/imports/${run}`, { status: 'undone' }, 'PUT')
    expect(undone.body.status).toBe('undone')
    expect((await target.get('/api/sites')).map((s: any) => s['o:slug'])).toEqual(['local'])
    expect((await target.get('/api/site_pages')).map((p: any) => p['o:slug'])).toEqual(['welcome'])
    expect((await target.get('/api/assets')).map((a: any) => a['o:name'])).toEqual(['Local logo'])
    expect((await fetch(asset['o:asset_url'])).status).toBe(404)
    expect(target.deps.files.exists('asset', asset['o:filename'])).toBe(false)
  })

  it('keeps a local edit of an imported site and page, and skips an origin site whose slug a local site has', async () => {
    const { origin, target } = await pair()
    await post(target, '/api/sites', { 'o:title': 'Our staff', 'o:slug': 'staff', 'o:theme': 'default' })
    const first = await startImport(target, origin)
    const records = await target.get(`/api/import_records?import=${first.body['o:id']}&outcome=skipped&per_page=100`)
    expect(records.filter((r: any) => r.resource === 'sites').map((r: any) => [r.remote_id, r.message])).toEqual([
      [2, expect.stringContaining('"staff"')],
    ])
    expect(records.filter((r: any) => r.resource === 'site_pages').map((r: any) => [r.remote_id, r.message])).toEqual([
      [2, 'Its site (2) is not imported'],
    ])
    const local = (await target.get('/api/sites?slug=staff'))[0]
    expect(await target.get(`/api/items?site_id=${local['o:id']}`)).toEqual([])
    const sites = await localIds(target, first.body['o:id'], 'sites')
    const pages = await localIds(target, first.body['o:id'], 'site_pages')
    await post(target, `/api/sites/${sites.get(1)}`, { 'o:title': 'Renamed here' }, 'PATCH')
    await post(target, `/api/site_pages/${pages.get(3)}`, { 'o:title': 'About us' }, 'PATCH')
    const again = await startImport(target, origin, { full: true })
    expect(again.body.counters).toMatchObject({
      sites: { unchanged: 1, updated: 0, skipped: 1 },
      site_pages: { unchanged: 3, updated: 0, skipped: 1 },
    })
    expect((await target.get(`/api/sites/${sites.get(1)}`))['o:title']).toBe('Renamed here')
    expect((await target.get(`/api/site_pages/${pages.get(3)}`))['o:title']).toBe('About us')
    const undone = await post(target, `/api/imports/${first.body['o:id']}`, { status: 'undone' }, 'PUT')
    expect(undone.body.status).toBe('undone')
    const kept = await target.get(`/api/import_records?import=${first.body['o:id']}&outcome=kept&per_page=100`)
    expect(kept.map((r: any) => [r.resource, r.remote_id])).toEqual([
      ['site_pages', 3],
      ['sites', 1],
    ])
  })
})

describe('S → S import of assets, sites and pages: dry run and mirror deletions', () => {
  it('a dry run reports what it would create and writes nothing (no asset bytes either)', async () => {
    const { origin, target } = await pair()
    const run = await startImport(target, origin, { mode: 'mirror', dry_run: true })
    expect(run.body.status).toBe('completed')
    const rows = await target.get(`/api/import_records?import=${run.body['o:id']}&per_page=1000`)
    const outcomes = (resource: string) =>
      rows.filter((r: any) => r.resource === resource).map((r: any) => [r.remote_id, r.outcome])
    expect(outcomes('assets')).toEqual([[1, 'would_create']])
    expect(outcomes('sites')).toEqual([
      [1, 'would_create'],
      [2, 'would_create'],
    ])
    expect(await target.get('/api/sites')).toEqual([])
    expect(await target.get('/api/assets')).toEqual([])
    expect(target.deps.files.exists('asset', fixture('assets')[0]['o:filename'])).toBe(false)
  })

  it('a mirror re-run deletes the pages, sites and assets deleted at the origin, and the links to them', async () => {
    const { origin, target } = await pair()
    await enrichOrigin(origin)
    expect((await startImport(target, origin, { mode: 'mirror' })).body.status).toBe('completed')
    expect((await target.get('/api/sites/1'))['o:navigation'][1].links).toHaveLength(1)
    for (const path of ['/api/site_pages/4', '/api/assets/1'])
      expect((await post(origin, path, {}, 'DELETE')).status).toBe(200)
    const filename = fixture('assets')[0]['o:filename']
    expect(target.deps.files.exists('asset', filename)).toBe(true)
    const again = await startImport(target, origin, { mode: 'mirror' })
    expect(again.body.status).toBe('completed')
    expect(again.body.counters).toMatchObject({ site_pages: { deleted: 1 }, assets: { deleted: 1 } })
    expect((await target.get('/api/site_pages')).map((p: any) => p['o:id'])).toEqual([1, 2, 3])
    expect(await target.get('/api/assets')).toEqual([])
    expect(target.deps.files.exists('asset', filename)).toBe(false)
    const site = await target.get('/api/sites/1')
    expect(site['o:navigation'][1]).toEqual({ type: 'page', data: { label: '', id: 3 }, links: [] })
    expect(site['o:thumbnail']).toBeNull()
    expect((await target.get('/api/items/17'))['o:thumbnail']).toBeNull()
  })
})
