import { getEventListeners } from 'node:events'
import { describe, expect, it } from 'vitest'
import { parseLinks, RemoteClient, retryAfterMs } from './remote-client.js'

/** A fake fetch answering from a queue of responses (or thrown errors), recording the URLs asked. */
function fakeFetch(answers: Array<Response | Error>) {
  const urls: string[] = []
  const f = (async (input: string | URL | Request) => {
    urls.push(String(input))
    const a = answers.shift()
    if (!a) throw new Error('no more answers')
    if (a instanceof Error) throw a
    return a
  }) as typeof fetch
  return { f, urls }
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } })

describe('RemoteClient', () => {
  it('leaves no abort listener behind after its retry waits (issue 14: one leaked per retry)', async () => {
    const abort = new AbortController()
    const { f } = fakeFetch([json({}, 503), json({}, 503), json({}, 503), json({}, 503), json([1])])
    const c = new RemoteClient({
      endpoint: 'http://o/api',
      key: null,
      fetch: f,
      baseDelayMs: 1,
      maxDelayMs: 2,
      maxAttempts: 5,
      signal: abort.signal,
    })
    const r = await c.getJson('http://o/api/items')
    expect(r.ok).toBe(true)
    expect(c.stats.retries).toBe(4)
    expect(getEventListeners(abort.signal, 'abort')).toHaveLength(0)
  })

  it('retries an HTML page answered with 200 or 5xx and says it was HTML, not JSON', async () => {
    const html = (status: number) =>
      new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', {
        status,
        headers: { 'Content-Type': 'text/html; charset=UTF-8' },
      })
    const { f } = fakeFetch([html(502), html(200), json([{ id: 1 }])])
    const c = new RemoteClient({ endpoint: 'http://o/api', key: null, fetch: f, baseDelayMs: 1, maxDelayMs: 2 })
    const r = await c.getJson('http://o/api/items')
    expect(r.ok && r.value.json).toEqual([{ id: 1 }])
    expect(c.stats.retries).toBe(2)
    const gaveUp = new RemoteClient({
      endpoint: 'http://o/api',
      key: null,
      fetch: fakeFetch([html(200), html(200)]).f,
      baseDelayMs: 1,
      maxDelayMs: 2,
      maxAttempts: 2,
    })
    const bad = await gaveUp.getJson('http://o/api/items')
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.error).toMatchObject({ retry: true, status: 200 })
    if (!bad.ok)
      expect(bad.error.message).toMatch(/^Invalid JSON \(an HTML page, not JSON\) from http:\/\/o\/api\/items/)
    const refused = await new RemoteClient({
      endpoint: 'http://o/api',
      key: null,
      fetch: fakeFetch([html(404)]).f,
    }).getJson('http://o/api/items')
    if (!refused.ok)
      expect(refused.error).toEqual({ retry: false, status: 404, message: 'HTTP 404 (an HTML page, not JSON)' })
    expect(refused.ok).toBe(false)
  })

  it('retries network errors, 5xx and 429 (honouring Retry-After) and counts the retries', async () => {
    const { f } = fakeFetch([
      new TypeError('fetch failed'),
      json({ message: 'x' }, 503),
      json({}, 429, { 'Retry-After': '0' }),
      json({ omeka_url: 'http://o' }),
    ])
    const c = new RemoteClient({ endpoint: 'http://o/api', key: null, fetch: f, baseDelayMs: 1 })
    const r = await c.getJson(c.apiUrl('site'))
    expect(r.ok).toBe(true)
    expect(c.stats).toMatchObject({ requests: 4, retries: 3 })
  })

  it('returns errors as values, not retrying what a retry cannot fix, with Omeka’s message', async () => {
    const { f } = fakeFetch([json({ message: 'Invalid key.' }, 403)])
    const c = new RemoteClient({ endpoint: 'http://o/api', key: 'k', fetch: f })
    expect(await c.getJson(c.apiUrl('site'))).toEqual({
      ok: false,
      error: { retry: false, status: 403, message: 'Invalid key.' },
    })
  })

  it('gives up after maxAttempts with a retryable error', async () => {
    const { f } = fakeFetch([json({}, 500), json({}, 500)])
    const c = new RemoteClient({ endpoint: 'http://o/api', key: 'secret', fetch: f, maxAttempts: 2, baseDelayMs: 1 })
    const r = await c.getJson(c.apiUrl('items'))
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatchObject({ retry: true, status: 500 })
    if (!r.ok) expect(r.error.message).not.toContain('secret')
  })

  it('sends the key to the API only, never to file URLs elsewhere', async () => {
    const { f, urls } = fakeFetch([json([]), new Response('abc')])
    const c = new RemoteClient({ endpoint: 'http://o/api', key: 'k1', fetch: f })
    await c.getJson(c.apiUrl('items', { page: '1' }))
    await c.download('http://cdn.example/files/original/a.png')
    expect(urls[0]).toContain('key=k1')
    expect(urls[1]).not.toContain('key=')
  })

  it('walks every page up to rel="last", in order', async () => {
    const link = (p: number) =>
      `<http://other-host/api/items?page=1&per_page=2>; rel="first", <http://other-host/api/items?page=3&per_page=2>; rel="last"${p < 3 ? `, <http://other-host/api/items?page=${p + 1}&per_page=2>; rel="next"` : ''}`
    const { f, urls } = fakeFetch([
      json([{ id: 1 }, { id: 2 }], 200, { Link: link(1), 'Omeka-Total-Results': '5' }),
      json([{ id: 3 }, { id: 4 }], 200, { Link: link(2) }),
      json([{ id: 5 }], 200, { Link: link(3) }),
    ])
    const c = new RemoteClient({ endpoint: 'http://o/api', key: null, fetch: f, pageConcurrency: 1 })
    const ids: number[] = []
    for await (const p of c.pages(c.apiUrl('items', { page: '1', per_page: '2' })))
      if (p.ok) ids.push(...p.value.records.map((r) => (r as { id: number }).id))
    expect(ids).toEqual([1, 2, 3, 4, 5])
    expect(urls.slice(1).every((u) => u.startsWith('http://o/api/items?'))).toBe(true)
  })
})

describe('header parsing', () => {
  it('reads Omeka Link headers and Retry-After in seconds or as a date', () => {
    expect(parseLinks('<http://a/api/items?page=2>; rel="next", <http://a/api/items?page=9>; rel="last"')).toEqual({
      next: 'http://a/api/items?page=2',
      last: 'http://a/api/items?page=9',
    })
    expect(retryAfterMs('3')).toBe(3000)
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000)
    expect(retryAfterMs(null)).toBeNull()
  })
})
