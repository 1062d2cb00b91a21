import { createHash } from 'node:crypto'
import sharp from 'sharp'
import { deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { checkAllowed, inspectUpload } from './ingest.js'

// Uploads recorded from real Omeka Classic 3.2.1 (conformance cases 019, 020, 277, 278, 276), with the
// `mime_type`, `type_os`, `metadata`, `authentication` and `size` Omeka stored for them.
const LETTER_TXT = Buffer.from('UGxhaW4gdGV4dCB0cmFuc2NyaXB0aW9uIG9mIGEgbGV0dGVyLgpTZWNvbmQgbGluZS4K', 'base64')
const SAMPLE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAASwAAADIEAIAAACNLZdBAAAABGdBTUEAALGPC/xhBQAAACBjSFJNAAB6JgAAgIQAAPoAAACA6AAA' +
    'dTAAAOpgAAA6mAAAF3CculE8AAAABmJLR0T///////8JWPfcAAAAB3RJTUUH6gsWBikaxACxNQAABK9JREFUeNrt3btKq2sUhlG/' +
    '5M/CgFgIYiHE5Ym4Cltb6+SC125tbS22wdM2YCGChQgRDyT7MmbxjnEFs5vM549+bW1tbW21WgOASF2btMnqn+oxAKBG16Ztuvpb' +
    'PQYA1Gj9u/7dz2H1GABQow2OB8dfN9VjAEANaRSAaH4sA0C0NmzDtlhWjwEANaRRAKJJowBEaxv3G/fvB9VjAECNtjneHL/NqscA' +
    'gBrSKADRLEIAorWt/lb/9ad6DACo4SIEIJpFCEC0tv2w/fCyXz0GANRoOyc7J8/X1WMAQA1pFIBoFiEA0dput9s9fVePAQA1XIQA' +
    'RLMIAYjWRo+jx/le9RgAUKP9/vP7z3//Vo8BADWkUQCidW3apqu/1WMAQI12NDga3H5VjwEANaRRAKJJowBEa+P5eD4bVY8BADW6' +
    '3qQ3WUqjAISSRgGI5scyAERrp79Of119Vo8BADWkUQCiSaMARLMIAYjW9aa96VIaBSCUixCAaBYhANHa2frZ+uVH9RgAUMNFCEA0' +
    'ixCAaBYhANH8+QQA0VyEAESzCAGI1s6H58OLRfUYAFDDRQhANIsQgGjeIwQgWteb9CZLFyEAoaRRAKJJowBEk0YBiCaNAhBNGgUg' +
    'mosQgGi+EQIQTRoFIJo0CkA0aRSAaNIoANGkUQCiWYQAROt60950KY0CEMpFCEA0ixCAaNIoANFchABEswgBiGYRAhDNN0IAorkI' +
    'AYhmEQIQTRoFIJqLEIBoFiEA0bxHCEA0L9QDEE0aBSCaNApANGkUgGjSKADRpFEAorkIAYjmGyEA0aRRAKJJowBEk0YBiCaNAhBN' +
    'GgUgmkUIQDQv1AMQzUUIQDSLEIBo0igA0VyEAESzCAGIZhECEM03QgCiuQgBiGYRAhBNGgUgmosQgGgWIQDRvEcIQDQv1AMQTRoF' +
    'IJo0CkA0aRSAaNIoANGkUQCiuQgBiOYbIQDRpFEAokmjAESTRgGIJo0CEE0aBSCaRQhANC/UAxDNRQhANIsQgGjSKADRXIQARLMI' +
    'AYhmEQIQzTdCAKK5CAGIZhECEE0aBSCaixCAaBYhANG8RwhANC/UAxBNGgUgmjQKQDRpFIBo0igA0aRRAKK5CAGI5hshANGkUQCi' +
    'SaMARJNGAYgmjQIQTRoFIFq7WFwszofVYwBADS/UAxBNGgUgmkUIQDRpFIBoLkIAolmEAERrlx+XH2fr1WMAQA3fCAGIJo0CEM0i' +
    'BCCaNApANBchANEsQgCitavPq8/TX9VjAEANL9QDEE0aBSBa16ZtuvKrUQBCtdloNhrPq8cAgBrSKADRpFEAorXbr9uvo0H1GABQ' +
    'w59PABBNGgUgmh/LABCtzffme6PH6jEAoIY0CkA0aRSAaO3p++l7t6seAwBqeKEegGjSKADR2vP18/XOSfUYAFCjvey/7G8/VI8B' +
    'ADWkUQCiWYQARGuvP68/W/3qMQCghj+fACCaNApAtPY2e5ttjqvHAIAa7f3g/WDjvnoMAKghjQIQzSIEIFpbLBfLYaseAwBqdL1J' +
    'b7J0EQIQShoFIFr7uvm6GRxXjwEANdrP4c9h/656DACoIY0CEK1r0zZd+V+jAIRqq9VqVT0EAFT5H2UV41aAoglxAAAAJXRFWHRk' +
    'YXRlOmNyZWF0ZQAyMDI2LTExLTIyVDA2OjQxOjI2KzAwOjAwQX/H7gAAACV0RVh0ZGF0ZTptb2RpZnkAMjAyNi0xMS0yMlQwNjo0' +
    'MToyNiswMDowMDAif1IAAAAASUVORK5CYII=',
  'base64',
)
const RED_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAEAAAABAAQMAAACQp+OdAAAABGdBTUEAALGPC/xhBQAAACBjSFJNAAB6JgAAgIQAAPoAAACA6AAA' +
    'dTAAAOpgAAA6mAAAF3CculE8AAAABlBMVEX/AAD///9BHTQRAAAAAWJLR0QB/wIt3gAAAAd0SU1FB+oLFgYpG7MHgaMAAAAPSURB' +
    'VCjPY2AYBaOAfAAAAkAAAYzFq3cAAAAldEVYdGRhdGU6Y3JlYXRlADIwMjYtMTEtMjJUMDY6NDE6MjcrMDA6MDDnCMxaAAAAJXRF' +
    'WHRkYXRlOm1vZGlmeQAyMDI2LTExLTIyVDA2OjQxOjI3KzAwOjAwllV05gAAAABJRU5ErkJggg==',
  'base64',
)
const EVIL_PHP = Buffer.from('PD9waHAgZWNobyAxOw==', 'base64')

