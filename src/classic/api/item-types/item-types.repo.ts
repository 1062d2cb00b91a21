import type { Db } from '../../db/client.js'
import { scalarParam, type PhpArray } from '../../../core/http/php-query.js'
import { Where, filterString, sortDirection } from '../../shared.js'
import { collated, sortableColumn, withIdTies } from '../../sorting.js'

export interface ItemTypeRow {
  id: number
  name: string
  description: string | null
}

export interface ItemTypeRelations {
  elementIds: Map<number, number[]>
  itemCounts: Map<number, number>
}

const COLUMNS = ['id', 'name', 'description'] as const

export function findItemType(db: Db, id: number): ItemTypeRow | undefined {
  return db.$client.prepare<unknown[], ItemTypeRow>('SELECT id, name, description FROM item_types WHERE id = ?').get(id)
}

export function findItemTypeByName(db: Db, name: string): ItemTypeRow | undefined {
  return db.$client
    .prepare<unknown[], ItemTypeRow>('SELECT id, name, description FROM item_types WHERE name = ? COLLATE NOCASE')
    .get(name)
}

export function searchItemTypes(
  db: Db,
  query: PhpArray,
  page: number,
  perPage: number,
): { rows: ItemTypeRow[]; total: number } {
  const w = new Where()
  const name = filterString(query, 'name')
  if (name !== undefined) w.add('name = ? COLLATE NOCASE', name)
  const field = scalarParam(query, 'sort_field')
  const column = field ? sortableColumn(field, COLUMNS) : undefined
  const order =
    field === 'random'
      ? 'RANDOM()'
      : column
        ? withIdTies(collated(`"${column}"`, column !== 'id'), '"id"', sortDirection(query))
        : 'id ASC'
  const total = db.$client
    .prepare<unknown[], { n: number }>(`SELECT COUNT(*) AS n FROM item_types ${w.sql()}`)
    .get(...w.args)!.n
  const rows = db.$client
    .prepare<unknown[], ItemTypeRow>(
      `SELECT id, name, description FROM item_types ${w.sql()} ORDER BY ${order} LIMIT ? OFFSET ?`,
    )
    .all(...w.args, perPage, (page - 1) * perPage)
  return { rows, total }
}

/** Ordered element ids and item counts (ItemType::totalItems counts through Table_Item, so only items the caller may see). */
export function loadItemTypeRelations(db: Db, ids: readonly number[], seePrivate: boolean): ItemTypeRelations {
  const json = JSON.stringify(ids)
  const elementIds = new Map<number, number[]>()
  const links = db.$client
    .prepare<unknown[], { typeId: number; elementId: number }>(
      'SELECT item_type_id AS typeId, element_id AS elementId FROM item_types_elements WHERE item_type_id IN (SELECT value FROM json_each(?)) ORDER BY item_type_id, "order", id',
    )
    .all(json)
  for (const l of links) elementIds.set(l.typeId, [...(elementIds.get(l.typeId) ?? []), l.elementId])
  const counts = db.$client
    .prepare<
      unknown[],
      {
        id: number
        n: number
      }
    >(
      `SELECT item_type_id AS id, COUNT(*) AS n FROM items WHERE item_type_id IN (SELECT value FROM json_each(?))${seePrivate ? '' : ' AND public = 1'} GROUP BY item_type_id`,
    )
    .all(json)
  return { elementIds, itemCounts: new Map(counts.map((c) => [c.id, c.n])) }
}

export function insertItemType(db: Db, t: { name: string; description: string | null }, id?: number): number {
  return Number(
    db.$client
      .prepare('INSERT INTO item_types (id, name, description) VALUES (?, ?, ?)')
      .run(id ?? null, t.name, t.description).lastInsertRowid,
  )
}

export function updateItemType(db: Db, id: number, t: { name?: string; description?: string | null }): void {
  if (t.name !== undefined) db.$client.prepare('UPDATE item_types SET name = ? WHERE id = ?').run(t.name, id)
  if (t.description !== undefined)
    db.$client.prepare('UPDATE item_types SET description = ? WHERE id = ?').run(t.description, id)
}

/** Sets the type's elements to exactly this ordered list (ids that are not elements are skipped). */
export function setItemTypeElements(db: Db, id: number, elementIds: readonly number[]): void {
  db.$client.prepare('DELETE FROM item_types_elements WHERE item_type_id = ?').run(id)
  const exists = db.$client.prepare('SELECT 1 FROM elements WHERE id = ?')
  const insert = db.$client.prepare(
    'INSERT OR IGNORE INTO item_types_elements (item_type_id, element_id, "order") VALUES (?, ?, ?)',
  )
  let order = 1
  for (const e of elementIds) if (exists.get(e)) insert.run(id, e, order++)
}

/** Deletes an item type; its items keep their metadata but lose the type. */
export function deleteItemType(db: Db, id: number): void {
  db.$client.prepare('UPDATE items SET item_type_id = NULL WHERE item_type_id = ?').run(id)
  db.$client.prepare('DELETE FROM item_types_elements WHERE item_type_id = ?').run(id)
  db.$client.prepare('DELETE FROM item_types WHERE id = ?').run(id)
}
