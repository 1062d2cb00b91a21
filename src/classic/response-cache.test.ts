import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.js'
import { openDataDir } from './bootstrap.js'
import { loadFixture } from './fixtures/load.js'
import { CLASSIC_FIXTURE, KEYS, testApp, type TestApp } from '../../test/helpers.js'

// Expected values: the fixture (shared/conformance/classic/fixture): item 1 is public, titled
// "Letter from Jane Doe"; item 3 is private. A repeated GET must never answer from before a change.
let t: TestApp
beforeAll(() => {
  t = testApp()
})
afterAll(() => t.close())

const title = (item: { element_texts: { text: string; element: { id: number } }[] }) =>
  item.element_texts.find((e) => e.element.id === 50)?.text

describe('response cache', () => {
  it('answers a GET after a PUT with the new record', async () => {
    expect(title((await t.json('/api/items/1')).body)).toBe('Letter from Jane Doe')
    const put = await t.json(`/api/items/1?key=${KEYS.super}`, {
      method: 'PUT',
      body: JSON.stringify({ element_texts: [{ html: false, text: 'Renamed', element: { id: 50 } }] }),
    })
    expect(put.status).toBe(200)
    expect(title((await t.json('/api/items/1')).body)).toBe('Renamed')
  })

  it('never replays a random order: each sort_field=random request is shuffled anew', async () => {
    const orders = new Set<string>()
    for (let i = 0; i < 10; i++)
      orders.add(
        (await t.json(`/api/items?sort_field=random&key=${KEYS.super}`)).body
          .map((x: { id: number }) => x.id)
          .join(','),
      )
    // 15 items: ten identical shuffles in a row would be a cached answer, not chance.
    expect(orders.size).toBeGreaterThan(1)
  })

  it('never serves one caller what another may see', async () => {
    expect((await t.json(`/api/items/3?key=${KEYS.super}`)).status).toBe(200)
    expect((await t.json('/api/items/3')).status).toBe(404)
    expect((await t.json(`/api/items/3?key=${KEYS.super}`)).status).toBe(200)
  })

  it('writes URLs for the Host of each request', async () => {
    const a = await (await t.request('/api/items/1', { headers: { Host: 'a.test' } })).text()
    const b = await (await t.request('/api/items/1', { headers: { Host: 'b.test' } })).text()
    expect(a).toContain('http:\\/\\/a.test\\/api\\/items\\/1')
    expect(b).toContain('http:\\/\\/b.test\\/api\\/items\\/1')
  })

  it('follows a settings change made through the control plane', async () => {
    expect((await t.json('/api/items')).status).toBe(200)
    expect(
      (
        await t.json('/__admin/settings', {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ api_enable: false }),
        })
      ).status,
    ).toBe(200)
    expect((await t.json('/api/items')).body).toEqual({ message: 'API is disabled' })
    await t.json('/__admin/settings', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ api_enable: true }),
    })
  })
})

describe('response cache on a data dir written by another process', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'omeka-twin-cache-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('sees rows another connection committed', async () => {
    const deps = openDataDir(dir, { control: false, maxUploadBytes: 1 << 20 })
    loadFixture(deps, CLASSIC_FIXTURE)
    const app = createApp(deps)
    const get = async () => (await app.request('http://omeka.test/api/items/1')).json()
    expect(title(await get())).toBe('Letter from Jane Doe')
    const other = new Database(join(dir, 'omeka-twin.sqlite'))
    other
      .prepare(
        "UPDATE element_texts SET text = 'Changed elsewhere' WHERE record_type = 'Item' AND record_id = 1 AND element_id = 50",
      )
      .run()
    other.close()
    expect(title(await get())).toBe('Changed elsewhere')
    deps.db.$client.close()
  })
})
