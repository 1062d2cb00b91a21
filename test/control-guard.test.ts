import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveServeOptions } from '../src/config.js'
import { startRealServer, type RealServer } from './real-server.js'

// The control plane replaces all data on request: only deliberate JSON calls from this machine's tools may reach it.
let open: RealServer
let guarded: RealServer
const TOKEN = 'test-token-0123456789abcdef'
const SEED = JSON.stringify({ items: 3, collections: 1, files: 0, seed: 5 })

const itemCount = (s: RealServer) => s.deps.db.$client.prepare('SELECT COUNT(*) FROM items').pluck().get()

beforeAll(async () => {
  open = await startRealServer(null)
  guarded = await startRealServer(null, { controlToken: TOKEN, flavor: 'both' })
})
afterAll(async () => {
  await open.close()
  await guarded.close()
})

describe('control plane: happy path', () => {
  it('accepts a JSON body from a client that sends no Origin (curl, the conformance runners)', async () => {
    const res = await fetch(`${open.base}/__admin/seed`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: SEED,
    })
    expect(res.status).toBe(200)
    expect(itemCount(open)).toBe(3)
  })

  it('accepts a request whose Origin is the server itself', async () => {
    const res = await fetch(`${open.base}/__admin/settings`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', Origin: open.base },
      body: '{}',
    })
    expect(res.status).toBe(200)
  })

  it('accepts a bodiless POST without a Content-Type (snapshot restore)', async () => {
    await fetch(`${open.base}/__admin/snapshots`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"name":"g"}',
    })
    const res = await fetch(`${open.base}/__admin/snapshots/g/restore`, { method: 'POST' })
    expect(res.status).toBe(204)
  })

  it('accepts the bearer token on every control plane of a guarded server', async () => {
    const auth = { Authorization: `Bearer ${TOKEN}` }
    expect((await fetch(`${guarded.base}/__admin/faults`, { headers: auth })).status).toBe(200)
    expect(
      (
        await fetch(`${guarded.base}/s/__admin/settings`, {
          method: 'PATCH',
          headers: { ...auth, 'Content-Type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(200)
  })
})

describe('control plane: errors', () => {
  it.each([
    ['text/plain', SEED],
    ['application/x-www-form-urlencoded', 'items=3'],
    ['multipart/form-data; boundary=x', '--x--'],
  ])('refuses a %s body with 415 and changes nothing (a simple CORS request any page can send)', async (type, body) => {
    const before = itemCount(open)
    const res = await fetch(`${open.base}/__admin/seed`, {
      method: 'POST',
      headers: { 'Content-Type': type },
      body: type === 'text/plain' ? JSON.stringify({ items: 9, seed: 1 }) : body,
    })
    expect(res.status).toBe(415)
    expect(await res.json()).toEqual({
      message: 'The request body must be JSON, sent with Content-Type: application/json.',
    })
    expect(itemCount(open)).toBe(before)
  })

  it('refuses a JSON body with no Content-Type at all', async () => {
    const res = await fetch(`${open.base}/__admin/seed`, {
      method: 'POST',
      body: new Blob([JSON.stringify({ items: 9, seed: 1 })]),
    })
    expect(res.status).toBe(415)
  })

  it('refuses a request from another web origin with 403, even a bodiless one', async () => {
    const before = itemCount(open)
    const seeded = await fetch(`${open.base}/__admin/seed`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://evil.example' },
      body: SEED,
    })
    expect(seeded.status).toBe(403)
    expect(await seeded.json()).toEqual({
      message: 'Requests from origin http://evil.example may not use the control plane.',
    })
    const restored = await fetch(`${open.base}/__admin/snapshots/g/restore`, {
      method: 'POST',
      headers: { Origin: 'null' },
    })
    expect(restored.status).toBe(403)
    expect(itemCount(open)).toBe(before)
  })
})

describe('control plane: permissions', () => {
  it.each([
    ['no Authorization header', {}],
    ['a wrong token', { Authorization: 'Bearer not-the-token-0123456789' }],
    ['the token as Basic credentials', { Authorization: `Basic ${TOKEN}` }],
  ])('refuses a request with %s when --control-token is set (401)', async (_, headers: Record<string, string>) => {
    for (const path of ['/__admin/faults', '/s/__admin/settings']) {
      const res = await fetch(`${guarded.base}${path}`, { headers })
      expect(res.status).toBe(401)
      expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer /)
    }
  })

  it('does not ask for the token on the API itself', async () => {
    expect((await fetch(`${guarded.base}/api/site`)).status).toBe(200)
  })

  it('refuses to start --control beyond loopback without a token, and starts with one', () => {
    const flags = { control: true, port: 1 }
    expect(() => resolveServeOptions({ ...flags, host: '0.0.0.0' }, {})).toThrow(
      '--control on a non-loopback address (0.0.0.0) requires --control-token',
    )
    expect(() => resolveServeOptions({ ...flags, host: '::' }, {})).toThrow(/requires --control-token/)
    expect(resolveServeOptions({ ...flags, host: '0.0.0.0', controlToken: TOKEN }, {}).controlToken).toBe(TOKEN)
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]'])
      expect(resolveServeOptions({ ...flags, host }, {}).host).toBe(host)
    expect(() => resolveServeOptions({ host: '0.0.0.0', port: 1 }, {})).not.toThrow()
  })
})
