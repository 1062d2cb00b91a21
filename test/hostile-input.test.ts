import { request as httpRequest, Agent } from 'node:http'
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LIMITS } from '../src/core/http/limits.js'
import { hostileApp, listen, type HostileApp } from './hostile-helpers.js'

// Each block below is a defect found by probing omeka-twin as an attacker would (issue 13): every one
// answered 500, crashed, or broke the connection before it was fixed.

let t: HostileApp
beforeAll(async () => {
  t = await hostileApp()
})
afterAll(() => t.close())

const json = (method: string, body: string): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json' },
  body,
})
const nested = (depth: number, leaf = '1') => '['.repeat(depth) + leaf + ']'.repeat(depth)

async function answer(res: Response): Promise<{ status: number; body: unknown }> {
  const text = await res.text()
  return { status: res.status, body: JSON.parse(text) as unknown }
}

describe('query strings that reached SQLite unchecked', () => {
  const digits = '9'.repeat(320)

  it('reads a Classic range with a 320-digit id as PHP does (saturated), not as a 500', async () => {
    expect(await answer(await t.request(`/api/items?range=${digits}`))).toEqual({ status: 200, body: [] })
    const all = await answer(await t.request(`/api/items?range=1-${digits}`))
    expect(all.status).toBe(200)
    expect((all.body as unknown[]).length).toBeGreaterThan(0)
  })

  it('reads an advanced search element_id of 320 digits as an element that does not exist', async () => {
    const q = `advanced[0][element_id]=${digits}&advanced[0][type]=contains&advanced[0][terms]=a`
    expect(await answer(await t.request(`/api/items?${encodeURI(q)}`))).toEqual({ status: 200, body: [] })
  })

  it.each([
    ['range', Array.from({ length: 2000 }, (_, i) => String(i + 1)).join(',')],
    ['tags', Array.from({ length: 2000 }, (_, i) => `t${i}`).join(',')],
  ])("refuses a Classic %s list of thousands of parts with a 400 in Omeka's format", async (name, value) => {
    expect(await answer(await t.request(`/api/items?${name}=${value}`))).toEqual({
      status: 400,
      body: { message: `Too many values in the query: the maximum is ${LIMITS.queryListParts}.` },
    })
  })

  it('still answers a list within the limit', async () => {
    const res = await t.request(`/api/items?range=${Array.from({ length: 400 }, (_, i) => String(i + 1)).join(',')}`)
    expect(res.status).toBe(200)
  })

  it("refuses an Omeka S id[] list of thousands of entries with a 400 in Omeka S's format", async () => {
    const q = Array.from({ length: 1500 }, (_, i) => `id[]=${i}`).join('&')
    expect(await answer(await t.request(`/s/api/items?${q}`))).toEqual({
      status: 400,
      body: { errors: { error: `Too many values in the query: the maximum is ${LIMITS.queryListParts}.` } },
    })
  })

  it.each([
    'page=99999999999999999999',
    'per_page=99999999999999999999',
    'page=99999999999999999999&per_page=99999999999999999999',
  ])('answers Omeka S %s with a page, not a 500', async (q) => {
    const res = await t.request(`/s/api/items?${q}`)
    expect(res.status).toBe(200)
    expect(Array.isArray(JSON.parse(await res.text()))).toBe(true)
  })
})

