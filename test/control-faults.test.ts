import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { CLASSIC_FIXTURE, KEYS } from './helpers.js'
import { startRealServer, type RealServer } from './real-server.js'

// Faults are observed the way a client sees them: over real sockets, with real timings and errors.

let server: RealServer
const put = (rules: unknown) =>
  fetch(`${server.base}/__admin/faults`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(rules),
  })

beforeAll(async () => {
  server = await startRealServer(CLASSIC_FIXTURE)
})
afterAll(() => server.close())
beforeEach(async () => {
  await fetch(`${server.base}/__admin/faults`, { method: 'DELETE' })
})

describe('fault rules: happy path', () => {
  it('delays matching requests by at least the configured latency', async () => {
    expect((await put([{ path: '/api/items*', effect: { type: 'latency', ms: 150 } }])).status).toBe(200)
    const started = performance.now()
    const res = await fetch(`${server.base}/api/items/1`)
    expect(performance.now() - started).toBeGreaterThanOrEqual(145)
    expect(res.status).toBe(200)
    expect((await res.json()).id).toBe(1)
  })

  it('delays by a random latency within the range', async () => {
    await put([{ path: '/api/*', effect: { type: 'latency', min_ms: 60, max_ms: 90 } }])
    const started = performance.now()
    await (await fetch(`${server.base}/api/site`)).text()
    expect(performance.now() - started).toBeGreaterThanOrEqual(55)
  })

  it("answers 503 with Omeka's {message} body instead of the API", async () => {
    await put([{ method: 'GET', path: '/api/items', effect: { type: 'status', status: 503 } }])
    const res = await fetch(`${server.base}/api/items`)
    expect(res.status).toBe(503)
    expect(res.headers.get('Content-Type')).toBe('application/json')
    expect(await res.json()).toEqual({ message: 'Service Unavailable' })
    expect((await fetch(`${server.base}/api/items/1`)).status).toBe(200)
  })

  it('answers 429 with Retry-After for the next 2 requests only (count)', async () => {
    await put([
      { path: '/api/*', count: 2, effect: { type: 'status', status: 429, retry_after: 7, message: 'Slow down.' } },
    ])
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${server.base}/api/items/1`)
      statuses.push(res.status)
      if (res.status === 429) {
        expect(res.headers.get('Retry-After')).toBe('7')
        expect(await res.json()).toEqual({ message: 'Slow down.' })
      } else await res.text()
    }
    expect(statuses).toEqual([429, 429, 200])
    const rules = await (await fetch(`${server.base}/__admin/faults`)).json()
    expect(rules.rules[0]).toMatchObject({ fired: 2, remaining: 0 })
  })

  it('drops the connection: the client sees a network error', async () => {
    await put([{ path: '/api/items/*', effect: { type: 'drop' } }])
    await expect(fetch(`${server.base}/api/items/1`)).rejects.toThrow(TypeError)
  })

  it('cuts the body after the given bytes: reading it fails', async () => {
    await put([{ path: '/api/items', effect: { type: 'truncate', bytes: 40 } }])
    const res = await fetch(`${server.base}/api/items`)
    expect(res.status).toBe(200)
    await expect(res.text()).rejects.toThrow()
  })

  it('sends the body slowly but completely', async () => {
    const expected = await (await fetch(`${server.base}/api/items/1`)).text()
    await put([{ path: '/api/items/1', effect: { type: 'slow_body', chunk_bytes: 1000, interval_ms: 40 } }])
    const started = performance.now()
    const body = await (await fetch(`${server.base}/api/items/1`)).text()
    expect(body).toBe(expected)
    expect(performance.now() - started).toBeGreaterThanOrEqual(Math.floor((expected.length - 1) / 1000) * 40 - 5)
  })

  it("answers nginx's HTML error page for a 502, with text/html and Retry-After, the next 2 requests only", async () => {
    await put([{ path: '/api/items', count: 2, effect: { type: 'html', status: 502, retry_after: 1 } }])
    const res = await fetch(`${server.base}/api/items`)
    expect(res.status).toBe(502)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/)
    expect(res.headers.get('Retry-After')).toBe('1')
    const body = await res.text()
    expect(body).toContain('<title>502 Bad Gateway</title>')
    expect(body).toContain('<center>nginx</center>')
    expect(() => JSON.parse(body)).toThrow()
    expect((await fetch(`${server.base}/api/items`)).status).toBe(502)
    const after = await fetch(`${server.base}/api/items`)
    expect(after.status).toBe(200)
    expect(Array.isArray(await after.json())).toBe(true)
  })

  it("answers a PHP fatal error printed into a 200 (a broken origin's page, not JSON)", async () => {
    await put([{ path: '/api/items/*', effect: { type: 'html', status: 200 } }])
    const res = await fetch(`${server.base}/api/items/1`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/)
    const body = await res.text()
    expect(body).toMatch(/^<br \/>\n<b>Fatal error<\/b>:/)
    expect(() => JSON.parse(body)).toThrow()
    // The PHP page for a 500 unless the nginx one is asked for; other paths are untouched.
    await put([
      { path: '/api/items/1', effect: { type: 'html', status: 500, style: 'nginx' } },
      { path: '/api/items/2', effect: { type: 'html' } },
    ])
    expect(await (await fetch(`${server.base}/api/items/1`)).text()).toContain('<h1>500 Internal Server Error</h1>')
    const php = await fetch(`${server.base}/api/items/2`)
    expect(php.status).toBe(500)
    expect(await php.text()).toContain('<b>Fatal error</b>')
    expect((await fetch(`${server.base}/api/collections/1`)).status).toBe(200)
  })

  it('fires an html rule with a seeded probability, like the other effects', async () => {
    const run = async () => {
      await put({ seed: 9, rules: [{ path: '/api/site', probability: 0.5, effect: { type: 'html', status: 503 } }] })
      const out: string[] = []
      for (let i = 0; i < 12; i++) out.push((await fetch(`${server.base}/api/site`)).headers.get('Content-Type') ?? '')
      return out
    }
    const first = await run()
    expect(await run()).toEqual(first)
    expect(first.some((t) => t.startsWith('text/html'))).toBe(true)
    expect(first.some((t) => t.startsWith('application/json'))).toBe(true)
  })

  it('turns the API off for matching requests after the key check, as Omeka orders them', async () => {
    await put([{ path: '/api/*', effect: { type: 'api_disabled' } }])
    const bad = await fetch(`${server.base}/api/items?key=nope`)
    expect(bad.status).toBe(403)
    expect(await bad.json()).toEqual({ message: 'Invalid key.' })
    const off = await fetch(`${server.base}/api/items?key=${KEYS.super}`)
    expect(off.status).toBe(403)
    expect(await off.json()).toEqual({ message: 'API is disabled' })
  })

  it('matches only requests with the given API key', async () => {
    await put([{ path: '/api/*', key: KEYS.researcher, effect: { type: 'status', status: 500 } }])
    expect((await fetch(`${server.base}/api/items/1?key=${KEYS.researcher}`)).status).toBe(500)
    expect((await fetch(`${server.base}/api/items/1?key=${KEYS.super}`)).status).toBe(200)
  })

  it('fires with a probability that is reproducible from the seed', async () => {
    const run = async () => {
      await put({ seed: 42, rules: [{ path: '/api/site', probability: 0.5, effect: { type: 'status', status: 500 } }] })
      const out: number[] = []
      for (let i = 0; i < 16; i++) out.push((await fetch(`${server.base}/api/site`)).status)
      return out
    }
    const first = await run()
    expect(await run()).toEqual(first)
    expect(first).toContain(500)
    expect(first).toContain(200)
  })

  it('never applies to the control plane itself', async () => {
    await put([{ path: '/*', effect: { type: 'status', status: 500 } }])
    const res = await fetch(`${server.base}/__admin/faults`)
    expect(res.status).toBe(200)
  })
})

describe('fault rules: errors', () => {
  it('refuses an unknown effect with a 400 naming the field, and keeps the old rules', async () => {
    await put([{ path: '/api/site', effect: { type: 'status', status: 503 } }])
    const res = await put([{ path: '/api/*', effect: { type: 'explode' } }])
    expect(res.status).toBe(400)
    expect((await res.json()).message).toMatch(/effect/)
    expect((await fetch(`${server.base}/api/site`)).status).toBe(503)
  })

  it('refuses invalid JSON, bad probabilities and paths not starting with /', async () => {
    const raw = await fetch(`${server.base}/__admin/faults`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: '{nope',
    })
    expect(raw.status).toBe(400)
    expect((await put([{ path: '/a', probability: 2, effect: { type: 'drop' } }])).status).toBe(400)
    expect((await put([{ path: 'api', effect: { type: 'drop' } }])).status).toBe(400)
    expect((await fetch(`${server.base}/__admin/faults`, { method: 'POST' })).status).toBe(405)
  })

  it('clears the rules on DELETE', async () => {
    await put([{ path: '/api/*', effect: { type: 'status', status: 500 } }])
    expect((await fetch(`${server.base}/__admin/faults`, { method: 'DELETE' })).status).toBe(204)
    expect((await fetch(`${server.base}/api/site`)).status).toBe(200)
    expect((await (await fetch(`${server.base}/__admin/faults`)).json()).rules).toEqual([])
  })
})

describe('serve --faults', () => {
  it('starts with the rules of the file in force', async () => {
    const withRules = await startRealServer(CLASSIC_FIXTURE, {
      faults: { seed: 1, rules: [{ path: '/api/site', probability: 1, effect: { type: 'status', status: 503 } }] },
    })
    try {
      expect((await fetch(`${withRules.base}/api/site`)).status).toBe(503)
    } finally {
      await withRules.close()
    }
  })
})
