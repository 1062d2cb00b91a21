import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startRealServer, type RealServer } from './real-server.js'
import { CLASSIC_FIXTURE, KEYS } from './helpers.js'
import { S_ADMIN, S_ADMIN_QUERY, S_FIXTURE } from './import-s-harness.js'

// Fault rules, the request journal and CORS on the Omeka S API and its files, through real HTTP: under
// `--flavor s` (S at /api) and `--flavor both` (Classic at /api, S at /s/api, its control plane at /s/__admin).
// Expected shapes: Omeka S's error body {"errors": {"error": ...}} (shared/reference/omeka-s-api.md), its
// Omeka-S-Total-Results header, and the toolkit's documented behaviour for Classic.
const ORIGIN = 'https://importer.example'
let s: RealServer
let both: RealServer

const put = (srv: RealServer, rules: unknown, prefix = '') =>
  fetch(`${srv.base}${prefix}/__admin/faults`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(rules),
  })
const journal = async (srv: RealServer, query = '', prefix = '') =>
  (await (await fetch(`${srv.base}${prefix}/__admin/requests${query}`)).json()) as {
    method: string
    url: string
    status: number
    faults: { name?: string }[]
  }[]

beforeAll(async () => {
  s = await startRealServer(null, { flavor: 's', cors: { origins: [ORIGIN] } }, S_FIXTURE)
  both = await startRealServer(CLASSIC_FIXTURE, { flavor: 'both', cors: { origins: [ORIGIN] } }, S_FIXTURE)
})
afterAll(async () => {
  await Promise.all([s.close(), both.close()])
})
beforeEach(async () => {
  for (const srv of [s, both]) {
    await fetch(`${srv.base}/__admin/faults`, { method: 'DELETE' })
    await fetch(`${srv.base}/__admin/requests`, { method: 'DELETE' })
  }
})

describe('fault rules on the Omeka S API', () => {
  it("answers a status fault on S paths in Omeka S's error shape, with Retry-After", async () => {
    expect(
      (await put(s, [{ path: '/api/items*', count: 1, effect: { type: 'status', status: 503, retry_after: 4 } }]))
        .status,
    ).toBe(200)
    const res = await fetch(`${s.base}/api/items`)
    expect(res.status).toBe(503)
    expect(res.headers.get('Retry-After')).toBe('4')
    expect(res.headers.get('Content-Type')).toBe('application/ld+json')
    expect(await res.json()).toEqual({ errors: { error: 'Service Unavailable' } })
    expect((await fetch(`${s.base}/api/items`)).status).toBe(200)
  })

  it('matches /s/api/* under --flavor both without touching Classic, and S files with /s/files/*', async () => {
    await put(both, [
      { name: 's-api', path: '/s/api/*', effect: { type: 'status', status: 500, message: 'Boom.' } },
      { name: 's-files', path: '/s/files/*', effect: { type: 'drop' } },
    ])
    const sRes = await fetch(`${both.base}/s/api/items`)
    expect(sRes.status).toBe(500)
    expect(await sRes.json()).toEqual({ errors: { error: 'Boom.' } })
    expect((await fetch(`${both.base}/api/items`)).status).toBe(200)
    await expect(fetch(`${both.base}/s/files/original/5d66a15d397b3da3c5351b9e4918d078670779dc.jpg`)).rejects.toThrow()
    expect((await fetch(`${both.base}/api/site`)).status).toBe(200)
  })

  it('delays S requests by at least the configured latency', async () => {
    await put(s, [{ path: '/api/item_sets', effect: { type: 'latency', ms: 120 } }])
    const started = performance.now()
    const res = await fetch(`${s.base}/api/item_sets`)
    expect(performance.now() - started).toBeGreaterThanOrEqual(115)
    expect(res.status).toBe(200)
  })

  it('matches a rule\'s "key" against Omeka S\'s key_identity', async () => {
    await put(s, [{ path: '/api/*', key: S_ADMIN.identity, effect: { type: 'status', status: 429 } }])
    expect((await fetch(`${s.base}/api/items?${S_ADMIN_QUERY}`)).status).toBe(429)
    expect((await fetch(`${s.base}/api/items`)).status).toBe(200)
  })

  it('leaves S requests alone for api_disabled (Classic has the switch, Omeka S has none)', async () => {
    await put(both, [{ path: '/*', effect: { type: 'api_disabled' } }])
    expect((await fetch(`${both.base}/api/items`)).status).toBe(403)
    expect((await fetch(`${both.base}/s/api/items`)).status).toBe(200)
  })

  it('never applies to either control plane; /s/__admin/faults is the same rule set', async () => {
    await put(both, [{ path: '/*', effect: { type: 'status', status: 503 } }], '/s')
    expect(((await (await fetch(`${both.base}/__admin/faults`)).json()) as { rules: unknown[] }).rules).toHaveLength(1)
    expect((await fetch(`${both.base}/s/__admin/settings`)).status).toBe(200)
    expect((await fetch(`${both.base}/__admin/settings`)).status).toBe(200)
    expect((await fetch(`${both.base}/s/api/items`)).status).toBe(503)
  })
})