describe('request bodies', () => {
  it("refuses JSON nested deeper than json_decode allows, in each flavour's words, and stores nothing", async () => {
    const before = t.fingerprint()
    const page = `{"o:site":{"o:id":1},"o:slug":"deep","o:title":"Deep","o:block":[{"o:layout":"html","o:data":{"a":${nested(5000)}}}]}`
    expect(await answer(await t.request(`/s/api/site_pages?${t.sKey}`, json('POST', page)))).toEqual({
      status: 400,
      body: { errors: { error: 'JSON: Maximum stack depth exceeded' } },
    })
    const item = `{"element_texts":${nested(5000)}}`
    expect(await answer(await t.request(`/api/items?key=${t.classicKey}`, json('POST', item)))).toEqual({
      status: 400,
      body: { message: 'Invalid request. Request body must be a JSON object.' },
    })
    expect(t.fingerprint()).toBe(before)
  })

  it('accepts JSON nested exactly as deep as json_decode allows', async () => {
    // 512 levels in all: the body object, o:data and 510 arrays.
    const body = `{"o:title":"ok","o:data":${nested(510, '"x"')}}`
    const res = await t.request(`/s/api/items?${t.sKey}`, json('POST', body))
    expect(res.status).toBe(200)
  })

  it('answers a malformed multipart body as an empty form (as PHP reads it), never a 500', async () => {
    const init = (boundary: string, body: string): RequestInit => ({
      method: 'POST',
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      body,
    })
    for (const [b, body] of [
      ['xx', '--xx\r\nbad'],
      ['xx', 'garbage'],
      ['', '--\r\n'],
    ] as const) {
      expect(await answer(await t.request(`/api/files?key=${t.classicKey}`, init(b, body)))).toEqual({
        status: 400,
        body: { message: 'Invalid request. Exactly one file must be uploaded per request.' },
      })
      expect((await t.request(`/s/api/media?${t.sKey}`, init(b, body))).status).toBe(422)
    }
  })

  it('refuses a multipart body of more parts than the limit before parsing it', async () => {
    const parts = `${Array.from(
      { length: LIMITS.multipartParts + 1 },
      (_, i) => `--b\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nv\r\n`,
    ).join('')}--b--\r\n`
    const res = await t.request(`/s/api/media?${t.sKey}`, {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=b' },
      body: parts,
    })
    expect(await answer(res)).toEqual({
      status: 400,
      body: { errors: { error: `Too many parts in the multipart body: the maximum is ${LIMITS.multipartParts}.` } },
    })
  })
})

describe('texts longer than an element text or value may be', () => {
  const huge = 'é'.repeat(Math.ceil(LIMITS.textBytes / 2) + 1) // two UTF-8 bytes each: one byte over the limit
  const message = `A text in the request body is longer than the maximum of ${LIMITS.textBytes} bytes.`

  it('refuses a Classic element text over the limit and stores nothing', async () => {
    const before = t.fingerprint()
    const body = JSON.stringify({ element_texts: [{ element: { id: 50 }, html: false, text: huge }] })
    expect(await answer(await t.request(`/api/items?key=${t.classicKey}`, json('POST', body)))).toEqual({
      status: 400,
      body: { message },
    })
    expect(t.fingerprint()).toBe(before)
  })

  it('refuses an Omeka S value over the limit and stores nothing', async () => {
    const before = t.fingerprint()
    const body = JSON.stringify({ 'dcterms:title': [{ type: 'literal', property_id: 1, '@value': huge }] })
    expect(await answer(await t.request(`/s/api/items?${t.sKey}`, json('POST', body)))).toEqual({
      status: 400,
      body: { errors: { error: message } },
    })
    expect(t.fingerprint()).toBe(before)
  })
})

