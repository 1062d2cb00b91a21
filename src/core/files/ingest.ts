import { createHash } from 'node:crypto'
import type { GifHeader, ImageHeader, JpegHeader, PngHeader } from './image-headers.js'
import { sniffContent } from './magic.js'

/** The `video` block getID3 reports for a still image. */
export type GetId3Video = Record<string, string | number | boolean>

/** What Omeka stores as a file's `metadata`: the getID3 subset, or `[]` (PHP's empty array) when none. */
export type FileMetadata =
  | {
      mime_type: string
      video: GetId3Video
      comments?: Record<string, string[]>
      comments_html?: Record<string, string[]>
    }
  | never[]

/** Everything Omeka derives from an upload's name and bytes before it stores the file. */
export interface UploadFacts {
  /** libmagic's MIME type for the content (Omeka's `mime_type`). */
  mimeType: string
  /** libmagic's description (Omeka's `type_os`). */
  typeOs: string
  metadata: FileMetadata
  /** MD5 hex of the bytes (Omeka's `authentication`). */
  authentication: string
  size: number
  /** The original name's extension, lower-cased, without the dot; '' when there is none. */
  extension: string
}

/** Omeka Classic 3.2.1's default `file_extension_whitelist` (Omeka_Validate_File_Extension). */
export const DEFAULT_EXTENSION_WHITELIST =
  'aac,aif,aiff,asf,asx,avi,bmp,c,cc,class,css,divx,doc,docx,exe,gif,gz,gzip,h,ico,j2k,jp2,jpe,jpeg,jpg,m4a,m4v,mdb,mid,midi,mov,mp2,mp3,mp4,mpa,mpe,mpeg,mpg,mpp,odb,odc,odf,odg,odp,ods,odt,ogg,opus,pdf,png,pot,pps,ppt,pptx,qt,ra,ram,rtf,rtx,swf,tar,tif,tiff,txt,wav,wax,webm,wma,wmv,wmx,wri,xla,xls,xlsx,xlt,xlw,zip'

/** Omeka Classic 3.2.1's default `file_mime_type_whitelist` (Omeka_Validate_File_MimeType). */
export const DEFAULT_MIME_TYPE_WHITELIST =
  'application/msword,application/ogg,application/pdf,application/rtf,application/vnd.ms-access,application/vnd.ms-excel,application/vnd.ms-powerpoint,application/vnd.ms-project,application/vnd.ms-write,application/vnd.oasis.opendocument.chart,application/vnd.oasis.opendocument.database,application/vnd.oasis.opendocument.formula,application/vnd.oasis.opendocument.graphics,application/vnd.oasis.opendocument.presentation,application/vnd.oasis.opendocument.spreadsheet,application/vnd.oasis.opendocument.text,application/x-ms-wmp,application/x-ogg,application/x-gzip,application/x-msdownload,application/x-shockwave-flash,application/x-tar,application/zip,audio/aac,audio/aiff,audio/mid,audio/midi,audio/mp3,audio/mp4,audio/mpeg,audio/mpeg3,audio/ogg,audio/wav,audio/wma,audio/x-aac,audio/x-aiff,audio/x-m4a,audio/x-midi,audio/x-mp3,audio/x-mp4,audio/x-mpeg,audio/x-mpeg3,audio/x-mpegaudio,audio/x-ms-wax,audio/x-realaudio,audio/x-wav,audio/x-wma,image/bmp,image/gif,image/icon,image/jpeg,image/pjpeg,image/png,image/tiff,image/x-icon,image/x-ms-bmp,text/css,text/plain,text/richtext,text/rtf,video/asf,video/avi,video/divx,video/mp4,video/mpeg,video/msvideo,video/ogg,video/quicktime,video/webm,video/x-m4v,video/x-ms-wmv,video/x-msvideo'

/** Whitelists as Omeka stores them in its options: comma-separated strings. */
export interface Whitelists {
  extensions?: string
  mimeTypes?: string
}

/** Inspects an upload like Omeka's ingest: content-sniffed MIME type, `type_os`, getID3 metadata, MD5, size. */
export async function inspectUpload(originalFilename: string, bytes: Buffer): Promise<UploadFacts> {
  const sniffed = await sniffContent(bytes)
  const dot = originalFilename.lastIndexOf('.')
  return {
    mimeType: sniffed.mimeType,
    typeOs: sniffed.typeOs,
    metadata: sniffed.image ? imageMetadata(sniffed.mimeType, sniffed.image, bytes.length) : [],
    authentication: createHash('md5').update(bytes).digest('hex'),
    size: bytes.length,
    // Omeka_File_Ingest keeps the original's extension as written (`.PNG` stays upper-case).
    extension: dot === -1 ? '' : originalFilename.slice(dot + 1),
  }
}

/**
 * Omeka's ingest validation messages for an upload (empty when allowed): extension first, then MIME type.
 * The extension is what follows the last dot (none without a dot: Zend's `strrpos() + 1` arithmetic would
 * name "EADME" for "README", see docs/compatibility.md), compared case-insensitively; the MIME type exactly.
 */
