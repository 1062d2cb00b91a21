import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { CLASSIC_FIXTURE, KEYS } from './helpers.js'
import { startRealServer, type RealServer } from './real-server.js'

let server: RealServer
const journal = async (query = '') => (await fetch(`${server.base}/__admin/requests${query}`)).json()

beforeAll(async () => {
  server = await startRealServer(CLASSIC_FIXTURE, { journalSize: 5 })
})
afterAll(() => server.close())
beforeEach(async () => {
  await fetch(`${server.base}/__admin/requests`, { method: 'DELETE' })
  await fetch(`${server.base}/__admin/faults`, { method: 'DELETE' })
})

describe('request journal: happy path', () => {
  it('records method, redacted URL, headers, body size, status and duration, newest first', async () => {
    await fetch(`${server.base}/api/items/1?key=${KEYS.super}&pretty_print`)
    const body = JSON.stringify({ public: true })
    await fetch(`${server.base}/api/items?key=${KEYS.researcher}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer secret', 'X-Api-Key': 'k' },
      body,
    })
    const [post, get] = await journal()
    expect(get).toMatchObject({
      method: 'GET',
      url: `${server.base}/api/items/1?key=[REDACTED]&pretty_print`,
      status: 200,
      body_size: null,
      faults: [],
    })
    expect(get.duration_ms).toBeGreaterThanOrEqual(0)
    expect(post).toMatchObject({
      method: 'POST',
      url: `${server.base}/api/items?key=[REDACTED]`,
      status: 403,
      body_size: body.length,
    })
    expect(post.headers.authorization).toBe('[REDACTED]')
    expect(post.headers['x-api-key']).toBe('[REDACTED]')
    expect(post.headers['content-type']).toBe('application/json')
    expect(JSON.stringify(await journal())).not.toContain(KEYS.super)
    expect(post.id).toBeGreaterThan(get.id)
  })

  it('records the faults applied and dropped connections with status 0', async () => {
    await fetch(`${server.base}/__admin/faults`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify([{ name: 'cut', path: '/api/items/2', effect: { type: 'drop' } }]),
    })
    await fetch(`${server.base}/api/items/2`).catch(() => null)
    const [entry] = await journal()
    expect(entry).toMatchObject({ status: 0, faults: [{ rule: 0, name: 'cut', effect: { type: 'drop' } }] })
  })

  it('filters by method and path glob, and limits', async () => {
    await fetch(`${server.base}/api/items/1`)
    await fetch(`${server.base}/api/collections/1`)
    await fetch(`${server.base}/api/items`, { method: 'POST', body: '{}' })
    expect((await journal('?path=/api/collections*')).map((e: { url: string }) => e.url)).toEqual([
      `${server.base}/api/collections/1`,
    ])
    expect((await journal('?method=post')).length).toBe(1)
    expect((await journal('?limit=2')).length).toBe(2)
  })

  it('keeps only the configured number of requests (ring buffer) and never the control plane', async () => {
    for (let i = 1; i <= 7; i++) await fetch(`${server.base}/api/items/${i}`)
    const entries = await journal()
    expect(entries.length).toBe(5)
    expect(entries[0].url).toBe(`${server.base}/api/items/7`)
    expect(entries[4].url).toBe(`${server.base}/api/items/3`)
  })

  it('forgets everything on DELETE', async () => {
    await fetch(`${server.base}/api/site`)
    expect((await fetch(`${server.base}/__admin/requests`, { method: 'DELETE' })).status).toBe(204)
    expect(await journal()).toEqual([])
  })
})

describe('request journal: errors', () => {
  it('refuses a limit out of range, a path that is not a glob and unknown parameters', async () => {
    for (const q of ['?limit=0', '?limit=6', '?limit=x', '?path=api', '?foo=1']) {
      const res = await fetch(`${server.base}/__admin/requests${q}`)
      expect(res.status, q).toBe(400)
      expect(Object.keys(await res.json())).toEqual(['message'])
    }
    expect((await fetch(`${server.base}/__admin/requests`, { method: 'PUT' })).status).toBe(405)
  })
})
