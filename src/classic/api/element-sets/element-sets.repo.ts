import type { Db } from '../../db/client.js'
import { scalarParam, type PhpArray } from '../../../core/http/php-query.js'
import { Where, filterList, sortDirection } from '../../shared.js'
import { collated, sortableColumn, withIdTies } from '../../sorting.js'

export interface ElementSetRow {
  id: number
  recordType: string | null
  name: string
  description: string | null
  elementCount: number
}

const SELECT = `SELECT es.id, es.record_type AS recordType, es.name, es.description,
  (SELECT COUNT(*) FROM elements e WHERE e.element_set_id = es.id) AS elementCount FROM element_sets es`
const COLUMNS = ['id', 'record_type', 'name', 'description'] as const

export function findElementSet(db: Db, id: number): ElementSetRow | undefined {
  return db.$client.prepare<unknown[], ElementSetRow>(`${SELECT} WHERE es.id = ?`).get(id)
}

export function findElementSetByName(db: Db, name: string): ElementSetRow | undefined {
  return db.$client.prepare<unknown[], ElementSetRow>(`${SELECT} WHERE es.name = ? COLLATE NOCASE`).get(name)
}

/**
 * Table_ElementSet's filters are Omeka_Db_Table::applySearchFilters: a column named in the query is compared
 * with `=` (an array with IN), even when the value is empty (`record_type=` matches no set), under utf8mb4_unicode_ci.
 */
export function searchElementSets(
  db: Db,
  query: PhpArray,
  page: number,
  perPage: number,
  bugCompat = false,
): { rows: ElementSetRow[]; total: number } {
  const w = new Where()
  for (const column of ['name', 'record_type'] as const) {
    const v = query.get(column)
    if (v === undefined) continue
    const values = filterList(v)
    w.add(`omeka_fold(es.${column}) IN (SELECT omeka_fold(value) FROM json_each(?))`, JSON.stringify(values))
  }
  const field = scalarParam(query, 'sort_field')
  const column = field ? sortableColumn(field, COLUMNS) : undefined
  const order =
    field === 'random'
      ? 'RANDOM()'
      : column
        ? withIdTies(collated(`es."${column}"`, column !== 'id'), 'es."id"', sortDirection(query))
        : 'es.id ASC'
  // Table_ElementSet::getSelect orders by id first, so in Omeka a requested sort only breaks (no) ties.
  const ordered = bugCompat ? `es.id ASC, ${order}` : order
  const total = db.$client
    .prepare<unknown[], { n: number }>(`SELECT COUNT(*) AS n FROM element_sets es ${w.sql()}`)
    .get(...w.args)!.n
  const rows = db.$client
    .prepare<unknown[], ElementSetRow>(`${SELECT} ${w.sql()} ORDER BY ${ordered} LIMIT ? OFFSET ?`)
    .all(...w.args, perPage, (page - 1) * perPage)
  return { rows, total }
}

export function insertElementSet(
  db: Db,
  s: { name: string; description: string | null; recordType: string | null },
  id?: number,
): number {
  return Number(
    db.$client
      .prepare('INSERT INTO element_sets (id, record_type, name, description) VALUES (?, ?, ?, ?)')
      .run(id ?? null, s.recordType, s.name, s.description).lastInsertRowid,
  )
}

/** Deletes a set with its elements and everything that uses them (texts, item type links). */
export function deleteElementSet(db: Db, id: number): void {
  const elementIds = db.$client
    .prepare<unknown[], { id: number }>('SELECT id FROM elements WHERE element_set_id = ?')
    .all(id)
    .map((r) => r.id)
  for (const e of elementIds) deleteElementRecord(db, e)
  db.$client.prepare('DELETE FROM element_sets WHERE id = ?').run(id)
}

/** Deletes an element, its texts and its place in item types. */
export function deleteElementRecord(db: Db, id: number): void {
  db.$client.prepare('DELETE FROM element_texts WHERE element_id = ?').run(id)
  db.$client.prepare('DELETE FROM item_types_elements WHERE element_id = ?').run(id)
  db.$client.prepare('DELETE FROM elements WHERE id = ?').run(id)
}
