/**
 * JSON encoded the way PHP's json_encode does it (Omeka's default flags): `/` escaped as `\/`,
 * every non-ASCII code unit as `\uXXXX`, no spaces; with `pretty` PHP's JSON_PRETTY_PRINT layout
 * (4-space indent, `": "`, empty arrays `[]` and objects `{}` on one line).
 */

/** A number kept as the exact text it was read from (PHP prints floats with 17 digits; JS would not). */
export class RawNumber {
  constructor(readonly text: string) {}
}

/** An object that PHP would print as `{}` even when empty (JS `{}` is ambiguous with PHP's `[]`). */
export type PhpJsonValue =
  | null
  | boolean
  | number
  | string
  | RawNumber
  | PhpJsonValue[]
  | { [key: string]: PhpJsonValue }

/** A JSON string literal as PHP's json_encode writes it: JSON.stringify's, then PHP's extra escapes. */
export function phpString(s: string): string {
  return fromNativeJson(JSON.stringify(s))
}

function phpNumber(n: number): string {
  if (!Number.isFinite(n)) return '0'
  return String(n)
}

/** Encodes `value` as PHP's json_encode would; `pretty` adds JSON_PRETTY_PRINT. */
export function phpJsonEncode(value: unknown, pretty = false): string {
  if (pretty) return encodePretty(value, '')
  return isPlain(value) ? fromNativeJson(JSON.stringify(value)) : encodeCompact(value)
}

const NEEDS_PHP_ESCAPE = /[/\u0080-\uffff]/
const HEX_DIGITS = Buffer.from('0123456789abcdef')

/**
 * PHP's output from JSON.stringify's (native, several times faster than a walk in JS): they differ only
 * in `/` and non-ASCII characters, which appear nowhere but inside strings, so they can be escaped afterwards:
 * `/` as `\/`, each non-ASCII UTF-16 unit as `\uXXXX`. One linear pass into a Buffer (a regex callback per
 * character took seconds on a long non-Latin text, for every reader of it).
 */
function fromNativeJson(json: string): string {
  if (!NEEDS_PHP_ESCAPE.test(json)) return json
  let size = json.length
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i)
    if (c >= 0x80) size += 5
    else if (c === 0x2f) size += 1
  }
  const out = Buffer.allocUnsafe(size)
  let j = 0
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i)
    if (c < 0x80) {
      if (c === 0x2f) out[j++] = 0x5c
      out[j++] = c
    } else {
      out[j++] = 0x5c
      out[j++] = 0x75
      out[j++] = HEX_DIGITS[c >> 12]!
      out[j++] = HEX_DIGITS[(c >> 8) & 15]!
      out[j++] = HEX_DIGITS[(c >> 4) & 15]!
      out[j++] = HEX_DIGITS[c & 15]!
    }
  }
  return out.toString('latin1')
}

/**
 * Whether JSON.stringify encodes `v` as encodeCompact would: only plain objects and arrays, strings,
 * finite numbers, booleans and null (no RawNumber, undefined property, function or class instance).
 */
export function isPlain(v: unknown): boolean {
  if (v === null) return true
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true
    case 'number':
      return Number.isFinite(v)
    case 'object': {
      if (Array.isArray(v)) {
        for (const x of v) if (x !== undefined && !isPlain(x)) return false
        return true
      }
      const proto: unknown = Object.getPrototypeOf(v)
      if (proto !== Object.prototype && proto !== null) return false
      for (const k in v) if (!isPlain((v as Record<string, unknown>)[k])) return false
      return true
    }
    default:
      return false
  }
}

function encodeCompact(v: unknown): string {
  if (v === null || v === undefined) return 'null'
  if (typeof v === 'string') return phpString(v)
  if (typeof v === 'number') return phpNumber(v)
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  if (v instanceof RawNumber) return v.text
  if (Array.isArray(v)) return '[' + v.map(encodeCompact).join(',') + ']'
  const parts: string[] = []
  for (const [k, x] of Object.entries(v as object)) parts.push(phpString(k) + ':' + encodeCompact(x))
  return '{' + parts.join(',') + '}'
}

function encodePretty(v: unknown, indent: string): string {
  if (v === null || v === undefined || typeof v !== 'object' || v instanceof RawNumber) return encodeCompact(v)
  const inner = indent + '    '
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]'
    return '[\n' + v.map((x) => inner + encodePretty(x, inner)).join(',\n') + '\n' + indent + ']'
  }
  const entries = Object.entries(v as object)
  if (entries.length === 0) return '{}'
  return (
    '{\n' +
    entries.map(([k, x]) => inner + phpString(k) + ': ' + encodePretty(x, inner)).join(',\n') +
    '\n' +
    indent +
    '}'
  )
}

/**
 * Parses JSON text keeping every number's exact lexeme (as RawNumber), so stored documents
 * such as file metadata can be re-emitted byte for byte.
 */
export function parseJsonKeepingNumbers(text: string): PhpJsonValue {
  let i = 0
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++
  }
  const value = (): PhpJsonValue => {
    ws()
    const ch = text[i]
    if (ch === '{') {
      i++
      const out: { [k: string]: PhpJsonValue } = {}
      ws()
      if (text[i] === '}') {
        i++
        return out
      }
      for (;;) {
        ws()
        const key = str()
        ws()
        expect(':')
        out[key] = value()
        ws()
        if (text[i] === ',') {
          i++
          continue
        }
        expect('}')
        return out
      }
    }
    if (ch === '[') {
      i++
      const out: PhpJsonValue[] = []
      ws()
      if (text[i] === ']') {
        i++
        return out
      }
      for (;;) {
        out.push(value())
        ws()
        if (text[i] === ',') {
          i++
          continue
        }
        expect(']')
        return out
      }
    }
    if (ch === '"') return str()
    const m = /^(true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64))
    if (!m) throw new SyntaxError(`Unexpected token at ${i}`)
    i += m[0].length
    if (m[0] === 'true') return true
    if (m[0] === 'false') return false
    if (m[0] === 'null') return null
    return /^-?\d+$/.test(m[0]) && Number.isSafeInteger(Number(m[0])) ? Number(m[0]) : new RawNumber(m[0])
  }
  const expect = (c: string) => {
    if (text[i] !== c) throw new SyntaxError(`Expected ${c} at ${i}`)
    i++
  }
  const str = (): string => {
    const start = i
    expect('"')
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1
    expect('"')
    return JSON.parse(text.slice(start, i)) as string
  }
  const out = value()
  ws()
  if (i !== text.length) throw new SyntaxError(`Unexpected trailing data at ${i}`)
  return out
}
