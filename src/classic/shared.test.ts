import { describe, expect, it } from 'vitest'
import { zendIsoToStored } from './shared.js'
import { phpIntval } from './router.js'

// Zend_Date's ISO 8601 reading as Omeka_Db_Table::filterBySince uses it; spellings from classic-random.
describe('added_since / modified_since as Zend_Date reads them', () => {
  it('reads offsets by their hours and converts to UTC', () => {
    expect(zendIsoToStored('2026-11-22T01:53:31-05:00')).toBe('2026-11-22 06:53:31')
    expect(zendIsoToStored('2026-11-22T06:52:47Z')).toBe('2026-11-22 06:52:47')
    expect(zendIsoToStored('2026-11-22T07:52:47+01:00')).toBe('2026-11-22 06:52:47')
  })

  it('accepts compact forms, no seconds, a space, fractions and an unencoded + (a space)', () => {
    expect(zendIsoToStored('20261122T065354')).toBe('2026-11-22 06:53:54')
    expect(zendIsoToStored('2026-11-22T06:54')).toBe('2026-11-22 06:54:00')
    expect(zendIsoToStored('2026-11-22 06:53:17')).toBe('2026-11-22 06:53:17')
    expect(zendIsoToStored('2026-11-22T06:52:48.500+00:00')).toBe('2026-11-22 06:52:48')
    expect(zendIsoToStored('2026-11-22T06:53:25 00:00')).toBe('2026-11-22 06:53:25')
    expect(zendIsoToStored('2026-11-22')).toBe('2026-11-22 00:00:00')
  })

  it('refuses what Zend refuses ("unsupported ISO8601 format")', () => {
    expect(zendIsoToStored('yesterday')).toBeNull()
    expect(zendIsoToStored('not-a-date')).toBeNull()
    expect(zendIsoToStored('0')).toBeNull()
  })
})

describe("a path id as PHP's (int) reads it", () => {
  it('takes the leading integer (recorded 0016: /api/items/12abc is item 12)', () => {
    expect(phpIntval('12abc')).toBe(12)
    expect(phpIntval(' 7')).toBe(7)
    expect(phpIntval('abc')).toBe(0)
    expect(phpIntval('-3')).toBe(-3)
  })
})
