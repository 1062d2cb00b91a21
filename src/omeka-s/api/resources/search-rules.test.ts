import { describe, expect, it } from 'vitest'
import { collateKey } from '../../db/functions.js'
import { emailMessages } from '../users/users.write.js'
import { slugErrors, sqlId } from '../../write/payload-fields.js'
import { idCriterion, parseQueryDate } from './resource.search.js'

// Omeka S 4.2.0's query and validation rules; expected values from recorded conformance/s-random cases.

describe('created_before & co (DateTime::createFromFormat, Doctrine binding the local time)', () => {
  it('keeps the written time when an offset is given, and accepts Z (cases 0220, 0844, 0905)', () => {
    expect(parseQueryDate('2026-11-22T08:35:00+0100')).toBe('2026-11-22T08:35:00+00:00')
    expect(parseQueryDate('2026-11-22T08:35:00+01:00')).toBe('2026-11-22T08:35:00+00:00')
    expect(parseQueryDate('2026-11-22T07:35:00Z')).toBe('2026-11-22T07:35:00+00:00')
  })

  it('fills missing parts from the epoch, and refuses what no format reads', () => {
    expect(parseQueryDate('2026-11')).toBe('2026-11-01T00:00:00+00:00')
    expect(parseQueryDate('2026')).toBe('2026-01-01T00:00:00+00:00')
    expect(parseQueryDate('2026-11-22T07')).toBe('2026-11-22T07:00:00+00:00')
    for (const bad of ['2026-11-22 07:36:00', 'yesterday', 'garbage', '', ' 2026'])
      expect(parseQueryDate(bad)).toBeNull()
  })
})

describe('id (buildBaseQuery) and path ids', () => {
  it('ignores an empty id list and compares the rest as MariaDB casts them', () => {
    expect(idCriterion(undefined)).toBeNull()
    expect(idCriterion('')).toBeNull()
    expect(idCriterion(new Map([['0', '']]))).toBeNull()
    expect(idCriterion('1082,1105,1208')).toEqual([1082, 1105, 1208])
    expect(
      idCriterion(
        new Map([
          ['0', '673'],
          ['1', ''],
        ]),
      ),
    ).toEqual([673])
    expect(idCriterion('abc')).toEqual([0])
  })

  it('reads /api/items/21.0 as 21 (cases 0462, 0469), and nothing else as a stray id', () => {
    expect(sqlId('21.0')).toBe(21)
    expect(sqlId('21.5')).not.toBe(21)
    expect(sqlId('abc')).toBe(0)
    expect(sqlId('99999999999')).toBe(99999999999)
  })
})

describe('utf8mb4_unicode_ci', () => {
  it('sorts punctuation before digits before letters (case 0054: author@ before author2@)', () => {
    expect(collateKey('author@example.com') < collateKey('author2@example.com')).toBe(true)
    expect(collateKey('admin@example.com') < collateKey('author@example.com')).toBe(true)
  })

  it('compares without case, accents or trailing spaces (case 0070: `text` is the Text class)', () => {
    expect(collateKey('text')).toBe(collateKey('Text'))
    expect(collateKey('Écluse')).toBe(collateKey('ecluse '))
    expect(collateKey('Straße')).toBe(collateKey('strasse'))
    expect(collateKey('a b')).not.toBe(collateKey('ab'))
  })
})

describe('validators', () => {
  it("answers Laminas' EmailAddress message (cases 1372, 1383)", () => {
    const format = 'The input is not a valid email address. Use the basic format local-part@hostname'
    expect(emailMessages('not-an-email')).toEqual([format])
    expect(emailMessages('')).toEqual([format])
    expect(emailMessages('new@example.com')).toEqual([])
  })

  it("lists every slug problem with SiteSlugTrait's messages (case 1239)", () => {
    expect(slugErrors('bad slug', () => false)).toEqual([
      'A slug can only contain letters, numbers, underscores, and hyphens.',
    ])
    expect(slugErrors('', () => true)).toEqual(['The slug cannot be empty.'])
    expect(slugErrors('demo', () => true)).toEqual(['The slug "demo" is already taken.'])
    expect(slugErrors('about-2', () => false)).toEqual([])
  })
})
