import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.js'
import { SHARED } from '../../test/helpers.js'
import { memoryDeps } from './bootstrap.js'
import type { Deps } from './deps.js'
import { loadFixture } from './fixtures/load.js'

const FRESH = join(SHARED, 'conformance/s/fixture-fresh')
const keys = JSON.parse(readFileSync(join(FRESH, 'keys.json'), 'utf8')) as {
  user_id: number
  key_identity: string
  key_credential: string
}[]
const keyOf = (userId: number) => {
  const k = keys.find((x) => x.user_id === userId)!
  return `key_identity=${k.key_identity}&key_credential=${k.key_credential}`
}
const title = (text: string) => ({ 'dcterms:title': [{ type: 'literal', property_id: 1, '@value': text }] })

describe('Omeka S response cache', () => {
  let dir: string
  let s: Deps
  let app: ReturnType<typeof createApp>
  const get = async (path: string, host = 'omeka-s.test') => {
    const res = await app.request(`http://${host}${path}`)
    return {
      status: res.status,
      total: res.headers.get('Omeka-S-Total-Results'),
      headers: [...res.headers],
      body: await res.text(),
    }
  }
  const send = (method: string, path: string, body: unknown) =>
    app.request(`http://omeka-s.test${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
  const ids = (body: string) => (JSON.parse(body) as { 'o:id': number }[]).map((r) => r['o:id'])

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'omeka-twin-s-cache-'))
    s = memoryDeps(join(dir, 's'), { flavor: 's' })
    loadFixture(s, FRESH)
    app = createApp({ config: s.config, s })
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('answers a repeated GET with the same bytes, and a write anywhere makes the next GET fresh', async () => {
    const created = (await (
      await send('POST', `/api/items?${keyOf(1)}`, { 'o:is_public': true, ...title('Before the edit') })
    ).json()) as { 'o:id': number }
    const path = `/api/items/${created['o:id']}`
    const first = await get(path)
    expect(JSON.parse(first.body)['o:title']).toBe('Before the edit')
    expect(await get(path)).toEqual(first)
    expect((await send('PATCH', `${path}?${keyOf(1)}`, title('After the edit'))).status).toBe(200)
    expect(JSON.parse((await get(path)).body)['o:title']).toBe('After the edit')
    const list = await get('/api/items?per_page=100')
    expect((await send('DELETE', `${path}?${keyOf(1)}`, {})).status).toBe(200)
    const after = await get('/api/items?per_page=100')
    expect(Number(after.total)).toBe(Number(list.total) - 1)
    expect(ids(after.body)).not.toContain(created['o:id'])
  })

  it('never gives one caller the answer made for a caller who sees other resources', async () => {
    const created = (await (
      await send('POST', `/api/items?${keyOf(1)}`, { 'o:is_public': false, ...title('Private one') })
    ).json()) as { 'o:id': number }
    const path = `/api/items?id=${created['o:id']}`
    expect(ids((await get(`${path}&${keyOf(1)}`)).body)).toEqual([created['o:id']])
    expect(ids((await get(path)).body)).toEqual([])
    // A wrong credential authenticates nobody: the anonymous view, even after the admin's answer was kept.
    expect(ids((await get(`${path}&${keyOf(1).replace(/key_credential=\w+/, 'key_credential=wrong')}`)).body)).toEqual(
      [],
    )
    expect(ids((await get(`${path}&${keyOf(1)}`)).body)).toEqual([created['o:id']])
    expect((await get(`/api/items/${created['o:id']}`)).status).toBe(404)
  })

  it("keys on the Host, which the answer's URLs are made from", async () => {
    const a = await get('/api/properties/1', 'a.test')
    const b = await get('/api/properties/1', 'b.test')
    expect(a.body).toContain('http:\\/\\/a.test\\/api\\/properties\\/1')
    expect(b.body).toContain('http:\\/\\/b.test\\/api\\/properties\\/1')
  })
})
