/**
 * libmagic look-alikes: the MIME type PHP's finfo reports for an upload (Omeka stores it as
 * `mime_type`) and the `file`-style description Omeka stores as `type_os`.
 */

import { parseImageHeader, type ImageHeader, type JpegHeader, type PngHeader } from './image-headers.js'

export interface Sniffed {
  mimeType: string
  typeOs: string
  /** Parsed header when the bytes are a PNG, GIF or JPEG. */
  image: ImageHeader | null
}

// file-type's name → the name libmagic gives the same content.
const LIBMAGIC_MIME: Record<string, string> = {
  'image/apng': 'image/png',
  'application/xml': 'text/xml',
}

/** Sniffs content only (never the file name), the way Omeka's finfo-based detection does. */
export async function sniffContent(bytes: Buffer): Promise<Sniffed> {
  if (bytes.length === 0) return { mimeType: 'application/x-empty', typeOs: 'empty', image: null }
  const image = parseImageHeader(bytes)
  // Loaded on first use: file-type and its tokenizers are 30 modules a server without uploads never needs.
  const { fileTypeFromBuffer } = await import('file-type')
  const detected = await fileTypeFromBuffer(bytes)
  const text = classifyText(bytes)
  if (text && (!detected || detected.mime === 'application/xml')) {
    return { ...describeText(bytes, text), image: null }
  }
  if (!detected) return { mimeType: 'application/octet-stream', typeOs: 'data', image: null }
  const mimeType = LIBMAGIC_MIME[detected.mime] ?? detected.mime
  return { mimeType, typeOs: describeBinary(bytes, mimeType, image), image }
}

function describeBinary(bytes: Buffer, mimeType: string, image: ImageHeader | null): string {
  if (image?.format === 'png') return describePng(image)
  if (image?.format === 'gif') return `GIF image data, version ${image.version}, ${image.width} x ${image.height}`
  if (image?.format === 'jpeg') return describeJpeg(image)
  if (mimeType === 'application/pdf') {
    const version = /^%PDF-(\d+\.\d+)/.exec(bytes.toString('latin1', 0, 16))?.[1]
    return version ? `PDF document, version ${version}` : 'PDF document'
  }
  return 'data'
}

const PNG_COLOR: Record<number, string> = {
  0: ' grayscale',
  2: '/color RGB',
  3: ' colormap',
  4: ' gray+alpha',
  6: '/color RGBA',
}

function describePng(png: PngHeader): string {
  const color = PNG_COLOR[png.colorType] ?? ''
  const interlace = png.interlaced ? 'interlaced' : 'non-interlaced'
  return `PNG image data, ${png.width} x ${png.height}, ${png.bitDepth}-bit${color}, ${interlace}`
}

const JFIF_UNITS: Record<number, string> = { 0: 'aspect ratio', 1: 'resolution (DPI)', 2: 'resolution (DPCM)' }

function describeJpeg(jpeg: JpegHeader): string {
  const parts = ['JPEG image data']
  const { jfif, exif } = jpeg
  if (jfif) {
    parts.push(`JFIF standard ${jfif.major}.${String(jfif.minor).padStart(2, '0')}`)
    const units = JFIF_UNITS[jfif.units]
    if (units) parts.push(units)
    parts.push(`density ${jfif.densityX}x${jfif.densityY}`, `segment length ${jfif.length}`)
  }
  if (exif) {
    const order = exif.bigEndian ? 'big-endian' : 'little-endian'
    parts.push(`Exif standard: [TIFF image data, ${order}, direntries=${exif.entries}]`)
  }
  for (const comment of jpeg.comments) parts.push(`comment: "${comment}"`)
  parts.push(jpeg.process, `precision ${jpeg.precision}`, `${jpeg.width}x${jpeg.height}`)
  parts.push(`components ${jpeg.components}`)
  return parts.join(', ')
}

type TextEncoding = 'ascii' | 'utf8' | 'utf8-bom' | 'iso8859'

// libmagic's text_chars: BEL..CR, ESC and printable ASCII count as text; other C0 controls and DEL do not.
function isTextByte(b: number): boolean {
  return (b >= 0x07 && b <= 0x0d) || b === 0x1b || (b >= 0x20 && b <= 0x7e)
}

/** Which text encoding libmagic would see in `bytes`, or null when it would call them data. */
export function classifyText(bytes: Buffer): TextEncoding | null {
  let ascii = true
  for (const b of bytes) {
    if (b >= 0x80) ascii = false
    else if (!isTextByte(b)) return null
  }
  if (ascii) return 'ascii'
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
    return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 'utf8-bom' : 'utf8'
  } catch {
    // ISO-8859 text: high bytes only in the printable Latin-1 range.
    return bytes.every((b) => b < 0x80 || b >= 0xa0) ? 'iso8859' : null
  }
}

const ENCODING_LABEL: Record<TextEncoding, string> = {
  ascii: 'ASCII text',
  utf8: 'Unicode text, UTF-8 text',
  'utf8-bom': 'Unicode text, UTF-8 (with BOM) text',
  iso8859: 'ISO-8859 text',
}

const HTML_TAGS = /<(!doctype html|html|head|title|body|script|style|table|a href=)[\s>]/i

function describeText(bytes: Buffer, encoding: TextEncoding): { mimeType: string; typeOs: string } {
  const head = bytes.toString(encoding === 'iso8859' ? 'latin1' : 'utf8', 0, 4096).replace(/^\uFEFF/, '')
  const label = ENCODING_LABEL[encoding] + lineSummary(bytes.toString(encoding === 'iso8859' ? 'latin1' : 'utf8'))
  if (/^(<\?php|<\?[\r\n])/i.test(head) || /^#! ?\/usr\/(local\/)?bin\/php/.test(head)) {
    return { mimeType: 'text/x-php', typeOs: `PHP script, ${label}` }
  }
  if (/^\s*<\?xml\s+version=/.test(head)) return { mimeType: 'text/xml', typeOs: `XML 1.0 document, ${label}` }
  if (HTML_TAGS.test(head)) return { mimeType: 'text/html', typeOs: `HTML document, ${label}` }
  return { mimeType: 'text/plain', typeOs: label }
}

const MAX_LINE = 300

// The suffixes libmagic's ascmagic appends: long lines, line terminators, escapes, overstriking.
function lineSummary(text: string): string {
  let crlf = 0
  let cr = 0
  let lf = 0
  let nel = 0
  let seenCr = false
  let lineStart = 0
  let longest = 0
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '\n') {
      if (seenCr) crlf++
      else lf++
    } else if (seenCr) cr++
    seenCr = ch === '\r'
    if (ch === '\n' || ch === '\r' || ch === '\u0085') {
      if (ch === '\u0085') nel++
      longest = Math.max(longest, i - lineStart)
      lineStart = i + 1
    }
  }
  longest = Math.max(longest, text.length - lineStart)
  let out = longest > MAX_LINE ? `, with very long lines (${longest})` : ''
  if (crlf + cr + lf + nel === 0) out += ', with no line terminators'
  else if (crlf || cr || nel) {
    const kinds = [crlf && 'CRLF', cr && 'CR', lf && 'LF', nel && 'NEL'].filter(Boolean)
    out += `, with ${kinds.join(', ')} line terminators`
  }
  if (text.includes('\u001b')) out += ', with escape sequences'
  if (text.includes('\b')) out += ', with overstriking'
  return out
}
