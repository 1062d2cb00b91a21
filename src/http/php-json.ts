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

const ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '/': '\\/',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
}

// Anything outside printable ASCII, plus the characters PHP always escapes.
const NEEDS_ESCAPE = /["\\/\u0000-\u001f\u007f-\uffff]/g

export function phpString(s: string): string {
  return (
    '"' +
    s.replace(NEEDS_ESCAPE, (ch) => {
      const known = ESCAPES[ch]
      if (known) return known
      if (ch === '\u007f') return ch
      return '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0')
    }) +
    '"'
  )
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

const NON_ASCII = /[\u0080-\uffff]/
const NON_ASCII_ALL = /[\u0080-\uffff]/g

/**
 * PHP's output from JSON.stringify's (native, several times faster than a walk in JS): they differ only
 * in `/` and non-ASCII characters, which appear nowhere but inside strings, so they can be escaped afterwards.
 */
function fromNativeJson(json: string): string {
  const slashed = json.includes('/') ? json.replaceAll('/', '\\/') : json
  return NON_ASCII.test(slashed) ? slashed.replace(NON_ASCII_ALL, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0')) : slashed
}

/**
 * Whether JSON.stringify encodes `v` as encodeCompact would: only plain objects and arrays, strings,
 * finite numbers, booleans and null (no RawNumber, undefined property, function or class instance).
 */
function isPlain(v: unknown): boolean {
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
