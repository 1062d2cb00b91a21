import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../app.js'
import { memoryDeps } from '../../bootstrap.js'
import { loadFixture } from '../../fixtures/load.js'
import { CLASSIC_FIXTURE, KEYS, ORIGIN, jsonBody, testApp, type TestApp } from '../../../../test/helpers.js'

// Expected values: shared/reference/omeka-classic-api.md §6-§8 and cases 240-241, 270-282.
const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex')

let t: TestApp
let png: Buffer
let jpeg: Buffer
const txt = Buffer.from('Plain words for a text file.\n')
beforeAll(async () => {
  t = testApp()
  png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#c00' } })
    .png()
    .toBuffer()
  jpeg = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#0a0' } })
    .jpeg()
    .toBuffer()
})
afterAll(() => t.close())

/** A multipart body like Omeka clients send: `data` JSON and one `file`, plus any extra fields. */
function upload(
  data: unknown,
  file?: { name: string; bytes: Buffer; type?: string },
  extra: Record<string, string> = {},
): RequestInit {
  const form = new FormData()
  if (data !== undefined) form.append('data', typeof data === 'string' ? data : JSON.stringify(data))
  if (file)
    form.append(
      'file',
      new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }),
      file.name,
    )
  for (const [k, v] of Object.entries(extra)) form.append(k, v)
  return { method: 'POST', body: form }
}

/** Every stored file name under the store, all folders. */
function storedNames(root: string): string[] {
  if (!existsSync(root)) return []
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name)
}

const fileCount = () => (t.deps.db.$client.prepare('SELECT COUNT(*) AS n FROM files').get() as { n: number }).n

describe('files: reading', () => {
  it("lists public items' files to anonymous callers and hides files of private items [146, 151, 332]", async () => {
    const { status, body, res } = await t.json('/api/files')
    expect(status).toBe(200)
    expect(body.map((f: { id: number }) => f.id)).toEqual([1, 2, 3, 4, 5])
    expect(res.headers.get('Omeka-Total-Results')).toBe('5')
    expect((await t.json('/api/files/6')).status).toBe(404)
    expect((await t.json('/api/files?item=3')).body).toEqual([])
    expect((await t.json(`/api/files?item=3&key=${KEYS.super}`)).body.map((f: { id: number }) => f.id)).toEqual([6])
  })

  it('filters by item, mime_type and has_derivative_image', async () => {
    expect((await t.json('/api/files?item=1')).body.map((f: { id: number }) => f.id)).toEqual([1, 2])
    const pngs = (await t.json('/api/files?mime_type=image/png')).body
    expect(pngs.length).toBeGreaterThan(0)
    expect(pngs.every((f: { mime_type: string }) => f.mime_type === 'image/png')).toBe(true)
    const noDerivative = (await t.json('/api/files?has_derivative_image=0')).body
    expect(noDerivative.every((f: { file_urls: { fullsize: unknown } }) => f.file_urls.fullsize === null)).toBe(true)
  })
})