function md5(bytes: Buffer): string {
  return createHash('md5').update(bytes).digest('hex')
}

describe('inspectUpload on uploads recorded from Omeka', () => {
  it('describes letter.txt as Omeka did', async () => {
    const facts = await inspectUpload('letter.txt', LETTER_TXT)
    expect(facts).toEqual({
      mimeType: 'text/plain',
      typeOs: 'ASCII text',
      metadata: [],
      authentication: '85a11db6c472d385c8f645a3c2a71c68',
      size: 51,
      extension: 'txt',
    })
  })

  it('adds "with no line terminators" for text without a newline', async () => {
    const facts = await inspectUpload('b.txt', Buffer.from('key in body'))
    expect(facts.typeOs).toBe('ASCII text, with no line terminators')
    expect(facts.authentication).toBe('62d6f9efd3be7550dec5d63cc7896c4e')
  })

  it('describes a 16-bit RGB PNG with its tEXt comments as Omeka did', async () => {
    const facts = await inspectUpload('sample.png', SAMPLE_PNG)
    expect(facts.mimeType).toBe('image/png')
    expect(facts.typeOs).toBe('PNG image data, 300 x 200, 16-bit/color RGB, non-interlaced')
    expect(facts.authentication).toBe('31ef5f389bdd5738fa40a6a661e2322f')
    expect(facts.size).toBe(1451)
    expect(JSON.stringify(facts.metadata)).toBe(
      JSON.stringify({
        mime_type: 'image/png',
        video: {
          dataformat: 'png',
          lossless: false,
          resolution_x: 300,
          resolution_y: 200,
          bits_per_sample: 48,
          compression_ratio: 0.0040305555555555555,
        },
        comments: { 'date:create': ['2026-11-22T06:41:26+00:00'], 'date:modify': ['2026-11-22T06:41:26+00:00'] },
        comments_html: {
          'date:create': ['2026-11-22T06:41:26+00:00'],
          'date:modify': ['2026-11-22T06:41:26+00:00'],
        },
      }),
    )
  })

  it('describes a 1-bit colormap PNG as Omeka did', async () => {
    const facts = await inspectUpload('red.png', RED_PNG)
    expect(facts.typeOs).toBe('PNG image data, 64 x 64, 1-bit colormap, non-interlaced')
    expect(facts.authentication).toBe('4281ed4d2057ce4da1aaf69a8f8e4644')
    expect(facts.metadata).toMatchObject({
      mime_type: 'image/png',
      video: { bits_per_sample: 1, compression_ratio: 0.546875, resolution_x: 64, resolution_y: 64 },
    })
  })

  it('reports PHP source as text/x-php', async () => {
    const facts = await inspectUpload('evil.php', EVIL_PHP)
    expect(facts.mimeType).toBe('text/x-php')
    expect(facts.extension).toBe('php')
  })
})

