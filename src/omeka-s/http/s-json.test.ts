import { describe, expect, it } from 'vitest'
import { jsonEncode } from './s-json.js'

// Expected strings are what PHP 8 prints for json_encode($v, JSON_HEX_TAG|JSON_HEX_APOS|JSON_HEX_QUOT|JSON_HEX_AMP).
describe('jsonEncode', () => {
  it('hex-escapes <>&\'" inside strings, and only there', () => {
    expect(jsonEncode({ 'a<b': `<p class="x">Tom & Jerry's</p>` })).toBe(
      '{"a\\u003Cb":"\\u003Cp class=\\u0022x\\u0022\\u003ETom \\u0026 Jerry\\u0027s\\u003C\\/p\\u003E"}',
    )
  })

  it('reads backslashes as pairs: an escaped backslash before a quote is not an escaped quote', () => {
    expect(jsonEncode(['\\', '\\"', '""', '\\\\"x'])).toBe('["\\\\","\\\\\\u0022","\\u0022\\u0022","\\\\\\\\\\u0022x"]')
  })

  it('escapes non-ASCII as UTF-16 units and / as \\/ like PHP', () => {
    expect(jsonEncode({ v: 'café/東京 😀' })).toBe('{"v":"caf\\u00e9\\/\\u6771\\u4eac \\ud83d\\ude00"}')
  })

  it('encodes a value of 200,000 backslashes (the lookbehind it replaces was quadratic: minutes)', () => {
    const out = jsonEncode({ v: `${'\\'.repeat(200_000)}"` })
    expect(out).toBe(`{"v":"${'\\\\'.repeat(200_000)}\\u0022"}`)
  })
})
