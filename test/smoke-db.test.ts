import { describe, it, expect } from 'vitest'
import { openDb } from '../src/classic/db/client.js'

describe('database', () => {
  it('finds element texts by case-insensitive substring through the trigram index', () => {
    const db = openDb(':memory:')
    const ins = db.$client.prepare(
      "INSERT INTO element_texts (record_id, record_type, element_id, html, text) VALUES (?, 'Item', 50, 0, ?)",
    )
    ins.run(1, 'Letters from home')
    ins.run(2, 'Another title')
    ins.run(3, 'Nothing here')
    const q = db.$client.prepare('SELECT rowid FROM element_texts_fts WHERE text LIKE ? ORDER BY rowid')
    expect(q.all('%letter%')).toEqual([{ rowid: 1 }])
    db.$client.prepare('UPDATE element_texts SET text = ? WHERE id = 1').run('Postcards')
    expect(q.all('%letter%')).toEqual([])
  })
})
