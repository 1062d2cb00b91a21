import type { Db } from '../../db/client.js'
import { scalarParam, type PhpArray } from '../../../core/http/php-query.js'
import { Where, filterString, sortDirection } from '../../shared.js'
import { collated, sortableColumn, withIdTies } from '../../sorting.js'

export interface ElementRow {
  id: number
  elementSetId: number
  order: number | null
  name: string
  description: string | null
  comment: string | null
}

const SELECT =
  'SELECT e.id, e.element_set_id AS elementSetId, e."order" AS "order", e.name, e.description, e.comment FROM elements e'
const COLUMNS = ['id', 'element_set_id', 'order', 'name', 'description', 'comment'] as const

export function findElement(db: Db, id: number): ElementRow | undefined {
  return db.$client.prepare<unknown[], ElementRow>(`${SELECT} WHERE e.id = ?`).get(id)
}

/** Table_Element's filters: element_set, name, item_type (names case-insensitive, as under Omeka's utf8_unicode_ci tables). */
export function searchElements(
  db: Db,
  query: PhpArray,
  page: number,
  perPage: number,
): { rows: ElementRow[]; total: number } {
  const w = new Where()
  const set = filterString(query, 'element_set')
  if (set !== undefined) w.add('e.element_set_id = ?', parseInt(set, 10) || 0)
  const name = filterString(query, 'name')
  if (name !== undefined) w.add('e.name = ? COLLATE NOCASE', name)
  const itemType = filterString(query, 'item_type')
  if (itemType !== undefined)
    w.add('e.id IN (SELECT element_id FROM item_types_elements WHERE item_type_id = ?)', parseInt(itemType, 10) || 0)
  const field = scalarParam(query, 'sort_field')
  const column = field ? sortableColumn(field, COLUMNS) : undefined
  const order =
    field === 'random'
      ? 'RANDOM()'
      : column
        ? withIdTies(
            collated(`e."${column}"`, ['name', 'description', 'comment'].includes(column)),
            'e."id"',
            sortDirection(query),
          )
        : 'e.id ASC'
  const total = db.$client
    .prepare<unknown[], { n: number }>(`SELECT COUNT(*) AS n FROM elements e ${w.sql()}`)
    .get(...w.args)!.n
  const rows = db.$client
    .prepare<unknown[], ElementRow>(`${SELECT} ${w.sql()} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(...w.args, perPage, (page - 1) * perPage)
  return { rows, total }
}

export function insertElement(db: Db, e: Omit<ElementRow, 'id'>, id?: number): number {
  return Number(
    db.$client
      .prepare(
        'INSERT INTO elements (id, element_set_id, "order", name, description, comment) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(id ?? null, e.elementSetId, e.order, e.name, e.description, e.comment).lastInsertRowid,
  )
}

export function updateElement(
  db: Db,
  id: number,
  patch: { order?: number | null; comment?: string | null; description?: string | null },
): void {
  const sets: string[] = []
  const args: unknown[] = []
  if (patch.order !== undefined) sets.push('"order" = ?') && args.push(patch.order)
  if (patch.comment !== undefined) sets.push('comment = ?') && args.push(patch.comment)
  if (patch.description !== undefined) sets.push('description = ?') && args.push(patch.description)
  if (sets.length) db.$client.prepare(`UPDATE elements SET ${sets.join(', ')} WHERE id = ?`).run(...args, id)
}