describe('inspectUpload on generated content', () => {
  it('computes MD5 and size of arbitrary bytes', async () => {
    const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256))
    const facts = await inspectUpload('blob.bin', bytes)
    expect(facts.authentication).toBe(md5(bytes))
    expect(facts.size).toBe(5000)
    expect(facts.mimeType).toBe('application/octet-stream')
    expect(facts.typeOs).toBe('data')
    expect(facts.metadata).toEqual([])
  })

  it('describes an 8-bit RGBA PNG', async () => {
    const png = await sharp({ create: { width: 300, height: 200, channels: 4, background: '#336699' } })
      .png()
      .toBuffer()
    const facts = await inspectUpload('x.png', png)
    expect(facts.typeOs).toBe('PNG image data, 300 x 200, 8-bit/color RGBA, non-interlaced')
    expect(facts.metadata).toEqual({
      mime_type: 'image/png',
      video: {
        dataformat: 'png',
        lossless: false,
        resolution_x: 300,
        resolution_y: 200,
        bits_per_sample: 32,
        compression_ratio: png.length / (300 * 200 * 4),
      },
    })
  })

  it('describes a baseline JFIF JPEG the way libmagic and getID3 do', async () => {
    const plain = await sharp({ create: { width: 1000, height: 600, channels: 3, background: '#884422' } })
      .jpeg()
      .toBuffer()
    // JFIF 1.01 APP0, no units (aspect ratio), density 1x1, no thumbnail: what most encoders write.
    const app0 = Buffer.from('ffe000104a46494600010100000100010000', 'hex')
    const jpeg = Buffer.concat([plain.subarray(0, 2), app0, plain.subarray(2)])
    const facts = await inspectUpload('photo.JPG', jpeg)
    expect(facts.mimeType).toBe('image/jpeg')
    // Omeka keeps the upload's extension as written (recorded case 2240: `.PNG` stays `.PNG`).
    expect(facts.extension).toBe('JPG')
    expect(facts.typeOs).toBe(
      'JPEG image data, JFIF standard 1.01, aspect ratio, density 1x1, segment length 16, baseline, precision 8, 1000x600, components 3',
    )
    expect(JSON.stringify(facts.metadata)).toBe(
      JSON.stringify({
        mime_type: 'image/jpeg',
        video: {
          dataformat: 'jpg',
          lossless: false,
          bits_per_sample: 24,
          pixel_aspect_ratio: 1,
          resolution_x: 1000,
          resolution_y: 600,
          compression_ratio: jpeg.length / 1800000,
        },
      }),
    )
  })

  it('leaves the JFIF part out for a JPEG without an APP0 segment', async () => {
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#884422' } })
      .jpeg({ progressive: true })
      .toBuffer()
    const facts = await inspectUpload('p.jpg', jpeg)
    expect(facts.typeOs).toBe('JPEG image data, progressive, precision 8, 64x48, components 3')
  })

  it('describes a GIF', async () => {
    const gif = await sharp({ create: { width: 120, height: 80, channels: 3, background: '#00ff00' } })
      .gif()
      .toBuffer()
    const facts = await inspectUpload('anim.gif', gif)
    expect(facts.mimeType).toBe('image/gif')
    expect(facts.typeOs).toBe('GIF image data, version 89a, 120 x 80')
    expect(facts.metadata).toMatchObject({
      mime_type: 'image/gif',
      video: { dataformat: 'gif', lossless: true, pixel_aspect_ratio: 1, resolution_x: 120, resolution_y: 80 },
    })
  })

  it('describes UTF-8 text', async () => {
    const facts = await inspectUpload('notes.txt', Buffer.from('Café au lait\nCrème brûlée\n'))
    expect(facts.mimeType).toBe('text/plain')
    expect(facts.typeOs).toBe('Unicode text, UTF-8 text')
  })

  it('names CRLF line terminators', async () => {
    const facts = await inspectUpload('dos.txt', Buffer.from('one\r\ntwo\r\n'))
    expect(facts.typeOs).toBe('ASCII text, with CRLF line terminators')
  })

  it('describes a PDF with its version', async () => {
    const pdf = Buffer.from(
      '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n',
      'latin1',
    )
    const facts = await inspectUpload('doc.pdf', pdf)
    expect(facts.mimeType).toBe('application/pdf')
    expect(facts.typeOs).toBe('PDF document, version 1.4')
    expect(facts.metadata).toEqual([])
  })

  it('treats text with a NUL byte as binary data', async () => {
    const facts = await inspectUpload('x.txt', Buffer.from('abc\0def'))
    expect(facts.mimeType).toBe('application/octet-stream')
  })

  it('sniffs the content, not the name', async () => {
    const facts = await inspectUpload('image.png', Buffer.from('not really a png\n'))
    expect(facts.mimeType).toBe('text/plain')
    expect(facts.metadata).toEqual([])
  })

  it('reports an empty upload as libmagic does', async () => {
    const facts = await inspectUpload('empty.txt', Buffer.alloc(0))
    expect(facts).toMatchObject({ mimeType: 'application/x-empty', typeOs: 'empty', size: 0 })
    expect(facts.authentication).toBe('d41d8cd98f00b204e9800998ecf8427e')
  })
})

