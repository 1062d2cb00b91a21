import { describe, expect, it } from 'vitest'
import { httpBuildQuery, parsePhpQuery, scalarParam, urlencode } from './php-query.js'

// Expected values: PHP 8's parse_str / http_build_query / urlencode behaviour.
const plain = (m: unknown): unknown =>
  m instanceof Map ? Object.fromEntries([...m].map(([k, v]) => [k, plain(v)])) : m

describe('parsePhpQuery', () => {
  it('builds nested arrays with auto-indexes like parse_str', () => {
    expect(plain(parsePhpQuery('a[]=1&a[]=2&b[x][y]=3'))).toEqual({ a: { 0: '1', 1: '2' }, b: { x: { y: '3' } } })
    expect(plain(parsePhpQuery('a[5]=x&a[]=y'))).toEqual({ a: { 5: 'x', 6: 'y' } })
  })

  it('decodes + and percent escapes and keeps the last of repeated scalars', () => {
    expect(plain(parsePhpQuery('search=oral+history&t=%C3%A9&t=2'))).toEqual({ search: 'oral history', t: '2' })
  })

  it('turns dots and spaces in names into underscores, and a lone [ too', () => {
    expect([...parsePhpQuery('a.b=1&c d=2&e[=3').keys()]).toEqual(['a_b', 'c_d', 'e_'])
  })

  it('gives a bare name the empty string and skips empty pairs', () => {
    expect(plain(parsePhpQuery('pretty_print&&x='))).toEqual({ pretty_print: '', x: '' })
  })

  it('keeps malformed escapes instead of failing', () => {
    expect(scalarParam(parsePhpQuery('q=100%'), 'q')).toBe('100%')
  })
})

describe('httpBuildQuery and urlencode', () => {
  it('encodes like PHP urlencode: space as +, comma and brackets escaped, tilde too', () => {
    expect(urlencode('a b,c[d]~é')).toBe('a+b%2Cc%5Bd%5D%7E%C3%A9')
  })

  it('round-trips a parsed query with indexed arrays', () => {
    expect(httpBuildQuery(parsePhpQuery('collection[]=1&collection[]=2&advanced[0][type]=is exactly'))).toBe(
      'collection%5B0%5D=1&collection%5B1%5D=2&advanced%5B0%5D%5Btype%5D=is+exactly',
    )
  })
})

describe('scalarParam', () => {
  it('returns undefined for arrays and missing names', () => {
    const p = parsePhpQuery('a[]=1&b=2')
    expect(scalarParam(p, 'a')).toBeUndefined()
    expect(scalarParam(p, 'z')).toBeUndefined()
    expect(scalarParam(p, 'b')).toBe('2')
  })
})
