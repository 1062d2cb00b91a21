import { describe, expect, it } from 'vitest'
import { ciFold, ciLike, ciRegexp, ciSortKey } from './mysql-collation.js'

// Rules of MySQL/MariaDB under utf8mb4_unicode_ci, with values from the classic-random recordings.
describe('utf8mb4_unicode_ci equality', () => {
  it('ignores case, accents and compatibility forms', () => {
    expect(ciFold('Ünïcødé')).toBe('unicode')
    expect(ciFold('ﬁre')).toBe(ciFold('FIRE'))
    expect(ciFold('ſtrike')).toBe('strike')
    expect(ciFold('Straße')).toBe('strasse')
  })

  it('ignores trailing spaces (PAD SPACE) in the sort/equality key, not leading ones', () => {
    expect(ciSortKey('tag-118-map  ')).toBe(ciSortKey('TAG-118-MAP'))
    expect(ciSortKey(' tag-118-map')).not.toBe(ciSortKey('tag-118-map'))
  })
})

describe('utf8mb4_unicode_ci order', () => {
  it('puts punctuation below digits (recorded 0395: collection 1 before 10 by their HTML descriptions)', () => {
    const one = '<p>Synthetic collection <em>1</em></p>'
    const ten = '<p>Synthetic collection <em>10</em></p>'
    expect(ciSortKey(one) < ciSortKey(ten)).toBe(true)
    expect(ciSortKey('a_b') < ciSortKey('a0')).toBe(true)
    expect(ciSortKey('Zebra') > ciSortKey('apple')).toBe(true)
  })
})

describe('LIKE', () => {
  it('reads % and _ as wildcards, \\ as escape (recorded 1198: search=a_b)', () => {
    expect(ciLike('Item axb here', '%a_b%')).toBe(true)
    expect(ciLike('50 percent', '%50%%')).toBe(true)
    expect(ciLike('a%b', 'a\\%b')).toBe(true)
    expect(ciLike('axb', 'a\\%b')).toBe(false)
  })

  it('compares under the collation but keeps trailing spaces significant', () => {
    expect(ciLike('Ünïcødé', 'unicode')).toBe(true)
    expect(ciLike('tag-118-map', ' tag-118-map ')).toBe(false)
    expect(ciLike('Line one\nLine two', '%one%two')).toBe(true)
  })
})

describe('REGEXP (MariaDB PCRE, case-insensitive under _ci)', () => {
  it('matches unanchored and case-insensitively, with inline (?i) and POSIX classes', () => {
    expect(ciRegexp('Harbor at Dawn', 'harbor')).toBe(true)
    expect(ciRegexp('Winter crossing', '(?i)WINTER')).toBe(true)
    expect(ciRegexp('Item 1852', '[[:digit:]]{4}')).toBe(true)
    expect(ciRegexp('Item', '^$')).toBe(false)
    expect(ciRegexp('fire', 'fire|flood')).toBe(true)
  })
})