/** A PNG chunk: length, type, data, CRC (the CRC is not checked by the readers under test). */
function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)])
}

/** A real 1×1 PNG with `chunks` inserted before its IDAT. */
async function pngWith(chunks: Buffer[]): Promise<Buffer> {
  const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
    .png()
    .toBuffer()
  const idat = png.indexOf('IDAT') - 4
  return Buffer.concat([png.subarray(0, idat), ...chunks, png.subarray(idat)])
}

const zTXt = (keyword: string, text: Buffer) =>
  pngChunk('zTXt', Buffer.concat([Buffer.from(`${keyword}\0\0`, 'latin1'), deflateSync(text)]))

describe('inspectUpload on hostile file headers', () => {
  it('keeps the texts of an ordinary PNG, escaped for comments_html', async () => {
    const png = await pngWith([
      zTXt('Comment', Buffer.from('Tom & <Jerry> café', 'utf8')),
      pngChunk('tEXt', Buffer.from('Author\0  Ann  ', 'latin1')),
    ])
    const facts = await inspectUpload('c.png', png)
    expect(facts.metadata).toMatchObject({
      comments: { Comment: ['Tom & <Jerry> cafÃ©'], Author: ['Ann'] },
      comments_html: { Comment: ['Tom &amp; &lt;Jerry&gt; caf&#195;&#169;'], Author: ['Ann'] },
    })
  })

  it('does not inflate a zTXt bomb: chunks inflating past the limit are skipped and the metadata stays small', async () => {
    // 24 MB of zeros deflate to ~24 KB; 8 such chunks once inflated to 192 MB and froze the server.
    const bomb = zTXt('Comment', Buffer.alloc(24 * 1024 * 1024, 0x41))
    const png = await pngWith([...Array.from({ length: 8 }, () => bomb), zTXt('Title', Buffer.from('kept'))])
    expect(png.length).toBeLessThan(400 * 1024)
    const facts = await inspectUpload('bomb.png', png)
    expect(facts.mimeType).toBe('image/png')
    expect(facts.metadata).toMatchObject({ comments: { Title: ['kept'] } })
    expect(JSON.stringify(facts.metadata).length).toBeLessThan(1024 * 1024)
  })

  it('stops keeping texts once the total metadata limit is reached', async () => {
    const text = (i: number) => pngChunk('tEXt', Buffer.from(`K${i}\0${String(i).padStart(60 * 1024, 'x')}`, 'latin1'))
    const png = await pngWith(Array.from({ length: 40 }, (_, i) => text(i)))
    const facts = await inspectUpload('many.png', png)
    const comments = (facts.metadata as { comments: Record<string, string[]> }).comments
    expect(Object.keys(comments).length).toBeGreaterThan(0)
    expect(Object.keys(comments).length).toBeLessThan(40)
    expect(JSON.stringify(facts.metadata).length).toBeLessThan(1024 * 1024)
  })
})

