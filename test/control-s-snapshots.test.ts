import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRealServer, type RealServer } from './real-server.js'
import { CLASSIC_FIXTURE, KEYS } from './helpers.js'
import { S_ADMIN_QUERY, S_FIXTURE } from './import-s-harness.js'

// Snapshots with the Omeka S flavour served, through real HTTP: `--flavor s` (S alone) and `--flavor both`
// (one snapshot holds both sites). Expected state: what the API answered before the changes.
const shared = mkdtempSync(join(tmpdir(), 'omeka-twin-s-snaps-'))
let s: RealServer
let both: RealServer
let classicOnly: RealServer

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
})
const sApi = (srv: RealServer, prefix: string, path: string, init?: RequestInit) =>
  fetch(`${srv.base}${prefix}/api${path}${path.includes('?') ? '&' : '?'}${S_ADMIN_QUERY}`, init)
const text = async (res: Promise<Response>) => (await res).text()
const file = async (url: string) => {
  const res = await fetch(url)
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) }
}

beforeAll(async () => {
  s = await startRealServer(null, { flavor: 's', snapshotsDir: join(shared, 'snapshots') }, S_FIXTURE)
  both = await startRealServer(CLASSIC_FIXTURE, { flavor: 'both' }, S_FIXTURE)
  classicOnly = await startRealServer(CLASSIC_FIXTURE, { snapshotsDir: join(shared, 'snapshots') })
})
afterAll(async () => {
  await Promise.all([s.close(), both.close(), classicOnly.close()])
  rmSync(shared, { recursive: true, force: true })
})

describe('snapshots of the Omeka S flavour (--flavor s)', () => {
  it('saves the S database and files, and restores records, ids and stored files exactly', async () => {
    const media = (await (await sApi(s, '', '/media')).json()) as { 'o:id': number; 'o:original_url': string | null }[]
    const withFile = media.find((m) => m['o:original_url'])!
    const before = {
      items: await text(sApi(s, '', '/items')),
      media: await text(sApi(s, '', '/media')),
      file: await file(withFile['o:original_url']!),
    }
    const saved = await fetch(`${s.base}/__admin/snapshots`, json({ name: 'base' }))
    expect(saved.status).toBe(201)
    const info = (await saved.json()) as {
      items: number
      files: number
      flavors: Record<string, { items: number; files: number }>
    }
    expect(Object.keys(info.flavors)).toEqual(['s'])
    expect(info.flavors.s!.items).toBe(JSON.parse(before.items).length)
    expect(info.files).toBeGreaterThanOrEqual(5)

    expect((await sApi(s, '', `/media/${withFile['o:id']}`, { method: 'DELETE' })).status).toBe(200)
    const created = (await (
      await sApi(
        s,
        '',
        '/items',
        json({ 'dcterms:title': [{ type: 'literal', property_id: 1, '@value': 'Zanzibar' }] }),
      )
    ).json()) as { 'o:id': number }
    expect((await file(withFile['o:original_url']!)).status).toBe(404)

    expect((await fetch(`${s.base}/__admin/snapshots/base/restore`, { method: 'POST' })).status).toBe(204)
    expect(await text(sApi(s, '', '/items'))).toBe(before.items)
    expect(await text(sApi(s, '', '/media'))).toBe(before.media)
    expect(await file(withFile['o:original_url']!)).toEqual(before.file)
    expect(await (await sApi(s, '', '/items?fulltext_search=Zanzibar')).json()).toEqual([])
    // The id sequence came back with the rows: the next item gets the same id again.
    const again = (await (await sApi(s, '', '/items', json({}))).json()) as { 'o:id': number }
    expect(again['o:id']).toBe(created['o:id'])
  })

  it('lists, reads and deletes S snapshots', async () => {
    await fetch(`${s.base}/__admin/snapshots`, json({ name: 'other' }))
    expect(
      ((await (await fetch(`${s.base}/__admin/snapshots`)).json()) as { name: string }[]).map((x) => x.name),
    ).toEqual(['base', 'other'])
    expect((await fetch(`${s.base}/__admin/snapshots/other`)).status).toBe(200)
    expect((await fetch(`${s.base}/__admin/snapshots/other`, { method: 'DELETE' })).status).toBe(204)
    expect((await fetch(`${s.base}/__admin/snapshots/other`)).status).toBe(404)
  })

  it('refuses with 409, changing nothing, a snapshot that holds no Omeka S data', async () => {
    expect((await fetch(`${classicOnly.base}/__admin/snapshots`, json({ name: 'classic-only' }))).status).toBe(201)
    const before = await text(sApi(s, '', '/items'))
    const res = await fetch(`${s.base}/__admin/snapshots/classic-only/restore`, { method: 'POST' })
    expect(res.status).toBe(409)
    expect(((await res.json()) as { message: string }).message).toMatch(/no Omeka S data/)
    expect(await text(sApi(s, '', '/items'))).toBe(before)
    // And the other way round: a Classic server cannot restore an S-only snapshot.
    expect((await fetch(`${classicOnly.base}/__admin/snapshots/base/restore`, { method: 'POST' })).status).toBe(409)
  })
})

describe('snapshots with --flavor both: one snapshot holds both sites', () => {
  const classic = (path: string, init?: RequestInit) =>
    fetch(`${both.base}/api${path}${path.includes('?') ? '&' : '?'}key=${KEYS.super}`, init)

  it('restores the Classic and the S site together, from /__admin or /s/__admin alike', async () => {
    const before = {
      classic: await text(classic('/items')),
      s: await text(sApi(both, '/s', '/items')),
      sSets: await text(sApi(both, '/s', '/item_sets')),
    }
    const saved = (await (await fetch(`${both.base}/__admin/snapshots`, json({ name: 'both' }))).json()) as {
      flavors: Record<string, { items: number }>
      items: number
    }
    expect(Object.keys(saved.flavors).sort()).toEqual(['classic', 's'])
    expect(saved.items).toBe(saved.flavors.classic!.items + saved.flavors.s!.items)
    // The S control plane's snapshots are the same store.
    expect(
      ((await (await fetch(`${both.base}/s/__admin/snapshots`)).json()) as { name: string }[]).map((x) => x.name),
    ).toEqual(['both'])

    expect((await classic('/items/1', { method: 'DELETE' })).status).toBe(204)
    const firstSet = (JSON.parse(before.sSets) as { 'o:id': number }[])[0]!['o:id']
    expect((await sApi(both, '/s', `/item_sets/${firstSet}`, { method: 'DELETE' })).status).toBe(200)
    expect(await text(sApi(both, '/s', '/item_sets'))).not.toBe(before.sSets)

    expect((await fetch(`${both.base}/s/__admin/snapshots/both/restore`, { method: 'POST' })).status).toBe(204)
    expect(await text(classic('/items'))).toBe(before.classic)
    expect(await text(sApi(both, '/s', '/items'))).toBe(before.s)
    expect(await text(sApi(both, '/s', '/item_sets'))).toBe(before.sSets)
    expect(existsSync(join(both.dir, 'snapshots', 'both', 's.sqlite'))).toBe(true)
  })
})
