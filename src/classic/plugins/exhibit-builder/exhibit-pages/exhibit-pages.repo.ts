import type { Db } from '../../../db/client.js'
import type { Actor } from '../../../acl.js'
import { scalarParam, type PhpArray } from '../../../../core/http/php-query.js'
import { Where, sortDirection } from '../../../shared.js'
import { sortableColumn } from '../../../sorting.js'
import { exhibitVisibility } from '../exhibits/exhibits.repo.js'

export interface PageRow {
  id: number
  exhibitId: number
  parentId: number | null
  title: string
  slug: string
  order: number
}

export interface BlockRow {
  id: number
  pageId: number
  layout: string
  /** The stored JSON text, or null (text blocks). */
  options: string | null
  text: string | null
  order: number
}

export interface AttachmentRow {
  id: number
  blockId: number
  itemId: number
  fileId: number | null
  caption: string | null
  order: number
}

export interface PageRelations {
  blocks: Map<number, BlockRow[]>
  attachments: Map<number, AttachmentRow[]>
}

const SELECT = `SELECT p.id, p.exhibit_id AS exhibitId, p.parent_id AS parentId, p.title, p.slug, p."order" FROM exhibit_pages p JOIN exhibits e ON e.id = p.exhibit_id`
const COLUMNS = ['id', 'exhibit_id', 'parent_id', 'title', 'short_title', 'slug', 'order'] as const
const TEXT_COLUMNS = new Set(['title', 'short_title', 'slug'])
const WHOLE = /^\s*\d+\s*$/

/** One page of an exhibit the caller may see, or undefined. */
export function findPage(db: Db, id: number, actor: Actor | null): PageRow | undefined {
  const w = exhibitVisibility(new Where().add('p.id = ?', id), actor)
  return db.$client.prepare<unknown[], PageRow>(`${SELECT} ${w.sql()}`).get(...w.args)
}

/** Pages that attach an item (in a block of theirs), whatever else is asked. */
export function pagesWithItem(w: Where, itemId: number): Where {
  return w.add(
    'p.id IN (SELECT b.page_id FROM exhibit_page_blocks b JOIN exhibit_block_attachments a ON a.block_id = b.id WHERE a.item_id = ?)',
    itemId,
  )
}

/**
 * The WHERE of Table_ExhibitPage::applySearchFilters; each filter applies when the parameter is
 * present. `exhibit`/`parent` ignore non-numbers as ExhibitBuilder does; a non-numeric `order` or
 * `item` matches nothing (ExhibitBuilder compares `order` as a string: docs/compatibility.md).
 */
export function pagesWhere(query: PhpArray, actor: Actor | null, bugCompat = false): Where {
  const w = exhibitVisibility(new Where(), actor)
  const text = (name: string) => {
    const v = query.get(name)
    return typeof v === 'string' ? v : undefined
  }
  const exhibit = text('exhibit')
  if (exhibit !== undefined && WHOLE.test(exhibit)) w.add('p.exhibit_id = ?', Number(exhibit))
  const parent = text('parent')
  if (parent !== undefined && WHOLE.test(parent)) w.add('p.parent_id = ?', Number(parent))
  if (query.has('topOnly')) w.add('p.parent_id IS NULL')
  const order = text('order')
  // Bug-compatible: MariaDB casts a non-numeric string compared with the integer column to 0.
  if (order !== undefined)
    w.add('p."order" = ?', /^\s*-?\d+\s*$/.test(order) ? Number(order) : bugCompat ? parseInt(order, 10) || 0 : null)
  const item = text('item')
  if (item !== undefined) {
    if (WHOLE.test(item)) pagesWithItem(w, Number(item))
    else w.add('0 = 1')
  }
  return w
}

/** ORDER BY for `sort_field` (any column of the table); id ASC by default. */
export function pagesOrder(query: PhpArray): string {
  const column = sortableColumn(scalarParam(query, 'sort_field') ?? '', COLUMNS)
  if (!column) return 'p.id ASC'
  const dir = sortDirection(query)
  // Observed: ties come out in id order of the same direction.
  return `p."${column}"${TEXT_COLUMNS.has(column) ? ' COLLATE NOCASE' : ''} ${dir}, p.id ${dir}`
}