describe('files: uploads', () => {
  it('stores a PNG with its MD5, size, MIME type, derivatives and element texts, and serves the bytes', async () => {
    const r = await t.json(
      `/api/files?key=${KEYS.super}`,
      upload(
        { item: { id: 14 }, order: 5, element_texts: [{ element: { id: 50 }, text: 'Red', html: false }] },
        { name: 'red.png', bytes: png, type: 'image/png' },
      ),
    )
    expect(r.status).toBe(201)
    expect(r.res.headers.get('Location')).toBe(`${ORIGIN}/api/files/${r.body.id}`)
    expect(r.body).toMatchObject({
      authentication: md5(png),
      size: png.length,
      mime_type: 'image/png',
      has_derivative_image: true,
      order: 5,
      original_filename: 'red.png',
      stored: true,
      item: { id: 14 },
    })
    expect(r.body.filename).toMatch(/^[0-9a-f]{32}\.png$/)
    expect(r.body.element_texts[0].text).toBe('Red')
    expect(r.body.metadata.video).toMatchObject({ resolution_x: 300, resolution_y: 200 })
    const base = r.body.filename.replace(/\.png$/, '')
    expect(r.body.file_urls.thumbnail).toBe(`${ORIGIN}/files/thumbnails/${base}.jpg`)
    const original = await t.request(`/files/original/${r.body.filename}`)
    expect(original.headers.get('Content-Type')).toBe('image/png')
    expect(md5(Buffer.from(await original.arrayBuffer()))).toBe(md5(png))
    const thumb = await t.request(`/files/thumbnails/${base}.jpg`)
    expect(thumb.headers.get('Content-Type')).toBe('image/jpeg')
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()
    expect(meta.format).toBe('jpeg')
    expect(Math.max(meta.width!, meta.height!)).toBe(200)
  })

  it('makes a fullsize JPEG no larger than 800 pixels from a large JPEG', async () => {
    const r = await t.json(
      `/api/files?key=${KEYS.super}`,
      upload({ item: { id: 1 } }, { name: 'Big.JPG', bytes: jpeg }),
    )
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({
      authentication: md5(jpeg),
      size: jpeg.length,
      mime_type: 'image/jpeg',
      has_derivative_image: true,
      order: null,
    })
    // The original keeps its extension's case; derivatives are always .jpg.
    expect(r.body.filename).toMatch(/^[0-9a-f]{32}\.JPG$/)
    const full = await t.request(`/files/fullsize/${r.body.filename.replace(/\.JPG$/, '')}.jpg`)
    const meta = await sharp(Buffer.from(await full.arrayBuffer())).metadata()
    expect([meta.width, meta.height]).toEqual([800, 600])
  })

  it('stores a text file without derivatives and with empty metadata', async () => {
    const r = await t.json(
      `/api/files?key=${KEYS.super}`,
      upload({ item: { id: 1 } }, { name: 'notes.txt', bytes: txt, type: 'image/png' }),
    )
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({
      authentication: md5(txt),
      size: txt.length,
      mime_type: 'text/plain',
      has_derivative_image: false,
      metadata: [],
    })
    expect(r.body.file_urls).toMatchObject({ fullsize: null, thumbnail: null, square_thumbnail: null })
    expect(await (await t.request(`/files/original/${r.body.filename}`)).text()).toBe(txt.toString())
  })

  it('authenticates with a key sent as a multipart field [278]', async () => {
    const r = await t.json(
      '/api/files',
      upload({ item: { id: 14 } }, { name: 'b.txt', bytes: Buffer.from('key in body') }, { key: KEYS.super }),
    )
    expect(r.status).toBe(201)
    expect(r.body.authentication).toBe(md5(Buffer.from('key in body')))
  })

  it('refuses a .php upload and stores nothing, neither record nor bytes [276]', async () => {
    const before = { count: fileCount(), names: storedNames(t.deps.files.root).sort() }
    const r = await t.json(
      `/api/files?key=${KEYS.super}`,
      upload({ item: { id: 1 } }, { name: 'evil.php', bytes: Buffer.from('<?php echo "hi"; ?>\n') }),
    )
    expect(r.status).toBe(500)
    expect(r.body.message).toMatch(
      /^The file 'evil\.php' could not be ingested because it has a disallowed file extension \(php\)\./,
    )
    expect(fileCount()).toBe(before.count)
    expect(storedNames(t.deps.files.root).sort()).toEqual(before.names)
  })

  it('removes the bytes and derivatives when a file is deleted', async () => {
    const r = await t.json(
      `/api/files?key=${KEYS.super}`,
      upload({ item: { id: 2 } }, { name: 'gone.png', bytes: png }),
    )
    const base = r.body.filename.replace(/\.png$/, '')
    expect(storedNames(t.deps.files.root).filter((n) => n.startsWith(base))).toHaveLength(4)
    const del = await t.request(`/api/files/${r.body.id}?key=${KEYS.super}`, { method: 'DELETE' })
    expect(del.status).toBe(204)
    expect(storedNames(t.deps.files.root).filter((n) => n.startsWith(base))).toEqual([])
    expect((await t.request(`/files/original/${r.body.filename}`)).status).toBe(404)
  })

  it('removes the bytes and derivatives of every file when their item is deleted', async () => {
    const item = await t.json(`/api/items?key=${KEYS.super}`, jsonBody('POST', {}))
    const a = await t.json(
      `/api/files?key=${KEYS.super}`,
      upload({ item: { id: item.body.id } }, { name: 'a.png', bytes: png }),
    )
    const b = await t.json(
      `/api/files?key=${KEYS.super}`,
      upload({ item: { id: item.body.id } }, { name: 'b.txt', bytes: txt }),
    )
    const bases = [a.body.filename, b.body.filename].map((f: string) => f.replace(/\.\w+$/, ''))
    expect((await t.request(`/api/items/${item.body.id}?key=${KEYS.super}`, { method: 'DELETE' })).status).toBe(204)
    expect(storedNames(t.deps.files.root).filter((n) => bases.some((x) => n.startsWith(x)))).toEqual([])
    expect((await t.json(`/api/files/${a.body.id}?key=${KEYS.super}`)).status).toBe(404)
  })

  it('changes order and replaces element texts on PUT [280]', async () => {
    const r = await t.json(
      `/api/files/1?key=${KEYS.super}`,
      jsonBody('PUT', { order: 9, element_texts: [{ element: { id: 41 }, text: 'Described', html: false }] }),
    )
    expect(r.status).toBe(200)
    expect(r.body.order).toBe(9)
    expect(r.body.element_texts.map((e: { text: string }) => e.text)).toEqual(['Described'])
  })
})

