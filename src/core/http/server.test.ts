import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { accessLogger, listen, pathWithoutKeys } from './server.js'

// Expected values: issue 12 (access log without keys; drain finishes requests in flight) and RFC 9112 (a
// closed listener refuses new connections).

describe('pathWithoutKeys', () => {
  it('drops Classic and Omeka S credentials and keeps the rest of the query', () => {
    expect(pathWithoutKeys('/api/items?key=abc&page=2')).toBe('/api/items?page=2')
    expect(pathWithoutKeys('/api/items?key_identity=i&key_credential=c')).toBe('/api/items')
    expect(pathWithoutKeys('/api/items?KEY=abc&sort_field=added')).toBe('/api/items?sort_field=added')
    expect(pathWithoutKeys('/files/original/a.jpg')).toBe('/files/original/a.jpg')
  })
})

describe('listen', () => {
  it('logs one JSON line per request and drains a request in flight before closing', async () => {
    const lines: string[] = []
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) })
    let release!: () => void
    const gate = new Promise<void>((ok) => (release = ok))
    const server = await listen(
      async (req) => {
        if (new URL(req.url).pathname === '/slow') await gate
        return new Response('done')
      },
      { host: '127.0.0.1', port: 0, logger: accessLogger('info', sink) },
    )
    const base = `http://127.0.0.1:${server.port}`
    const slow = fetch(`${base}/slow?key=secret`)
    while (server.inFlight() === 0) await new Promise((ok) => setTimeout(ok, 5))
    let drained = false
    const draining = server.drain().then(() => (drained = true))
    await new Promise((ok) => setTimeout(ok, 50))
    expect(drained).toBe(false)
    await expect(fetch(`${base}/fast`)).rejects.toThrow()
    release()
    expect(await (await slow).text()).toBe('done')
    await draining
    expect(server.inFlight()).toBe(0)
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(logged).toHaveLength(1)
    expect(logged[0]).toMatchObject({ method: 'GET', path: '/slow', status: 200, msg: 'request' })
    expect(typeof logged[0]!.duration_ms).toBe('number')
  })

  it('logs nothing at level silent', async () => {
    const lines: string[] = []
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) })
    const server = await listen(() => new Response('ok'), {
      host: '127.0.0.1',
      port: 0,
      logger: accessLogger('silent', sink),
    })
    await (await fetch(`http://127.0.0.1:${server.port}/`)).text()
    await server.drain()
    expect(lines).toEqual([])
  })
})
