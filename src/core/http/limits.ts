/**
 * Every size limit omeka-twin applies to what clients send, in one place (docs/limits.md explains each).
 * Where real Omeka has a limit of its own (PHP's json_decode depth, MySQL's MEDIUMTEXT) the value is
 * Omeka's; the others bound work that Omeka leaves to PHP's memory_limit and Apache.
 */
import { ApiError } from './errors.js'
import type { PhpArray } from './php-query.js'

const KiB = 1024
const MiB = 1024 * KiB

export const LIMITS = {
  /** Default largest upload, `--max-upload` / OMEKA_TWIN_MAX_UPLOAD (Omeka: PHP's upload_max_filesize). */
  maxUploadBytes: 100 * MiB,
  /** An API request body may exceed the upload limit by this much: multipart headers and the `data` part. */
  multipartSlackBytes: 64 * KiB,
  /** Control-plane bodies (/__admin): JSON settings, seeds, fault rules. */
  controlBodyBytes: 4 * MiB,
  /** Nesting of arrays and objects in a JSON body: PHP json_decode's default depth, as Omeka decodes. */
  jsonDepth: 512,
  /** One element text (Classic) or value (S), in UTF-8 bytes: MySQL MEDIUMTEXT, Classic's column type. */
  textBytes: 16 * MiB - 1,
  /** Parts of a multipart/form-data body (fields and files). */
  multipartParts: 100,
  /** List entries in one query string: array entries plus comma-separated parts (range, tags, ids…). */
  queryListParts: 500,
  /** One text chunk read from a file's header (PNG tEXt/zTXt/iTXt), after inflation, in bytes. */
  metadataTextBytes: 64 * KiB,
  /** All the text kept from one file's header, in bytes (what Omeka stores as `metadata` comments). */
  metadataTotalBytes: 256 * KiB,
  /** Pixels (width × height) an image may have for derivatives to be made: sharp's own default, stated. */
  derivativePixels: 0x3fff * 0x3fff,
} as const

/** Largest request body the API of either flavour reads, from the configured upload limit. */
export const apiBodyLimit = (maxUploadBytes: number): number => maxUploadBytes + LIMITS.multipartSlackBytes

/** What a client is told when a limit refuses its request; each flavour renders it in its own format. */
export class LimitError extends ApiError {}

/** The deepest nesting of `[`/`{` outside strings; linear, and never recursive (so never a stack overflow). */
export function jsonDepth(text: string): number {
  let depth = 0
  let max = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c)
        i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) max = depth
    } else if (c === 0x5d || c === 0x7d) depth--
  }
  return max
}

/**
 * Refuses a decoded JSON body holding a string longer than LIMITS.textBytes (UTF-8): every element text,
 * value, tag or title a write can store. Only bodies that long are walked, without recursion.
 */
export function checkJsonTexts(text: string, value: unknown): void {
  if (text.length * 3 <= LIMITS.textBytes) return // n characters are at most 3n UTF-8 bytes
  const stack: unknown[] = [value]
  while (stack.length) {
    const v = stack.pop()
    if (typeof v === 'string') {
      // A JS string of n code units is at most 3n UTF-8 bytes: only long ones need counting.
      if (v.length * 3 > LIMITS.textBytes && Buffer.byteLength(v, 'utf8') > LIMITS.textBytes) {
        throw new LimitError(400, `A text in the request body is longer than the maximum of ${LIMITS.textBytes} bytes.`)
      }
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) stack.push(k, x)
    }
  }
}

/**
 * Refuses a query string with more list entries than LIMITS.queryListParts: each scalar counts once, plus
 * one per comma in it (range=1,2,3 and tags=a,b are lists too). Each entry becomes an SQL condition, and
 * SQLite refuses expressions more than 1000 deep.
 */
export function checkQueryLists(query: PhpArray): void {
  let parts = 0
  const walk = (q: PhpArray) => {
    for (const v of q.values()) {
      if (typeof v === 'string') {
        parts += 1
        for (let i = v.indexOf(','); i !== -1; i = v.indexOf(',', i + 1)) parts++
      } else walk(v)
      if (parts > LIMITS.queryListParts)
        throw new LimitError(400, `Too many values in the query: the maximum is ${LIMITS.queryListParts}.`)
    }
  }
  walk(query)
}