describe('files: errors', () => {
  const messages = {
    oneFile: 'Invalid request. Exactly one file must be uploaded per request.',
    noData: 'Invalid request. Missing JSON data.',
    notObject: 'Invalid request. Request body must be a JSON object.',
    noItem: 'Invalid item. File must belong to an existing item.',
  }
  it("answers Omeka's message for each malformed upload [270-275]", async () => {
    const k = `/api/files?key=${KEYS.super}`
    const f = { name: 'a.txt', bytes: txt }
    expect(await t.json(k, upload({ item: { id: 1 } }))).toMatchObject({
      status: 400,
      body: { message: messages.oneFile },
    })
    expect(await t.json(k, jsonBody('POST', { item: { id: 1 } }))).toMatchObject({
      status: 400,
      body: { message: messages.oneFile },
    })
    expect(await t.json(k, upload(undefined, f))).toMatchObject({ status: 400, body: { message: messages.noData } })
    expect(await t.json(k, upload('{oops', f))).toMatchObject({ status: 400, body: { message: messages.notObject } })
    expect(await t.json(k, upload('[1]', f))).toMatchObject({ status: 400, body: { message: messages.notObject } })
    expect(await t.json(k, upload({}, f))).toMatchObject({ status: 400, body: { message: messages.noItem } })
    expect(await t.json(k, upload({ item: { id: 9999 } }, f))).toMatchObject({
      status: 400,
      body: { message: messages.noItem },
    })
  })

  it('refuses two files in one request', async () => {
    const form = new FormData()
    form.append('data', JSON.stringify({ item: { id: 1 } }))
    form.append('file', new Blob(['a']), 'a.txt')
    form.append('other', new Blob(['b']), 'b.txt')
    expect(await t.json(`/api/files?key=${KEYS.super}`, { method: 'POST', body: form })).toMatchObject({
      status: 400,
      body: { message: messages.oneFile },
    })
  })

  it('answers 404 for PUT and DELETE of a missing file', async () => {
    expect(await t.json(`/api/files/9999?key=${KEYS.super}`, jsonBody('PUT', {}))).toMatchObject({
      status: 404,
      body: { message: 'Invalid record. Record not found.' },
    })
    expect((await t.json(`/api/files/9999?key=${KEYS.super}`, { method: 'DELETE' })).status).toBe(404)
  })
})

