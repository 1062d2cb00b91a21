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
import { Where, filterValue, queryBool, addSinceFilter, sortDirection, nowStored } from '../../shared.js'
import { collated, sortableColumn, withIdTies } from '../../sorting.js'

export interface FileRow {
  id: number
  itemId: number
  order: number | null
  filename: string
  originalFilename: string
  size: number
  authentication: string | null
  mimeType: string | null
  typeOs: string | null
  hasDerivativeImage: boolean
  stored: boolean
  added: string
  modified: string
  metadata: string
  /** The parent item's owner and visibility, for permissions. */
  itemOwnerId: number | null
  itemPublic: boolean
}

const FILE_TEXT_COLUMNS = new Set(['filename', 'original_filename', 'authentication', 'mime_type', 'type_os'])
const COLUMNS = [
  'id',
  'item_id',
  'order',
  'filename',
  'original_filename',
  'size',
  'authentication',
  'mime_type',
  'type_os',
  'has_derivative_image',
  'added',
  'modified',
  'stored',
] as const

const SELECT = `SELECT f.id, f.item_id AS itemId, f."order" AS "order", f.filename, f.original_filename AS originalFilename, f.size,
  f.authentication, f.mime_type AS mimeType, f.type_os AS typeOs, f.has_derivative_image AS hasDerivativeImage, f.stored,
  f.added, f.modified, f.metadata, i.owner_id AS itemOwnerId, i.public AS itemPublic
  FROM files f JOIN items i ON i.id = f.item_id`

type Raw = Omit<FileRow, 'hasDerivativeImage' | 'stored' | 'itemPublic'> & {
  hasDerivativeImage: number
  stored: number
  itemPublic: number
}
const toRow = (r: Raw): FileRow => ({
  ...r,
  hasDerivativeImage: r.hasDerivativeImage === 1,
  stored: r.stored === 1,
  itemPublic: r.itemPublic === 1,
})

/** A file, hidden when its item is not public and the caller may not see private records. */
export function findFile(db: Db, id: number, seePrivate: boolean): FileRow | undefined {
  const r = db.$client
    .prepare<unknown[], Raw>(`${SELECT} WHERE f.id = ?${seePrivate ? '' : ' AND i.public = 1'}`)
    .get(id)
  return r && toRow(r)
}

/** Table_File's filters (item, order, has_derivative_image, mime_type, size_greater_than, dates). */
export function filesWhere(query: PhpArray, seePrivate: boolean, bugCompat = false): Where {
  const w = new Where()
  if (!seePrivate) w.add('i.public = 1')
  for (const [name] of query) {
    const v = filterValue(query, name)
    if (typeof v !== 'string') continue
    switch (name) {
      case 'item':
        w.add('f.item_id = ?', parseInt(v, 10) || 0)
        break
      case 'order':
        if (v === 'null') w.add('f."order" IS NULL')
        else w.add('f."order" = ?', parseInt(v, 10) || 0)
        break
      case 'size_greater_than':
        // Real Omeka ignores this filter (a typo in Table_File); we apply it. See docs/compatibility.md.
        if (!bugCompat) w.add('f.size > ?', parseInt(v, 10) || 0)
        break
      case 'has_derivative_image':
        w.add('f.has_derivative_image = ?', queryBool(v) ? 1 : 0)
        break
      case 'mime_type':
        w.add('f.mime_type = ? COLLATE NOCASE', v)
        break
      case 'added_since':
      case 'modified_since': {
        addSinceFilter(w, `f.${name === 'added_since' ? 'added' : 'modified'}`, v, bugCompat)
        break
      }
    }
  }
  return w
}

export function filesOrder(query: PhpArray): string {
  const field = scalarParam(query, 'sort_field')
  if (field === 'random') return 'RANDOM()'
  const column = field ? sortableColumn(field, COLUMNS) : undefined
  return column
    ? withIdTies(collated(`f."${column}"`, FILE_TEXT_COLUMNS.has(column)), 'f."id"', sortDirection(query))
    : 'f.id ASC'
}

export function searchFiles(
  db: Db,
  where: Where,
  order: string,
  page: number,
  perPage: number,
): { rows: FileRow[]; total: number } {
  const total = db.$client
    .prepare<unknown[], { n: number }>(
      `SELECT COUNT(*) AS n FROM files f JOIN items i ON i.id = f.item_id ${where.sql()}`,
    )
    .get(...where.args)!.n
  const rows = db.$client
    .prepare<unknown[], Raw>(`${SELECT} ${where.sql()} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(...where.args, perPage, (page - 1) * perPage)
  return { rows: rows.map(toRow), total }
}

export function loadFileTexts(db: Db, rows: readonly FileRow[]): Map<number, ElementTextRow[]> {
  return loadElementTexts(
    db,
    'File',
    rows.map((r) => r.id),
  )
}

export interface FileInsert {
  itemId: number
  order: number | null
  filename: string
  originalFilename: string
  size: number
  authentication: string | null
  mimeType: string | null
  typeOs: string | null
  hasDerivativeImage: boolean
  stored?: boolean
  added?: string
  modified?: string
  metadata: string
  elementTexts?: ElementTextInput[]
}

export function insertFile(db: Db, f: FileInsert, id?: number): number {
  const now = nowStored()
  const res = statement(
    db,
    `INSERT INTO files (id, item_id, "order", filename, original_filename, size, authentication, mime_type, type_os, has_derivative_image, stored, added, modified, metadata)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id ?? null,
    f.itemId,
    f.order,
    f.filename,
    f.originalFilename,
    f.size,
    f.authentication,
    f.mimeType,
    f.typeOs,
    f.hasDerivativeImage ? 1 : 0,
    f.stored === false ? 0 : 1,
    f.added ?? now,
    f.modified ?? now,
    f.metadata,
  )
  const newId = Number(res.lastInsertRowid)
  if (f.elementTexts) replaceElementTexts(db, 'File', newId, f.elementTexts)
  return newId
}

export function updateFile(
  db: Db,
  id: number,
  patch: { order?: number | null; elementTexts?: ElementTextInput[]; modified?: string },
): void {
  const sets = ['modified = ?']
  const args: unknown[] = [patch.modified ?? nowStored()]
  if (patch.order !== undefined) sets.push('"order" = ?') && args.push(patch.order)
  db.$client.prepare(`UPDATE files SET ${sets.join(', ')} WHERE id = ?`).run(...args, id)
  if (patch.elementTexts) replaceElementTexts(db, 'File', id, patch.elementTexts)
}

export function deleteFileRecord(db: Db, id: number): void {
  deleteElementTexts(db, 'File', id)
  statement(db, 'DELETE FROM files WHERE id = ?').run(id)
}
