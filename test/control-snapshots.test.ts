import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLASSIC_FIXTURE, KEYS } from './helpers.js'
import { startRealServer, type RealServer } from './real-server.js'

let server: RealServer
const admin = (path: string, init?: RequestInit) => fetch(`${server.base}/__admin${path}`, init)
const post = (path: string, body: unknown) =>
  admin(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
const api = (path: string, init?: RequestInit) =>
  fetch(`${server.base}/api${path}${path.includes('?') ? '&' : '?'}key=${KEYS.super}`, init)

beforeAll(async () => {
  server = await startRealServer(CLASSIC_FIXTURE)
})
afterAll(() => server.close())

describe('snapshots: happy path', () => {
  it('saves, lets the site change, and restores data, search index and files exactly', async () => {
    const before = await (await api('/items')).text()
    const fileRow = (await (await api('/files/1')).json()) as { file_urls: { original: string } }
    const fileBytes = Buffer.from(await (await fetch(fileRow.file_urls.original)).arrayBuffer())
    const saved = await post('/snapshots', { name: 'baseline' })
    expect(saved.status).toBe(201)
    expect(await saved.json()).toMatchObject({ name: 'baseline', files: 6 })

    expect((await api('/items/1', { method: 'DELETE' })).status).toBe(204)
    expect(
      (
        await api('/items', {
          method: 'POST',
          body: JSON.stringify({ element_texts: [{ element: { id: 50 }, text: 'Zanzibar', html: false }] }),
        })
      ).status,
    ).toBe(201)
    expect((await fetch(fileRow.file_urls.original)).status).toBe(404)

    expect((await admin('/snapshots/baseline/restore', { method: 'POST' })).status).toBe(204)
    expect(await (await api('/items')).text()).toBe(before)
    expect(Buffer.from(await (await fetch(fileRow.file_urls.original)).arrayBuffer())).toEqual(fileBytes)
    expect(await (await api('/items?search=Zanzibar')).json()).toEqual([])
    expect(((await (await api('/items?search=Jane')).json()) as unknown[]).length).toBeGreaterThan(0)
    // Ids are not reused after a restore either: the sequence came back with the rows.
    const created = await api('/items', { method: 'POST', body: JSON.stringify({}) })
    expect(((await created.json()) as { id: number }).id).toBe(16)
  })

  it('lists and deletes snapshots', async () => {
    await post('/snapshots', { name: 'other-1' })
    const list = (await (await admin('/snapshots')).json()) as { name: string }[]
    expect(list.map((s) => s.name)).toEqual(['baseline', 'other-1'])
    expect((await admin('/snapshots/other-1', { method: 'DELETE' })).status).toBe(204)
    expect((await admin('/snapshots/other-1')).status).toBe(404)
    expect(existsSync(`${server.dir}/snapshots/other-1`)).toBe(false)
  })
})

describe('snapshots: errors', () => {
  it('refuses names that could leave the snapshots folder', async () => {
    for (const name of ['../x', '..', '.hidden', 'a/b', '', 'x'.repeat(101)]) {
      const res = await post('/snapshots', { name })
      expect(res.status, name).toBe(400)
    }
    expect((await admin('/snapshots/..%2F..%2Fetc/restore', { method: 'POST' })).status).toBe(400)
    expect((await post('/snapshots', { nom: 'x' })).status).toBe(400)
  })

  it('answers 404 for an unknown snapshot and 405 for other methods', async () => {
    expect((await admin('/snapshots/nope/restore', { method: 'POST' })).status).toBe(404)
    expect(await (await admin('/snapshots/nope', { method: 'DELETE' })).json()).toEqual({
      message: 'No snapshot named "nope".',
    })
    expect((await admin('/snapshots/baseline/restore')).status).toBe(405)
  })
})