export function checkAllowed(
  originalFilename: string,
  mimeType: string,
  whitelists: Whitelists = {},
  bugCompat = false,
): string[] {
  const errors: string[] = []
  // Zend's `substr($name, strrpos($name, '.') + 1)`: without a dot, false + 1 cuts the first character off.
  const extension =
    bugCompat && !originalFilename.includes('.') ? originalFilename.slice(1) : zendExtension(originalFilename)
  const extensions = splitList(whitelists.extensions || DEFAULT_EXTENSION_WHITELIST).map((e) => e.toLowerCase())
  if (!extensions.includes(extension.toLowerCase())) {
    errors.push(
      `The file '${originalFilename}' could not be ingested because it has a disallowed file extension (${extension}).`,
    )
  }
  const mimeTypes = splitList(whitelists.mimeTypes || DEFAULT_MIME_TYPE_WHITELIST)
  // Zend_Validate_File_MimeType also accepts a bare major type ("image") in the list.
  const major = mimeType.split('/')[0] ?? mimeType
  if (!mimeTypes.includes(mimeType) && !mimeTypes.includes(major)) {
    errors.push(
      // Omeka names PHP's upload temp file here (`/tmp/phpXXXXXX`, random); the placeholder stands for it.
      `The file '${bugCompat ? '/tmp/phpXXXXXX' : originalFilename}' could not be ingested because it has a disallowed MIME type (${mimeType}).`,
    )
  }
  return errors
}

function zendExtension(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot === -1 ? '' : name.slice(dot + 1)
}

function splitList(list: string): string[] {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
}

/** getID3's report for a PNG, GIF or JPEG, cut to the keys Omeka keeps, in getID3's key order. */
export function imageMetadata(mimeType: string, image: ImageHeader, size: number): FileMetadata {
  const video = image.format === 'png' ? pngVideo(image) : image.format === 'gif' ? gifVideo(image) : jpegVideo(image)
  const bits = video.bits_per_sample
  if (typeof bits === 'number' && bits > 0 && image.width > 0 && image.height > 0) {
    video.compression_ratio = size / ((image.width * image.height * bits) / 8)
  }
  const metadata: FileMetadata = { mime_type: mimeType, video }
  if (image.format === 'png') {
    const comments = pngComments(image)
    if (comments) {
      metadata.comments = comments
      metadata.comments_html = Object.fromEntries(
        Object.entries(comments).map(([key, values]) => [key, values.map(toHtml)]),
      )
    }
  }
  return metadata
}

// getID3's IHDRcalculateBitsPerSample: bit depth times samples per pixel.
const PNG_SAMPLES: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }

function pngVideo(png: PngHeader): GetId3Video {
  return {
    dataformat: 'png',
    lossless: false,
    resolution_x: png.width,
    resolution_y: png.height,
    bits_per_sample: png.bitDepth * (PNG_SAMPLES[png.colorType] ?? 0),
  }
}

function gifVideo(gif: GifHeader): GetId3Video {
  const video: GetId3Video = {
    dataformat: 'gif',
    lossless: true,
    pixel_aspect_ratio: 1,
    resolution_x: gif.width,
    resolution_y: gif.height,
  }
  if (gif.colorTableBits !== null) video.bits_per_sample = gif.colorTableBits
  return video
}

function jpegVideo(jpeg: JpegHeader): GetId3Video {
  return {
    dataformat: 'jpg',
    lossless: false,
    bits_per_sample: 24,
    pixel_aspect_ratio: 1,
    resolution_x: jpeg.width,
    resolution_y: jpeg.height,
  }
}

// getID3 HandleAllTags: values trimmed, falsy ones ('' and '0') dropped, duplicates merged.
function pngComments(png: PngHeader): Record<string, string[]> | null {
  const comments: Record<string, string[]> = {}
  for (const [rawKey, rawValue] of png.texts) {
    const value = trimSpace(rawValue)
    if (value === '' || value === '0') continue
    const key = rawKey.trim()
    const values = (comments[key] ??= [])
    if (!values.includes(value)) values.push(value)
  }
  return Object.keys(comments).length > 0 ? comments : null
}

// PHP trim() of space, tab and line breaks; by hand, as /[ \t]+$/ is quadratic on long inner runs.
function trimSpace(s: string): string {
  const space = (i: number) => ' \r\n\t'.includes(s[i]!)
  let start = 0
  let end = s.length
  while (start < end && space(start)) start++
  while (end > start && space(end - 1)) end--
  return s.slice(start, end)
}

// getID3 MultiByteCharString2HTML for UTF-8: printable ASCII through htmlentities, the rest as &#N;.
// One regex pass (linear; never a string built a character at a time), code point by code point.
function toHtml(value: string): string {
  return value.replace(/[&<>"']|[^\x20-\x7f]/gu, (ch) => HTML_ENTITIES[ch] ?? `&#${ch.codePointAt(0) ?? 0};`)
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#039;' }
