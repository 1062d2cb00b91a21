import { phpJsonEncode } from '../../core/http/php-json.js'

/**
 * JSON as Omeka S writes it: laminas-json's json_encode with JSON_HEX_TAG|APOS|QUOT|AMP on top of PHP's
 * defaults (`\/`, `\uXXXX`), so `<>&'"` inside strings become `\u003C`… . `<>&'` never occur outside
 * strings, and inside them a quote is always escaped as `\"`.
 */
export function sJsonEncode(value: unknown, pretty = false): string {
  return hexTags(phpJsonEncode(value, pretty))
}

const NEEDS_HEX = /[<>&']|\\"/
// The last digit of \u003C, \u003E, \u0026, \u0027 and \u0022.
const LOW_DIGIT: Record<number, number> = { 0x3c: 0x43, 0x3e: 0x45, 0x26: 0x36, 0x27: 0x37, 0x22: 0x32 }

/**
 * PHP's JSON (ASCII only) with `<>&'` and escaped quotes as `\u00XX`. One linear pass that reads escapes
 * as pairs (`\\` then `\"`), never looking back: a lookbehind regex here was quadratic in runs of backslashes.
 */
function hexTags(json: string): string {
  if (!NEEDS_HEX.test(json)) return json
  let size = json.length
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i)
    if (c === 0x5c) {
      if (json.charCodeAt(i + 1) === 0x22) size += 4
      i++
    } else if (c === 0x3c || c === 0x3e || c === 0x26 || c === 0x27) size += 5
  }
  const out = Buffer.allocUnsafe(size)
  let j = 0
  const hex = (c: number) => {
    out[j] = 0x5c
    out[j + 1] = 0x75
    out[j + 2] = 0x30
    out[j + 3] = 0x30
    out[j + 4] = c === 0x3c || c === 0x3e ? 0x33 : 0x32
    out[j + 5] = LOW_DIGIT[c]!
    j += 6
  }
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i)
    if (c === 0x5c) {
      const next = json.charCodeAt(++i)
      if (next === 0x22) hex(next)
      else {
        out[j++] = c
        out[j++] = next
      }
    } else if (c === 0x3c || c === 0x3e || c === 0x26 || c === 0x27) hex(c)
    else out[j++] = c
  }
  return out.toString('latin1')
}