describe('checkAllowed', () => {
  it('allows the default whitelisted types', () => {
    expect(checkAllowed('letter.txt', 'text/plain')).toEqual([])
    expect(checkAllowed('sample.png', 'image/png')).toEqual([])
    expect(checkAllowed('photo.jpg', 'image/jpeg')).toEqual([])
    expect(checkAllowed('clip.webm', 'video/webm')).toEqual([])
  })

  it("refuses evil.php with both of Omeka's messages, extension first", () => {
    expect(checkAllowed('evil.php', 'text/x-php')).toEqual([
      "The file 'evil.php' could not be ingested because it has a disallowed file extension (php).",
      "The file 'evil.php' could not be ingested because it has a disallowed MIME type (text/x-php).",
    ])
  })

  it('compares extensions case-insensitively and keeps the original case in the message', () => {
    expect(checkAllowed('PHOTO.JPG', 'image/jpeg')).toEqual([])
    expect(checkAllowed('Shell.PHP', 'image/png')).toEqual([
      "The file 'Shell.PHP' could not be ingested because it has a disallowed file extension (PHP).",
    ])
  })

  it('refuses a whitelisted extension carrying a disallowed MIME type', () => {
    expect(checkAllowed('page.txt', 'text/html')).toEqual([
      "The file 'page.txt' could not be ingested because it has a disallowed MIME type (text/html).",
    ])
  })

  it('refuses formats outside the defaults, such as SVG and webp', () => {
    expect(checkAllowed('logo.svg', 'image/svg+xml')).toHaveLength(2)
    expect(checkAllowed('pic.webp', 'image/webp')).toHaveLength(2)
  })

  it('refuses a name without a dot for its empty extension (not Zend\'s "EADME")', () => {
    expect(checkAllowed('README', 'text/plain')).toEqual([
      "The file 'README' could not be ingested because it has a disallowed file extension ().",
    ])
  })

  it('uses custom whitelists when given', () => {
    const whitelists = { extensions: 'png', mimeTypes: 'image/png' }
    expect(checkAllowed('a.png', 'image/png', whitelists)).toEqual([])
    expect(checkAllowed('a.jpg', 'image/jpeg', whitelists)).toHaveLength(2)
  })
})
