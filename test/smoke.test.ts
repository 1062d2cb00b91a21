import { createHash } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ServerType } from '@hono/node-server'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { memoryDeps } from '../src/classic/bootstrap.js'
import type { Deps } from '../src/classic/deps.js'
import { loadFixture } from '../src/classic/fixtures/load.js'
import { listenLoopback } from './real-server.js'
import { CLASSIC_FIXTURE, KEYS } from './helpers.js'

// The real Node server on a loopback port, driven over HTTP. Expected values: the recorded cases.
let server: ServerType
let base: string
let deps: Deps
let dir: string
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'omeka-twin-smoke-'))
  deps = memoryDeps(join(dir, 'files'), { maxUploadBytes: 4096 })
  loadFixture(deps, CLASSIC_FIXTURE)
  server = await listenLoopback(createApp(deps).fetch)
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((done) => server.close(done))
  deps.db.$client.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('smoke: the Node server', () => {
  it("serves the items index with Omeka's headers and origin from Host [041]", async () => {
    const res = await request(base).get('/api/items').expect(200)
    expect(res.headers['content-type']).toBe('application/json')
    expect(res.headers['omeka-total-results']).toBe('11')
    expect(res.headers.link).toBe(
      `<${base}/api/items?page=1&per_page=50>; rel="first", <${base}/api/items?page=1&per_page=50>; rel="last"`,
    )
    expect(res.text).toContain(`"url":"${base.replace(/\//g, '\\/')}\\/api\\/items\\/1"`)
  })

  it('creates, reads and deletes an item over HTTP', async () => {
    const created = await request(base)
      .post(`/api/items?key=${KEYS.super}`)
      .set('Content-Type', 'application/json')
      .send('{"public":true}')
      .expect(201)
    expect(created.headers.location).toBe(`${base}/api/items/${created.body.id}`)
    await request(base).get(`/api/items/${created.body.id}`).expect(200)
    const del = await request(base).delete(`/api/items/${created.body.id}?key=${KEYS.super}`).expect(204)
    expect(del.headers['content-type']).toBeUndefined()
    expect(del.text).toBe('')
  })

  it('uploads a file as multipart with the key in a form field [278]', async () => {
    const res = await request(base)
      .post('/api/files')
      .field('key', KEYS.super)
      .field('data', '{"item":{"id":14}}')
      .attach('file', Buffer.from('key in body'), 'b.txt')
      .expect(201)
    expect(res.body).toMatchObject({
      authentication: createHash('md5').update('key in body').digest('hex'),
      size: 11,
      mime_type: 'text/plain',
      original_filename: 'b.txt',
    })
    expect((await request(base).get(`/files/original/${res.body.filename}`).expect(200)).text).toBe('key in body')
  })

  it('refuses a body over the upload limit from its Content-Length with a JSON 413', async () => {
    const res = await request(base)
      .post(`/api/files?key=${KEYS.super}`)
      .field('data', '{"item":{"id":1}}')
      .attach('file', Buffer.alloc(200_000, 'a'), 'big.txt')
    expect(res.status).toBe(413)
    expect(res.headers['content-type']).toBe('application/json')
    expect(res.body.message).toBe('Request body too large: the maximum upload size is 4096 bytes.')
  })

  it("answers page=abc with a JSON 400 instead of PHP's empty 500 [076]", async () => {
    const res = await request(base).get('/api/items?per_page=5&page=abc').expect(400)
    expect(res.body).toEqual({ message: 'Invalid GET request parameter: "page"' })
  })
})
