import { compactJson, escapeChar, phpJsonEncode } from '../../core/http/php-json.js'

const HEX: Record<string, string> = { '<': '\\u003C', '>': '\\u003E', '&': '\\u0026', "'": '\\u0027', '"': '\\u0022' }

const NEEDS_ESCAPE = /["\\/<>&'\u0000-\u001f\u007f-\uffff]/g
const NEEDS_ESCAPE_TEST = /["\\/<>&'\u0000-\u001f\u0080-\uffff]/
const NEEDS_MORE_THAN_SLASHES = /["\\<>&'\u0000-\u001f\u0080-\uffff]/

/** A string as laminas-json writes it: PHP's escapes, and `<>&'"` as `\u003C`… (JSON_HEX_TAG|APOS|QUOT|AMP). */
export function encodeString(s: string): string {
  if (!NEEDS_ESCAPE_TEST.test(s)) return `"${s}"`
  if (!NEEDS_MORE_THAN_SLASHES.test(s)) return `"${s.replaceAll('/', '\\/')}"`
  return `"${s.replace(NEEDS_ESCAPE, (ch) => HEX[ch] ?? escapeChar(ch))}"`
}

/**
 * JSON as Omeka S writes it: laminas-json's json_encode with JSON_HEX_TAG|APOS|QUOT|AMP on top of PHP's
 * defaults (`\/`, `\uXXXX`), so `<>&'"` inside strings become `\u003C`… . Compact output escapes each
 * string as it is written; the pretty layout escapes afterwards (`<>&'` never occur outside strings, and
 * an escaped quote is a `\"` preceded by an even run of backslashes).
 */
export function jsonEncode(value: unknown, pretty = false): string {
  if (!pretty) return compactJson(value, encodeString)
  return (
    phpJsonEncode(value, true)
      .replace(/[<>&']/g, (ch) => HEX[ch]!)
      // A lookbehind, so that the quote of one `\"` can precede the next (`""` → `\u0022\u0022`).
      .replace(/(?<=(?:^|[^\\])(?:\\\\)*)\\"/g, '\\u0022')
  )
}
