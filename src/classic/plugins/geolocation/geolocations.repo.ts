import type { Db } from '../../db/client.js'
import { scalarParam, type PhpArray } from '../../../core/http/php-query.js'
import { sortDirection } from '../../shared.js'
import { sortableColumn } from '../../sorting.js'

export interface LocationRow {
  id: number
  itemId: number
  latitude: number
  longitude: number
  zoomLevel: number
  mapType: string
  address: string
}

/** The stored fields of a location (everything but its id). */
export type LocationFields = Omit<LocationRow, 'id'>

const COLUMNS = ['id', 'item_id', 'latitude', 'longitude', 'zoom_level', 'map_type', 'address'] as const

const SELECT = `SELECT l.id, l.item_id AS itemId, l.latitude, l.longitude, l.zoom_level AS zoomLevel, l.map_type AS mapType, l.address
  FROM locations l JOIN items i ON i.id = l.item_id`

// Table_Location joins items with Omeka's public permissions: a location is as visible as its item.
const visibility = (seePrivate: boolean) => (seePrivate ? '1 = 1' : 'i.public = 1')

/** One location the caller may see, or undefined. */
export function findLocation(db: Db, id: number, seePrivate: boolean): LocationRow | undefined {
  return db.$client.prepare<unknown[], LocationRow>(`${SELECT} WHERE l.id = ? AND ${visibility(seePrivate)}`).get(id)
}

/** The location of an item the caller may see, or undefined. */
export function findLocationOfItem(db: Db, itemId: number, seePrivate: boolean): LocationRow | undefined {
  return db.$client
    .prepare<unknown[], LocationRow>(`${SELECT} WHERE l.item_id = ? AND ${visibility(seePrivate)}`)
    .get(itemId)
}

/** ORDER BY for `sort_field` (any column of the table, else id), ties in id order. */
export function locationsOrder(query: PhpArray): string {
  const column = sortableColumn(scalarParam(query, 'sort_field') ?? '', COLUMNS)
  if (!column || column === 'id') return `l.id ${column ? sortDirection(query) : 'ASC'}`
  const collate = column === 'map_type' || column === 'address' ? ' COLLATE NOCASE' : ''
  return `l.${column}${collate} ${sortDirection(query)}, l.id ASC`
}

/** A page of visible locations with the total count. */
export function searchLocations(
  db: Db,
  seePrivate: boolean,
  order: string,
  page: number,
  perPage: number,
): { rows: LocationRow[]; total: number } {
  const where = `WHERE ${visibility(seePrivate)}`
  const total = db.$client
    .prepare<
      unknown[],
      {
        n: number
      }
    >(`SELECT COUNT(*) AS n FROM locations l JOIN items i ON i.id = l.item_id ${where}`)
    .get()!.n
  const rows = db.$client
    .prepare<unknown[], LocationRow>(`${SELECT} ${where} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(perPage, (page - 1) * perPage)
  return { rows, total }
}

/** Inserts a location (with a given id when importing a fixture) and returns its id. */
export function insertLocation(db: Db, f: LocationFields, id: number | null = null): number {
  const res = db.$client
    .prepare(
      'INSERT INTO locations (id, item_id, latitude, longitude, zoom_level, map_type, address) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    .run(id, f.itemId, f.latitude, f.longitude, f.zoomLevel, f.mapType, f.address)
  return Number(res.lastInsertRowid)
}

/** Rewrites a location's fields; its item never changes. */
export function updateLocation(db: Db, id: number, f: Omit<LocationFields, 'itemId'>): void {
  db.$client
    .prepare('UPDATE locations SET latitude = ?, longitude = ?, zoom_level = ?, map_type = ?, address = ? WHERE id = ?')
    .run(f.latitude, f.longitude, f.zoomLevel, f.mapType, f.address, id)
}

export function deleteLocation(db: Db, id: number): void {
  db.$client.prepare('DELETE FROM locations WHERE id = ?').run(id)
}
