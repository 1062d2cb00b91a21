import { phpJsonEncode } from '../../http/php-json.js'

const HEX: Record<string, string> = { '<': '\\u003C', '>': '\\u003E', '&': '\\u0026', "'": '\\u0027' }

/**
 * JSON as Omeka S writes it: laminas-json's json_encode with JSON_HEX_TAG|APOS|QUOT|AMP on top of PHP's
 * defaults (`\/`, `\uXXXX`), so `<>&'"` inside strings become `\u003C`… . `<>&'` never occur outside
 * strings, and an escaped quote is a `\"` preceded by an even run of backslashes.
 */
export function sJsonEncode(value: unknown, pretty = false): string {
  return phpJsonEncode(value, pretty)
    .replace(/[<>&']/g, (ch) => HEX[ch]!)
    // A lookbehind, so that the quote of one `\"` can precede the next (`""` → `\u0022\u0022`).
    .replace(/(?<=(?:^|[^\\])(?:\\\\)*)\\"/g, '\\u0022')
}
