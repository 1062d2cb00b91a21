import type { Db } from '../../db/client.js'
import { statement } from '../../statements.js'

export type RecordType = 'Item' | 'Collection' | 'File'

/** An element text with the names its representation needs. */
export interface ElementTextRow {
  recordId: number
  elementId: number
  elementName: string
  elementSetId: number
  elementSetName: string
  html: boolean
  text: string
}

// Texts without their element: a page has a few hundred texts but only a dozen distinct elements, which
// are looked up once (ELEMENT_NAMES) instead of joined onto every text. Ordered by record then id, the
// order the record index already yields (each record's texts in stored order), so no sort is needed.
const LOAD_TEXTS = `SELECT et.record_id, et.element_id, et.html, et.text
  FROM element_texts et
  WHERE et.record_type = ? AND et.record_id IN (SELECT value FROM json_each(?))
  ORDER BY et.record_id, et.id`

const ELEMENT_NAMES = `SELECT e.id, e.name, es.id, es.name
  FROM elements e JOIN element_sets es ON es.id = e.element_set_id
  WHERE e.id IN (SELECT value FROM json_each(?))`

type ElementNames = [elementId: number, elementName: string, elementSetId: number, elementSetName: string]

/** Element texts of many records at once (two queries), grouped by record id, in stored order. */
export function loadElementTexts(
  db: Db,
  recordType: RecordType,
  ids: readonly number[],
): Map<number, ElementTextRow[]> {
  const out = new Map<number, ElementTextRow[]>()
  if (ids.length === 0) return out
  const rows = statement(db, LOAD_TEXTS, true).all(recordType, JSON.stringify(ids)) as [
    number,
    number,
    number,
    string,
  ][]
  const elementIds = [...new Set(rows.map((r) => r[1]))]
  const names = new Map(
    statement<ElementNames>(db, ELEMENT_NAMES, true)
      .all(JSON.stringify(elementIds))
      .map((e) => [e[0], e]),
  )
  for (const [recordId, elementId, html, text] of rows) {
    // A text whose element (or element set) is gone is skipped, as the inner join of Omeka's query does.
    const e = names.get(elementId)
    if (!e) continue
    const row: ElementTextRow = {
      recordId,
      elementId,
      elementName: e[1],
      elementSetId: e[2],
      elementSetName: e[3],
      html: html === 1,
      text,
    }
    const list = out.get(recordId)
    if (list) list.push(row)
    else out.set(recordId, [row])
  }
  return out
}

export interface ElementTextInput {
  elementId: number
  text: string
  html: boolean
}

/** Replaces every element text of a record (Omeka's PUT semantics). Call inside a transaction. */
export function replaceElementTexts(
  db: Db,
  recordType: RecordType,
  recordId: number,
  texts: readonly ElementTextInput[],
): void {
  statement(db, 'DELETE FROM element_texts WHERE record_type = ? AND record_id = ?').run(recordType, recordId)
  insertElementTexts(db, recordType, recordId, texts)
}

/**
 * Bug-compatible mode's update that a failing insert cut short (as recorded from Omeka): the texts before
 * the failure are written over the element's existing text rows in place (keeping their position) or
 * appended, and every other text of the record stays.
 */
export function replaceElementTextsUntil(
  db: Db,
  recordType: RecordType,
  recordId: number,
  saved: readonly ElementTextInput[],
): void {
  const existing = statement(
    db,
    'SELECT id FROM element_texts WHERE record_type = ? AND record_id = ? AND element_id = ? ORDER BY id',
  )
  const update = statement(db, 'UPDATE element_texts SET html = ?, text = ? WHERE id = ?')
  const used = new Set<number>()
  for (const t of saved) {
    const row = (existing.all(recordType, recordId, t.elementId) as { id: number }[]).find((r) => !used.has(r.id))
    if (row) {
      used.add(row.id)
      update.run(t.html ? 1 : 0, t.text, row.id)
    } else insertElementTexts(db, recordType, recordId, [t])
  }
}

/** Appends element texts to a record, in the given order. */
export function insertElementTexts(
  db: Db,
  recordType: RecordType,
  recordId: number,
  texts: readonly ElementTextInput[],
): void {
  const insert = statement(
    db,
    'INSERT INTO element_texts (record_id, record_type, element_id, html, text) VALUES (?, ?, ?, ?, ?)',
  )
  for (const t of texts) insert.run(recordId, recordType, t.elementId, t.html ? 1 : 0, t.text)
}

/** Deletes a record's element texts (when the record itself is deleted). */
export function deleteElementTexts(db: Db, recordType: RecordType, recordId: number): void {
  statement(db, 'DELETE FROM element_texts WHERE record_type = ? AND record_id = ?').run(recordType, recordId)
}

/** The ids of the given elements that exist. */
export function existingElementIds(db: Db, ids: readonly number[]): Set<number> {
  if (ids.length === 0) return new Set()
  const rows = statement<{ id: number }>(
    db,
    'SELECT id FROM elements WHERE id IN (SELECT value FROM json_each(?))',
  ).all(JSON.stringify(ids))
  return new Set(rows.map((r) => r.id))
}
