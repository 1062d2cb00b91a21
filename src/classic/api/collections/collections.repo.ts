import type { Db } from '../../db/client.js'
import { statement } from '../../statements.js'
import { scalarParam, type PhpArray } from '../../../core/http/php-query.js'
import {
  loadElementTexts,
  replaceElementTexts,
  deleteElementTexts,
  type ElementTextRow,
  type ElementTextInput,
} from '../element-texts/element-texts.repo.js'
import { Where, filterValue, filterList, queryBool, addSinceFilter, sortDirection, nowStored } from '../../shared.js'
import { elementSortKey, sortableColumn, withIdTies } from '../../sorting.js'

export interface CollectionRow {
  id: number
  public: boolean
  featured: boolean
  added: string
  modified: string
  ownerId: number | null
}

export interface CollectionRelations {
  itemCounts: Map<number, number>
  elementTexts: Map<number, ElementTextRow[]>
}

const COLUMNS = ['id', 'public', 'featured', 'added', 'modified', 'owner_id'] as const
const SELECT = 'SELECT id, public, featured, added, modified, owner_id AS ownerId FROM collections'
type Raw = Omit<CollectionRow, 'public' | 'featured'> & { public: number; featured: number }
const toRow = (r: Raw): CollectionRow => ({ ...r, public: r.public === 1, featured: r.featured === 1 })

export function findCollection(db: Db, id: number, seePrivate: boolean): CollectionRow | undefined {
  const r = db.$client.prepare<unknown[], Raw>(`${SELECT} WHERE id = ?${seePrivate ? '' : ' AND public = 1'}`).get(id)
  return r && toRow(r)
}

/** Table_Collection's filters: public, featured, owner, added_since, modified_since. */
export function collectionsWhere(query: PhpArray, seePrivate: boolean, bugCompat = false): Where {
  const w = new Where()
  if (!seePrivate) w.add('collections.public = 1')
  for (const [name] of query) {
    const v = filterValue(query, name)
    if (typeof v !== 'string') continue
    switch (name) {
      case 'public':
      case 'featured':
        w.add(`collections.${name} = ?`, queryBool(v) ? 1 : 0)
        break
      case 'owner':
        w.add('collections.owner_id = ?', parseInt(filterList(v)[0] ?? '', 10) || 0)
        break
      case 'added_since':
      case 'modified_since': {
        addSinceFilter(w, `collections.${name === 'added_since' ? 'added' : 'modified'}`, v, bugCompat)
        break
      }
    }
  }
  return w
}

export function collectionsOrder(db: Db, query: PhpArray): string {
  const field = scalarParam(query, 'sort_field')
  const dir = sortDirection(query)
  if (!field) return 'collections.id ASC'
  if (field === 'random') return 'RANDOM()'
  const column = sortableColumn(field, COLUMNS)
  if (column) return withIdTies(`collections.${column}`, 'collections.id', dir)
  const byElement = elementSortKey(db, field, 'Collection', 'collections.id')
  return byElement ? byElement(dir) : 'collections.id ASC'
}

export function searchCollections(
  db: Db,
  where: Where,
  order: string,
  page: number,
  perPage: number,
): { rows: CollectionRow[]; total: number } {
  const total = db.$client
    .prepare<unknown[], { n: number }>(`SELECT COUNT(*) AS n FROM collections ${where.sql()}`)
    .get(...where.args)!.n
  const rows = db.$client
    .prepare<unknown[], Raw>(`${SELECT} ${where.sql()} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(...where.args, perPage, (page - 1) * perPage)
  return { rows: rows.map(toRow), total }
}

/** Item counts (of items the caller may see) and element texts of these collections. */
export function loadCollectionRelations(
  db: Db,
  rows: readonly CollectionRow[],
  seePrivate: boolean,
): CollectionRelations {
  const ids = rows.map((r) => r.id)
  const counts = db.$client
    .prepare<unknown[], { id: number; n: number }>(
      `SELECT collection_id AS id, COUNT(*) AS n FROM items WHERE collection_id IN (SELECT value FROM json_each(?))${seePrivate ? '' : ' AND public = 1'} GROUP BY collection_id`,
    )
    .all(JSON.stringify(ids))
  return { itemCounts: new Map(counts.map((r) => [r.id, r.n])), elementTexts: loadElementTexts(db, 'Collection', ids) }
}

export interface CollectionWrite {
  public?: boolean
  featured?: boolean
  ownerId?: number | null
  added?: string
  modified?: string
  elementTexts?: ElementTextInput[]
}

export function insertCollection(db: Db, w: CollectionWrite, id?: number): number {
  const now = nowStored()
  const res = statement(
    db,
    'INSERT INTO collections (id, public, featured, added, modified, owner_id) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(id ?? null, w.public ? 1 : 0, w.featured ? 1 : 0, w.added ?? now, w.modified ?? now, w.ownerId ?? null)
  const newId = Number(res.lastInsertRowid)
  if (w.elementTexts) replaceElementTexts(db, 'Collection', newId, w.elementTexts)
  return newId
}

export function updateCollection(db: Db, id: number, w: CollectionWrite): void {
  const sets: string[] = ['modified = ?']
  const args: unknown[] = [w.modified ?? nowStored()]
  if (w.public !== undefined) sets.push('public = ?') && args.push(w.public ? 1 : 0)
  if (w.featured !== undefined) sets.push('featured = ?') && args.push(w.featured ? 1 : 0)
  if (w.ownerId !== undefined) sets.push('owner_id = ?') && args.push(w.ownerId)
  if (w.added !== undefined) sets.push('added = ?') && args.push(w.added)
  db.$client.prepare(`UPDATE collections SET ${sets.join(', ')} WHERE id = ?`).run(...args, id)
  if (w.elementTexts) replaceElementTexts(db, 'Collection', id, w.elementTexts)
}

/** Deletes a collection; its items stay, outside any collection (as Omeka does). */
export function deleteCollection(db: Db, id: number): void {
  statement(db, 'UPDATE items SET collection_id = NULL WHERE collection_id = ?').run(id)
  deleteElementTexts(db, 'Collection', id)
  statement(db, 'DELETE FROM collections WHERE id = ?').run(id)
}
