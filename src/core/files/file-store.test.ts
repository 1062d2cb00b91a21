import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FileStore } from './file-store.js'

const JPEG_SOI = Buffer.from([0xff, 0xd8, 0xff])

function solid(width: number, height: number, channels: 3 | 4 = 3) {
  const background = channels === 4 ? { r: 10, g: 120, b: 200, alpha: 0.5 } : { r: 200, g: 30, b: 30 }
  return sharp({ create: { width, height, channels, background } })
}

async function sizeOf(path: string): Promise<[number | undefined, number | undefined, string | undefined]> {
  const meta = await sharp(path).metadata()
  return [meta.width, meta.height, meta.format]
}

let root: string
let store: FileStore

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'file-store-'))
  store = new FileStore(root)
})

afterEach(() => {
  rmSync(root, { recursive: true, force: true })
})

describe('FileStore paths', () => {
  it("lays files out like Omeka's files/ directory", () => {
    expect(store.path('original', 'abc.png')).toBe(join(root, 'original', 'abc.png'))
    expect(store.path('fullsize', 'abc.jpg')).toBe(join(root, 'fullsize', 'abc.jpg'))
    expect(store.path('thumbnails', 'abc.jpg')).toBe(join(root, 'thumbnails', 'abc.jpg'))
    expect(store.path('square_thumbnails', 'abc.jpg')).toBe(join(root, 'square_thumbnails', 'abc.jpg'))
  })

  it.each(['', '.', '..', '../etc/passwd', 'a/b.txt', '/etc/passwd', 'a\\b.txt', '..\\x', 'a\0.txt', 'x/..'])(
    'rejects the non-plain name %j',
    (name) => {
      expect(() => store.path('original', name)).toThrow()
      expect(() => store.readOriginal(name)).toThrow()
      expect(() => store.writeOriginal(name, Buffer.from('x'))).toThrow()
      expect(() => store.exists('original', name)).toThrow()
      expect(() => store.deleteAll(name)).toThrow()
    },
  )

  it('rejects an unknown kind', () => {
    expect(() => store.path('../original' as 'original', 'a.txt')).toThrow()
  })
})

describe('FileStore originals', () => {
  it('writes and reads an original back byte for byte', () => {
    const bytes = Buffer.from('Plain text transcription of a letter.\nSecond line.\n')
    store.writeOriginal('09ebd97a358d49973e30c72768f0e659.txt', bytes)
    expect(store.exists('original', '09ebd97a358d49973e30c72768f0e659.txt')).toBe(true)
    expect(store.readOriginal('09ebd97a358d49973e30c72768f0e659.txt').equals(bytes)).toBe(true)
  })

  it('writes atomically, leaving no temporary file behind', () => {
    store.writeOriginal('a.txt', Buffer.from('first'))
    store.writeOriginal('a.txt', Buffer.from('second'))
    expect(readdirSync(join(root, 'original'))).toEqual(['a.txt'])
    expect(store.readOriginal('a.txt').toString()).toBe('second')
  })

  it('reports missing files as absent and throws when reading them', () => {
    expect(store.exists('original', 'missing.txt')).toBe(false)
    expect(() => store.readOriginal('missing.txt')).toThrow()
  })
})