describe('request size limits and the connection after a refusal (real sockets)', () => {
  let small: HostileApp
  let server: { port: number; close(): Promise<void> }
  beforeAll(async () => {
    small = await hostileApp({ maxUploadBytes: 1000 })
    server = await listen(small.app)
  })
  afterAll(async () => {
    await server.close()
    small.close()
  })

  /** Sends headers declaring `declared` bytes and `sent` of them, and returns the raw answer's head. */
  function refusedHead(path: string, declared: number, sent: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1')
      let head = ''
      socket.on('data', (d) => {
        head += d.toString('latin1')
        if (head.includes('\r\n\r\n')) {
          socket.destroy()
          resolve(head.slice(0, head.indexOf('\r\n\r\n')).toLowerCase())
        }
      })
      socket.on('error', reject)
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n`,
      )
      socket.write(Buffer.alloc(sent, 0x20))
    })
  }

  it.each([
    ['the Classic API', '/api/items'],
    ['the Omeka S API', '/s/api/items'],
    ['the control plane', '/__admin/seed'],
  ])('refuses a large body on %s with 413 and Connection: close, before reading it', async (_name, path) => {
    const head = await refusedHead(path, 50 * 1024 * 1024, 256 * 1024)
    expect(head).toMatch(/^http\/1\.1 413 /)
    expect(head).toContain('connection: close')
  })

  it("answers in each flavour's error format", async () => {
    const big = 'x'.repeat(70 * 1024)
    expect(await answer(await small.request(`/s/api/items?${small.sKey}`, json('POST', big)))).toEqual({
      status: 413,
      body: { errors: { error: 'Request body too large: the maximum upload size is 1000 bytes.' } },
    })
    expect(
      await answer(await small.request('/__admin/seed', json('POST', 'x'.repeat(LIMITS.controlBodyBytes + 1)))),
    ).toEqual({
      status: 413,
      body: { message: `Request body too large: the maximum is ${LIMITS.controlBodyBytes} bytes.` },
    })
  })

  it('lets a keep-alive client go on after a refused large body (the next request is not reset)', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const send = (method: string, path: string, body?: Buffer) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port: server.port,
            method,
            path,
            agent,
            headers: body ? { 'Content-Type': 'application/json', 'Content-Length': body.length } : {},
          },
          (res) => {
            res.resume()
            res.on('end', () => resolve(res.statusCode ?? 0))
          },
        )
        req.on('error', reject)
        req.end(body)
      })
    expect(await send('POST', '/s/api/items', Buffer.alloc(80 * 1024 * 1024, 0x20))).toBe(413)
    expect(await send('GET', '/api/site')).toBe(200)
    expect(await send('GET', '/s/api/items')).toBe(200)
    agent.destroy()
  })
})

describe('Omeka S site and page slugs and themes (SiteAdapter / SitePageAdapter validateEntity)', () => {
  const slugError = 'A slug can only contain letters, numbers, underscores, and hyphens.'

  it.each(['../../etc', 'a b', 'x/y', 'é'])(
    "refuses the site slug %j with Omeka S's 422 and stores nothing",
    async (slug) => {
      const before = t.fingerprint()
      const res = await t.request(
        `/s/api/sites?${t.sKey}`,
        json('POST', JSON.stringify({ 'o:title': 'T', 'o:slug': slug, 'o:theme': 'default' })),
      )
      expect(await answer(res)).toEqual({ status: 422, body: { errors: { 'o:slug': [slugError] } } })
      expect(t.fingerprint()).toBe(before)
    },
  )

  it('refuses a theme that is not installed, and a path as a theme', async () => {
    for (const theme of ['../../../etc/passwd', 'no-such-theme']) {
      const res = await t.request(
        `/s/api/sites?${t.sKey}`,
        json('POST', JSON.stringify({ 'o:title': 'T', 'o:slug': 'themed', 'o:theme': theme })),
      )
      expect(await answer(res)).toEqual({
        status: 422,
        body: { errors: { 'o:theme': [`The theme "${theme}" is not installed.`] } },
      })
    }
  })

  it('still creates a site with a valid slug and the default theme', async () => {
    const res = await t.request(
      `/s/api/sites?${t.sKey}`,
      json('POST', JSON.stringify({ 'o:title': 'T', 'o:slug': 'ok_slug-1', 'o:theme': 'default' })),
    )
    expect(res.status).toBe(200)
  })

  it('refuses a page slug with a path in it', async () => {
    const res = await t.request(
      `/s/api/site_pages?${t.sKey}`,
      json('POST', JSON.stringify({ 'o:site': { 'o:id': 1 }, 'o:title': 'P', 'o:slug': '../admin' })),
    )
    expect(await answer(res)).toEqual({ status: 422, body: { errors: { 'o:slug': [slugError] } } })
  })
})

describe('Omeka S page HTML goes through the purifier (Html block layout onHydrate, attachment captions)', () => {
  it('stores an html block and a caption without their scripts', async () => {
    const body = {
      'o:site': { 'o:id': 1 },
      'o:title': 'Purified',
      'o:slug': 'purified',
      'o:block': [
        {
          'o:layout': 'html',
          'o:data': { html: '<p>Hi<svg/onload=alert(1)><a href="&#106;avascript:alert(1)">x</a></p>' },
        },
        {
          'o:layout': 'media',
          'o:data': { layout: 'horizontal' },
          'o:attachment': [{ 'o:item': null, 'o:caption': '<b onclick="alert(1)">c</b>' }],
        },
      ],
    }
    const res = await answer(await t.request(`/s/api/site_pages?${t.sKey}`, json('POST', JSON.stringify(body))))
    expect(res.status).toBe(200)
    const blocks = (
      res.body as { 'o:block': { 'o:data': { html?: string }; 'o:attachment': { 'o:caption': string }[] }[] }
    )['o:block']
    expect(blocks[0]!['o:data'].html).toBe('<p>Hi<a>x</a></p>')
    expect(blocks[1]!['o:attachment'][0]!['o:caption']).toBe('<b>c</b>')
  })
})
