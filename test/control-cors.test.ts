import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLASSIC_FIXTURE } from './helpers.js'
import { startRealServer, type RealServer } from './real-server.js'

const ALLOWED = 'https://app.example.org'
let server: RealServer
let plain: RealServer

beforeAll(async () => {
  server = await startRealServer(CLASSIC_FIXTURE, { cors: { origins: [ALLOWED] } })
  plain = await startRealServer(CLASSIC_FIXTURE)
})
afterAll(async () => {
  await server.close()
  await plain.close()
})

describe('CORS', () => {
  it('answers a preflight from an allowed origin before the Classic router', async () => {
    const res = await fetch(`${server.base}/api/items`, {
      method: 'OPTIONS',
      headers: {
        Origin: ALLOWED,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(ALLOWED)
    expect(res.headers.get('Access-Control-Allow-Methods')).toContain('POST')
    expect(res.headers.get('Access-Control-Allow-Headers')).toBe('content-type')
  })

  it("leaves a plain OPTIONS to Omeka's router (405)", async () => {
    const res = await fetch(`${server.base}/api/items`, { method: 'OPTIONS' })
    expect(res.status).toBe(405)
  })

  it('exposes Link and Omeka-Total-Results to an allowed origin', async () => {
    const res = await fetch(`${server.base}/api/items?per_page=2`, { headers: { Origin: ALLOWED } })
    expect(res.status).toBe(200)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(ALLOWED)
    expect(res.headers.get('Access-Control-Expose-Headers')).toBe('Link, Omeka-Total-Results')
    expect(res.headers.get('Vary')).toContain('Origin')
    // Anonymous total on the baseline fixture, as real Omeka answered it (conformance case 069).
    expect(res.headers.get('Omeka-Total-Results')).toBe('11')
  })

  it('covers /files too, and error responses', async () => {
    const file = await fetch(`${server.base}/files/original/nope.jpg`, { headers: { Origin: ALLOWED } })
    expect(file.headers.get('Access-Control-Allow-Origin')).toBe(ALLOWED)
    const err = await fetch(`${server.base}/api/items/9999`, { headers: { Origin: ALLOWED } })
    expect(err.status).toBe(404)
    expect(err.headers.get('Access-Control-Allow-Origin')).toBe(ALLOWED)
  })

  it('gives nothing to other origins, and nothing at all when not configured', async () => {
    const other = await fetch(`${server.base}/api/items`, { headers: { Origin: 'https://evil.example' } })
    expect(other.headers.get('Access-Control-Allow-Origin')).toBeNull()
    const off = await fetch(`${plain.base}/api/items`, { headers: { Origin: ALLOWED } })
    expect(off.headers.get('Access-Control-Allow-Origin')).toBeNull()
  })

  it('allows any origin with *', async () => {
    const any = await startRealServer(CLASSIC_FIXTURE, { cors: { origins: ['*'] } })
    try {
      const res = await fetch(`${any.base}/api/site`, { headers: { Origin: 'https://x.test' } })
      expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*')
    } finally {
      await any.close()
    }
  })
})
