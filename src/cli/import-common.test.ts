import { describe, expect, it } from 'vitest'
import { progressRate } from './import-common.js'

describe('progressRate', () => {
  it('says nothing until half a second has passed since the first page', () => {
    // The first update comes after a whole page is written: 50 records over 1 ms is not a rate.
    expect(progressRate({ at: 1000, done: 50 }, 50, 1001)).toBe('-')
  })

  it('counts the records written since the first update over the time since', () => {
    expect(progressRate({ at: 1000, done: 50 }, 250, 3000)).toBe(100)
  })
})
