import { describe, expect, it } from 'vitest'
import { openDb } from '../src/classic/db/client.js'
import { refreshItemSearch, searchPlan, searchWords } from '../src/classic/db/search-words.js'

describe('database', () => {
  it('keeps the simple search word index in step with writes to element texts', () => {
    const db = openDb(':memory:')
    const sqlite = db.$client
    const ins = sqlite.prepare(
      "INSERT INTO element_texts (record_id, record_type, element_id, html, text) VALUES (?, 'Item', 50, 0, ?)",
    )
    const stale = sqlite.prepare('SELECT item_id FROM item_search_fts_stale ORDER BY item_id').pluck()
    const q = sqlite.prepare('SELECT rowid FROM item_search_fts WHERE item_search_fts MATCH ? ORDER BY rowid').pluck()
    ins.run(1, 'Letters from home')
    ins.run(2, 'Another title')
    // A write marks its item stale in the same statement; the index is refreshed later.
    expect(stale.all()).toEqual([1, 2])
    for (let i = 100; i < 170; i++) ins.run(i, `Filler ${i}`)
    refreshItemSearch(sqlite)
    expect(stale.all()).toEqual([])
    expect(q.all(searchPlan('%etter%')!.match)).toEqual([1])
    expect(q.all(searchPlan('%ANOTH%')!.match)).toEqual([2])
    sqlite.prepare('UPDATE element_texts SET text = ? WHERE record_id = 1').run('Postcards')
    expect(stale.all()).toEqual([1])
    sqlite.prepare('DELETE FROM element_texts WHERE record_id = 2').run()
    expect(stale.all()).toEqual([1, 2])
    for (let i = 200; i < 270; i++) ins.run(i, `Filler ${i}`)
    refreshItemSearch(sqlite)
    expect(q.all(searchPlan('%letter%')!.match)).toEqual([])
    expect(q.all(searchPlan('%another%')!.match)).toEqual([])
    expect(q.all(searchPlan('%postcard%')!.match)).toEqual([1])
  })

  it('indexes the folded suffixes of words, as utf8mb4_unicode_ci compares them', () => {
    expect(searchWords('Straße, Ünïcødé').split(' ').sort()).toEqual(
      [
        'strasse',
        'trasse',
        'rasse',
        'asse',
        'sse',
        'se',
        'e',
        'unicode',
        'nicode',
        'icode',
        'code',
        'ode',
        'de',
      ].sort(),
    )
    expect(searchWords(null)).toBe('')
  })

  it('plans a LIKE pattern: the longest word, exact only for %word%', () => {
    expect(searchPlan('%Manuscript%')).toEqual({ match: '"manuscript" *', exact: true })
    expect(searchPlan('%São Paulo%')).toEqual({ match: '"paulo" *', exact: false })
    expect(searchPlan('%ab_cd%')).toEqual({ match: '"ab" *', exact: false })
    expect(searchPlan('%a\\%bc%')).toEqual({ match: '"bc" *', exact: false })
    expect(searchPlan('%--%')).toBeUndefined()
  })
})