/** How many pages match (for an item's `extended_resources`). */
export function countPages(db: Db, where: Where): number {
  return db.$client
    .prepare<unknown[], { n: number }>(
      `SELECT COUNT(*) AS n FROM exhibit_pages p JOIN exhibits e ON e.id = p.exhibit_id ${where.sql()}`,
    )
    .get(...where.args)!.n
}

/** A page of pages with the total count. */
export function searchPages(
  db: Db,
  where: Where,
  order: string,
  page: number,
  perPage: number,
): { rows: PageRow[]; total: number } {
  const rows = db.$client
    .prepare<unknown[], PageRow>(`${SELECT} ${where.sql()} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(...where.args, perPage, (page - 1) * perPage)
  return { rows, total: countPages(db, where) }
}

/** Blocks of these pages and attachments of those blocks, each list in its stored order. */
export function loadPageRelations(db: Db, pageIds: readonly number[]): PageRelations {
  const blocks = new Map<number, BlockRow[]>()
  const attachments = new Map<number, AttachmentRow[]>()
  const blockRows = db.$client
    .prepare<unknown[], BlockRow>(
      `SELECT id, page_id AS pageId, layout, options, text, "order" FROM exhibit_page_blocks WHERE page_id IN (SELECT value FROM json_each(?)) ORDER BY "order", id`,
    )
    .all(JSON.stringify(pageIds))
  for (const b of blockRows) blocks.set(b.pageId, [...(blocks.get(b.pageId) ?? []), b])
  const attRows = db.$client
    .prepare<unknown[], AttachmentRow>(
      `SELECT id, block_id AS blockId, item_id AS itemId, file_id AS fileId, caption, "order" FROM exhibit_block_attachments
       WHERE block_id IN (SELECT value FROM json_each(?)) ORDER BY "order", id`,
    )
    .all(JSON.stringify(blockRows.map((b) => b.id)))
  for (const a of attRows) attachments.set(a.blockId, [...(attachments.get(a.blockId) ?? []), a])
  return { blocks, attachments }
}

export type PageFields = Omit<PageRow, 'id'>
export type BlockFields = Omit<BlockRow, 'id'>
export type AttachmentFields = Omit<AttachmentRow, 'id'>

/** Inserts a page (its parent must exist already) and returns its id. */
export function insertPage(db: Db, f: PageFields, id: number | null = null): number {
  const res = db.$client
    .prepare('INSERT INTO exhibit_pages (id, exhibit_id, parent_id, title, slug, "order") VALUES (?, ?, ?, ?, ?, ?)')
    .run(id, f.exhibitId, f.parentId, f.title, f.slug, f.order)
  return Number(res.lastInsertRowid)
}

export function updatePage(db: Db, id: number, f: PageFields): void {
  db.$client
    .prepare('UPDATE exhibit_pages SET exhibit_id = ?, parent_id = ?, title = ?, slug = ?, "order" = ? WHERE id = ?')
    .run(f.exhibitId, f.parentId, f.title, f.slug, f.order, id)
}

export function insertBlock(db: Db, f: BlockFields, id: number | null = null): number {
  const res = db.$client
    .prepare('INSERT INTO exhibit_page_blocks (id, page_id, layout, options, text, "order") VALUES (?, ?, ?, ?, ?, ?)')
    .run(id, f.pageId, f.layout, f.options, f.text, f.order)
  return Number(res.lastInsertRowid)
}

export function insertAttachment(db: Db, f: AttachmentFields, id: number | null = null): number {
  const res = db.$client
    .prepare(
      'INSERT INTO exhibit_block_attachments (id, block_id, item_id, file_id, caption, "order") VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(id, f.blockId, f.itemId, f.fileId, f.caption, f.order)
  return Number(res.lastInsertRowid)
}

/** Removes a page's blocks and their attachments (before writing them again). */
export function deletePageBlocks(db: Db, pageId: number): void {
  db.$client.prepare('DELETE FROM exhibit_page_blocks WHERE page_id = ?').run(pageId)
}