describe('the request journal on the Omeka S API', () => {
  it('records S requests with key_identity and key_credential redacted, and the faults applied', async () => {
    await put(s, [{ name: 'slow', path: '/api/media', effect: { type: 'latency', ms: 1 } }])
    // A trailing-slash list URL gets Omeka S's 307 (not followed here), as the client saw it.
    await (await fetch(`${s.base}/api/items/?${S_ADMIN_QUERY}&per_page=2`, { redirect: 'manual' })).text()
    await (await fetch(`${s.base}/api/media`)).text()
    await fetch(`${s.base}/__admin/settings`)
    const entries = await journal(s)
    expect(entries.map((e) => [e.method, new URL(e.url).pathname, e.status])).toEqual([
      ['GET', '/api/media', 200],
      ['GET', '/api/items/', 307],
    ])
    expect(entries[1]!.url).toBe(`${s.base}/api/items/?key_identity=[REDACTED]&key_credential=[REDACTED]&per_page=2`)
    expect(JSON.stringify(entries)).not.toContain(S_ADMIN.credential)
    expect(entries[0]!.faults.map((f) => f.name)).toEqual(['slow'])
  })

  it('under --flavor both records both APIs, filters by an /s/ glob, and leaves out /s/__admin', async () => {
    await (await fetch(`${both.base}/api/items?key=${KEYS.super}`)).text()
    await (await fetch(`${both.base}/s/api/items`)).text()
    await (await fetch(`${both.base}/s/__admin/settings`)).text()
    expect((await journal(both)).map((e) => new URL(e.url).pathname)).toEqual(['/s/api/items', '/api/items'])
    expect((await journal(both, '?path=/s/api/*', '/s')).map((e) => new URL(e.url).pathname)).toEqual(['/s/api/items'])
  })
})

describe('CORS on the Omeka S API', () => {
  it("exposes Link, Omeka-S-Total-Results and Omeka-S-Version on S responses, Classic's headers on Classic ones", async () => {
    const sRes = await fetch(`${both.base}/s/api/items?per_page=1`, { headers: { Origin: ORIGIN } })
    expect(sRes.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN)
    expect(sRes.headers.get('Access-Control-Expose-Headers')).toBe('Link, Omeka-S-Total-Results, Omeka-S-Version')
    expect(sRes.headers.get('Omeka-S-Total-Results')).not.toBeNull()
    const cRes = await fetch(`${both.base}/api/items`, { headers: { Origin: ORIGIN } })
    expect(cRes.headers.get('Access-Control-Expose-Headers')).toBe('Link, Omeka-Total-Results')
    const flavorS = await fetch(`${s.base}/api/items`, { headers: { Origin: ORIGIN } })
    expect(flavorS.headers.get('Access-Control-Expose-Headers')).toBe('Link, Omeka-S-Total-Results, Omeka-S-Version')
  })

  it('answers preflights for S paths (PATCH allowed), /s/api-context and S files; not for other origins', async () => {
    const pre = await fetch(`${both.base}/s/api/items/1`, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'PATCH' },
    })
    expect(pre.status).toBe(204)
    expect(pre.headers.get('Access-Control-Allow-Methods')).toBe('GET, POST, PUT, PATCH, DELETE')
    for (const path of ['/s/api-context', '/s/files/original/5d66a15d397b3da3c5351b9e4918d078670779dc.jpg']) {
      const res = await fetch(`${both.base}${path}`, { headers: { Origin: ORIGIN } })
      expect(res.status, path).toBe(200)
      expect(res.headers.get('Access-Control-Allow-Origin'), path).toBe(ORIGIN)
    }
    const other = await fetch(`${both.base}/s/api/items`, { headers: { Origin: 'https://evil.example' } })
    expect(other.headers.get('Access-Control-Allow-Origin')).toBeNull()
    expect(
      (await fetch(`${both.base}/s/__admin/settings`, { headers: { Origin: ORIGIN } })).headers.get(
        'Access-Control-Allow-Origin',
      ),
    ).toBeNull()
  })
})