describe('FileStore.writeDerivatives', () => {
  it('makes an 800x600 fullsize, 200x150 thumbnail and 200x200 square from a 1200x900 JPEG', async () => {
    const jpeg = await solid(1200, 900).jpeg().toBuffer()
    store.writeOriginal('photo.jpg', jpeg)
    await expect(store.writeDerivatives('photo.jpg', jpeg)).resolves.toBe(true)
    expect(await sizeOf(join(root, 'fullsize', 'photo.jpg'))).toEqual([800, 600, 'jpeg'])
    expect(await sizeOf(join(root, 'thumbnails', 'photo.jpg'))).toEqual([200, 150, 'jpeg'])
    expect(await sizeOf(join(root, 'square_thumbnails', 'photo.jpg'))).toEqual([200, 200, 'jpeg'])
  })

  it('names derivatives <base>.jpg and writes real JPEG bytes for a PNG original', async () => {
    const png = await solid(300, 200, 4).png().toBuffer()
    await expect(store.writeDerivatives('cf8e75c2b13c3492e4ec858eb4522018.png', png)).resolves.toBe(true)
    for (const kind of ['fullsize', 'thumbnails', 'square_thumbnails'] as const) {
      expect(store.exists(kind, 'cf8e75c2b13c3492e4ec858eb4522018.jpg')).toBe(true)
      expect(store.exists(kind, 'cf8e75c2b13c3492e4ec858eb4522018.png')).toBe(false)
      const bytes = await sharp(join(root, kind, 'cf8e75c2b13c3492e4ec858eb4522018.jpg')).toBuffer()
      expect(bytes.length).toBeGreaterThan(0)
    }
    const head = readFileSync(join(root, 'fullsize', 'cf8e75c2b13c3492e4ec858eb4522018.jpg')).subarray(0, 3)
    expect(head.equals(JPEG_SOI)).toBe(true)
    expect(await sizeOf(join(root, 'fullsize', 'cf8e75c2b13c3492e4ec858eb4522018.jpg'))).toEqual([300, 200, 'jpeg'])
  })

  it('flattens transparency onto white', async () => {
    const transparent = await sharp({
      create: { width: 40, height: 40, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer()
    await store.writeDerivatives('clear.png', transparent)
    const { data, info } = await sharp(join(root, 'thumbnails', 'clear.jpg'))
      .raw()
      .toBuffer({ resolveWithObject: true })
    expect(info.channels).toBe(3)
    expect(Math.min(...data)).toBeGreaterThan(245)
  })

  it('never enlarges a 100x50 PNG for fullsize or thumbnail, but still makes a 200x200 square', async () => {
    const png = await solid(100, 50).png().toBuffer()
    await expect(store.writeDerivatives('small.png', png)).resolves.toBe(true)
    expect(await sizeOf(join(root, 'fullsize', 'small.jpg'))).toEqual([100, 50, 'jpeg'])
    expect(await sizeOf(join(root, 'thumbnails', 'small.jpg'))).toEqual([100, 50, 'jpeg'])
    expect(await sizeOf(join(root, 'square_thumbnails', 'small.jpg'))).toEqual([200, 200, 'jpeg'])
  })

  it('fits a portrait image within the box on its height', async () => {
    const gif = await solid(300, 1200).gif().toBuffer()
    await expect(store.writeDerivatives('tall.gif', gif)).resolves.toBe(true)
    expect(await sizeOf(join(root, 'fullsize', 'tall.jpg'))).toEqual([200, 800, 'jpeg'])
    expect(await sizeOf(join(root, 'thumbnails', 'tall.jpg'))).toEqual([50, 200, 'jpeg'])
  })

  it('applies EXIF orientation before resizing', async () => {
    // Stored 1200x900 with orientation 6 (rotate 90° CW): displayed as 900x1200.
    const rotated = await solid(1200, 900).jpeg().withMetadata({ orientation: 6 }).toBuffer()
    await store.writeDerivatives('turned.jpg', rotated)
    expect(await sizeOf(join(root, 'fullsize', 'turned.jpg'))).toEqual([600, 800, 'jpeg'])
    expect(await sizeOf(join(root, 'thumbnails', 'turned.jpg'))).toEqual([150, 200, 'jpeg'])
  })

  it('makes no derivatives for a text file', async () => {
    const text = Buffer.from('Plain text transcription of a letter.\nSecond line.\n')
    await expect(store.writeDerivatives('letter.txt', text)).resolves.toBe(false)
    for (const kind of ['fullsize', 'thumbnails', 'square_thumbnails'] as const) {
      expect(store.exists(kind, 'letter.jpg')).toBe(false)
    }
  })

  it('makes no derivatives for a truncated image and leaves no partial files', async () => {
    const jpeg = await solid(1200, 900).jpeg().toBuffer()
    await expect(store.writeDerivatives('broken.jpg', jpeg.subarray(0, 200))).resolves.toBe(false)
    for (const kind of ['fullsize', 'thumbnails', 'square_thumbnails'] as const) {
      const dir = join(root, kind)
      expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([])
    }
  })

  it('rejects a traversal name before touching the disk', async () => {
    const png = await solid(10, 10).png().toBuffer()
    await expect(store.writeDerivatives('../evil.png', png)).rejects.toThrow()
  })
})

describe('FileStore deleteAll and wipe', () => {
  it('removes the original and its three derivatives', async () => {
    const png = await solid(300, 200).png().toBuffer()
    store.writeOriginal('x.png', png)
    await store.writeDerivatives('x.png', png)
    store.deleteAll('x.png')
    expect(store.exists('original', 'x.png')).toBe(false)
    expect(store.exists('fullsize', 'x.jpg')).toBe(false)
    expect(store.exists('thumbnails', 'x.jpg')).toBe(false)
    expect(store.exists('square_thumbnails', 'x.jpg')).toBe(false)
  })

  it('does not fail when nothing is there', () => {
    expect(() => store.deleteAll('never-stored.txt')).not.toThrow()
  })

  it('leaves other files alone', () => {
    store.writeOriginal('keep.txt', Buffer.from('keep'))
    store.writeOriginal('drop.txt', Buffer.from('drop'))
    store.deleteAll('drop.txt')
    expect(store.exists('original', 'keep.txt')).toBe(true)
  })

  it('wipe empties every folder but keeps the root', async () => {
    const png = await solid(30, 20).png().toBuffer()
    store.writeOriginal('a.png', png)
    await store.writeDerivatives('a.png', png)
    writeFileSync(join(root, 'stray'), 'x')
    store.wipe()
    expect(existsSync(root)).toBe(true)
    expect(readdirSync(root)).toEqual([])
    store.writeOriginal('b.txt', Buffer.from('after wipe'))
    expect(store.readOriginal('b.txt').toString()).toBe('after wipe')
  })

  it('wipe on a missing root is a no-op', () => {
    const missing = new FileStore(join(root, 'nope'))
    expect(() => missing.wipe()).not.toThrow()
  })
})

describe('FileStore.generateStoredName', () => {
  it('is 32 lower-case hex digits plus the extension as written (Omeka keeps `.PNG`)', () => {
    expect(FileStore.generateStoredName('Sample.PNG')).toMatch(/^[0-9a-f]{32}\.PNG$/)
    expect(FileStore.generateStoredName('archive.tar.gz')).toMatch(/^[0-9a-f]{32}\.gz$/)
  })

  it('has no dot when the original has no extension', () => {
    expect(FileStore.generateStoredName('README')).toMatch(/^[0-9a-f]{32}$/)
    expect(FileStore.generateStoredName('trailing.')).toMatch(/^[0-9a-f]{32}$/)
  })

  it('drops an extension that is not 1-10 plain letters or digits', () => {
    expect(FileStore.generateStoredName('x.ph p')).toMatch(/^[0-9a-f]{32}$/)
    expect(FileStore.generateStoredName('x.abcdefghijk')).toMatch(/^[0-9a-f]{32}$/)
    expect(FileStore.generateStoredName('x.t\u00e9xt')).toMatch(/^[0-9a-f]{32}$/)
    expect(FileStore.generateStoredName('dir.d/../x')).toMatch(/^[0-9a-f]{32}$/)
  })

  it('gives a different name each time', () => {
    const names = new Set(Array.from({ length: 50 }, () => FileStore.generateStoredName('a.txt')))
    expect(names.size).toBe(50)
  })

  it('produces names the store accepts', () => {
    const name = FileStore.generateStoredName('letter.txt')
    expect(() => store.path('original', name)).not.toThrow()
  })
})

describe('FileStore: a full disk (the DiskSpace seam)', () => {
  it('fails a write that does not fit with ENOSPC, leaving no file, and writes again once space is back', () => {
    const root = mkdtempSync(join(tmpdir(), 'omeka-twin-space-'))
    try {
      const store = new FileStore(root)
      store.space.fill(8)
      store.writeOriginal('a.txt', Buffer.from('12345'))
      let err: NodeJS.ErrnoException | null = null
      try {
        store.writeOriginal('b.txt', Buffer.from('123456'))
      } catch (e) {
        err = e as NodeJS.ErrnoException
      }
      expect(err?.code).toBe('ENOSPC')
      expect(err?.message).toMatch(/^ENOSPC: no space left on device, write '.*b\.txt'$/)
      expect(store.exists('original', 'b.txt')).toBe(false)
      expect(readdirSync(join(root, 'original'))).toEqual(['a.txt'])
      store.space.free()
      store.writeOriginal('b.txt', Buffer.from('123456'))
      expect(readFileSync(join(root, 'original', 'b.txt'), 'utf8')).toBe('123456')
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})
