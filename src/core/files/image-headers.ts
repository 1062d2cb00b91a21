/**
 * Header parsers for the image formats Omeka describes in detail (PNG, GIF, JPEG): enough to rebuild
 * libmagic's `type_os` line and getID3's `video` block without decoding any pixels.
 */

import { inflateSync as zlibInflate } from 'node:zlib'
import { LIMITS } from '../http/limits.js'

export interface PngHeader {
  format: 'png'
  width: number
  height: number
  bitDepth: number
  colorType: number
  interlaced: boolean
  /**
   * tEXt / zTXt / iTXt chunks in file order, as [keyword, text]: a chunk whose text is longer than
   * LIMITS.metadataTextBytes is skipped, and chunks stop being read once LIMITS.metadataTotalBytes are kept.
   */
  texts: [string, string][]
}

export interface GifHeader {
  format: 'gif'
  version: string
  width: number
  height: number
  /** Bits per colour-table entry index, only when there is a global colour table (getID3's bits_per_sample). */
  colorTableBits: number | null
}

export interface JpegHeader {
  format: 'jpeg'
  width: number
  height: number
  precision: number
  components: number
  /** `baseline`, `progressive`, … as libmagic names the SOF marker. */
  process: string
  jfif: { major: number; minor: number; units: number; densityX: number; densityY: number; length: number } | null
  exif: { bigEndian: boolean; entries: number } | null
  comments: string[]
}

export type ImageHeader = PngHeader | GifHeader | JpegHeader

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Parses the header of a PNG, GIF or JPEG; null for anything else or a truncated header. */
export function parseImageHeader(bytes: Buffer): ImageHeader | null {
  try {
    if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return parsePng(bytes)
    const gifVersion = bytes.subarray(0, 6).toString('latin1')
    if (gifVersion === 'GIF87a' || gifVersion === 'GIF89a') return parseGif(bytes)
    if (bytes[0] === 0xff && bytes[1] === 0xd8) return parseJpeg(bytes)
  } catch {
    // A RangeError from a truncated buffer: not a describable image.
  }
  return null
}

function parsePng(bytes: Buffer): PngHeader | null {
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') return null
  const header: PngHeader = {
    format: 'png',
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
    bitDepth: bytes.readUInt8(24),
    colorType: bytes.readUInt8(25),
    interlaced: bytes.readUInt8(28) === 1,
    texts: [],
  }
  let offset = 8
  let kept = 0
  while (offset + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(offset)
    const type = bytes.toString('latin1', offset + 4, offset + 8)
    const data = bytes.subarray(offset + 8, offset + 8 + length)
    const text = kept < LIMITS.metadataTotalBytes ? readPngText(type, data) : null
    if (text) {
      kept += text[0].length + text[1].length
      if (kept <= LIMITS.metadataTotalBytes) header.texts.push(text)
    }
    if (type === 'IEND') break
    offset += 12 + length
  }
  return header
}

function readPngText(type: string, data: Buffer): [string, string] | null {
  const nul = data.indexOf(0)
  if (nul === -1) return null
  const keyword = data.toString('latin1', 0, nul)
  if (type === 'tEXt')
    return data.length - nul - 1 > LIMITS.metadataTextBytes ? null : [keyword, data.toString('latin1', nul + 1)]
  if (type === 'zTXt' && data[nul + 1] === 0) {
    const text = inflate(data.subarray(nul + 2))
    return text && [keyword, text.toString('latin1')]
  }
  if (type === 'iTXt') {
    const compressed = data[nul + 1] === 1
    const lang = data.indexOf(0, nul + 3)
    const translated = lang === -1 ? -1 : data.indexOf(0, lang + 1)
    if (translated === -1) return null
    const body = data.subarray(translated + 1)
    const text = compressed ? inflate(body) : body.length > LIMITS.metadataTextBytes ? null : body
    return text && [keyword, text.toString('utf8')]
  }
  return null
}

/**
 * A compressed text, inflated to at most LIMITS.metadataTextBytes (a few hundred KB can inflate to
 * gigabytes); null when it is longer than that. A corrupt stream is an empty text, as getID3 reads it.
 */
function inflate(data: Buffer): Buffer | null {
  try {
    return zlibInflate(data, { maxOutputLength: LIMITS.metadataTextBytes })
  } catch (err) {
    return (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? null : Buffer.alloc(0)
  }
}

function parseGif(bytes: Buffer): GifHeader {
  const flags = bytes.readUInt8(10)
  return {
    format: 'gif',
    version: bytes.toString('latin1', 3, 6),
    width: bytes.readUInt16LE(6),
    height: bytes.readUInt16LE(8),
    colorTableBits: flags & 0x80 ? (flags & 0x07) + 1 : null,
  }
}

const SOF_PROCESS: Record<number, string> = {
  0xc0: 'baseline',
  0xc1: 'extended sequential',
  0xc2: 'progressive',
  0xc3: 'lossless',
  0xc5: 'differential sequential',
  0xc6: 'differential progressive',
  0xc7: 'differential lossless',
  0xc9: 'extended sequential, arithmetic coding',
  0xca: 'progressive, arithmetic coding',
  0xcb: 'lossless, arithmetic coding',
  0xcd: 'differential sequential, arithmetic coding',
  0xce: 'differential progressive, arithmetic coding',
  0xcf: 'differential lossless, arithmetic coding',
}

// Each comment is at most 64 KB (a segment's length is 16 bits); only this many are described.
const MAX_JPEG_COMMENTS = Math.floor(LIMITS.metadataTotalBytes / 65536)

function parseJpeg(bytes: Buffer): JpegHeader | null {
  const header: Omit<JpegHeader, 'width' | 'height' | 'precision' | 'components' | 'process'> = {
    format: 'jpeg',
    jfif: null,
    exif: null,
    comments: [],
  }
  let offset = 2
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null
    const marker = bytes.readUInt8(offset + 1)
    if (marker === 0xff) {
      offset += 1 // fill byte
      continue
    }
    const length = bytes.readUInt16BE(offset + 2)
    const segment = bytes.subarray(offset + 4, offset + 2 + length)
    const process = SOF_PROCESS[marker]
    if (process) {
      return {
        ...header,
        precision: segment.readUInt8(0),
        height: segment.readUInt16BE(1),
        width: segment.readUInt16BE(3),
        components: segment.readUInt8(5),
        process,
      }
    }
    if (marker === 0xe0 && segment.toString('latin1', 0, 5) === 'JFIF\0' && !header.jfif) {
      header.jfif = {
        major: segment.readUInt8(5),
        minor: segment.readUInt8(6),
        units: segment.readUInt8(7),
        densityX: segment.readUInt16BE(8),
        densityY: segment.readUInt16BE(10),
        length,
      }
    } else if (marker === 0xe1 && segment.toString('latin1', 0, 6) === 'Exif\0\0' && !header.exif) {
      const tiff = segment.subarray(6)
      const bigEndian = tiff.toString('latin1', 0, 2) === 'MM'
      const ifd = bigEndian ? tiff.readUInt32BE(4) : tiff.readUInt32LE(4)
      header.exif = { bigEndian, entries: bigEndian ? tiff.readUInt16BE(ifd) : tiff.readUInt16LE(ifd) }
    } else if (marker === 0xfe && header.comments.length < MAX_JPEG_COMMENTS) {
      header.comments.push(segment.toString('latin1').replace(/\0+$/, ''))
    } else if (marker === 0xda || marker === 0xd9) {
      return null // scan data or end of image before any frame header
    }
    offset += 2 + length
  }
  return null
}
