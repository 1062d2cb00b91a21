/**
 * JSON encoded the way PHP's json_encode does it (Omeka's default flags): `/` escaped as `\/`,
 * every non-ASCII code unit as `\uXXXX`, no spaces; with `pretty` PHP's JSON_PRETTY_PRINT layout
 * (4-space indent, `": "`, empty arrays `[]` and objects `{}` on one line).
 */

/** A number kept as the exact text it was read from (PHP prints floats with 17 digits; JS would not). */
export class RawNumber {
  constructor(readonly text: string) {}
}

/**
 * JSON text already encoded by phpJsonEncode (a remembered record), written as it is into a compact
 * encoding. Not for pretty-printed output, which lays out its own whitespace.
 */
export class EncodedJson {
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

// Anything outside printable ASCII, plus the characters PHP always escapes (DEL, U+007F, is printed as is).
const NEEDS_ESCAPE = /["\\/\u0000-\u001f\u007f-\uffff]/g
const NEEDS_ESCAPE_TEST = /["\\/\u0000-\u001f\u0080-\uffff]/
const NEEDS_MORE_THAN_SLASHES = /["\\\u0000-\u001f\u0080-\uffff]/

export function escapeChar(ch: string): string {
  const known = ESCAPES[ch]
  if (known) return known
  if (ch === '\u007f') return ch
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`
}

export function phpString(s: string): string {
  // A long text (a transcription, an OCR layer) goes through JSON.stringify (native) and one linear pass for
  // PHP's extra escapes: a regex callback per character took seconds on a long non-Latin text, for every reader.
  if (s.length > 4096) return fromNativeJson(JSON.stringify(s))
  // Most strings need no escape (names, plain text: one scan, no copy) or only their slashes (URLs:
  // replaceAll is native, a callback per slash is not).
  if (!NEEDS_ESCAPE_TEST.test(s)) return `"${s}"`
  if (!NEEDS_MORE_THAN_SLASHES.test(s)) return `"${s.replaceAll('/', '\\/')}"`
  return `"${s.replace(NEEDS_ESCAPE, escapeChar)}"`
}

function phpNumber(n: number): string {
  if (!Number.isFinite(n)) return '0'
  return String(n)
}

/** Encodes `value` as PHP's json_encode would; `pretty` adds JSON_PRETTY_PRINT. */
export function phpJsonEncode(value: unknown, pretty = false): string {
  if (pretty) return encodePretty(value, '')
  return new CompactEncoder(phpString).encode(value)
}

/** Compact json_encode output with another string encoder (keys and values), e.g. with JSON_HEX_* flags. */
export function compactJson(value: unknown, str: (s: string) => string): string {
  return new CompactEncoder(str).encode(value)
}

/** After this many objects without a repeat, an encoding stops looking for shared objects. */
const MEMO_TRIAL = 256

/**
 * PHP's compact json_encode output built in one walk, escaping each string as it is written (JSON.stringify
 * followed by a pass that escaped `/` and non-ASCII over the whole text cost twice as much).
 * Representations share reference objects (a page of Classic items repeats the same element and element
 * set references hundreds of times): an object met again is written from its first encoding. Values are
 * read, never changed, so an object's encoding cannot change within one call.
 */
class CompactEncoder {
  private readonly memo = new Map<object, string>()
  private readonly keys = new Map<string, string>()
  private memoOn = true
  private memoHits = 0

  constructor(private readonly str: (s: string) => string) {}

  encode(v: unknown): string {
    switch (typeof v) {
      case 'string':
        return this.str(v)
      case 'number':
        return phpNumber(v)
      case 'boolean':
        return v ? 'true' : 'false'
      case 'undefined':
        return 'null'
      case 'object':
        if (v === null) return 'null'
        if (v instanceof RawNumber || v instanceof EncodedJson) return v.text
        return this.memoOn ? this.remembered(v) : this.container(v)
      default:
        // Functions, symbols, bigints: no own entries, as Object.entries sees them.
        return '{}'
    }
  }

  private remembered(v: object): string {
    const known = this.memo.get(v)
    if (known !== undefined) {
      this.memoHits++
      return known
    }
    const out = this.container(v)
    if (this.memoOn) {
      this.memo.set(v, out)
      if (this.memo.size >= MEMO_TRIAL && this.memoHits === 0) this.memoOn = false
    }
    return out
  }

  private container(v: object): string {
    if (Array.isArray(v)) {
      let out = '['
      for (let i = 0; i < v.length; i++) out += (i === 0 ? '' : ',') + this.encode(v[i])
      return `${out}]`
    }
    let out = '{'
    let first = true
    // Own enumerable string keys in order (Object.entries'); every value is written, undefined as null.
    for (const k of Object.keys(v)) {
      let key = this.keys.get(k)
      if (key === undefined) this.keys.set(k, (key = `${this.str(k)}:`))
      out += (first ? '' : ',') + key + this.encode((v as Record<string, unknown>)[k])
      first = false
    }
    return `${out}}`
  }
}

function encodeCompact(v: unknown): string {
  return new CompactEncoder(phpString).encode(v)
}

function encodePretty(v: unknown, indent: string): string {
  if (v === null || v === undefined || typeof v !== 'object' || v instanceof RawNumber) return encodeCompact(v)
  const inner = `${indent}    `
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]'
    return `[\n${v.map((x) => inner + encodePretty(x, inner)).join(',\n')}\n${indent}]`
  }
  const entries = Object.entries(v as object)
  if (entries.length === 0) return '{}'
  return (
    '{\n' +
    entries.map(([k, x]) => `${inner + phpString(k)}: ${encodePretty(x, inner)}`).join(',\n') +
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

const NEEDS_PHP_ESCAPE = /[/\u0080-\uffff]/
const HEX_DIGITS = Buffer.from('0123456789abcdef')

/**
 * PHP's output from JSON.stringify's: they differ only in `/` and non-ASCII characters (inside strings), escaped
 * afterwards as `\/` and `\uXXXX` in one linear pass into a Buffer.
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
