import { describe, expect, it } from 'vitest'
import { parseJsonKeepingNumbers, phpJsonEncode, phpString, RawNumber } from './php-json.js'

// Expected values: PHP 8.2 json_encode with Omeka's flags (shared/reference/omeka-classic-api.md §2).
describe('phpJsonEncode', () => {
  it('escapes slashes and every non-ASCII character, not & < >', () => {
    expect(phpString('http://x/é — “q” & <a> 日本')).toBe(
      '"http:\\/\\/x\\/\\u00e9 \\u2014 \\u201cq\\u201d & <a> \\u65e5\\u672c"',
    )
  })

  it('writes astral characters as surrogate pairs and controls as \\u escapes', () => {
    expect(phpString('😀\u0001\n\t"\\')).toBe('"\\ud83d\\ude00\\u0001\\n\\t\\"\\\\"')
  })

  it('writes compact JSON with no spaces and keeps key order', () => {
    expect(phpJsonEncode({ id: 1, b: true, n: null, a: [1, 'x'], e: [] })).toBe(
      '{"id":1,"b":true,"n":null,"a":[1,"x"],"e":[]}',
    )
  })

  it('pretty-prints with 4 spaces and ": " like JSON_PRETTY_PRINT, empty arrays on one line', () => {
    expect(phpJsonEncode({ a: [1, 2], b: 'x/y', c: [] }, true)).toBe(
      '{\n    "a": [\n        1,\n        2\n    ],\n    "b": "x\\/y",\n    "c": []\n}',
    )
  })

  it('escapes slashes, non-ASCII and controls inside nested keys and values, not in structure', () => {
    const record = { 'k/é': [{ url: 'http://h/api/items/1', t: 'Café\u0001\u007f😀', n: -0.5, e: {}, z: [undefined] }] }
    expect(phpJsonEncode(record)).toBe(
      '{"k\\/\\u00e9":[{"url":"http:\\/\\/h\\/api\\/items\\/1","t":"Caf\\u00e9\\u0001\u007f\\ud83d\\ude00","n":-0.5,"e":{},"z":[null]}]}',
    )
  })

  it('encodes the same record alike whether or not a RawNumber sits inside it', () => {
    const expected = '{"a":"x\\/y","m":{"f":0.10000000000000001},"b":[true,null]}'
    expect(phpJsonEncode({ a: 'x/y', m: { f: new RawNumber('0.10000000000000001') }, b: [true, null] })).toBe(expected)
    expect(phpJsonEncode({ a: 'x/y', m: parseJsonKeepingNumbers('{"f":0.10000000000000001}'), b: [true, null] })).toBe(
      expected,
    )
  })

  it('writes an object that appears many times (a shared reference) in full each time', () => {
    const ref = { id: 1, url: 'http://h/api/elements/1', name: 'Títle' }
    const page = Array.from({ length: 3 }, (_, i) => ({
      id: i,
      element_texts: [
        { element: ref, text: `t${i}` },
        { element: ref, text: 'é' },
      ],
    }))
    const one = '{"id":1,"url":"http:\\/\\/h\\/api\\/elements\\/1","name":"T\\u00edtle"}'
    const expected =
      '[' +
      [0, 1, 2]
        .map(
          (i) => `{"id":${i},"element_texts":[{"element":${one},"text":"t${i}"},{"element":${one},"text":"\\u00e9"}]}`,
        )
        .join(',') +
      ']'
    expect(phpJsonEncode(page)).toBe(expected)
  })

  it('writes a long page of distinct objects (no shared ones) and a repeat after it alike', () => {
    const rows = Array.from({ length: 600 }, (_, i) => ({ i, s: `a/${i}` }))
    const text = phpJsonEncode([...rows, rows[0]])
    expect(JSON.parse(text)).toEqual([...rows, rows[0]])
    expect(text.endsWith(',{"i":0,"s":"a\\/0"}]')).toBe(true)
  })

  it('re-emits numbers exactly as they were read', () => {
    const v = parseJsonKeepingNumbers('{"f":0.10000000000000001,"i":3}')
    expect((v as Record<string, unknown>).f).toBeInstanceOf(RawNumber)
    expect(phpJsonEncode(v)).toBe('{"f":0.10000000000000001,"i":3}')
  })
})