describe('files: permissions', () => {
  const f = () => ({ name: 'p.txt', bytes: txt })
  it("refuses uploads from anonymous callers, researchers, and contributors on others' items [240, 241]", async () => {
    expect((await t.json('/api/files', upload({ item: { id: 1 } }, f()))).status).toBe(403)
    expect(await t.json(`/api/files?key=${KEYS.researcher}`, upload({ item: { id: 1 } }, f()))).toMatchObject({
      status: 403,
      body: { message: 'Permission denied.' },
    })
    expect(await t.json(`/api/files?key=${KEYS.contributor}`, upload({ item: { id: 1 } }, f()))).toMatchObject({
      status: 403,
      body: { message: 'Permission denied.' },
    })
  })

  it('lets a contributor upload to and edit files of their own item, but not delete them', async () => {
    const r = await t.json(`/api/files?key=${KEYS.contributor}`, upload({ item: { id: 6 } }, f()))
    expect(r.status).toBe(201)
    expect(
      (await t.json(`/api/files/${r.body.id}?key=${KEYS.contributor}`, jsonBody('PUT', { order: 1 }))).status,
    ).toBe(200)
    expect((await t.json(`/api/files/${r.body.id}?key=${KEYS.contributor}`, { method: 'DELETE' })).status).toBe(403)
  })

  it("refuses a contributor editing another user's file [281] and lets an admin do it", async () => {
    expect(await t.json(`/api/files/1?key=${KEYS.contributor}`, jsonBody('PUT', { order: 2 }))).toMatchObject({
      status: 403,
      body: { message: 'Permission denied.' },
    })
    expect((await t.json(`/api/files/1?key=${KEYS.admin}`, jsonBody('PUT', { order: 2 }))).status).toBe(200)
  })
})

describe('files: upload limits and crashes', () => {
  let dir: string
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  /** The real app with a small upload limit. */
  function limitedApp(maxUploadBytes: number) {
    dir = mkdtempSync(join(tmpdir(), 'omeka-twin-upload-'))
    const deps = memoryDeps(join(dir, 'files'), { maxUploadBytes })
    loadFixture(deps, CLASSIC_FIXTURE)
    return { deps, app: createApp(deps) }
  }

  it('answers 413 with a JSON message for a body over the limit and stores nothing', async () => {
    const { deps, app } = limitedApp(1000)
    const before = storedNames(deps.files.root).sort()
    const res = await app.request(
      `${ORIGIN}/api/files?key=${KEYS.super}`,
      upload({ item: { id: 1 } }, { name: 'big.txt', bytes: Buffer.alloc(200_000, 'a') }),
    )
    expect(res.status).toBe(413)
    expect(res.headers.get('Content-Type')).toBe('application/json')
    expect((await res.json()).message).toContain('maximum upload size is 1000 bytes')
    expect(storedNames(deps.files.root).sort()).toEqual(before)
    deps.db.$client.close()
  })

  it('answers 413 naming the file when the file alone is over the limit', async () => {
    const { deps, app } = limitedApp(1000)
    const res = await app.request(
      `${ORIGIN}/api/files?key=${KEYS.super}`,
      upload({ item: { id: 1 } }, { name: 'big.txt', bytes: Buffer.alloc(1001, 'a') }),
    )
    expect(res.status).toBe(413)
    expect((await res.json()).message).toContain("'big.txt'")
    const ok = await app.request(
      `${ORIGIN}/api/files?key=${KEYS.super}`,
      upload({ item: { id: 1 } }, { name: 'fits.txt', bytes: Buffer.alloc(1000, 'a') }),
    )
    expect(ok.status).toBe(201)
    deps.db.$client.close()
  })

  it('leaves no record and no bytes when the database write fails mid-upload', async () => {
    const { deps, app } = limitedApp(10_000_000)
    deps.db.$client.exec(
      "CREATE TRIGGER fail_file BEFORE INSERT ON element_texts WHEN NEW.text = 'boom' BEGIN SELECT RAISE(ABORT, 'injected failure'); END",
    )
    const before = (deps.db.$client.prepare('SELECT COUNT(*) AS n FROM files').get() as { n: number }).n
    const names = storedNames(deps.files.root).sort()
    const res = await app.request(
      `${ORIGIN}/api/files?key=${KEYS.super}`,
      upload(
        { item: { id: 1 }, element_texts: [{ element: { id: 50 }, text: 'boom', html: false }] },
        { name: 'crash.png', bytes: png },
      ),
    )
    expect(res.status).toBe(500)
    expect((deps.db.$client.prepare('SELECT COUNT(*) AS n FROM files').get() as { n: number }).n).toBe(before)
    expect(storedNames(deps.files.root).sort()).toEqual(names)
    deps.db.$client.close()
  })
})
