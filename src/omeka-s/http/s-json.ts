import { isPlain, phpJsonEncode } from '../../core/http/php-json.js'

/**
 * JSON as Omeka S writes it: laminas-json's json_encode with JSON_HEX_TAG|APOS|QUOT|AMP on top of PHP's
 * defaults (`\/`, `\uXXXX`), so `<>&'"` inside strings become `\u003C`… . `<>&'` never occur outside
 * strings, and inside them a quote is always escaped as `\"`.
 */
export function sJsonEncode(value: unknown, pretty = false): string {
  // Plain values go straight from JSON.stringify through one pass that adds PHP's escapes and S's together.
  return !pretty && isPlain(value) ? escapeForS(JSON.stringify(value), true) : escapeForS(phpJsonEncode(value, pretty), false)
}

const NEEDS_HEX = /[<>&']|\\"/
const NEEDS_ANY = /[<>&'/\u0080-\uffff]|\\"/
const HEX_DIGITS = Buffer.from('0123456789ABCDEF')
const HEX_LOWER = Buffer.from('0123456789abcdef')
const isHexTag = (c: number) => c === 0x3c || c === 0x3e || c === 0x26 || c === 0x27

/**
 * `<>&'` and escaped quotes as `\u00XX` (upper-case hex, as laminas writes them); with `php`, also PHP's own
 * escapes that JSON.stringify leaves out: `/` as `\/` and non-ASCII units as `\uxxxx` (lower-case hex).
 * Linear, in two passes over the text (size, then bytes into a Buffer), reading escapes as pairs (`\\` then
 * `\"`) and never looking back: a lookbehind regex here was quadratic in runs of backslashes.
 */
function escapeForS(json: string, php: boolean): string {
  if (!(php ? NEEDS_ANY : NEEDS_HEX).test(json)) return json
  let size = json.length
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i)
    if (c === 0x5c) {
      if (json.charCodeAt(++i) === 0x22) size += 4
    } else if (isHexTag(c)) size += 5
    else if (php && c >= 0x80) size += 5
    else if (php && c === 0x2f) size += 1
  }
  const out = Buffer.allocUnsafe(size)
  let j = 0
  const unicode = (c: number, digits: Buffer) => {
    out[j] = 0x5c
    out[j + 1] = 0x75
    out[j + 2] = digits[c >> 12]!
    out[j + 3] = digits[(c >> 8) & 15]!
    out[j + 4] = digits[(c >> 4) & 15]!
    out[j + 5] = digits[c & 15]!
    j += 6
  }
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i)
    if (c === 0x5c) {
      const next = json.charCodeAt(++i)
      if (next === 0x22) unicode(next, HEX_DIGITS)
      else {
        out[j++] = c
        out[j++] = next
      }
    } else if (isHexTag(c)) unicode(c, HEX_DIGITS)
    else if (php && c >= 0x80) unicode(c, HEX_LOWER)
    else {
      if (php && c === 0x2f) out[j++] = 0x5c
      out[j++] = c
    }
  }
  return out.toString('latin1')
}
